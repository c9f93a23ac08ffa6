// The commitments admin area in a browser (no JavaScript needed): an officer of York's housing
// department records progress with a PDF and a link, and the public action page and ledger show
// it; a forbidden or too-large file is a field error that saves nothing; a stale version gets the
// conflict message with what was typed kept; bad input is refused next to its field; officers
// cannot restructure; every admin page is axe-clean in the six languages.
import path from 'node:path';
import { createHash } from 'node:crypto';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { openDatabase } from '../../src/lib/server/db/database.ts';
import { createAdmin } from '../../src/lib/server/accounts/roles.service.ts';
import { loadActor, startSession } from '../../src/lib/server/accounts/sessions.service.ts';
import { createCity } from '../../src/lib/server/cities/city-admin.service.ts';
import { verifyLedger } from '../../src/lib/server/ledger/ledger.service.ts';
import { CITY_A, OFFICER_A_DEPARTMENT } from './actors.ts';
import { MATRIX_ACTION_REF } from '../../src/lib/server/commitments/commitments.matrix.ts';
import { LOCALES, axeOn } from './fixtures.ts';

const ADMIN = `/admin/${CITY_A}/commitments`;
const ACTION = `${ADMIN}/actions/${MATRIX_ACTION_REF}`;
const PROGRESS = `${ACTION}/progress`;
const run = Date.now();

test.describe.configure({ mode: 'serial' });

/** York's city admin and an officer of its housing department, with their own sessions (the matrix signs its actors out). */
const SPEC_ACTORS = { adminA: { role: 'city_admin', department: null }, officerA: { role: 'officer', department: OFFICER_A_DEPARTMENT } } as const;
type SpecActor = keyof typeof SPEC_ACTORS;
const tokens: Partial<Record<SpecActor, Promise<string>>> = {};
/** The people this spec signs in as: what it writes is told apart from other specs' writes running alongside. */
const people: string[] = [];

function tokenOf(actor: SpecActor): Promise<string> {
	tokens[actor] ??= inDatabase(async (db) => {
		const { personId } = await createAdmin(db, { email: `commitments-${actor}-${run}@example.org`, role: SPEC_ACTORS[actor].role, citySlug: CITY_A, displayName: `${actor} ${run}` });
		people.push(personId);
		const department = SPEC_ACTORS[actor].department;
		if (department) await db.updateTable('city_role').set({ department }).where('person_id', '=', personId).where('role', '=', 'officer').execute();
		return (await startSession(db, personId, { ip: '127.0.0.1', userAgent: 'commitments-admin' })).token;
	});
	return tokens[actor];
}

/**
 * A browser context signed in as York's admin or housing officer, with JavaScript off: the pages
 * need none. axe is itself a script run in the page, so its contexts turn JavaScript on (the pages
 * still ship none: csr = false, and the CSP allows no inline script).
 */
async function signedIn(browser: Browser, baseURL: string, actor: SpecActor, javaScript = false): Promise<BrowserContext> {
	const context = await browser.newContext({ javaScriptEnabled: javaScript });
	await context.addCookies([{ name: 'session', value: await tokenOf(actor), domain: new URL(baseURL).hostname, path: '/', httpOnly: true, sameSite: 'Lax' }]);
	return context;
}

/** Reads the e2e server's database (what the pages cannot show: nothing else was saved). */
async function inDatabase<T>(work: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>): Promise<T> {
	const database = await openDatabase({ dialect: 'sqlite', path: path.join(process.env.E2E_DATA_DIR!, 'rightscity.sqlite') });
	try {
		return await work(database.db);
	} finally {
		await database.close();
	}
}

async function actionRow() {
	return inDatabase((db) => db.selectFrom('action').selectAll().where('ref', '=', MATRIX_ACTION_REF).executeTakeFirstOrThrow());
}

