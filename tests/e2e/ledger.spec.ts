// The public ledger in the browser, without JavaScript: a city's entries, filtering and paging by
// plain links and GET forms, the downloadable chain that verifies, and the verifier page; axe on
// both pages in all six languages. The entries are appended to a city made for this test, the way
// the services append them (appendLedger inside a transaction).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Browser } from '@playwright/test';
import { LOCALES, axeOn } from './fixtures.ts';
import { openDatabase } from '../../src/lib/server/db/database.ts';
import { insertCity } from '../../src/lib/server/cities/cities.repository.ts';
import { newCityRow } from '../../src/lib/server/cities/city-row.ts';
import { appendLedger, readLedgerHead } from '../../src/lib/server/ledger/ledger.service.ts';
import { verifyLedgerDocument } from '../../src/lib/server/ledger/ledger-document.ts';
import { NODE_VERIFIER } from '../../src/routes/ledger/verify/snippets.ts';

const run = Date.now().toString(36);
const SLUG = `ledgerton-${run}`;
const NAME = `Ledgerton ${run}`;
const LEDGER = `/cities/${SLUG}/ledger`;
const UPDATES = 58;
const TOTAL = 3 + UPDATES + 1;
let head: { seq: number; hash: string };

test.beforeAll(async () => {
	const database = await openDatabase({ dialect: 'sqlite', path: path.join(process.env.E2E_DATA_DIR!, 'rightscity.sqlite') });
	try {
		const city = newCityRow({ name: NAME, slug: SLUG, countryCode: 'NZ', latitude: -41.29, longitude: 174.78, year: 2026, process: 'formal' });
		await insertCity(database.db, city, []);
		const append = (entry: Omit<Parameters<typeof appendLedger>[1], 'cityId' | 'actor'>) =>
			database.db.transaction().execute((trx) => appendLedger(trx, { cityId: city.id, actor: null, ...entry }));
		await append({ actorRole: 'city_admin', entityType: 'declaration', entityId: 'd-1', entityRef: 'D-1', action: 'create', change: { title: [null, { en: 'Ledgerton declaration', es: 'Declaración de Ledgerton' }] } });
		await append({
			actorRole: 'city_admin',
			entityType: 'commitment',
			entityId: 'c-1',
			entityRef: 'C-1',
			action: 'create',
			change: { title: [null, { en: 'Decent housing for everyone', es: 'Vivienda digna para todas las personas', ar: 'سكن لائق للجميع' }], tags: [null, ['udhr:25', 'sdg:11.1']] }
		});
		await append({ actorRole: 'officer', entityType: 'action', entityId: 'a-14', entityRef: 'A-2026-014', action: 'create', change: { title: [null, { en: 'Open a housing advice desk' }], progress: [null, 0], status: [null, 'planned'] } });
		for (let index = 0; index < UPDATES; index += 1) {
			await append({ actorRole: 'officer', entityType: 'action', entityId: 'a-14', entityRef: 'A-2026-014', action: 'update', change: { progress: [index, index + 1] } });
		}
		await append({ actorRole: 'city_admin', entityType: 'action', entityId: 'a-15', entityRef: 'A-2026-015', action: 'delete', change: { deleted_at: [null, new Date().toISOString()] } });
		head = await readLedgerHead(database.db, city.id);
	} finally {
		await database.close();
	}
});

