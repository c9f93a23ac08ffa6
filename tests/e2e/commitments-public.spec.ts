// The public accountability pages in the browser, without JavaScript: a city's commitments
// (declaration, plans, actions by status, groups, GET-form filters with field errors), a
// commitment, an action with its timeline and evidence, the declaration and the plan; evidence
// downloads with safe headers; axe in all six languages; York's demo plan renders. The data is
// made for this test through the services, in a city of its own, in the e2e server's database.
import path from 'node:path';
import { expect, test, type Browser } from '@playwright/test';
import { LOCALES, axeOn } from './fixtures.ts';
import { openDatabase } from '../../src/lib/server/db/database.ts';
import { insertCity } from '../../src/lib/server/cities/cities.repository.ts';
import { newCityRow } from '../../src/lib/server/cities/city-row.ts';
import { createPerson } from '../../src/lib/server/testing/factories.ts';
import { insertRole } from '../../src/lib/server/accounts/accounts.repository.ts';
import { loadActor } from '../../src/lib/server/accounts/sessions.service.ts';
import { createDeclaration, createDepartment } from '../../src/lib/server/commitments/declarations.service.ts';
import { createCommitment, createPlan } from '../../src/lib/server/commitments/plans.service.ts';
import { addMilestone, createAction, getAction } from '../../src/lib/server/commitments/actions.service.ts';
import { deleteProgressUpdate, recordProgress } from '../../src/lib/server/commitments/progress.service.ts';
import { localFileStore } from '../../src/lib/server/files/file-store.ts';

const run = Date.now().toString(36);
const SLUG = `pledgeton-${run}`;
const NAME = `Pledgeton ${run}`;
const BASE = `/cities/${SLUG}`;
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

const refs = {
	declaration: '',
	plan: '',
	housing: '',
	participation: '',
	education: '',
	advice: '',
	desk: '',
	training: '',
	panel: '',
	dropped: ''
};
let evidenceId = '';
let withdrawnEvidenceId = '';