/** What this spec's people have written so far (other spec files write to the same server at the same time). */
async function counts() {
	return inDatabase(async (db) => {
		const ours = people.length > 0 ? people : [''];
		const updates = await db.selectFrom('progress_update').select((eb) => eb.fn.countAll().as('n')).where('author_id', 'in', ours).executeTakeFirstOrThrow();
		const evidence = await db
			.selectFrom('evidence')
			.innerJoin('progress_update', (join) => join.onRef('progress_update.city_id', '=', 'evidence.city_id').onRef('progress_update.id', '=', 'evidence.update_id'))
			.select((eb) => eb.fn.countAll().as('n'))
			.where('progress_update.author_id', 'in', ours)
			.executeTakeFirstOrThrow();
		const ledger = await db.selectFrom('ledger_entry').select((eb) => eb.fn.countAll().as('n')).where('actor_id', 'in', ours).executeTakeFirstOrThrow();
		return { updates: Number(updates.n), evidence: Number(evidence.n), ledger: Number(ledger.n) };
	});
}

/** Fills the progress form keeping the action's status and progress (the demo plan's numbers stay as they are). */
async function fillProgress(page: Page, text: string): Promise<void> {
	const row = await actionRow();
	await page.getByLabel('What has been done').fill(text);
	await page.getByLabel('Status now').selectOption(row.status);
	await page.getByLabel('Progress (%)').fill(String(row.progress));
	await page.getByLabel('Date of this update').fill(new Date().toISOString().slice(0, 10));
}

test('an officer records progress with a PDF and a link; the public action page and the ledger show it', async ({ browser, baseURL }) => {
	const context = await signedIn(browser, baseURL!, 'officerA');
	const page = await context.newPage();
	expect((await page.goto(ADMIN))?.status()).toBe(200);
	await expect(page.getByRole('heading', { name: 'Your actions' })).toBeVisible();
	await page.getByRole('link', { name: `Record progress — ${MATRIX_ACTION_REF}` }).click();
	await expect(page).toHaveURL(new RegExp(`${PROGRESS}$`));
	await expect(page.getByText('Up to 5 files of at most 10 MB each')).toBeVisible();

	const text = `Advice desk opened in Tang Hall (${run})`;
	const pdf = Buffer.from(`%PDF-1.4\n% council minutes ${run}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);
	await fillProgress(page, text);
	await page.getByLabel('Address 1').fill(`https://example.org/minutes/${run}`);
	await page.getByLabel('Description 1').fill('Council minutes');
	await page.getByLabel('Files as evidence').setInputFiles({ name: `minutes-${run}.pdf`, mimeType: 'application/pdf', buffer: pdf });
	await page.getByRole('button', { name: 'Record progress' }).click();

	await expect(page.getByRole('status')).toContainText('Progress recorded');
	const updates = page.locator('.cadmin-updates > li', { hasText: text });
	await expect(updates).toHaveCount(1);
	await expect(updates.getByRole('link', { name: 'Council minutes' })).toHaveAttribute('href', `https://example.org/minutes/${run}`);
	await expect(updates.getByRole('link', { name: `minutes-${run}.pdf` })).toBeVisible();
	await expect(updates).toContainText(createHash('sha256').update(pdf).digest('hex'));

	// The public action page shows the update and serves the file as stored.
	const publicPage = await context.newPage();
	expect((await publicPage.goto(`/cities/${CITY_A}/actions/${MATRIX_ACTION_REF}`))?.status()).toBe(200);
	await expect(publicPage.getByText(text).first()).toBeVisible();
	const file = publicPage.getByRole('link', { name: `minutes-${run}.pdf` }).first();
	const download = await context.request.get((await file.getAttribute('href'))!);
	expect(download.status()).toBe(200);
	expect(download.headers()['content-type']).toContain('application/pdf');
	expect(Buffer.from(await download.body()).equals(pdf)).toBe(true);
	await expect(publicPage.getByRole('link', { name: 'Council minutes' }).first()).toHaveAttribute('href', `https://example.org/minutes/${run}`);

	// The public ledger lists the update, by the officer, under the action's reference.
	expect((await publicPage.goto(`/cities/${CITY_A}/ledger?type=progress_update&ref=${MATRIX_ACTION_REF}`))?.status()).toBe(200);
	await expect(publicPage.locator('main')).toContainText(text);
	await expect(publicPage.locator('main')).toContainText(`minutes-${run}.pdf`);

	const stored = await inDatabase((db) =>
		db.selectFrom('ledger_entry').select(['actor_role', 'change']).where('entity_type', '=', 'progress_update').where('entity_ref', '=', MATRIX_ACTION_REF).orderBy('seq', 'desc').executeTakeFirstOrThrow()
	);
	expect(stored.actor_role).toBe('officer');
	expect(stored.change).toContain(createHash('sha256').update(pdf).digest('hex'));
	await context.close();
});

test('a forbidden or too-large evidence file is a field error; what was typed stays and nothing is saved', async ({ browser, baseURL }) => {
	const context = await signedIn(browser, baseURL!, 'officerA');
	const page = await context.newPage();
	const before = await counts();

	await page.goto(PROGRESS);
	await fillProgress(page, `This update must not be saved (${run})`);
	await page.getByLabel('Address 1').fill('https://example.org/kept-link');
	await page.getByLabel('Files as evidence').setInputFiles({ name: 'setup.exe', mimeType: 'application/octet-stream', buffer: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]) });
	await page.getByRole('button', { name: 'Record progress' }).click();
	const fileError = page.locator('#files-error');
	await expect(fileError).toHaveText('The file “setup.exe” is not of an allowed type (PDF, images, text, office documents). Nothing was saved.');
	await expect(page.getByLabel('Files as evidence')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByRole('alert')).toContainText('setup.exe');
	await expect(page.getByLabel('What has been done')).toHaveValue(`This update must not be saved (${run})`);
	await expect(page.getByLabel('Address 1')).toHaveValue('https://example.org/kept-link');

	const large = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024 + 1, 0x20)]);
	await page.getByLabel('Files as evidence').setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: large });
	await page.getByRole('button', { name: 'Record progress' }).click();
	await expect(page.locator('#files-error')).toHaveText('The file “scan.pdf” is too large: at most 10 MB per file. Nothing was saved.');

	// Nothing by this spec's people: no update, no evidence, no ledger entry (the action's own
	// version is not compared: the authorization matrix posts to the same action alongside).
	expect(await counts()).toEqual(before);
	await context.close();
});

