import { expect, test } from '@playwright/test';

test.describe('languages', () => {
	test.use({ javaScriptEnabled: false });

	test('switching to Arabic gives a right-to-left page and the choice sticks', async ({ page }) => {
		await page.goto('/');
		await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
		await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'العربية' }).click();
		await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
		await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
		// The cookie keeps Arabic on the next page without ?lang=.
		await page.goto('/cities');
		await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
		// The layout mirrors: the brand sits at the right edge in RTL.
		const box = await page.locator('.brand').boundingBox();
		const width = page.viewportSize()?.width ?? 1280;
		expect(box!.x + box!.width).toBeGreaterThan(width / 2);
	});

	test('an unsupported ?lang= falls back without an error', async ({ page }) => {
		const response = await page.goto('/?lang=xx');
		expect(response?.status()).toBe(200);
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	});

	test('Accept-Language picks the first supported language', async ({ browser }) => {
		const context = await browser.newContext({ locale: 'ko-KR', javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto('/');
		await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
		await context.close();
	});

	test('every page sends the security headers', async ({ request }) => {
		for (const path of ['/', '/cities', '/cities/york', '/rights', '/nowhere']) {
			const response = await request.get(path);
			const headers = response.headers();
			expect(headers['content-security-policy'], path).toContain("script-src 'self'");
			expect(headers['content-security-policy'], path).not.toContain('unsafe-inline');
			expect(headers['x-content-type-options'], path).toBe('nosniff');
			expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
		}
	});

	test('health check reports the database', async ({ request }) => {
		const response = await request.get('/healthz');
		expect(response.status()).toBe(200);
		expect(await response.json()).toMatchObject({ status: 'ok', database: { dialect: 'sqlite', ok: true } });
	});
});
