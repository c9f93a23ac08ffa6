// Participation in a browser with JavaScript off: a resident of York proposes, another supports it
// until it qualifies, the city's admin moves the process on, accepts the proposal and makes it an
// action of the plan, and the proposer then follows that action's status and progress on the
// proposal's page. A resident casts a participatory budget ballot within the budget. Bad input is refused next to its field. The admin keeps the human rights
// council (members, minutes, a recommendation answered and linked to an action). The process,
// proposal and council desk pages are axe-clean in English and Arabic.
import path from 'node:path';
import { expect, test, type Browser, type BrowserContext } from '@playwright/test';
import { openDatabase } from '../../src/lib/server/db/database.ts';
import { createAdmin } from '../../src/lib/server/accounts/roles.service.ts';
import { loadActor, startSession } from '../../src/lib/server/accounts/sessions.service.ts';
import { findCityBySlug } from '../../src/lib/server/cities/index.ts';
import { getActionByRef, listActions, listPlans, recordProgress } from '../../src/lib/server/commitments/index.ts';
import { createProcess, getProcess, startPhase } from '../../src/lib/server/participation/processes.service.ts';
import { createProject } from '../../src/lib/server/participation/budgets.service.ts';
import { createMeeting, createRecommendation } from '../../src/lib/server/participation/council.service.ts';
import { createProposal } from '../../src/lib/server/participation/proposals.service.ts';
import { CITY_A } from './actors.ts';
import { axeOn, axeViolations } from './fixtures.ts';

const run = Date.now();
const TITLE = `Shade trees along the river path ${run}`;

test.describe.configure({ mode: 'serial' });

type Db = Awaited<ReturnType<typeof openDatabase>>['db'];

async function inDatabase<T>(work: (db: Db) => Promise<T>): Promise<T> {
	const database = await openDatabase({ dialect: 'sqlite', path: path.join(process.env.E2E_DATA_DIR!, 'rightscity.sqlite') });
	try {
		return await work(database.db);
	} finally {
		await database.close();
	}
}