test('bad input is refused next to its field and nothing is saved', async ({ browser, baseURL }) => {
	const context = await signedIn(browser, baseURL!, 'adminA');
	const page = await context.newPage();
	const before = await counts();

	// Progress outside 0–100 and a due date before the start date (a parent in another plan, the
	// other cross-row rule, is refused by the same path: see actions.service.test.ts).
	await page.goto(ACTION);
	await page.locator('#action-progress').fill('150');
	await page.locator('#action-start').fill('2026-06-01');
	await page.locator('#action-due').fill('2026-05-01');
	await page.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(page.locator('#progress-error')).toHaveText('Enter a whole number from 0 to 100.');
	await expect(page.locator('#dueDate-error')).toHaveText('The due date cannot be before the start date.');
	await expect(page.locator('#action-progress')).toHaveValue('150');
	await expect(page.locator('#action-errors-heading')).toBeVisible();

	// Unknown SDG codes are listed by name.
	await page.goto(`${ADMIN}/new`);
	await page.getByLabel('Title — English').fill(`Not saved (${run})`);
	await page.getByLabel('Sustainable Development Goals and targets').fill('11.1, 19.9, 4.z');
	await page.getByRole('button', { name: 'Create' }).click();
	await expect(page.locator('#sdgTags-error')).toHaveText('These codes are unknown: sdg:19.9, sdg:4.z. Use goal or target numbers such as 11 or 11.1.');
	await expect(page.getByLabel('Sustainable Development Goals and targets')).toHaveValue('11.1, 19.9, 4.z');
	await expect(page.getByLabel('Title — English')).toHaveValue(`Not saved (${run})`);

	expect(await counts()).toEqual(before);
	await context.close();
});

