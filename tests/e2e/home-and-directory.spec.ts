import { expect, test } from '@playwright/test';

test.describe('home page', () => {
	test('the map links every city, and a dot opens the city profile', async ({ page }) => {
		await page.goto('/');
		// Every city of the list below the map has its dot (other tests may have added cities).
		const listed = await page.locator('.card-list a[href^="/cities/"]').count();
		expect(listed).toBeGreaterThanOrEqual(39);
		await expect(page.locator('svg.world-map a[href^="/cities/"]')).toHaveCount(listed);
		await page.locator('svg.world-map a[href="/cities/york"]').click();
		await expect(page).toHaveURL(/\/cities\/york$/);
		// The admin test renames York ("City of York") alongside.
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(/York/);
	});

	test('a city dot on the map is reachable with the keyboard', async ({ page }) => {
		await page.goto('/');
		const york = page.locator('svg.world-map a[href="/cities/york"]');
		for (let i = 0; i < 80; i++) {
			await page.keyboard.press('Tab');
			if (await york.evaluate((element) => element === document.activeElement)) break;
		}
		await expect(york).toBeFocused();
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(/\/cities\/york$/);
	});

	test('the home page shows the network counts', async ({ page }) => {
		await page.goto('/');
		const listed = await page.locator('.card-list a[href^="/cities/"]').count();
		await expect(page.locator('.stats dd').first()).toHaveText(String(listed));
		await expect(page.locator('.stats')).toContainText('1997');
	});
});

test.describe('directory without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('filters by country and process with a plain form submit', async ({ page }) => {
		await page.goto('/cities');
		await expect(page.locator('#results')).toHaveText(/^\d+ cities match\.$/);
		await page.getByLabel('Country').selectOption('SE');
		await page.getByRole('button', { name: 'Apply' }).click();
		await expect(page).toHaveURL(/country=SE/);
		// Sweden's two cities of the directory (other tests may add cities alongside: only Swedish rows).
		await expect(page.locator('tbody tr').filter({ hasText: /Lund|Piteå/ })).toHaveCount(2);
		await expect(page.locator('tbody tr').filter({ hasNotText: 'Sweden' })).toHaveCount(0);
		await page.getByLabel('Process').selectOption('informal');
		await page.getByRole('button', { name: 'Apply' }).click();
		await expect(page.locator('#results')).toHaveText('No city matches these filters.');
	});

	test('pages through the directory with next and previous links', async ({ page }) => {
		await page.goto('/cities?sort=-year&limit=10');
		const first = await page.locator('tbody tr th').first().textContent();
		await page.getByRole('link', { name: 'Next page' }).click();
		await expect(page.locator('tbody tr')).toHaveCount(10);
		await page.getByRole('link', { name: 'Previous page' }).click();
		await expect(page.locator('tbody tr th').first()).toHaveText(first ?? '');
	});

	test('shows a bad year next to its field and keeps the other filters', async ({ page }) => {
		await page.goto('/cities?from=12&region=europe');
		await expect(page.locator('#from-error')).toHaveText('Enter a year from 1900 to 2100.');
		await expect(page.getByLabel('Since year')).toHaveAttribute('aria-invalid', 'true');
		await expect(page.getByLabel('Region')).toHaveValue('europe');
	});

	test('an unknown city is a 404 page in the reader’s language', async ({ page }) => {
		const response = await page.goto('/cities/atlantis?lang=es');
		expect(response?.status()).toBe(404);
		await expect(page.locator('html')).toHaveAttribute('lang', 'es');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Página no encontrada');
	});
});