test.beforeAll(async () => {
	const dataDir = process.env.E2E_DATA_DIR!;
	const database = await openDatabase({ dialect: 'sqlite', path: path.join(dataDir, 'rightscity.sqlite') });
	try {
		const db = database.db;
		const city = newCityRow({ name: NAME, slug: SLUG, countryCode: 'GB', latitude: 51.5, longitude: -0.12, year: 2024, process: 'formal' });
		await insertCity(db, city, []);
		// A worker restarted after a failure runs this again: everything it makes is named by `run`.
		const person = await createPerson(db, { email: `pledgeton-admin-${run}@example.org` }, 'not used to sign in');
		await insertRole(db, { city_id: city.id, person_id: person.id, role: 'city_admin', department: null, granted_by: null, created_at: new Date().toISOString() });
		const admin = (await loadActor(db, person.id))!;
		const housingDept = await createDepartment(db, admin, city.id, { code: 'housing', name: { en: 'Housing', es: 'Vivienda', fr: 'Logement', ko: '주거', sv: 'Bostäder', ar: 'الإسكان' } });
		const equalityDept = await createDepartment(db, admin, city.id, { code: 'equality', name: { en: 'Equality', es: 'Igualdad', fr: 'Égalité', ko: '평등', sv: 'Jämlikhet', ar: 'المساواة' } });
		const declaration = await createDeclaration(db, admin, city.id, {
			title: { en: 'Pledgeton Human Rights City Declaration', es: 'Declaración de Pledgeton, ciudad de derechos humanos' },
			adoptedOn: '2024-12-10',
			adoptedBy: 'council_decision',
			process: 'formal',
			instruments: ['udhr', 'crpd'],
			fullText: { en: 'We, the council of Pledgeton, take the Universal Declaration of Human Rights as the rule of our city.\n\nWe will report on our progress every year.' },
			sourceUrl: 'https://example.org/pledgeton-declaration.pdf'
		});
		const plan = await createPlan(db, admin, city.id, { title: { en: 'Human rights action plan 2025–2028' }, declarationId: declaration.id, periodStart: 2025, periodEnd: 2028 });
		const housing = await createCommitment(db, admin, city.id, {
			planId: plan.id,
			title: { en: 'Decent housing for everyone' },
			description: { en: 'No one has to sleep rough in Pledgeton.' },
			tags: ['udhr:25', 'sdg:11.1', 'gwangju:4'],
			duty: 'duty:fulfil',
			groups: ['homeless_persons']
		});
		const participation = await createCommitment(db, admin, city.id, { planId: plan.id, title: { en: 'Residents decide together' }, tags: ['udhr:21', 'gwangju:3'] });
		const education = await createCommitment(db, admin, city.id, { planId: plan.id, title: { en: 'Human rights education for officials' }, tags: ['udhr:26'] });
		const action = (input: Omit<Parameters<typeof createAction>[3], 'planId'>) => createAction(db, admin, city.id, { planId: plan.id, ...input });
		const advice = await action({ commitmentId: housing.id, title: { en: 'Housing advice service' }, departmentIds: [housingDept.id], startDate: '2025-01-15', dueDate: '2030-12-31', budgetAmount: 250000, budgetCurrency: 'GBP' });
		const desk = await action({ commitmentId: housing.id, parentId: advice.id, title: { en: 'Open an advice desk' }, departmentIds: [housingDept.id], weight: 3, startDate: '2025-02-01', dueDate: '2030-06-30' });
		// Due in the past and not done: overdue.
		const training = await action({ commitmentId: housing.id, parentId: advice.id, title: { en: 'Train front-desk staff' }, departmentIds: [housingDept.id, equalityDept.id], startDate: '2025-01-01', dueDate: '2025-06-30' });
		const panel = await action({ commitmentId: participation.id, title: { en: 'Citizens’ panel on the budget' }, departmentIds: [equalityDept.id], status: 'delayed', statusReason: { en: 'The venue is being renovated.' }, dueDate: '2030-03-31' });
		const dropped = await action({ commitmentId: participation.id, title: { en: 'Paper petition scheme' }, departmentIds: [equalityDept.id], status: 'cancelled', statusReason: { en: 'Replaced by the online platform.' } });
		await addMilestone(db, admin, city.id, advice.id, { title: { en: 'Desk staffed' }, dueDate: '2025-09-30', doneOn: '2025-09-15' });
		await addMilestone(db, admin, city.id, advice.id, { title: { en: 'First annual review' }, dueDate: '2030-01-31' });
		const store = localFileStore(path.join(dataDir, 'files'));
		const withdrawn = await recordProgress(db, store, admin, city.id, desk.id, desk.version, { text: { en: 'A draft report, withdrawn.' }, status: 'in_progress', progress: 50, reportedOn: '2025-09-01' }, [{ name: 'draft.pdf', bytes: PDF }]);
		await deleteProgressUpdate(db, admin, city.id, withdrawn.id);
		const current = await getAction(db, city.id, desk.id);
		const update = await recordProgress(
			db,
			store,
			admin,
			city.id,
			desk.id,
			current.version,
			{ text: { en: 'The desk opened in two districts.' }, status: 'completed', progress: 100, reportedOn: '2025-10-01', links: [{ url: 'https://example.org/minutes', label: 'Council minutes' }] },
			[{ name: 'opening report.pdf', bytes: PDF }]
		);
		evidenceId = update.evidence.find((item) => item.kind === 'file')!.id;
		withdrawnEvidenceId = withdrawn.evidence[0]!.id;
		Object.assign(refs, {
			declaration: declaration.ref,
			plan: plan.ref,
			housing: housing.ref,
			participation: participation.ref,
			education: education.ref,
			advice: advice.ref,
			desk: desk.ref,
			training: training.ref,
			panel: panel.ref,
			dropped: dropped.ref
		});
	} finally {
		await database.close();
	}
});