test.describe('the public ledger without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('shows the newest entries with their record, role, change and hashes, and the head', async ({ page }) => {
		await page.goto(`${LEDGER}?lang=en`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Public ledger of ${NAME}`);
		await expect(page.locator('#results')).toHaveText(`Showing entries ${TOTAL} to ${TOTAL - 49}.`);
		await expect(page.locator('.ledger-entry')).toHaveCount(50);
		expect(head.seq).toBe(TOTAL);
		await expect(page.locator('.ledger-head')).toContainText(head.hash);
		const newest = page.locator(`#entry-${TOTAL}`);
		await expect(newest.getByRole('heading', { level: 3 })).toHaveText(`#${TOTAL} · Deleted · Action A-2026-015`);
		await expect(newest).toContainText('City administrator');
		await expect(newest).toContainText(head.hash.slice(0, 12));
		const update = page.locator(`#entry-${TOTAL - 1}`);
		await expect(update.getByRole('link', { name: 'A-2026-014' })).toHaveAttribute('href', `/cities/${SLUG}/actions/A-2026-014`);
		await expect(update.locator('.ledger-change')).toHaveText(/Progress \(%\)\s+progress:\s+57\s+→\s*changed to\s*58/);
		// The full hashes and the raw change are one click away, without JavaScript.
		await update.locator('summary').click();
		await expect(update.locator('.ledger-json')).toContainText('"progress"');
		await expect(page.getByRole('link', { name: 'How to check the ledger yourself' })).toHaveAttribute('href', '/ledger/verify');
	});

	test('filters by kind, reference and dates with the GET form, in the reader’s language', async ({ page }) => {
		await page.goto(`${LEDGER}?lang=es`);
		await page.getByLabel('Tipo de elemento').selectOption('commitment');
		await page.getByRole('button', { name: 'Mostrar entradas' }).click();
		await expect(page).toHaveURL(/type=commitment/);
		await expect(page.locator('.ledger-entry')).toHaveCount(1);
		await expect(page.locator('#entry-2')).toContainText('Vivienda digna para todas las personas');
		await expect(page.locator('#entry-2')).toContainText('udhr:25, sdg:11.1');

		await page.goto(`${LEDGER}?lang=en`);
		await page.getByLabel('Reference').fill('a-2026-014');
		await page.getByLabel('Change', { exact: true }).selectOption('create');
		await page.getByRole('button', { name: 'Show entries' }).click();
		await expect(page.locator('.ledger-entry')).toHaveCount(1);
		await expect(page.locator('#entry-3 .ledger-change')).toContainText('Open a housing advice desk');

		await page.goto(`${LEDGER}?to=2020-12-31`);
		await expect(page.locator('#results')).toHaveText('No entry matches these filters.');
		const today = new Date().toISOString().slice(0, 10);
		await page.goto(`${LEDGER}?from=${today}&type=declaration`);
		await expect(page.locator('.ledger-entry')).toHaveCount(1);
	});

	test('reports a bad filter on its field and still applies the others', async ({ page }) => {
		await page.goto(`${LEDGER}?lang=en&type=commitment&from=2026-02-30&ref=${'x'.repeat(120)}`);
		await expect(page.locator('.error-summary')).toContainText('Enter a valid start date (year-month-day), for example 2026-01-31.');
		await expect(page.locator('#from-error')).toHaveText('Enter a valid start date (year-month-day), for example 2026-01-31.');
		await expect(page.locator('#ref-error')).toHaveText('A reference has at most 100 characters.');
		await expect(page.getByLabel('From')).toHaveAttribute('aria-invalid', 'true');
		await expect(page.getByLabel('Reference')).toHaveAttribute('aria-invalid', 'true');
		await expect(page.getByLabel('Kind of record')).toHaveValue('commitment');
		await expect(page.locator('.ledger-entry')).toHaveCount(1);
		// The summary lists the problems in the order of the form, each linking to its field.
		await expect(page.locator('.error-summary a')).toHaveText(['A reference has at most 100 characters.', 'Enter a valid start date (year-month-day), for example 2026-01-31.']);
		await page.locator('.error-summary a').last().click();
		await expect(page).toHaveURL(/#filter-from$/);
	});

	test('pages to older and back to newer entries by links', async ({ page }) => {
		await page.goto(`${LEDGER}?lang=en`);
		await page.getByRole('link', { name: 'Older entries' }).click();
		await expect(page).toHaveURL(new RegExp(`before=${TOTAL - 49}$`));
		await expect(page.locator('#results')).toHaveText(`Showing entries ${TOTAL - 50} to 1.`);
		await expect(page.getByRole('link', { name: 'Older entries' })).toHaveCount(0);
		await page.getByRole('link', { name: 'Newer entries' }).click();
		await expect(page.locator('#results')).toHaveText(`Showing entries ${TOTAL} to ${TOTAL - 49}.`);
		await expect(page.getByRole('link', { name: 'Newer entries' })).toHaveCount(0);

		await page.goto(`${LEDGER}?lang=en&ref=A-2026-014&before=40`);
		await expect(page.locator('#results')).toHaveText('Showing entries 39 to 3.');
		await page.getByRole('link', { name: 'Newer entries' }).click();
		await expect(page).toHaveURL(/ref=A-2026-014&after=39/);
		await expect(page.locator('#results')).toHaveText(`Showing entries ${TOTAL - 1} to ${TOTAL - 50}.`);
	});

	test('downloads the whole chain as JSON that verifies, also with the verifier the page shows', async ({ page }) => {
		await page.goto(`${LEDGER}?lang=en`);
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the whole ledger (JSON)' }).click()]);
		expect(download.suggestedFilename()).toBe(`${SLUG}-ledger-${TOTAL}.json`);
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rightscity-ledger-e2e-'));
		try {
			const file = path.join(dir, 'ledger.json');
			await download.saveAs(file);
			const document = JSON.parse(fs.readFileSync(file, 'utf8')) as { city: { slug: string }; entries: unknown[] };
			expect(document.city.slug).toBe(SLUG);
			expect(verifyLedgerDocument(document)).toMatchObject({ ok: true, entries: TOTAL, lastHash: head.hash });
			const script = path.join(dir, 'verify-ledger.mjs');
			fs.writeFileSync(script, NODE_VERIFIER);
			const result = spawnSync(process.execPath, [script, file], { encoding: 'utf8' });
			expect(result.stdout.trim()).toBe(`OK: ${TOTAL} entries, head ${head.hash}`);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});

	test('the verifier page shows the very verifier that the tests run', async ({ page }) => {
		await page.goto('/ledger/verify?lang=en');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check a ledger yourself');
		expect(await page.getByRole('region', { name: 'Verifier in JavaScript for Node.js' }).textContent()).toBe(NODE_VERIFIER);
		await expect(page.getByRole('region', { name: 'Verifier in Python' })).toContainText('parse_float=Num');
		await expect(page.locator('main')).toContainText('npx rightscity verify-ledger --city <slug>');
	});
});

