// Indicators in a browser, without JavaScript: York's admin defines an indicator, imports its
// data from a CSV file through the admin UI and finds the charts and tables on the public page;
// a bad file lists its problems by row and column in the reader's language and imports nothing;
// 20 years × 50 groups stay a light page; axe finds nothing on any indicator page in six languages.
import path from 'node:path';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { openDatabase } from '../../src/lib/server/db/database.ts';
import { createAdmin } from '../../src/lib/server/accounts/roles.service.ts';
import { startSession } from '../../src/lib/server/accounts/sessions.service.ts';
import { CITY_A } from './actors.ts';
import { LOCALES, axeOn } from './fixtures.ts';

const run = Date.now().toString(36);
const ADMIN = `/admin/${CITY_A}/indicators`;
const PUBLIC = `/cities/${CITY_A}/indicators`;

let adminToken: Promise<string> | undefined;

/**
 * A session of a York admin of this spec's own (the matrix's actors sign out at its end, and a
 * worker may run both specs).
 */
function yorkAdmin(): Promise<string> {
	adminToken ??= (async () => {
		const database = await openDatabase({ dialect: 'sqlite', path: path.join(process.env.E2E_DATA_DIR!, 'rightscity.sqlite') });
		try {
			const { personId } = await createAdmin(database.db, { email: `indicators-${run}@example.org`, role: 'city_admin', citySlug: CITY_A, displayName: 'Indicators admin' });
			return (await startSession(database.db, personId, { ip: '127.0.0.1', userAgent: 'indicators e2e' })).token;
		} finally {
			await database.close();
		}
	})();
	return adminToken;
}

/**
 * A browser context signed in with the given session token (or anonymous), without JavaScript
 * unless asked: axe runs as a script, so its contexts allow scripts (the pages have none).
 */
async function contextWith(browser: Browser, baseURL: string, token: string | null, javaScriptEnabled = false): Promise<BrowserContext> {
	const context = await browser.newContext({ javaScriptEnabled });
	if (token) await context.addCookies([{ name: 'session', value: token, domain: new URL(baseURL).hostname, path: '/', httpOnly: true, secure: false, sameSite: 'Lax' }]);
	return context;
}

async function axeOf(page: Page) {
	return axeOn(page);
}

/** Defines an indicator through the "new indicator" form; lands on its admin page. */
async function defineIndicator(page: Page, code: string, title: string, dimensions: string): Promise<void> {
	await page.goto(`${ADMIN}/new?lang=en`);
	await page.locator('#ind-code').fill(code);
	await page.locator('#ind-title').fill(title);
	await page.locator('#ind-type-outcome').check();
	await page.locator('#ind-unit').selectOption('percent');
	await page.locator('#ind-direction-lower_is_better').check();
	await page.locator('#ind-dimensions').fill(dimensions);
	await page.locator('#ind-baseline-value').fill('20');
	await page.locator('#ind-baseline-period').fill('2005');
	await page.locator('#ind-target-value').fill('10');
	await page.locator('#ind-target-period').fill('2030');
	await page.getByRole('button', { name: 'Create the indicator' }).click();
	await expect(page).toHaveURL(new RegExp(`${ADMIN}/${code.replace(/\./g, '\\.')}\\?created=1$`));
}

/** Uploads one CSV file on the import page (format recognised from the header). */
async function importFile(page: Page, name: string, content: string, lang = 'en'): Promise<void> {
	await page.goto(`${ADMIN}/import?lang=${lang}`);
	await page.locator('#import-files').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content, 'utf8') });
	await page.locator('form[action="?/upload"] button[type=submit]').click();
}

test.describe.configure({ timeout: 180_000 });