test.describe('the public accountability pages without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the commitments page shows the declaration, the plan, all actions by status and the commitments by right', async ({ page }) => {
		await page.goto(`${BASE}/commitments?lang=en`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Commitments of ${NAME}`);
		await expect(page.getByRole('navigation', { name: `Public pages of ${NAME}` }).getByRole('link', { name: 'Commitments' })).toHaveAttribute('aria-current', 'page');
		const declaration = page.locator('article.cm-declaration');
		await expect(declaration.getByRole('heading', { level: 3 })).toHaveText('Pledgeton Human Rights City Declaration');
		await expect(declaration).toContainText('Council decision');
		await expect(declaration).toContainText('Convention on the Rights of Persons with Disabilities');
		await expect(declaration.getByRole('link', { name: /Read the full declaration/ })).toHaveAttribute('href', `${BASE}/declarations/${refs.declaration}`);
		await expect(declaration.getByRole('link', { name: /Source document/ })).toHaveAttribute('href', 'https://example.org/pledgeton-declaration.pdf');

		const plan = page.locator('section[aria-labelledby="plans-heading"] .cm-card');
		await expect(plan.getByRole('link', { name: 'Human rights action plan 2025–2028' })).toHaveAttribute('href', `${BASE}/plans/${refs.plan}`);
		// Weighted roll-up: the advice service (75 %: desk 100 × 3, training 0 × 1) and the panel (0); the cancelled action drops out.
		await expect(plan).toContainText('37.5% done');
		await expect(plan).toContainText('5 actions');
		await expect(plan).toContainText('1 overdue');

		const table = page.getByRole('table', { name: 'Actions of all plans by status' });
		const row = (status: string) => table.getByRole('row', { name: new RegExp(`^${status}`) });
		await expect(row('Completed')).toContainText('1');
		await expect(row('Planned')).toContainText('2');
		await expect(row('Delayed')).toContainText('1');
		await expect(row('Cancelled')).toContainText('1');
		await expect(row('Total')).toContainText('5');
		await expect(row('Overdue')).toContainText('1');
		await expect(page.getByRole('img', { name: /Actions of all plans by status: Completed: 1, Delayed: 1, Planned: 2, Cancelled: 1/ })).toBeVisible();

		const groups = page.locator('section.cm-group h3');
		await expect(groups).toHaveText([/^Article 21 — /, /^Article 25 — /, /^Article 26 — /]);
		await expect(groups.nth(1).getByRole('link', { name: 'Article 25' })).toHaveAttribute('href', '/rights/25');
		const housing = page.locator('li.cm-card', { has: page.getByRole('link', { name: 'Decent housing for everyone' }) });
		await expect(housing).toContainText('3 actions');
		await expect(housing).toContainText('75% done');
		await expect(housing).toContainText('1 overdue');
		await expect(housing.locator('.cm-counts')).toHaveText(/Completed: 1\s*Planned: 2/);
		await expect(page.locator('#results')).toHaveText('3 commitments.');
		expect(await page.locator('script').count()).toBe(0);
	});

	test('the GET form groups by department and filters by status, department, tag and overdue', async ({ page }) => {
		await page.goto(`${BASE}/commitments?lang=en`);
		await page.getByLabel('Group by').selectOption({ label: 'Department' });
		await page.getByRole('button', { name: 'Apply' }).click();
		await expect(page).toHaveURL(/by=department/);
		await expect(page.locator('section.cm-group h3')).toHaveText(['Equality', 'Housing', 'No department responsible yet']);
		await expect(page.locator('section.cm-group').first().getByRole('link')).toHaveText(['Decent housing for everyone', 'Residents decide together']);

		await page.getByLabel('With actions that are').selectOption({ label: 'Delayed' });
		await page.getByRole('button', { name: 'Apply' }).click();
		await expect(page.locator('#results')).toHaveText('1 of 3 commitments matches these filters.');
		await expect(page.locator('li.cm-card h4 a')).toHaveText(['Residents decide together']);
		await expect(page.getByLabel('With actions that are')).toHaveValue('delayed');
		await expect(page.getByLabel('Group by')).toHaveValue('department');

		await page.goto(`${BASE}/commitments?lang=en`);
		await page.getByLabel('Only commitments with overdue actions').check();
		await page.getByRole('button', { name: 'Apply' }).click();
		await expect(page.locator('li.cm-card h4 a')).toHaveText(['Decent housing for everyone']);

		await page.goto(`${BASE}/commitments?lang=en`);
		await page.getByLabel('Right, principle or goal').selectOption('sdg:11');
		await page.getByLabel('Department', { exact: true }).selectOption({ label: 'Equality' });
		await page.getByRole('button', { name: 'Apply' }).click();
		await expect(page).toHaveURL(/tag=sdg%3A11&?/);
		await expect(page.locator('li.cm-card h4 a')).toHaveText(['Decent housing for everyone']);

		await page.getByRole('link', { name: 'Clear filters' }).click();
		await expect(page.locator('#results')).toHaveText('3 commitments.');
	});

	test('bad filter values are reported on their fields and the other filters still apply', async ({ page }) => {
		await page.goto(`${BASE}/commitments?lang=en&status=late&plan=P-99&department=parks&tag=udhr:99&by=colour&overdue=maybe`);
		const summary = page.getByRole('alert');
		await expect(summary.getByRole('link')).toHaveText([
			'Choose how to group the commitments from the list.',
			'This action plan does not exist in this city. Choose one from the list.',
			'Choose a status from the list.',
			'This department does not exist in this city. Choose one from the list.',
			'Unknown right, principle or goal. Choose one from the list.',
			'“Only commitments with overdue actions” is either ticked or not.'
		]);
		await expect(summary.getByRole('link').first()).toHaveAttribute('href', '#filter-by');
		await expect(page.getByLabel('With actions that are')).toHaveAttribute('aria-invalid', 'true');
		await expect(page.getByLabel('With actions that are')).toHaveAttribute('aria-describedby', 'status-error');
		await expect(page.locator('#status-error')).toHaveText('Choose a status from the list.');
		await expect(page.locator('#results')).toHaveText('3 commitments.');

		await page.goto(`${BASE}/commitments?lang=en&status=delayed&plan=P-99`);
		await expect(page.locator('#plan-error')).toBeVisible();
		await expect(page.locator('li.cm-card h4 a')).toHaveText(['Residents decide together']);
	});

	test('a commitment shows its tags, duty, people, progress, action tree and history', async ({ page }) => {
		await page.goto(`${BASE}/commitments/${refs.housing}?lang=en`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Decent housing for everyone');
		await expect(page.locator('.cm-full-text')).toHaveText('No one has to sleep rough in Pledgeton.');
		await expect(page.getByRole('link', { name: 'Article 25' })).toHaveAttribute('href', '/rights/25');
		await expect(page.locator('.cm-tags li', { hasText: 'Goal 11' })).toContainText('(implied by a target)');
		await expect(page.locator('.cm-tags li', { hasText: 'Target 11.1' })).toContainText('adequate, safe and affordable housing');
		await expect(page.locator('.facts')).toContainText('Fulfil');
		await expect(page.locator('.facts')).toContainText('People experiencing homelessness');
		await expect(page.locator('.facts').getByRole('link', { name: 'Human rights action plan 2025–2028' })).toHaveAttribute('href', `${BASE}/plans/${refs.plan}`);

		const tree = page.getByRole('list', { name: 'Actions' });
		const advice = tree.locator(':scope > li').first();
		await expect(advice.locator('.cm-node').first().getByRole('link')).toHaveText('Housing advice service');
		await expect(advice.locator('.cm-node').first()).toContainText('75% done');
		await expect(advice.locator('.cm-subtree .cm-node-title a')).toHaveText(['Open an advice desk', 'Train front-desk staff']);
		const training = advice.locator('.cm-subtree > li').nth(1);
		await expect(training).toContainText('Overdue');
		await expect(training).toContainText('Housing, Equality');

		await expect(page.locator('.cm-history > li').first()).toContainText(refs.desk);
		await expect(page.getByRole('link', { name: 'The full history in the public ledger' })).toHaveAttribute('href', `${BASE}/ledger?ref=${refs.housing}`);
		await expect(page.getByText('No indicator measures this commitment yet.')).toBeVisible();
	});

	test('an action shows its state, budget, departments, milestones, timeline and sub-actions', async ({ page }) => {
		await page.goto(`${BASE}/actions/${refs.advice}?lang=en`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Housing advice service');
		const facts = page.locator('dl.facts');
		await expect(facts).toContainText('75% done');
		await expect(facts).toContainText('Calculated from its sub-actions (Weighted by action weight).');
		await expect(facts).toContainText('£250,000');
		await expect(facts).toContainText('Jan 15, 2025');
		await expect(facts.getByRole('link', { name: 'Decent housing for everyone' })).toHaveAttribute('href', `${BASE}/commitments/${refs.housing}`);
		await expect(page.getByRole('list', { name: 'Milestones' }).getByRole('listitem')).toHaveText([/Desk staffed — reached on Sep 15, 2025/, /First annual review — due Jan 31, 2030/]);
		const timeline = page.getByRole('list', { name: 'Timeline' }).getByRole('listitem');
		await expect(timeline).toHaveText([/Jan 15, 2025:\s+Start/, /Sep 15, 2025:\s+Milestone reached — Desk staffed/, /Jan 31, 2030:\s+Milestone due — First annual review/, /Dec 31, 2030:\s+Due date/]);
		await expect(page.locator('svg.cm-axis')).toHaveAttribute('aria-hidden', 'true');
		await expect(page.getByRole('list', { name: 'Sub-actions' }).locator('.cm-node-title a')).toHaveText(['Open an advice desk', 'Train front-desk staff']);

		await page.goto(`${BASE}/actions/${refs.panel}?lang=en`);
		await expect(page.locator('dl.facts')).toContainText('Delayed');
		await expect(page.locator('dl.facts')).toContainText('Reason: The venue is being renovated.');

		await page.goto(`${BASE}/actions/${refs.training}?lang=en`);
		await expect(page.locator('dl.facts .cm-overdue')).toHaveText('Overdue');
		await expect(page.locator('dl.facts')).toContainText('Shared between departments');
		await expect(page.locator('dl.facts').getByRole('link', { name: 'Housing advice service' })).toHaveAttribute('href', `${BASE}/actions/${refs.advice}`);
	});

	test('an action’s progress updates link their evidence; the file downloads with safe headers, a withdrawn one is gone', async ({ page, request }) => {
		await page.goto(`${BASE}/actions/${refs.desk}?lang=en`);
		const update = page.locator('article.cm-update');
		await expect(update).toHaveCount(1);
		await expect(update.getByRole('heading', { level: 3 })).toHaveText('Oct 1, 2025');
		await expect(update).toContainText('The desk opened in two districts.');
		await expect(update.getByRole('link', { name: 'Council minutes' })).toHaveAttribute('href', 'https://example.org/minutes');
		const file = update.getByRole('link', { name: 'opening report.pdf' });
		await expect(file).toHaveAttribute('href', `${BASE}/evidence/${evidenceId}`);
		await expect(update.locator('.cm-evidence li', { hasText: 'opening report.pdf' })).toContainText(`(PDF, ${PDF.length} byte)`);
		await expect(page.getByRole('list', { name: 'Timeline' })).toContainText(/Progress update\s+— Completed, 100%/);

		const download = await request.get(`${BASE}/evidence/${evidenceId}`);
		expect(download.status()).toBe(200);
		const headers = download.headers();
		expect(headers['content-type']).toBe('application/pdf');
		expect(headers['content-disposition']).toBe(`attachment; filename="opening report.pdf"; filename*=UTF-8''opening%20report.pdf`);
		expect(headers['x-content-type-options']).toBe('nosniff');
		expect(headers['content-security-policy']).toMatch(/^default-src 'none'/);
		expect(headers['content-length']).toBe(String(PDF.length));
		expect(Buffer.from(await download.body()).equals(PDF)).toBe(true);

		const browserDownload = page.waitForEvent('download');
		await file.click();
		expect((await browserDownload).suggestedFilename()).toBe('opening report.pdf');

		expect((await request.get(`${BASE}/evidence/${withdrawnEvidenceId}`)).status()).toBe(404);
		expect((await request.get(`${BASE}/evidence/not-an-id`)).status()).toBe(404);
		expect((await request.get(`/cities/york/evidence/${evidenceId}`)).status()).toBe(404);
	});

	test('the declaration page shows its text in the reader’s language or marks the fallback', async ({ page }) => {
		await page.goto(`${BASE}/declarations/${refs.declaration}?lang=es`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Declaración de Pledgeton, ciudad de derechos humanos');
		await expect(page.getByRole('heading', { level: 1 })).not.toHaveAttribute('lang', /.*/);
		await page.goto(`${BASE}/declarations/${refs.declaration}?lang=ar`);
		await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
		await expect(page.getByRole('heading', { level: 1 })).toHaveAttribute('lang', 'en');
		await expect(page.getByRole('heading', { level: 1 })).toHaveAttribute('dir', 'ltr');
		const text = page.locator('.cm-full-text');
		await expect(text).toHaveAttribute('lang', 'en');
		await expect(text.locator('p')).toHaveText([/^We, the council of Pledgeton/, 'We will report on our progress every year.']);
		await expect(page.locator('.notice')).toContainText('الإنجليزية');
		await page.goto(`${BASE}/declarations/${refs.declaration}?lang=en`);
		await expect(page.locator('.facts')).toContainText('Dec 10, 2024');
		await expect(page.getByRole('link', { name: 'Human rights action plan 2025–2028' })).toHaveAttribute('href', `${BASE}/plans/${refs.plan}`);
		await expect(page.getByRole('link', { name: 'Residents decide together' })).toBeVisible();
	});

	test('the plan page shows its progress, commitments, action tree and the CSV link; bars mirror in Arabic', async ({ page }) => {
		await page.goto(`${BASE}/plans/${refs.plan}?lang=en`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Human rights action plan 2025–2028');
		await expect(page.getByRole('link', { name: 'Download the plan (CSV)' })).toHaveAttribute('href', `${BASE}/plans/${refs.plan}/plan.csv`);
		await expect(page.locator('.cm-overall')).toContainText('37.5% done');
		await expect(page.getByRole('list', { name: 'Actions' }).locator('.cm-node-title a')).toHaveCount(5);
		const firstSegment = () => page.locator('svg.cm-chart-bar rect').first();
		expect(Number(await firstSegment().getAttribute('x'))).toBe(0);
		await page.goto(`${BASE}/plans/${refs.plan}?lang=ar`);
		// Completed comes first in reading order: at the right end on a right-to-left page.
		expect(Number(await firstSegment().getAttribute('x'))).toBeGreaterThan(0);
	});

	test('unknown references are 404', async ({ request }) => {
		for (const url of [`${BASE}/commitments/C-999`, `${BASE}/actions/A-2025-999`, `${BASE}/plans/P-9`, `${BASE}/declarations/D-9`, `${BASE}/commitments/nonsense`, `/cities/no-such-city-${run}/commitments`]) {
			expect((await request.get(url)).status(), url).toBe(404);
		}
	});

	test('York’s demo plan renders on every public page', async ({ page }) => {
		await page.goto('/cities/york/commitments?lang=en');
		expect(await page.locator('li.cm-card').count()).toBeGreaterThan(3);
		for (const url of ['/cities/york/commitments/C-1', '/cities/york/plans/P-1', '/cities/york/declarations/D-1', '/cities/york/actions/A-2025-001']) {
			const response = await page.goto(`${url}?lang=en`);
			expect(response?.status(), url).toBe(200);
		}
	});
});

/** axe on a page as a reader without JavaScript gets it (it ships no script; axe itself needs one). */
async function axeWithoutJs(browser: Browser, url: string) {
	const context = await browser.newContext();
	try {
		const page = await context.newPage();
		const response = await page.goto(url);
		expect(response?.status(), url).toBe(200);
		expect(await page.locator('script').count(), `${url} ships no script`).toBe(0);
		return await axeOn(page);
	} finally {
		await context.close();
	}
}

test.describe('accessibility of the public accountability pages', () => {
	for (const locale of LOCALES) {
		test(`the commitments, commitment, action, declaration and plan pages have no axe violations in ${locale}`, async ({ browser }) => {
			for (const url of [
				`${BASE}/commitments`,
				`${BASE}/commitments/${refs.housing}`,
				`${BASE}/actions/${refs.advice}`,
				`${BASE}/actions/${refs.desk}`,
				`${BASE}/declarations/${refs.declaration}`,
				`${BASE}/plans/${refs.plan}`
			]) {
				expect(await axeWithoutJs(browser, `${url}?lang=${locale}`), `${url} in ${locale}`).toEqual([]);
			}
		});
	}

	test('the commitments page with filter errors, and York’s demo pages, have no axe violations', async ({ browser }) => {
		expect(await axeWithoutJs(browser, `${BASE}/commitments?lang=ar&status=late&plan=P-99&by=department`)).toEqual([]);
		expect(await axeWithoutJs(browser, '/cities/york/commitments?lang=ko')).toEqual([]);
		expect(await axeWithoutJs(browser, '/cities/york/commitments/C-1?lang=sv')).toEqual([]);
	});
});