function day(days: number): string {
	return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

interface Setup {
	tokens: Record<'amira' | 'jon' | 'admin', string>;
	adminId: string;
	cityId: string;
	processRef: string;
	budgetRef: string;
	listingRef: string;
	meetingRef: string;
	consultationRef: string;
	consultedRef: string;
	/** A proposal of amira's that she withdraws and jon flags. */
	ownRef: string;
}

let setup: Promise<Setup> | undefined;

/** Two residents and an admin of York, signed in once; a process open for proposals (threshold: one support). */
function prepared(): Promise<Setup> {
	setup ??= inDatabase(async (db) => {
		const person = async (name: string, role: 'resident' | 'city_admin') => (await createAdmin(db, { email: `participation-${name}-${run}@example.org`, role, citySlug: CITY_A, displayName: `${name} ${run}` })).personId;
		const ids = { amira: await person('amira', 'resident'), jon: await person('jon', 'resident'), admin: await person('admin', 'city_admin') };
		const token = async (id: string) => (await startSession(db, id, { ip: '127.0.0.1', userAgent: 'participation' })).token;
		const city = (await findCityBySlug(db, CITY_A))!;
		const admin = (await loadActor(db, ids.admin))!;
		const process = await createProcess(db, admin, city.id, {
			title: { en: `River path process ${run}`, ar: `عملية ممشى النهر ${run}` },
			proposeLevel: 'member',
			supportLevel: 'member',
			thresholdKind: 'count',
			thresholdValue: 1,
			phases: [
				{ kind: 'proposals', startsOn: day(-1), endsOn: day(10) },
				{ kind: 'supports', startsOn: day(11), endsOn: day(20) }
			]
		});
		const amira = (await loadActor(db, ids.amira))!;
		const own = await createProposal(db, amira, city.id, process.id, { title: `Benches by the bus stops ${run}`, body: 'Somewhere to sit while waiting for the bus.' });
		const budget = await createProcess(db, admin, city.id, {
			title: { en: `Budget ${run}` },
			budgetAmount: 100_000,
			budgetCurrency: 'GBP',
			voteLevel: 'member',
			phases: [
				{ kind: 'budgeting', startsOn: day(-10), endsOn: day(-1) },
				{ kind: 'voting', startsOn: day(0), endsOn: day(10) },
				{ kind: 'results', startsOn: day(11), endsOn: day(20) }
			]
		});
		// Projects are listed before the vote: made in the budgeting phase, then the vote opens.
		await inBudgetingPhase(db, admin, city.id, budget.id);
		// A budget still listing its projects (the admin adds one in the browser).
		const listing = await createProcess(db, admin, city.id, {
			title: { en: `Listing budget ${run}` },
			budgetAmount: 100_000,
			budgetCurrency: 'GBP',
			phases: [
				{ kind: 'budgeting', startsOn: day(-1), endsOn: day(10) },
				{ kind: 'voting', startsOn: day(11), endsOn: day(20) }
			]
		});
		const meeting = await createMeeting(db, admin, city.id, { title: { en: `Council meeting ${run}`, ar: `اجتماع المجلس ${run}` }, heldOn: day(-2), place: 'Guildhall', agenda: { en: `Item one: housing ${run}` }, status: 'held' });
		await createRecommendation(db, admin, city.id, { title: { en: `Count evictions ${run}` }, issuedOn: day(-2), meetingId: meeting.id });
		// A consultation on York's plan, open now, for every member of the city.
		const plan = (await listPlans(db, city.id))[0]!;
		const consulted = (await listActions(db, city.id, { planId: plan.id }))[0]!;
		const consultation = await createProcess(db, admin, city.id, {
			title: { en: `Plan consultation ${run}` },
			supportLevel: 'member',
			planId: plan.id,
			phases: [
				{ kind: 'consultation', startsOn: day(-1), endsOn: day(10) },
				{ kind: 'results', startsOn: day(11), endsOn: day(20) }
			]
		});
		return { tokens: { amira: await token(ids.amira), jon: await token(ids.jon), admin: await token(ids.admin) }, adminId: ids.admin, cityId: city.id, processRef: process.ref, budgetRef: budget.ref, listingRef: listing.ref, meetingRef: meeting.ref, consultationRef: consultation.ref, consultedRef: consulted.ref, ownRef: own.ref };
	});
	return setup;
}

/** Lists three projects while the budgeting phase is on, then opens the vote. */
async function inBudgetingPhase(db: Db, admin: NonNullable<Awaited<ReturnType<typeof loadActor>>>, cityId: string, processId: string): Promise<void> {
	let process = await getProcess(db, cityId, processId);
	process = await startPhase(db, admin, cityId, processId, process.version, process.phases[0]!.id);
	for (const [title, cost] of [['Shade on the riverside', 60_000], ['Library hours', 30_000], ['Play street', 50_000]] as const) await createProject(db, admin, cityId, processId, { title: { en: `${title} ${run}` }, cost });
	process = await getProcess(db, cityId, processId);
	await startPhase(db, admin, cityId, processId, process.version, process.phases[1]!.id);
}

/** A signed-in context; JavaScript off (as the tests use the site), on only for axe, which runs in the page. */
async function as(browser: Browser, baseURL: string, who: keyof Setup['tokens'], javaScriptEnabled = false): Promise<BrowserContext> {
	const context = await browser.newContext({ javaScriptEnabled });
	await context.addCookies([{ name: 'session', value: (await prepared()).tokens[who], domain: new URL(baseURL).hostname, path: '/', httpOnly: true, sameSite: 'Lax' }]);
	return context;
}

let proposalRef = '';

test('a resident proposes (an empty form is refused next to its fields)', async ({ browser, baseURL }) => {
	const { processRef } = await prepared();
	const context = await as(browser, baseURL!, 'amira');
	const page = await context.newPage();
	await page.goto(`/cities/${CITY_A}/participation/${processRef}`);
	await page.getByRole('button', { name: 'Publish the proposal' }).click();
	await expect(page.getByRole('alert')).toContainText('Fill this in.');
	await expect(page.locator('#proposal-title')).toHaveAttribute('aria-invalid', 'true');
	await page.getByLabel('Title (10 to 150 characters)').fill(TITLE);
	await page.getByLabel('Your proposal').fill('Plant **shade trees** so that older people can walk there in summer. <script>alert(1)</script>');
	await page.getByRole('button', { name: 'Publish the proposal' }).click();
	await expect(page).toHaveURL(/\/proposals\/PR-\d+$/);
	proposalRef = page.url().split('/').at(-1)!;
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE);
	await expect(page.locator('.proposal-body strong')).toHaveText('shade trees');
	await expect(page.locator('.proposal-body')).toContainText('<script>alert(1)</script>');
	await context.close();
});