test('a stale version gets the conflict message, keeps what was typed and changes nothing', async ({ browser, baseURL }) => {
	const context = await signedIn(browser, baseURL!, 'adminA');
	const first = await context.newPage();
	const second = await context.newPage();
	await first.goto(ACTION);
	await second.goto(ACTION);
	const original = await actionRow();

	// Someone else saves first (the same values: only the version moves on).
	await second.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(second.getByRole('status')).toContainText('Saved');

	await first.getByLabel('Title — English').fill(`A title nobody saved (${run})`);
	await first.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(first.getByRole('alert')).toContainText('Someone else saved a change in the meantime, so nothing was saved.');
	await expect(first.locator('.cadmin-conflict')).toContainText('what you typed is still in the form below');
	await expect(first.getByLabel('Title — English')).toHaveValue(`A title nobody saved (${run})`);
	const after = await actionRow();
	expect(after.title).toBe(original.title);
	expect(after.version).toBe(original.version + 1);

	// The same on the progress form: two officers' pages, the second one is stale.
	const officer = await signedIn(browser, baseURL!, 'officerA');
	const one = await officer.newPage();
	const two = await officer.newPage();
	await one.goto(PROGRESS);
	await two.goto(PROGRESS);
	await fillProgress(one, `First update (${run})`);
	await one.getByRole('button', { name: 'Record progress' }).click();
	await expect(one.getByRole('status')).toContainText('Progress recorded');
	const before = await counts();
	await fillProgress(two, `Second, stale update (${run})`);
	await two.getByRole('button', { name: 'Record progress' }).click();
	await expect(two.getByRole('alert')).toContainText('Someone else saved a change in the meantime');
	await expect(two.getByLabel('What has been done')).toHaveValue(`Second, stale update (${run})`);
	expect(await counts()).toEqual(before);
	await officer.close();
	await context.close();
});