test('an admin imports a CSV through the admin pages and sees the chart and the table on the public page', async ({ browser, baseURL }) => {
	const token = await yorkAdmin();
	const context = await contextWith(browser, baseURL!, token);
	const page = await context.newPage();
	const code = `e2e.poverty-${run}`;
	await defineIndicator(page, code, 'Households below the poverty line (e2e)', 'sex: female, male');

	// Open SDG, as a spreadsheet saves it: with a byte-order mark and CRLF line ends.
	const csv = '\uFEFFYear,sex,Units,Value\r\n2021,,percent,18.5\r\n2021,female,percent,19.5\r\n2021,male,percent,17.5\r\n2022,,percent,17\r\n2022,female,percent,19\r\n2022,male,percent,15\r\n2023,,percent,16.25\r\n2023,female,percent,18.75\r\n2023,male,percent,13.75\r\n';
	await importFile(page, `${code}.csv`, csv);
	await expect(page.locator('.admin-success[role=status]')).toContainText('The files were imported.');
	const row = page.locator('table tbody tr').first();
	await expect(row.locator('th')).toHaveText(`${code}.csv`);
	await expect(row.locator('td').nth(1)).toHaveText('9');
	await expect(row.locator('td').nth(2)).toHaveText('9');

	// The same file again changes nothing.
	await importFile(page, `${code}.csv`, csv);
	await expect(row.locator('td').nth(2)).toHaveText('0');
	await expect(row.locator('td').nth(4)).toHaveText('9');

	await page.goto(`${PUBLIC}/${code}?lang=en`);
	await expect(page.locator('h1')).toHaveText('Households below the poverty line (e2e)');
	const line = page.locator('figure svg[role=img]').first();
	await expect(line.locator('title')).toHaveText('Households below the poverty line (e2e) over time');
	await expect(line.locator('path.chart-line')).toHaveCount(3);
	const table = page.locator('table', { has: page.locator('caption', { hasText: 'values by period' }) });
	await expect(table.locator('thead th')).toHaveText(['Period', 'Total', 'Female', 'Male']);
	await expect(table.locator('tbody tr').last()).toContainText('16.25%');
	// The score shows its formula: (16.25 − 20) ÷ (10 − 20) × 100 = 37.5.
	await expect(page.locator('.indicator-score')).toContainText('37.5');
	// The gap of women to the total widened every year (1 → 2 → 2.5 points).
	await expect(page.locator('svg[role=img] title', { hasText: 'gaps by Sex' })).toHaveCount(1);
	await expect(page.locator('td.widened')).toHaveCount(2);
	await context.close();
});

test('a bad file lists its problems by row and column in the reader’s language and imports nothing', async ({ browser, baseURL }) => {
	const token = await yorkAdmin();
	const context = await contextWith(browser, baseURL!, token);
	const page = await context.newPage();
	const code = `e2e.bad-${run}`;
	await defineIndicator(page, code, 'Rejected import (e2e)', 'sex: female, male');
	const bad = 'Year,sex,Units,Value\n2023,,percent,17\n2023,female,percent,abc\n2023,other,percent,12\n';
	await importFile(page, `${code}.csv`, bad, 'es');
	await expect(page.locator('.error-summary')).toBeVisible();
	await expect(page.locator('#import-problems-heading')).toHaveText('Problemas en los archivos');
	const problems = page.locator('#import-problems li');
	await expect(problems).toHaveCount(2);
	await expect(problems.nth(0)).toContainText(`${code}.csv`);
	await expect(problems.nth(0)).toContainText('Value');
	await expect(problems.nth(0)).toContainText('abc');
	await expect(problems.nth(1)).toContainText('sex');
	await expect(problems.nth(1)).toContainText('other');
	const scripted = await contextWith(browser, baseURL!, token, true);
	const axePage = await scripted.newPage();
	await importFile(axePage, `${code}.csv`, bad, 'ar');
	await expect(axePage.locator('#import-problems li')).toHaveCount(2);
	expect(await axeOf(axePage)).toEqual([]);
	await scripted.close();

	// Not even the valid first row was imported.
	await page.goto(`${ADMIN}/${code}?lang=en`);
	await expect(page.getByText('No values have been recorded yet.')).toBeVisible();
	await context.close();
});

