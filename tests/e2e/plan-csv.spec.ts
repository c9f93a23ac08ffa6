// The action plan as CSV in a browser: anyone downloads York's demo plan; York's admin uploads a
// file with mistakes into an empty plan and reads each problem by row and column in Korean
// (nothing saved), then uploads the demo plan's export and gets the same plan; the import page is
// axe-clean in all six languages, with and without the problem table.
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { CITY_A, freshToken } from './actors.ts';
import { LOCALES, axeOn } from './fixtures.ts';
import { openDatabase } from '../../src/lib/server/db/database.ts';
import { findCityBySlug } from '../../src/lib/server/cities/cities.repository.ts';
import { networkAdminActor } from '../../src/lib/server/testing/commitment-factories.ts';
import { createPlan } from '../../src/lib/server/commitments/plans.service.ts';
import { PLAN_CSV_COLUMNS } from '../../src/lib/server/commitments/plan-csv.ts';

/** A new, empty plan in York (the admin pages to make one belong to another part of the app). */
async function emptyPlan(): Promise<string> {
	const database = await openDatabase({ dialect: 'sqlite', path: path.join(process.env.E2E_DATA_DIR!, 'rightscity.sqlite') });
	try {
		const york = (await findCityBySlug(database.db, CITY_A))!;
		return (await createPlan(database.db, await networkAdminActor(database.db), york.id, { title: { en: 'Imported plan' }, periodStart: 2025, periodEnd: 2028 })).ref;
	} finally {
		await database.close();
	}
}

async function adminPage(browser: Browser, baseURL: string): Promise<Page> {
	const token = await freshToken('adminA');
	const context = await browser.newContext({
		storageState: { cookies: [{ name: 'session', value: token, domain: new URL(baseURL).hostname, path: '/', expires: -1, httpOnly: true, secure: false, sameSite: 'Lax' }], origins: [] }
	});
	return context.newPage();
}

async function axeOf(page: Page) {
	return axeOn(page);
}

const csv = (rows: Record<string, string>[]) => [PLAN_CSV_COLUMNS.join(','), ...rows.map((row) => PLAN_CSV_COLUMNS.map((column) => row[column] ?? '').join(','))].join('\r\n') + '\r\n';

test('anyone downloads a plan as a CSV file', async ({ request }) => {
	const response = await request.get(`/cities/${CITY_A}/plans/P-1/plan.csv`);
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toContain('text/csv');
	expect(response.headers()['content-disposition']).toBe(`attachment; filename="${CITY_A}-P-1.csv"`);
	const text = await response.text();
	expect(text.startsWith(`\uFEFF${PLAN_CSV_COLUMNS.join(',')}\r\n`)).toBe(true);
	expect(text).toContain('\r\ncommitment,C-1,,,Adequate housing for everyone in York,');
	expect((await request.get(`/cities/${CITY_A}/plans/P-999/plan.csv`)).status()).toBe(404);
});

test('a city admin reads a bad file’s problems by row and column, then imports a plan into an empty one', async ({ browser, baseURL, request }) => {
	const ref = await emptyPlan();
	const page = await adminPage(browser, baseURL!);
	const address = `/admin/${CITY_A}/commitments/plans/${ref}/import`;
	await page.goto(`${address}?lang=ko`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('CSV 파일에서 실행 계획 가져오기');
	await expect(page.getByText('계획이 비어 있어 가져올 수 있습니다.')).toBeVisible();

	const bad = csv([
		{ kind: 'commitment', ref: 'C-1', title_en: 'Housing', tags: 'udhr:25' },
		{ kind: 'action', ref: 'A-2025-001', commitment_ref: 'C-1', title_en: 'Advice', progress: '120', departments: 'housing' },
		{ kind: 'action', ref: 'A-2025-002', parent_ref: 'A-2025-001', title_en: 'Desk', start_date: '2026-05-01', due_date: '2026-04-01', departments: 'roads' }
	]);
	await page.locator('input[name=file]').setInputFiles({ name: 'plan.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
	await page.getByRole('button', { name: '이 계획으로 가져오기' }).click();
	await expect(page.getByRole('alert')).toContainText('파일에 문제가 있습니다');
	const table = page.getByRole('table');
	await expect(table.locator('caption')).toHaveText('파일의 문제(아무것도 가져오지 않음)');
	await expect(table.locator('tbody tr')).toHaveText([/^3\s*progress\s*진행률은 0에서 100 사이의 정수여야 합니다\.\s*120$/, /^4\s*due_date\s*마감일이 시작일보다 앞섭니다\./]);
	expect(await axeOf(page)).toEqual([]);
	await expect(page.getByText('계획이 비어 있어 가져올 수 있습니다.')).toBeVisible();

	const exported = await (await request.get(`/cities/${CITY_A}/plans/P-1/plan.csv`)).body();
	await page.goto(`${address}?lang=en`);
	await page.locator('input[name=file]').setInputFiles({ name: 'york.csv', mimeType: 'text/csv', buffer: exported });
	await page.getByRole('button', { name: 'Import into this plan' }).click();
	await expect(page.getByRole('status')).toContainText(/Imported 5 commitments, \d+ actions and \d+ milestones\./);
	const copy = await (await request.get(`/cities/${CITY_A}/plans/${ref}/plan.csv`)).text();
	expect(copy.split('\r\n').length).toBe(exported.toString('utf8').split('\r\n').length);
	await page.goto(address);
	await expect(page.getByText(/This plan already has 5 commitments and \d+ actions/)).toBeVisible();
	await page.context().close();
});

test('the import page is accessible in every language', async ({ browser, baseURL }) => {
	const page = await adminPage(browser, baseURL!);
	for (const locale of LOCALES) {
		await page.goto(`/admin/${CITY_A}/commitments/plans/P-1/import?lang=${locale}`);
		expect(await axeOf(page), locale).toEqual([]);
	}
	await page.context().close();
});