test('a city admin builds a plan from scratch, with field errors on the way, and deletes what may be deleted', async ({ browser, baseURL }) => {
	test.setTimeout(90_000);
	// A city of its own, so York's demo plan stays as it is.
	const { slug, token } = await inDatabase(async (db) => {
		const network = await createAdmin(db, { email: `commitments-network-${run}@example.org`, role: 'network_admin', displayName: 'network' });
		const city = await createCity(db, await loadActor(db, network.personId), { name: `Commitmentsby ${run}`, countryCode: 'IS', latitude: '64.1', longitude: '-21.9', process: 'formal' }, {});
		const admin = await createAdmin(db, { email: `commitments-builder-${run}@example.org`, role: 'city_admin', citySlug: city.slug, displayName: 'builder' });
		return { slug: city.slug, token: (await startSession(db, admin.personId, { ip: '127.0.0.1', userAgent: 'commitments-admin' })).token };
	});
	const context = await browser.newContext({ javaScriptEnabled: false });
	await context.addCookies([{ name: 'session', value: token, domain: new URL(baseURL!).hostname, path: '/', httpOnly: true, sameSite: 'Lax' }]);
	const page = await context.newPage();
	const base = `/admin/${slug}/commitments`;
	await page.goto(base);
	await expect(page.getByText('No action plan yet.')).toBeVisible();

	// Departments: add, a taken code, rename.
	await page.goto(`${base}/departments`);
	await page.locator('#add-code').fill('housing');
	await page.locator('#add-name').fill('Housing');
	await page.getByRole('button', { name: 'Add department' }).click();
	await expect(page.getByRole('status')).toHaveText('Department “Housing” added.');
	await page.locator('#add-code').fill('housing');
	await page.locator('#add-name').fill('Housing again');
	await page.getByRole('button', { name: 'Add department' }).click();
	await expect(page.locator('#add-code-error')).toHaveText('Another department already has this code.');
	await expect(page.locator('#add-name')).toHaveValue('Housing again');
	await page.getByText('Rename — Housing').click();
	await page.locator('form[action="?/rename"] summary').click();
	await page.locator('#rename-housing-name-es').fill('Vivienda');
	await page.locator('#rename-housing-name').fill('Housing and homes');
	await page.locator('form[action="?/rename"]').getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('status')).toHaveText('Department “Housing and homes” renamed.');

	// A declaration: a bad link first, then created.
	await page.goto(`${base}/declarations/new`);
	await page.locator('#declaration-title').fill('Commitmentsby human rights declaration');
	await page.locator('#declaration-adopted-on').fill('2024-12-10');
	await page.locator('#declaration-adopted-by').selectOption('mayor');
	await page.locator('#declaration-process-informal').check();
	await page.locator('#declaration-instrument-udhr').check();
	await page.locator('#declaration-instrument-crpd').check();
	await page.locator('#declaration-source-url').fill('javascript:alert(1)');
	await page.getByRole('button', { name: 'Create' }).click();
	await expect(page.locator('#sourceUrl-error')).toHaveText('Enter a web address starting with https:// or http://.');
	await expect(page.locator('#declaration-instrument-crpd')).toBeChecked();
	await expect(page.locator('#declaration-process-informal')).toBeChecked();
	await page.locator('#declaration-source-url').fill('https://example.org/declaration.pdf');
	await page.getByRole('button', { name: 'Create' }).click();
	await expect(page).toHaveURL(new RegExp(`${base}/declarations/D-1\\?done=created$`));
	await expect(page.getByRole('status')).toContainText('Created.');

	// A plan whose last year is before its first, then a good one.
	await page.goto(`${base}/plans/new`);
	await page.locator('#plan-title').fill('Action plan 2026–2029');
	await page.locator('#plan-start').fill('2029');
	await page.locator('#plan-end').fill('2026');
	await page.getByRole('button', { name: 'Create' }).click();
	await expect(page.locator('#periodEnd-error')).toHaveText('The last year cannot be before the first year.');
	await page.locator('#plan-start').fill('2026');
	await page.locator('#plan-end').fill('2029');
	await page.getByRole('button', { name: 'Create' }).click();
	await expect(page).toHaveURL(new RegExp(`${base}/plans/P-1\\?done=created$`));

	// A commitment in the plan, tagged; the SDG target implies its goal.
	await page.goto(`${base}/new?plan=P-1`);
	await page.locator('#commitment-title').fill('Adequate housing for all');
	await page.locator('#commitment-duty-fulfil').check();
	await page.locator('#commitment-group-homeless_persons').check();
	await page.locator('#commitment-udhr-25').check();
	await page.locator('#commitment-gwangju-1').check();
	await page.locator('#commitment-sdg').fill('sdg:11.1');
	await page.getByRole('button', { name: 'Create' }).click();
	await expect(page).toHaveURL(new RegExp(`${base}/C-1\\?done=created$`));
	await expect(page.locator('#commitment-udhr-25')).toBeChecked();
	await expect(page.locator('#commitment-sdg')).toHaveValue('11.1');
	await expect(page.getByText('Also counted for the goals of its targets: 11.')).toBeVisible();

	// An action: a budget without a currency is refused, then saved with a decimal comma.
	await page.getByRole('link', { name: 'New action' }).click();
	await page.locator('#action-title').fill('Open a housing advice desk');
	await page.locator('#action-department-housing').check();
	await page.locator('#action-budget-amount').fill('12500,50');
	await page.locator('#action-start').fill('2026-02-01');
	await page.locator('#action-due').fill('2026-12-31');
	await page.getByRole('button', { name: 'Create' }).click();
	await expect(page.locator('#budgetCurrency-error')).toHaveText('Enter the currency of the budget.');
	await expect(page.locator('#action-department-housing')).toBeChecked();
	await page.locator('#action-budget-currency').fill('eur');
	await page.getByRole('button', { name: 'Create' }).click();
	await expect(page).toHaveURL(new RegExp(`${base}/actions/A-2026-001\\?done=created$`));
	await expect(page.locator('#action-budget-currency')).toHaveValue('EUR');
	await expect(page.locator('#action-budget-amount')).toHaveValue('12500.5');

	// Milestones: add, mark done, delete.
	await page.locator('#milestone-new-title').fill('Desk premises found');
	await page.locator('#milestone-new-due').fill('2026-04-30');
	await page.getByRole('button', { name: 'Add milestone' }).click();
	await expect(page.getByRole('status')).toHaveText('Milestone added.');
	await page.getByRole('button', { name: 'Mark done today — Desk premises found' }).click();
	await expect(page.getByRole('status')).toHaveText('Milestone marked as done.');
	await expect(page.locator('.cadmin-done')).toBeVisible();
	await page.getByRole('button', { name: 'Delete — Desk premises found' }).click();
	await expect(page.getByRole('status')).toHaveText('Milestone deleted.');
	await expect(page.getByText('No milestones yet.')).toBeVisible();

	// Progress by the admin, then withdrawn.
	await page.goto(`${base}/actions/A-2026-001/progress`);
	await page.getByLabel('What has been done').fill('Premises found in the town hall.');
	await page.getByLabel('Progress (%)').fill('30');
	await page.getByLabel('Status now').selectOption('delayed');
	await page.getByRole('button', { name: 'Record progress' }).click();
	await expect(page.locator('#statusReason-error')).toHaveText('Say why the action is delayed or cancelled.');
	await page.getByLabel('Status now').selectOption('in_progress');
	await page.getByRole('button', { name: 'Record progress' }).click();
	await expect(page.getByRole('status')).toContainText('Progress recorded');
	await page.getByRole('button', { name: /^Withdraw/ }).click();
	await expect(page.getByRole('status')).toContainText('The update was withdrawn.');
	await expect(page.getByText('No progress has been recorded yet.')).toBeVisible();

	// The department is in use; the commitment has an action; deleting needs the confirmation box.
	await page.goto(`${base}/departments`);
	await page.getByRole('button', { name: 'Delete — Housing and homes' }).click();
	await expect(page.getByRole('alert')).toContainText('This department is responsible for actions, so it cannot be deleted.');
	await page.goto(`${base}/C-1`);
	await page.locator('#delete-confirm').check();
	await page.getByRole('button', { name: 'Delete', exact: true }).click();
	await expect(page.getByRole('alert')).toContainText('This commitment has actions.');
	await page.goto(`${base}/actions/A-2026-001`);
	await page.getByRole('button', { name: 'Delete', exact: true }).click();
	await expect(page.locator('#delete-confirm-error')).toHaveText('Tick the box to confirm the deletion.');
	await page.locator('#delete-confirm').check();
	await page.getByRole('button', { name: 'Delete', exact: true }).click();
	await expect(page).toHaveURL(new RegExp(`${base}/plans/P-1\\?deleted=A-2026-001$`));
	await expect(page.getByRole('status')).toHaveText('A-2026-001 was deleted. The public ledger keeps a record of it.');
	await expect(page.getByText('This plan has no actions yet.')).toBeVisible();
	await page.goto(`${base}/C-1`);
	await page.locator('#delete-confirm').check();
	await page.getByRole('button', { name: 'Delete', exact: true }).click();
	await expect(page.getByRole('status')).toHaveText('C-1 was deleted. The public ledger keeps a record of it.');
	await page.goto(`${base}/departments`);
	await page.getByRole('button', { name: 'Delete — Housing and homes' }).click();
	await expect(page.getByRole('status')).toHaveText('Department “Housing and homes” deleted.');

	// Every change is in the city's ledger, and the chain verifies.
	const entries = await inDatabase(async (db) => {
		const city = await db.selectFrom('city').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
		return { rows: await db.selectFrom('ledger_entry').select(['entity_type', 'action']).where('city_id', '=', city.id).orderBy('seq').execute(), verified: await verifyLedger(db, city.id) };
	});
	expect(entries.rows.map((row) => `${row.entity_type}:${row.action}`)).toEqual([
		'department:create',
		'department:update',
		'declaration:create',
		'plan:create',
		'commitment:create',
		'action:create',
		'milestone:create',
		'milestone:update',
		'milestone:delete',
		'progress_update:create',
		'action:update',
		'progress_update:delete',
		'action:delete',
		'commitment:delete',
		'department:delete'
	]);
	expect(entries.verified).toMatchObject({ ok: true });
	await context.close();
});