test('20 years × 50 groups stay a light, readable page', async ({ browser, baseURL }) => {
	const token = await yorkAdmin();
	const context = await contextWith(browser, baseURL!, token);
	const page = await context.newPage();
	const code = `e2e.districts-${run}`;
	const districts = Array.from({ length: 50 }, (_, i) => `d${String(i + 1).padStart(2, '0')}`);
	await defineIndicator(page, code, 'Overcrowded homes by district (e2e)', `district: ${districts.join(', ')}`);
	let csv = 'Year,district,Units,Value\n';
	for (let year = 2005; year <= 2024; year++) {
		const t = year - 2005;
		csv += `${year},,percent,${(20 - t * 0.3).toFixed(2)}\n`;
		districts.forEach((district, i) => (csv += `${year},${district},percent,${(20 - t * 0.3 + ((i % 10) - 5) * (1 + t / 20)).toFixed(2)}\n`));
	}
	await importFile(page, `${code}.csv`, csv);
	await expect(page.locator('table tbody tr').first().locator('td').nth(2)).toHaveText('1,020');

	const response = await page.request.get(`${PUBLIC}/${code}?lang=en`, { headers: { 'accept-encoding': 'gzip' } });
	expect(response.status()).toBe(200);
	const gzipped = Number(response.headers()['content-length']);
	const html = (await response.body()).byteLength;
	console.log(`indicator page, 20 years × 50 groups: ${html} bytes, ${gzipped} bytes gzipped`);
	expect(gzipped).toBeLessThan(40_000);

	await page.goto(`${PUBLIC}/${code}?lang=en`);
	// The line chart draws the total only (50 groups would be a tangle); the gap chart the 5 largest.
	await expect(page.locator('figure').first().locator('svg[role=img] path.chart-line')).toHaveCount(1);
	await expect(page.getByText('The chart draws the 5 largest gaps of 50 groups; the table lists them all.')).toBeVisible();
	await expect(page.locator('table', { has: page.locator('caption', { hasText: 'Gap to the total' }) }).locator('tbody tr')).toHaveCount(50);
	const scripted = await contextWith(browser, baseURL!, null, true);
	const axePage = await scripted.newPage();
	await axePage.goto(`${PUBLIC}/${code}?lang=ar`);
	expect(await axeOf(axePage)).toEqual([]);
	await scripted.close();
	await context.close();
});

const PUBLIC_PAGES = [
	PUBLIC,
	`${PUBLIC}?by=status`,
	`${PUBLIC}/living.child-poverty`,
	`${PUBLIC}/living.child-poverty?chosen=1&show=age%3D0-4&dim=age`,
	'/cities/gwangju/indicators/housing.public-rental-share',
	'/cities/gwangju/indicators/health.dementia-screening',
	'/network/indicators',
	'/network/indicators/health.healthy-life-expectancy'
];
const ADMIN_PAGES = [ADMIN, `${ADMIN}/new`, `${ADMIN}/living.child-poverty`, `${ADMIN}/import`];

for (const locale of LOCALES) {
	test(`axe finds no violations on the indicator pages in ${locale}`, async ({ browser, baseURL }) => {
		const admin = await yorkAdmin();
		const problems: Record<string, unknown> = {};
		for (const [token, paths] of [
			[null, PUBLIC_PAGES],
			[admin, ADMIN_PAGES]
		] as const) {
			const context = await contextWith(browser, baseURL!, token, true);
			const page = await context.newPage();
			for (const address of paths) {
				const url = `${address}${address.includes('?') ? '&' : '?'}lang=${locale}`;
				const response = await page.goto(url);
				expect(response?.status(), url).toBe(200);
				const violations = await axeOf(page);
				if (violations.length > 0) problems[url] = violations;
			}
			// A form with errors: the summary, the field errors and their descriptions.
			if (token) {
				await page.goto(`${ADMIN}/living.child-poverty?lang=${locale}`);
				await page.locator('#obs-period').fill('soon');
				await page.locator('#observation-form button[type=submit]').click();
				await expect(page.locator('.error-summary')).toBeVisible();
				const violations = await axeOf(page);
				if (violations.length > 0) problems[`record with errors (${locale})`] = violations;
			}
			await context.close();
		}
		expect(problems).toEqual({});
	});
}
