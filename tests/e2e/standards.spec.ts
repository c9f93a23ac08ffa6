// Standards in a browser, without JavaScript: York's admin self-assesses against the municipal
// roles framework (ratings, justifications, suggested evidence and links) and submits; the
// network admin appoints Lund; Lund's admin rates as reviewer and submits; both cities confirm
// (they agree on every criterion), and York's public scorecard shows the level with the rule.
// Anyone verifies the badge. The network admin uploads, publishes and retires a framework version.
// A civil-society organisation files a shadow assessment, and a reviewer city withdraws from a
// review. Bad input changes nothing; axe finds nothing on any standards page in any UI language
// (the scorecard showing the new level, the network comparison, an assessment, the review, a
// badge's check, the shadow assessments and both staff desks).
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { openDatabase } from '../../src/lib/server/db/database.ts';
import { createAdmin } from '../../src/lib/server/accounts/roles.service.ts';
import { startSession } from '../../src/lib/server/accounts/sessions.service.ts';
import { systemActor } from '../../src/lib/server/accounts/index.ts';
import { findCityBySlug } from '../../src/lib/server/cities/index.ts';
import { currentVersions } from '../../src/lib/server/standards/frameworks.service.ts';
import { startSelfAssessment, submitAssessment, saveRatings } from '../../src/lib/server/standards/assessments.service.ts';
import { appointReviewer } from '../../src/lib/server/standards/reviews.service.ts';
import { ratedAll } from '../../src/lib/server/standards/test-fixtures.ts';
import { CITY_A } from './actors.ts';
import { axeOn, axeViolations, LOCALES } from './fixtures.ts';

const run = Date.now().toString(36);
const YEAR = new Date().getUTCFullYear();
const ADMIN = `/admin/${CITY_A}/standards`;

/** Sessions of this spec's own people: York's admin, Lund's admin and a network admin. */
async function sessions(suffix = ''): Promise<{ york: string; lund: string; network: string }> {
	const database = await openDatabase({ dialect: 'sqlite', path: path.join(process.env.E2E_DATA_DIR!, 'rightscity.sqlite') });
	try {
		const make = async (role: 'city_admin' | 'network_admin', citySlug: string | undefined, name: string) => {
			const { personId } = await createAdmin(database.db, { email: `standards-${name}${suffix}-${run}@example.org`, role, citySlug, displayName: `Standards ${name}` });
			return (await startSession(database.db, personId, { ip: '127.0.0.1', userAgent: 'standards e2e' })).token;
		};
		return { york: await make('city_admin', CITY_A, 'york'), lund: await make('city_admin', 'lund', 'lund'), network: await make('network_admin', undefined, 'network') };
	} finally {
		await database.close();
	}
}

async function contextWith(browser: Browser, baseURL: string, token: string): Promise<BrowserContext> {
	const context = await browser.newContext({ javaScriptEnabled: false });
	await context.addCookies([{ name: 'session', value: token, domain: new URL(baseURL).hostname, path: '/', httpOnly: true, secure: false, sameSite: 'Lax' }]);
	return context;
}

/** Rates every criterion on the open form "partly met", with a justification and a link each. */
async function ratePartly(page: Page, what: string): Promise<void> {
	const selects = page.locator('select[name^="rating."]');
	const count = await selects.count();
	expect(count).toBe(6);
	for (let index = 0; index < count; index++) {
		const select = selects.nth(index);
		const code = (await select.getAttribute('name'))!.slice('rating.'.length);
		await select.selectOption('partly_met');
		await page.locator(`textarea[name="justification.${code}"]`).fill(`${what} ${code}: begun, not yet complete.`);
		await page.locator(`textarea[name="links.${code}"]`).fill(`https://example.org/e2e/${run}/${code.replace(':', '-')} Evidence`);
	}
}