test('an officer edits their own action but cannot restructure it, nor open the admin-only pages', async ({ browser, baseURL }) => {
	const context = await signedIn(browser, baseURL!, 'officerA');
	const page = await context.newPage();
	expect((await page.goto(ACTION))?.status()).toBe(200);
	await expect(page.locator('select[name=planId], select[name=parentId], input[name=departmentIds], select[name=leadOfficerId], input[name=weight]')).toHaveCount(0);
	await expect(page.getByRole('heading', { name: 'Place, responsibility and budget' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Delete this action' })).toHaveCount(0);
	for (const path of [`${ADMIN}/plans/P-1`, `${ADMIN}/departments`, `${ADMIN}/new`, `${ADMIN}/actions/new`, `/admin/${CITY_A}`]) {
		expect((await page.goto(path))?.status(), path).toBe(403);
	}
	// An action of another department is not theirs.
	const other = await inDatabase((db) =>
		db
			.selectFrom('action')
			.innerJoin('city', 'city.id', 'action.city_id')
			.select('action.ref')
			.where('city.slug', '=', CITY_A)
			.where('action.deleted_at', 'is', null)
			.where(({ not, exists, selectFrom }) =>
				not(
					exists(
						selectFrom('action_department')
							.innerJoin('department', 'department.id', 'action_department.department_id')
							.select('action_department.action_id')
							.whereRef('action_department.action_id', '=', 'action.id')
							.where('department.code', '=', 'housing')
					)
				)
			)
			.where('action.lead_officer_id', 'is', null)
			.executeTakeFirst()
	);
	if (other) expect((await page.goto(`${ADMIN}/actions/${other.ref}/progress`))?.status()).toBe(403);
	await context.close();
});

/** axe on a signed-in page (JavaScript off); returns the violations. */
async function axeAs(context: BrowserContext, url: string) {
	const page = await context.newPage();
	try {
		const response = await page.goto(url);
		expect(response?.status(), url).toBe(200);
		return await axeOn(page);
	} finally {
		await page.close();
	}
}

const ADMIN_PAGES = [
	ADMIN,
	`${ADMIN}/attention`,
	`${ADMIN}/departments`,
	`${ADMIN}/declarations/new`,
	`${ADMIN}/declarations/D-1`,
	`${ADMIN}/plans/new`,
	`${ADMIN}/plans/P-1`,
	`${ADMIN}/new`,
	`${ADMIN}/C-1`,
	`${ADMIN}/actions/new`,
	ACTION,
	PROGRESS
];
const OFFICER_PAGES = [ADMIN, `${ADMIN}/attention`, ACTION, PROGRESS];

for (const locale of LOCALES) {
	test(`the commitments admin pages are axe-clean in ${locale}`, async ({ browser, baseURL }) => {
		test.setTimeout(120_000);
		const problems: Record<string, unknown> = {};
		for (const [actor, pages] of [
			['adminA', ADMIN_PAGES],
			['officerA', OFFICER_PAGES]
		] as const) {
			const context = await signedIn(browser, baseURL!, actor, true);
			for (const path of pages) {
				const url = `${path}?lang=${locale}`;
				const violations = await axeAs(context, url);
				if (violations.length > 0) problems[`${actor} ${url}`] = violations;
			}
			await context.close();
		}
		expect(problems).toEqual({});
	});
}

test('a form with errors is axe-clean too (English and Arabic)', async ({ browser, baseURL }) => {
	const context = await signedIn(browser, baseURL!, 'adminA', true);
	for (const locale of ['en', 'ar']) {
		const page = await context.newPage();
		await page.goto(`${ACTION}?lang=${locale}`);
		await page.locator('#action-progress').fill('150');
		await page.locator('#action-due').fill('2020-01-01');
		await page.locator('#action-start').fill('2021-01-01');
		await page.locator('form[action="?/save"] button[type=submit]').click();
		await expect(page.locator('#progress-error')).toBeVisible();
		expect((await axeOn(page)).map((violation) => `${locale}: ${violation.id} ${violation.nodes.join(', ')}`)).toEqual([]);
		await page.close();
	}
	await context.close();
});