test('the admin opens the supports phase and another resident supports until it qualifies', async ({ browser, baseURL }) => {
	const { processRef } = await prepared();
	const admin = await as(browser, baseURL!, 'admin');
	const desk = await admin.newPage();
	await desk.goto(`/admin/${CITY_A}/participation`);
	const row = desk.locator('form', { has: desk.locator(`#phase-${processRef}`) });
	await row.locator(`#phase-${processRef}`).selectOption({ label: 'Supports' });
	await row.getByRole('button', { name: 'Start this phase' }).click();
	await expect(desk.getByRole('status')).toContainText(processRef);
	await admin.close();

	const jon = await as(browser, baseURL!, 'jon');
	const page = await jon.newPage();
	await page.goto(`/cities/${CITY_A}/proposals/${proposalRef}`);
	await expect(page.getByText('No supports', { exact: false }).or(page.getByText('0 supports'))).toBeVisible();
	await page.getByRole('button', { name: 'Support this proposal' }).click();
	await expect(page.getByRole('status')).toContainText('reached its threshold');
	await expect(page.getByText('qualified: the city will answer')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Withdraw my support' })).toBeVisible();
	await jon.close();
});

test('the admin accepts the proposal and makes it an action; the proposer follows its progress', async ({ browser, baseURL }) => {
	const { adminId, cityId } = await prepared();
	const admin = await as(browser, baseURL!, 'admin');
	const desk = await admin.newPage();
	await desk.goto(`/admin/${CITY_A}/participation`);
	await desk.getByRole('link', { name: proposalRef, exact: true }).first().click();
	// A rejection needs its reason.
	await desk.getByLabel('Answer', { exact: true }).selectOption('rejected');
	await desk.getByRole('button', { name: 'Publish the answer' }).click();
	await expect(desk.getByRole('alert')).toContainText('Give the reason for the rejection.');
	await desk.getByLabel('Answer', { exact: true }).selectOption('accepted');
	await desk.getByLabel('Explanation').fill('The parks team will plant them this winter.');
	await desk.getByRole('button', { name: 'Publish the answer' }).click();
	await expect(desk.getByRole('status')).toContainText('The answer is published.');
	await desk.getByRole('button', { name: 'Make it an action of the plan' }).click();
	await expect(desk.getByRole('status')).toContainText('Linked to the action');
	const actionRef = (await desk.locator('a[href*="/actions/"]').first().textContent())!.trim();
	await admin.close();

	// The officer reports progress on the action (the commitments module's own service).
	await inDatabase(async (db) => {
		const actor = (await loadActor(db, adminId))!;
		const action = await getActionByRef(db, cityId, actionRef);
		await recordProgress(db, null, actor, cityId, action.id, action.version, { text: { en: 'The first ten trees are planted.' }, status: 'in_progress', progress: 30, reportedOn: day(0) });
	});

	const amira = await as(browser, baseURL!, 'amira');
	const page = await amira.newPage();
	await page.goto(`/cities/${CITY_A}/proposals/${proposalRef}`);
	await expect(page.getByText('The parks team will plant them this winter.')).toBeVisible();
	const delivery = page.getByRole('definition');
	await expect(page.getByRole('heading', { name: 'From idea to delivery' })).toBeVisible();
	await expect(delivery.filter({ hasText: actionRef })).toBeVisible();
	await expect(delivery.filter({ hasText: 'In progress' })).toBeVisible();
	await expect(delivery.filter({ hasText: '30' })).toBeVisible();
	await expect(page.getByText('The first ten trees are planted.')).toBeVisible();
	await amira.close();
});

test('a resident flags a proposal once; its author withdraws it; the list filters by status and names a bad filter', async ({ browser, baseURL }) => {
	test.setTimeout(120_000);
	const { ownRef, processRef } = await prepared();
	const address = `/cities/${CITY_A}/proposals/${ownRef}`;
	const jon = await as(browser, baseURL!, 'jon');
	const page = await jon.newPage();
	await page.goto(address);
	await page.getByLabel('What is wrong with it').selectOption('off_topic');
	await page.getByRole('button', { name: 'Report to the moderators' }).click();
	await expect(page.getByRole('status')).toContainText('Thank you: the moderators will look at it.');
	await page.getByRole('button', { name: 'Report to the moderators' }).click();
	await expect(page.getByRole('status')).toContainText('You have already reported this proposal');
	// Only the author may withdraw it.
	await expect(page.getByRole('button', { name: 'Withdraw my proposal' })).toHaveCount(0);
	await jon.close();

	const amira = await as(browser, baseURL!, 'amira');
	const own = await amira.newPage();
	await own.goto(address);
	await expect(own.getByRole('button', { name: 'Report to the moderators' })).toHaveCount(0);
	await own.getByRole('button', { name: 'Withdraw my proposal' }).click();
	await expect(own.getByRole('status')).toContainText('Your proposal is withdrawn.');
	await expect(own.getByText('Withdrawn by its author')).toBeVisible();
	await expect(own.getByRole('button', { name: 'Withdraw my proposal' })).toHaveCount(0);

	// The list's status control (a plain GET form) shows the withdrawn one and, qualified, the other.
	await own.goto(`/cities/${CITY_A}/participation/${processRef}`);
	await own.getByLabel('Status').selectOption('withdrawn');
	await own.getByRole('button', { name: 'Show', exact: true }).click();
	await expect(own).toHaveURL(/state=withdrawn/);
	await expect(own.getByRole('link', { name: `Benches by the bus stops ${run}` })).toBeVisible();
	await expect(own.getByRole('link', { name: TITLE })).toHaveCount(0);
	await own.getByLabel('Status').selectOption('qualified');
	await own.getByRole('button', { name: 'Show', exact: true }).click();
	await expect(own.getByRole('link', { name: TITLE })).toBeVisible();
	await expect(own.getByRole('link', { name: `Benches by the bus stops ${run}` })).toHaveCount(0);
	// A bad filter in the address is named next to its control; the list is shown without it.
	await own.goto(`/cities/${CITY_A}/participation/${processRef}?state=everything`);
	await expect(own.locator('#proposal-state')).toHaveAttribute('aria-invalid', 'true');
	await expect(own.getByText('Choose one of the options.')).toBeVisible();
	await amira.close();
});

test('a resident casts a budget ballot within the budget, and may change it', async ({ browser, baseURL }) => {
	const { budgetRef } = await prepared();
	const context = await as(browser, baseURL!, 'jon');
	const page = await context.newPage();
	await page.goto(`/cities/${CITY_A}/participation/${budgetRef}`);
	await page.getByLabel(`Shade on the riverside ${run}`, { exact: false }).check();
	await page.getByLabel(`Play street ${run}`, { exact: false }).check();
	await page.getByRole('button', { name: 'Cast my ballot' }).click();
	await expect(page.getByRole('alert')).toContainText('cost more than the budget');
	// What was ticked stays ticked, and nothing was saved.
	await expect(page.getByLabel(`Play street ${run}`, { exact: false })).toBeChecked();
	await expect(page.getByRole('button', { name: 'Cast my ballot' })).toBeVisible();
	await page.getByLabel(`Play street ${run}`, { exact: false }).uncheck();
	await page.getByLabel(`Library hours ${run}`, { exact: false }).check();
	await page.getByRole('button', { name: 'Cast my ballot' }).click();
	await expect(page.getByRole('status')).toContainText('Your ballot is saved');
	await expect(page.getByRole('status')).toContainText('90,000');
	await expect(page.getByLabel(`Library hours ${run}`, { exact: false })).toBeChecked();
	await page.getByLabel(`Library hours ${run}`, { exact: false }).uncheck();
	await page.getByRole('button', { name: 'Change my ballot' }).click();
	await expect(page.getByRole('status')).toContainText('60,000');
	await context.close();
});

test('the admin lists a budget project (bad costs refused next to the field); a resident reads and follows it', async ({ browser, baseURL }) => {
	test.setTimeout(120_000);
	const { listingRef } = await prepared();
	const admin = await as(browser, baseURL!, 'admin');
	const desk = await admin.newPage();
	await desk.goto(`/admin/${CITY_A}/participation/budgets/${listingRef}`);
	await desk.getByLabel('Title (in your language)').fill(`Benches in the park ${run}`);
	await desk.getByLabel('Cost (GBP)').fill('ten thousand');
	await desk.getByRole('button', { name: 'Add the project' }).click();
	await expect(desk.getByRole('alert')).toContainText('Enter a whole number');
	await expect(desk.locator('#project-cost')).toHaveAttribute('aria-invalid', 'true');
	await expect(desk.getByLabel('Title (in your language)')).toHaveValue(`Benches in the park ${run}`);
	await desk.getByLabel('Cost (GBP)').fill('250000');
	await desk.getByRole('button', { name: 'Add the project' }).click();
	await expect(desk.getByRole('alert')).toContainText('more than the whole budget');
	await expect(desk.getByRole('table')).toHaveCount(0);
	await desk.getByLabel('Cost (GBP)').fill('40000');
	await desk.getByRole('button', { name: 'Add the project' }).click();
	await expect(desk.getByRole('status')).toContainText('is on the list');
	const projectRef = /BP-\d+/.exec((await desk.getByRole('status').textContent())!)![0];
	await desk.getByRole('link', { name: projectRef, exact: true }).click();
	await desk.getByLabel('Cost (GBP)').fill('45000');
	await desk.getByRole('button', { name: 'Save the project' }).click();
	await expect(desk.getByRole('status')).toContainText('The project is saved.');
	await admin.close();
	const checker = await (await as(browser, baseURL!, 'admin', true)).newPage();
	await checker.goto(`/admin/${CITY_A}/participation/budgets/${listingRef}`);
	expect(await axeOn(checker), 'admin budget page').toEqual([]);
	await checker.context().close();

	const jon = await as(browser, baseURL!, 'jon');
	const page = await jon.newPage();
	await page.goto(`/cities/${CITY_A}/participation/${listingRef}`);
	await page.getByRole('link', { name: `Benches in the park ${run}` }).click();
	await expect(page).toHaveURL(new RegExp(`/budget-projects/${projectRef}$`));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Benches in the park ${run}`);
	await expect(page.getByRole('definition').filter({ hasText: '45,000' })).toBeVisible();
	await expect(page.getByText('The results are not published yet.')).toBeVisible();
	await page.getByRole('button', { name: 'Follow this project' }).click();
	await expect(page.getByRole('status')).toContainText('You follow this project');
	await expect(page.getByRole('button', { name: 'Stop following' })).toBeVisible();
	await jon.close();
});

test('the admin publishes the budget results; a funded project shows its result and its action', async ({ browser, baseURL }) => {
	const { budgetRef } = await prepared();
	const admin = await as(browser, baseURL!, 'admin');
	const desk = await admin.newPage();
	await desk.goto(`/admin/${CITY_A}/participation`);
	await desk.getByRole('link', { name: `Projects and results of ${budgetRef}` }).click();
	await expect(desk.getByText('once the process is in its results phase')).toBeVisible();
	await desk.goto(`/admin/${CITY_A}/participation`);
	const row = desk.locator('form', { has: desk.locator(`#phase-${budgetRef}`) });
	await row.locator(`#phase-${budgetRef}`).selectOption({ label: 'Results' });
	await row.getByRole('button', { name: 'Start this phase' }).click();
	await desk.goto(`/admin/${CITY_A}/participation/budgets/${budgetRef}`);
	// Jon's ballot: the riverside shade alone (60,000 of 100,000).
	await expect(desk.getByRole('table', { name: 'The results as they would be published now' }).getByRole('row').filter({ hasText: `Shade on the riverside ${run}` })).toContainText('Funded');
	await desk.getByRole('button', { name: 'Publish the results' }).click();
	await expect(desk.getByRole('status')).toContainText('one funded project is now an action of the plan');
	await expect(desk.getByRole('button', { name: 'Publish the results' })).toHaveCount(0);
	await admin.close();

	const page = await browser.newPage({ javaScriptEnabled: false });
	await page.goto(`/cities/${CITY_A}/participation/${budgetRef}`);
	await page.getByRole('link', { name: `Shade on the riverside ${run}` }).click();
	await expect(page.getByRole('definition').filter({ hasText: 'Funded' })).toBeVisible();
	await expect(page.getByText('one vote')).toBeVisible();
	await expect(page.getByRole('heading', { name: 'From idea to delivery' })).toBeVisible();
	await page.close();
});

test('the council meeting page shows its agenda and recommendations; project and meeting pages are axe-clean in English and Arabic', async ({ browser }) => {
	test.setTimeout(120_000);
	const { meetingRef, budgetRef } = await prepared();
	// JavaScript on for axe only (it runs in the page); the pages use none.
	const page = await browser.newPage();
	await page.goto(`/cities/${CITY_A}/council`);
	await page.getByRole('link', { name: `Council meeting ${run}` }).click();
	await expect(page).toHaveURL(new RegExp(`/council/meetings/${meetingRef}$`));
	await expect(page.getByText(`Item one: housing ${run}`)).toBeVisible();
	await expect(page.getByText('Guildhall')).toBeVisible();
	await page.getByRole('link', { name: `Count evictions ${run}` }).click();
	await expect(page.getByRole('link', { name: `Council meeting ${run}` })).toBeVisible();
	await page.goto(`/cities/${CITY_A}/participation/${budgetRef}`);
	const projectPath = await page.getByRole('link', { name: `Shade on the riverside ${run}` }).getAttribute('href');
	for (const lang of ['en', 'ar']) {
		for (const url of [`${projectPath}?lang=${lang}`, `/cities/${CITY_A}/council/meetings/${meetingRef}?lang=${lang}`]) {
			await page.goto(url);
			expect(await axeOn(page), url).toEqual([]);
		}
	}
	await page.close();
});

test('residents comment on a draft action, reply and support; the admin gathers and answers the comments, hides one with a reason and closes the consultation', async ({ browser, baseURL }) => {
	test.setTimeout(150_000);
	const { consultationRef, consultedRef } = await prepared();
	const address = `/cities/${CITY_A}/participation/${consultationRef}/actions/${consultedRef}`;
	const amira = await as(browser, baseURL!, 'amira');
	const page = await amira.newPage();
	await page.goto(`/cities/${CITY_A}/participation/${consultationRef}`);
	await page.getByRole('link', { name: new RegExp(`^${consultedRef} · `) }).click();
	await expect(page).toHaveURL(new RegExp(`${address}$`));
	await page.getByRole('button', { name: 'Publish my comment' }).click();
	await expect(page.getByRole('alert')).toContainText('Fill this in.');
	await expect(page.locator('#comment-body')).toHaveAttribute('aria-invalid', 'true');
	await page.getByLabel('Your comment on this action').fill(`Open the desk on Saturdays ${run}`);
	await page.getByRole('button', { name: 'Publish my comment' }).click();
	await expect(page.getByRole('status')).toContainText('Your comment is published.');
	await expect(page.getByText(`Open the desk on Saturdays ${run}`)).toBeVisible();
	// Nobody supports their own comment.
	await expect(page.getByRole('button', { name: 'Support this comment' })).toHaveCount(0);
	await amira.close();

	const jon = await as(browser, baseURL!, 'jon');
	const other = await jon.newPage();
	await other.goto(address);
	await other.getByRole('button', { name: 'Support this comment' }).click();
	await expect(other.getByRole('status')).toContainText('Your support for the comment is counted.');
	await expect(other.getByText('One support')).toBeVisible();
	await other.getByText('Reply', { exact: true }).click();
	await other.getByLabel('Your reply').fill(`And one evening a week ${run}`);
	await other.getByRole('button', { name: 'Publish my reply' }).click();
	await expect(other.getByRole('status')).toContainText('Your comment is published.');
	await expect(other.locator('.replies')).toContainText(`And one evening a week ${run}`);
	await jon.close();

	const admin = await as(browser, baseURL!, 'admin');
	const desk = await admin.newPage();
	// The city gathers the comment into a cluster with its response and hides the reply with a public reason.
	await desk.goto(`/admin/${CITY_A}/participation`);
	await desk.getByRole('link', { name: `Gather and answer the comments of ${consultationRef}` }).click();
	await desk.getByRole('link', { name: consultedRef, exact: true }).click();
	await desk.getByRole('button', { name: 'Make the cluster' }).click();
	await expect(desk.locator('#new-cluster-title')).toHaveAttribute('aria-invalid', 'true');
	await desk.locator('#new-cluster-title').fill(`Opening hours ${run}`);
	await desk.locator('#new-cluster-response').fill(`Saturday mornings from March ${run}`);
	await desk.getByRole('checkbox', { name: `Open the desk on Saturdays ${run}` }).check();
	await desk.getByRole('button', { name: 'Make the cluster' }).click();
	await expect(desk.getByRole('status')).toContainText('its response is public');
	const reply = desk.locator('.replies li', { hasText: `And one evening a week ${run}` });
	await reply.getByRole('button', { name: 'Hide the comment' }).click();
	await expect(desk.locator('#hide-errors')).toBeVisible();
	await desk.locator('.replies li', { hasText: `And one evening a week ${run}` }).getByLabel('Public reason for hiding it').fill('Names a member of staff');
	await desk.locator('.replies li', { hasText: `And one evening a week ${run}` }).getByRole('button', { name: 'Hide the comment' }).click();
	await expect(desk.getByRole('status')).toContainText('The comment is hidden');
	const moderation = new URL(desk.url()).pathname;
	await desk.goto(`/admin/${CITY_A}/participation`);
	await desk.getByRole('button', { name: `Close the Consultation phase of ${consultationRef} now` }).click();
	await expect(desk.getByRole('status')).toContainText(`The current phase of ${consultationRef} is closed.`);
	await admin.close();

	const reader = await browser.newPage();
	await reader.goto(address);
	await expect(reader.getByText('The consultation is not open for comments now')).toBeVisible();
	await expect(reader.getByText(`Saturday mornings from March ${run}`)).toBeVisible();
	await expect(reader.getByText('Names a member of staff')).toBeVisible();
	await expect(reader.getByText(`And one evening a week ${run}`)).toHaveCount(0);
	for (const lang of ['en', 'ar']) {
		await reader.goto(`${address}?lang=${lang}`);
		expect(await axeOn(reader), `${address}?lang=${lang}`).toEqual([]);
	}
	await reader.close();
	// The moderation page, axe-clean in English and Arabic (JavaScript on for axe only).
	const checker = await as(browser, baseURL!, 'admin', true);
	const page2 = await checker.newPage();
	for (const lang of ['en', 'ar']) {
		await page2.goto(`${moderation}?lang=${lang}`);
		expect(await axeOn(page2), `${moderation}?lang=${lang}`).toEqual([]);
	}
	await checker.close();
});

test('the admin keeps the council: appoints a member, writes the minutes, records a recommendation, responds and links an action; the public page follows', async ({ browser, baseURL }) => {
	test.setTimeout(150_000);
	const { meetingRef } = await prepared();
	const admin = await as(browser, baseURL!, 'admin');
	const desk = await admin.newPage();
	// In English: the consultation test before this one leaves the admin reading Arabic (a signed-in
	// reader's language is remembered).
	await desk.goto(`/admin/${CITY_A}/participation?lang=en`);
	await desk.getByRole('link', { name: 'The human rights council: members, meetings, recommendations' }).click();
	await expect(desk.getByRole('heading', { level: 1 })).toContainText('Human rights council');
	// An empty name is refused next to its field.
	await desk.getByRole('button', { name: 'Appoint', exact: true }).click();
	await expect(desk.locator('#appoint-errors')).toBeVisible();
	await expect(desk.locator('#member-name')).toHaveAttribute('aria-invalid', 'true');
	await desk.getByLabel('Name (shown on the public council page)').fill(`Rosa Delgado ${run}`);
	await desk.getByLabel('Seat').selectOption('cso');
	await desk.getByLabel('Organisation').fill('York Tenants Union');
	await desk.getByLabel('First day of the term').fill(day(-30));
	await desk.getByRole('button', { name: 'Appoint', exact: true }).click();
	await expect(desk.getByRole('status')).toContainText(`Rosa Delgado ${run} was appointed to the council.`);

	// The minutes of the meeting, published with it.
	await desk.getByRole('link', { name: meetingRef, exact: true }).click();
	await desk.locator('#meeting-minutes').fill(`The council heard tenants ${run}`);
	await desk.getByRole('button', { name: 'Save the meeting' }).click();
	await expect(desk.getByRole('status')).toContainText('The meeting was saved');

	// A recommendation from that meeting, the city's response, the action that follows it.
	await desk.goto(`/admin/${CITY_A}/participation/council`);
	await desk.locator('#recommendation-title').fill(`Publish eviction counts ${run}`);
	const meetingId = await desk.locator('#recommendation-meeting option', { hasText: `${meetingRef} · ` }).getAttribute('value');
	await desk.getByLabel('From the meeting').selectOption(meetingId!);
	await desk.getByRole('button', { name: 'Record the recommendation' }).click();
	const recorded = (await desk.getByRole('status').textContent()) ?? '';
	const recommendationRef = /CR-\d+/.exec(recorded)?.[0] ?? '';
	expect(recommendationRef, recorded).not.toBe('');
	await desk.getByRole('link', { name: recommendationRef, exact: true }).click();
	await expect(desk.getByText('Accept the recommendation (or accept it in part) before linking it to an action.')).toBeVisible();
	await desk.getByRole('button', { name: 'Publish the response' }).click();
	await expect(desk.locator('#response-text')).toHaveAttribute('aria-invalid', 'true');
	await desk.getByLabel('The city’s decision').selectOption('accepted');
	await desk.getByLabel('The response (in your language)').fill(`Counts by district from next year ${run}`);
	await desk.getByRole('button', { name: 'Publish the response' }).click();
	await expect(desk.getByRole('status')).toContainText('The city’s response was published');
	await desk.getByRole('button', { name: 'Link to this action' }).click();
	await expect(desk.getByRole('status')).toContainText('Linked to the action');
	await admin.close();

	const reader = await browser.newPage();
	await reader.goto(`/cities/${CITY_A}/council`);
	await expect(reader.getByRole('cell', { name: new RegExp(`Rosa Delgado ${run}`) })).toBeVisible();
	await reader.goto(`/cities/${CITY_A}/council/recommendations/${recommendationRef}`);
	await expect(reader.getByText(`Counts by district from next year ${run}`)).toBeVisible();
	await reader.goto(`/cities/${CITY_A}/council/meetings/${meetingRef}`);
	await expect(reader.getByText(`The council heard tenants ${run}`)).toBeVisible();
	await reader.close();

	// The council desk, axe-clean in English and Arabic (JavaScript on for axe only).
	const checker = await as(browser, baseURL!, 'admin', true);
	const page = await checker.newPage();
	for (const lang of ['en', 'ar']) {
		for (const url of [`/admin/${CITY_A}/participation/council?lang=${lang}`, `/admin/${CITY_A}/participation/council/recommendations/${recommendationRef}?lang=${lang}`]) {
			await page.goto(url);
			expect(await axeOn(page), url).toEqual([]);
		}
	}
	await checker.close();
});

test('the process and proposal pages are axe-clean in English and Arabic, the council recommendation page in Arabic', async ({ browser }) => {
	// Five axe runs, each in a fresh context: slow on a busy 2-CPU machine.
	test.setTimeout(120_000);
	const { processRef } = await prepared();
	for (const lang of ['en', 'ar']) {
		for (const url of [`/cities/${CITY_A}/participation/${processRef}?lang=${lang}`, `/cities/${CITY_A}/proposals/${proposalRef}?lang=${lang}`]) {
			expect(await axeViolations(browser, url), url).toEqual([]);
		}
	}
	// The council's recommendation page (York's demo one is followed to an action), right to left.
	const council = `/cities/${CITY_A}/council/recommendations/CR-1?lang=ar`;
	expect(await axeViolations(browser, council), council).toEqual([]);
});