/** axe on a page as it is without JavaScript, with one entry's details opened so its content is checked too. */
async function axeWithoutJs(browser: Browser, url: string) {
	// axe itself runs as a script, so the page is opened with scripts allowed; it ships none
	// (csr = false), which the first check proves, so this is the page a reader without JavaScript gets.
	const context = await browser.newContext();
	try {
		const page = await context.newPage();
		const response = await page.goto(url);
		expect(response?.status(), url).toBe(200);
		expect(await page.locator('script').count(), `${url} ships no script`).toBe(0);
		const summary = page.locator('details summary').first();
		if (await summary.count()) await summary.click();
		return await axeOn(page);
	} finally {
		await context.close();
	}
}

test.describe('accessibility of the ledger pages', () => {
	// A ledger page holds 50 entries: axe takes its time over them.
	test.setTimeout(90_000);

	for (const locale of LOCALES) {
		test(`the ledger page and the verifier page have no axe violations in ${locale}`, async ({ browser }) => {
			expect(await axeWithoutJs(browser, `${LEDGER}?lang=${locale}`), `${LEDGER} in ${locale}`).toEqual([]);
			expect(await axeWithoutJs(browser, `/ledger/verify?lang=${locale}`), `/ledger/verify in ${locale}`).toEqual([]);
		});
	}

	test('the ledger page with filter errors has no axe violations', async ({ browser }) => {
		expect(await axeWithoutJs(browser, `${LEDGER}?lang=ar&type=nothing&from=2026-02-30&before=x`)).toEqual([]);
	});
});