test('York self-assesses, Lund reviews, they agree and the scorecard shows the level; bad input changes nothing', async ({ browser, baseURL }) => {
	// The flow itself; each axe pass adds its own budget (axeOn).
	test.setTimeout(150_000);
	const tokens = await sessions();

	// ——— York's admin starts and fills a self-assessment of the municipal roles ———
	const york = await contextWith(browser, baseURL!, tokens.york);
	const page = await york.newPage();
	await page.goto(`${ADMIN}?lang=en`);
	await page.locator('#start-version').selectOption({ label: 'Municipal roles 2024.1' });
	await page.locator('#start-year').fill('1999');
	await page.getByRole('button', { name: 'Start the self-assessment' }).click();
	await expect(page.locator('#start-year-error')).toContainText('Enter a year from 2000 to next year');
	await page.locator('#start-year').fill(String(YEAR));
	await page.getByRole('button', { name: 'Start the self-assessment' }).click();
	const ref = `SA-${YEAR}-1`;
	await expect(page.getByRole('status')).toContainText(`The self-assessment ${ref} is started.`);
	await page.getByRole('link', { name: ref, exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Self-assessment ${ref}`);
	// The platform suggests York's own records as evidence (its declaration, plan, actions, …).
	expect(await page.locator('input[type="checkbox"][name^="evidence."]').count()).toBeGreaterThan(0);

	// Rated "met" without the evidence it requires: refused by criterion, nothing saved.
	await page.locator('#rating-role-employer').selectOption('met');
	await page.locator('#justification-role-employer').fill('We are a fair employer.');
	await page.getByRole('button', { name: 'Save the ratings' }).click();
	await expect(page.locator('#rating-role-employer-error')).toContainText('This rating needs more evidence');
	// Submitting before every criterion is rated: refused.
	await page.getByRole('button', { name: 'Submit', exact: true }).click();
	await expect(page.locator('#submit-errors')).toContainText('Every criterion must be rated before submitting');

	await page.goto(`${ADMIN}/assessments/${ref}?lang=en`);
	await ratePartly(page, 'York on');
	await page.locator('input[type="checkbox"][name="evidence.role:democratic"]').first().check();
	await page.getByRole('button', { name: 'Save the ratings' }).click();
	await expect(page.getByRole('status')).toHaveText('Saved.');
	await page.getByRole('button', { name: 'Submit', exact: true }).click();
	await expect(page.getByRole('status')).toHaveText('Submitted.');
	await expect(page.getByText('This assessment is submitted and can no longer be changed.')).toBeVisible();

	// ——— The network admin appoints Lund (York cannot review itself) ———
	const network = await contextWith(browser, baseURL!, tokens.network);
	const admin = await network.newPage();
	await admin.goto(`${ADMIN}?lang=en`);
	const appoint = admin.locator(`#appoint-${ref}-city`);
	await appoint.fill(CITY_A);
	await appoint.locator('xpath=ancestor::form').getByRole('button', { name: 'Appoint' }).click();
	await expect(admin.locator(`#appoint-${ref}-reviewerCity-error`)).toContainText('A city never reviews itself');
	await admin.locator(`#appoint-${ref}-city`).fill('lund');
	await admin.locator(`#appoint-${ref}-city`).locator('xpath=ancestor::form').getByRole('button', { name: 'Appoint' }).click();
	await expect(admin.getByRole('status')).toContainText(`is appointed to review ${ref}`);
	await network.close();

	// ——— Lund's admin reviews, on York's evidence, and submits ———
	const lund = await contextWith(browser, baseURL!, tokens.lund);
	const reviewer = await lund.newPage();
	await reviewer.goto('/admin/lund/standards?lang=en');
	const reviewRef = `PR-${YEAR}-1`;
	await reviewer.getByRole('link', { name: reviewRef, exact: true }).click();
	await ratePartly(reviewer, 'Lund on');
	await reviewer.getByRole('button', { name: 'Save the ratings' }).click();
	await expect(reviewer.getByRole('status')).toHaveText('Saved.');
	await reviewer.getByRole('button', { name: 'Submit', exact: true }).click();
	await expect(reviewer.getByRole('status')).toHaveText('Submitted.');

	// ——— Both confirm: they agree on every criterion, so the review is published ———
	await page.goto(`${ADMIN}/reviews/${reviewRef}?lang=en`);
	await page.getByRole('button', { name: 'Confirm the positions' }).click();
	await expect(page.getByRole('status')).toHaveText('Confirmed.');
	await reviewer.reload();
	await reviewer.getByRole('button', { name: 'Confirm the positions' }).click();
	await expect(reviewer.getByRole('status')).toHaveText('Confirmed. The review is published.');
	await lund.close();
	await york.close();

	// ——— The public scorecard shows the level, the rule and the review with both voices ———
	const visitor = await browser.newContext({ javaScriptEnabled: false });
	const card = await visitor.newPage();
	await card.goto(`/cities/${CITY_A}/standards?lang=en`);
	const roles = card.locator('section', { has: card.getByRole('heading', { name: /roles of a municipality toward human rights/ }) });
	await expect(roles.locator('.standards-level')).toContainText('Level 2 of 4: Commitment');
	await expect(roles.getByText(`reviewed by Lund in peer review ${reviewRef}`)).toBeVisible();
	await expect(roles.getByText('every core criterion is at least partly met: holds').first()).toBeVisible();
	await expect(roles.getByRole('heading', { name: 'What keeps the city from level 3: Implementation' })).toBeVisible();
	// The scorecard with the level just agreed is checked by axe in every locale by the tests at
	// the end of this file (they run after this one, in the same worker).
	await card.goto(`/cities/${CITY_A}/standards/reviews/${reviewRef}?lang=en`);
	await expect(card.getByText('Lund on role:employer: begun, not yet complete.')).toBeVisible();
	await expect(card.getByText('York on role:employer: begun, not yet complete.')).toBeVisible();
	const badge = await card.request.get(`/cities/${CITY_A}/standards/badge.svg?framework=roles`);
	expect(badge.headers()['content-type']).toContain('image/svg+xml');
	expect(await badge.text()).toContain('Level 2 of 4: Commitment');
	expect((await card.request.get('/cities/graz/standards/badge.svg?lang=en')).status()).toBe(404);

	// ——— Anyone verifies the badge: the scorecard's link, a pasted SVG; text that is not a badge is refused ———
	await card.goto(`/cities/${CITY_A}/standards?lang=en`);
	await card.locator('li', { hasText: 'roles of a municipality' }).getByRole('link', { name: 'Verify this badge' }).click();
	const verdict = card.locator('section', { has: card.getByRole('heading', { name: /^Valid: signed by the network, and the city.s current result$/ }) });
	await expect(verdict).toContainText('Level 2 of 4: Commitment');
	await expect(verdict).toContainText('reviewed by Lund');
	await card.locator('#verify-badge').fill('York is at level 4, trust us');
	await card.getByRole('button', { name: 'Verify', exact: true }).click();
	await expect(card.locator('#badge-error')).toContainText('This is not a Rights City badge');
	await card.locator('#verify-badge').fill(await (await card.request.get(`/cities/${CITY_A}/standards/badge.svg?framework=roles`)).text());
	await card.getByRole('button', { name: 'Verify', exact: true }).click();
	await expect(card.getByRole('heading', { name: /^Valid: / })).toBeVisible();
	await visitor.close();
});

test('the network admin uploads a framework version (problems by place, nothing stored), publishes it and retires it', async ({ browser, baseURL }) => {
	test.setTimeout(90_000);
	const tokens = await sessions('-fw');
	const context = await contextWith(browser, baseURL!, tokens.network);
	const page = await context.newPage();
	await page.goto('/admin/network?lang=en');
	await page.getByRole('link', { name: 'Criteria frameworks' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Criteria frameworks');
	const upload = async (name: string, content: string) => {
		await page.locator('#framework-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
		await page.getByRole('button', { name: 'Check and keep as a draft' }).click();
	};
	const problems = page.locator('table', { has: page.locator('caption', { hasText: 'Problems in the document' }) });

	// Bad JSON: its line and column; a bad document: every problem by its path; nothing stored.
	await upload('broken.json', '{\n  "format": "x",\n  "framework" "roles"\n}');
	await expect(page.locator('#file-error')).toContainText('The file is not valid JSON');
	await expect(problems).toContainText('line 3, column 15');
	const roles = JSON.parse(fs.readFileSync('src/lib/server/standards/data/municipal-roles-2024.json', 'utf8'));
	const version = `e2e-${run}`;
	await upload('bad.json', JSON.stringify({ ...roles, version, criteria: [{ ...roles.criteria[0], group: 'nowhere' }, ...roles.criteria.slice(1)] }));
	await expect(page.locator('#file-error')).toContainText('The document has problems');
	await expect(problems.getByRole('row', { name: /criteria\.0\.group/ })).toContainText('No group with this code in the document.');
	await page.goto('/admin/network/standards?lang=en');
	await expect(page.locator('tr', { hasText: version })).toHaveCount(0);

	// A good version: a draft with what it changes, published, then retired (after a confirmation).
	roles.criteria[0].title.en += ' (revised)';
	await upload('roles.json', JSON.stringify({ ...roles, version }));
	await expect(page.getByRole('status')).toContainText(`roles ${version} is checked and kept as a draft`);
	const draft = page.locator('section', { has: page.getByRole('heading', { name: version }) });
	await expect(draft).toContainText('Changed criteria: 1');
	await expect(draft).toContainText('The maturity rule stays the same.');
	await draft.getByRole('button', { name: /^Publish/ }).click();
	await expect(page.getByRole('status')).toHaveText(`roles ${version} is published.`);
	const row = page.locator('tr', { hasText: version });
	await row.getByRole('button', { name: /^Retire/ }).click();
	await expect(page.locator('#retire-errors')).toContainText('Tick the box to confirm that this version is retired');
	await expect(page.locator('tr', { hasText: version })).toContainText('Published');
	await page.locator('tr', { hasText: version }).getByRole('checkbox').check();
	await page.locator('tr', { hasText: version }).getByRole('button', { name: /^Retire/ }).click();
	await expect(page.getByRole('status')).toContainText(`roles ${version} is retired`);
	await expect(page.locator('tr', { hasText: version })).toContainText('Retired');
	await context.close();
});

test('a civil-society organisation files a shadow assessment; a reviewer city withdraws from a review', async ({ browser, baseURL }) => {
	test.setTimeout(120_000);
	// A CSO of York, and York's admin (the reviewer city here); Lund submitted a self-assessment of
	// its own and the network admin appointed York to review it (through the services).
	const database = await openDatabase({ dialect: 'sqlite', path: path.join(process.env.E2E_DATA_DIR!, 'rightscity.sqlite') });
	let cso: string;
	let yorkToken: string;
	let lundRef: string;
	try {
		const make = async (role: 'cso' | 'city_admin', name: string) => {
			const { personId } = await createAdmin(database.db, { email: `standards-${name}-${run}@example.org`, role, citySlug: CITY_A, displayName: `Standards ${name}` });
			return (await startSession(database.db, personId, { ip: '127.0.0.1', userAgent: 'standards e2e' })).token;
		};
		cso = await make('cso', 'cso');
		yorkToken = await make('city_admin', 'york-reviewer');
		const lund = (await findCityBySlug(database.db, 'lund'))!;
		const lundAdmin = systemActor('cli', [lund.id]);
		const roles = (await currentVersions(database.db)).get('roles')!;
		const started = await startSelfAssessment(database.db, lundAdmin, lund.id, { versionId: roles.id, year: YEAR });
		const saved = await saveRatings(database.db, lundAdmin, lund.id, started.id, started.version, await ratedAll(database.db, started, 'partly_met'), { locale: 'en' });
		const submitted = await submitAssessment(database.db, lundAdmin, lund.id, started.id, saved.version);
		lundRef = (await appointReviewer(database.db, { ...systemActor('cli', []), networkAdmin: true }, lund.id, submitted.id, { reviewerCity: CITY_A })).ref;
	} finally {
		await database.close();
	}

	// ——— The CSO files a shadow assessment: a missing organisation is refused, then rated and submitted ———
	const organisation = `Coalition ${run}`;
	const csoContext = await contextWith(browser, baseURL!, cso);
	const page = await csoContext.newPage();
	await page.goto(`/cities/${CITY_A}/standards/shadow?lang=en`);
	await page.locator('#start-version').selectOption({ label: 'Municipal roles 2024.1' });
	await page.getByRole('button', { name: 'Start the shadow assessment' }).click();
	await expect(page.locator('#start-organisation-error')).toBeVisible();
	await page.locator('#start-organisation').fill(organisation);
	await page.locator('#start-version').selectOption({ label: 'Municipal roles 2024.1' });
	await page.getByRole('button', { name: 'Start the shadow assessment' }).click();
	await expect(page).toHaveURL(/\/standards\/shadow\/SH-\d{4}-\d+/);
	const shadowRef = /SH-\d{4}-\d+/.exec(page.url())![0];
	await ratePartly(page, 'Coalition on');
	await page.locator('input[type="checkbox"][name="evidence.role:democratic"]').first().check();
	await page.getByRole('button', { name: 'Save the ratings' }).click();
	await expect(page.getByRole('status')).toHaveText('Saved.');
	await page.getByRole('button', { name: 'Submit', exact: true }).click();
	await expect(page.getByRole('status')).toHaveText('Submitted.');
	await csoContext.close();
	// Public at once, on the shadow page and the scorecard (the render cache shows the change).
	const visitor = await browser.newContext({ javaScriptEnabled: false });
	const publicPage = await visitor.newPage();
	for (const url of [`/cities/${CITY_A}/standards/shadow?lang=en`, `/cities/${CITY_A}/standards?lang=en`]) {
		await publicPage.goto(url);
		await publicPage.getByRole('link', { name: `Shadow assessment by ${organisation} ${shadowRef}` }).click();
		await expect(publicPage.getByText('Coalition on role:employer: begun, not yet complete.')).toBeVisible();
	}
	await visitor.close();

	// ——— York's admin withdraws the city from reviewing Lund: the box must be ticked ———
	const york = await contextWith(browser, baseURL!, yorkToken);
	const reviewer = await york.newPage();
	await reviewer.goto(`${ADMIN}?lang=en`);
	await reviewer.locator(`a[href="${ADMIN}/reviewing/lund/${lundRef}"]`).click();
	await reviewer.getByRole('button', { name: 'Withdraw' }).click();
	await expect(reviewer.locator('#withdraw-errors')).toBeVisible();
	await reviewer.locator('#withdraw-confirm').check();
	await reviewer.getByRole('button', { name: 'Withdraw' }).click();
	await expect(reviewer).toHaveURL(new RegExp(`${ADMIN}\\?withdrawn=`));
	await expect(reviewer.getByRole('status')).toHaveText(`Your city withdrew from peer review ${lundRef}. The network admin can appoint another city.`);
	await expect(reviewer.locator(`a[href="${ADMIN}/reviewing/lund/${lundRef}"]`)).toHaveCount(0);
	expect((await reviewer.goto(`${ADMIN}/reviewing/lund/${lundRef}?lang=en`))!.status()).toBe(404);
	await york.close();
});

// Every standards page in every UI language: the public ones signed out (the scorecard with the
// level York and Lund agreed above, the network comparison, an assessment, a published review,
// the shadow assessments, a badge's check) and the staff pages signed in (both cities' desks, an
// assessment, a review, the reviewer's page, the network admin's desk); right to left in Arabic.
for (const locale of LOCALES) {
	test(`the standards pages are axe-clean in ${locale}`, async ({ browser, baseURL, request }) => {
		test.setTimeout(120_000);
		const scorecard = await (await request.get(`/cities/${CITY_A}/standards?lang=en`)).text();
		const assessment = new RegExp(`href="(/cities/${CITY_A}/standards/assessments/[^"?#]+)"`).exec(scorecard)?.[1];
		expect(assessment, 'the scorecard links to a public assessment').toBeTruthy();
		// The verify link York's badge carries (the check of its result).
		const svg = await (await request.get(`/cities/${CITY_A}/standards/badge.svg`)).text();
		const link = new URL(/ verify="([^"]+)"/.exec(svg)![1]!);
		const pages = [`/cities/${CITY_A}/standards`, '/network/standards', assessment!, `/cities/${CITY_A}/standards/reviews/PR-${YEAR - 1}-1`, `/cities/${CITY_A}/standards/shadow`, `${link.pathname}${link.search}`];
		const problems: Record<string, unknown> = {};
		for (const url of pages) {
			const localized = `${url}${url.includes('?') ? '&' : '?'}lang=${locale}`;
			const violations = await axeViolations(browser, localized);
			if (violations.length > 0) problems[localized] = violations;
		}
		const { york, lund, network } = await sessions(`-axe-${locale}`);
		// The staff pages: each desk, and from York's desk its first assessment and review; from
		// Lund's desk the review it writes for another city.
		const staff: [string, string, RegExp | null][] = [
			[york, ADMIN, null],
			[york, ADMIN, /\/standards\/assessments\//],
			[york, ADMIN, /\/standards\/reviews\//],
			[lund, '/admin/lund/standards', /\/standards\/reviewing\//],
			[network, '/admin/network/standards', null]
		];
		for (const [token, desk, follow] of staff) {
			// axe runs as a script in the page, so this context allows scripts (the pages ship none).
			const context = await browser.newContext();
			await context.addCookies([{ name: 'session', value: token, domain: new URL(baseURL!).hostname, path: '/', httpOnly: true, secure: false, sameSite: 'Lax' }]);
			const page = await context.newPage();
			expect((await page.goto(`${desk}?lang=${locale}`))?.status(), desk).toBe(200);
			let url = desk;
			if (follow) {
				const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((link) => link.getAttribute('href')!));
				const href = hrefs.find((candidate) => follow.test(candidate));
				expect(href, `${desk} links to ${follow}`).toBeTruthy();
				url = href!.split('?')[0]!;
				expect((await page.goto(`${url}?lang=${locale}`))?.status(), url).toBe(200);
			}
			await expect(page.locator('html')).toHaveAttribute('dir', locale === 'ar' ? 'rtl' : 'ltr');
			const violations = await axeOn(page);
			if (violations.length > 0) problems[`${url}?lang=${locale} (signed in)`] = violations;
			await context.close();
		}
		expect(problems).toEqual({});
	});
}
