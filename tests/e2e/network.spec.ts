// The network in a browser (no JavaScript needed): a new city asks to join, the network admin
// accepts it with a public reason, the city asks the best suggested mentor for mentoring, the
// mentor city's admin accepts, and the two open a thread in the pairing's dialogue. Bad input is refused next to
// its field; a second request is refused. The public pages are axe-clean (English and Arabic).
import path from 'node:path';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { openDatabase } from '../../src/lib/server/db/database.ts';
import { createAdmin } from '../../src/lib/server/accounts/roles.service.ts';
import { startSession } from '../../src/lib/server/accounts/sessions.service.ts';
import { insertCity, newCityRow } from '../../src/lib/server/cities/index.ts';
import { axeOn, axeViolations } from './fixtures.ts';

const run = Date.now();
const CITY_NAME = `Newtown ${run}`;

test.describe.configure({ mode: 'serial' });

async function inDatabase<T>(work: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>): Promise<T> {
	const database = await openDatabase({ dialect: 'sqlite', path: path.join(process.env.E2E_DATA_DIR!, 'rightscity.sqlite') });
	try {
		return await work(database.db);
	} finally {
		await database.close();
	}
}

/** The new city (not yet in the network), its admin and the network admin, each with a session. */
const people = (async () =>
	inDatabase(async (db) => {
		const city = newCityRow({ name: CITY_NAME, countryCode: 'SE', latitude: 59.86, longitude: 17.64, year: 2026, process: 'formal' });
		await insertCity(db, city, []);
		return {
			slug: city.slug,
			newcomer: await session(db, 'city_admin', city.slug, 'newcomer'),
			coordinator: await session(db, 'network_admin', undefined, 'coordinator')
		} as Record<string, string>;
	}))();

async function session(db: Awaited<ReturnType<typeof openDatabase>>['db'], role: 'city_admin' | 'network_admin', citySlug: string | undefined, name: string): Promise<string> {
	const { personId } = await createAdmin(db, { email: `network-${name}-${run}@example.org`, role, citySlug, displayName: `${name} ${run}` });
	return (await startSession(db, personId, { ip: '127.0.0.1', userAgent: 'network-spec' })).token;
}

/** A session of a new admin of the city with this name (the mentor the platform suggested). */
async function addAdminOf(cityName: string): Promise<void> {
	const token = await inDatabase(async (db) => {
		const city = await db.selectFrom('city').select('slug').where('display_name', '=', cityName).executeTakeFirstOrThrow();
		return session(db, 'city_admin', city.slug, 'mentor');
	});
	(await people).mentor = token;
}

type Who = 'newcomer' | 'mentor' | 'coordinator';

async function signedIn(browser: Browser, baseURL: string, who: Who, javaScript = false): Promise<BrowserContext> {
	const token = (await people)[who];
	if (!token) throw new Error(`no session for ${who} yet`);
	const context = await browser.newContext({ javaScriptEnabled: javaScript });
	await context.addCookies([{ name: 'session', value: token, domain: new URL(baseURL).hostname, path: '/', httpOnly: true, sameSite: 'Lax' }]);
	return context;
}

async function as<T>(browser: Browser, baseURL: string, who: Who, work: (page: Page) => Promise<T>): Promise<T> {
	const context = await signedIn(browser, baseURL, who);
	try {
		return await work(await context.newPage());
	} finally {
		await context.close();
	}
}

test('a new city joins, asks a suggested mentor, the mentor accepts, and they open a thread', async ({ browser, baseURL }) => {
	// Five people's steps, each in its own browser context, on a 2-CPU machine.
	test.setTimeout(180_000);
	// 1. The request to join: bad input is refused on its fields, then a good one is sent.
	await as(browser, baseURL!, 'newcomer', async (page) => {
		await page.goto('/network/join');
		await page.getByLabel('City', { exact: true }).selectOption({ label: CITY_NAME });
		await page.getByLabel('Web address of the declaration (optional)').fill('not a web address');
		await page.getByLabel('Population (optional)').fill('many');
		await page.getByRole('button', { name: 'Send the request' }).click();
		await expect(page.getByRole('alert')).toContainText('Fill this in.');
		await expect(page.locator('#join-declaration-url-error')).toContainText('https://');
		await expect(page.locator('#join-population-error')).toContainText('whole number');
		await expect(page.getByLabel('Population (optional)')).toHaveValue('many');

		await page.getByLabel('Declaration', { exact: true }).fill('Council decision of 2026 to become a human rights city');
		await page.getByLabel('Web address of the declaration (optional)').fill('https://example.org/declaration');
		await page.getByLabel('Why the city wants to join').fill('To learn from experienced cities');
		await page.getByLabel('Languages the city works in').fill('sv, en');
		await page.getByLabel('Population (optional)').fill('120000');
		await page.getByLabel('Name', { exact: true }).fill('Human rights office');
		await page.getByLabel('Role', { exact: true }).fill('Coordinator');
		await page.getByLabel('E-mail address').fill(`office-${run}@example.org`);
		await page.getByRole('button', { name: 'Send the request' }).click();
		await expect(page.getByRole('status')).toContainText('was sent');
		await expect(page.getByRole('table')).toContainText('Waiting for a decision');
	});

	// 2. The network admin accepts it with a public reason (a reason is required).
	await as(browser, baseURL!, 'coordinator', async (page) => {
		await page.goto('/network/requests');
		const request = page.getByRole('region', { name: new RegExp(CITY_NAME) });
		await request.getByRole('button', { name: 'Record the decision' }).click();
		await expect(page.getByRole('region', { name: new RegExp(CITY_NAME) }).getByRole('alert')).toContainText('Fill this in.');
		const again = page.getByRole('region', { name: new RegExp(CITY_NAME) });
		await again.getByLabel('Public reason').fill('Council declaration adopted');
		await again.getByRole('button', { name: 'Record the decision' }).click();
		await expect(page.getByRole('status')).toContainText('was recorded');
	});
	const members = await (await browser.newContext()).newPage();
	await members.goto('/network/members');
	await expect(members.getByRole('row', { name: new RegExp(CITY_NAME) })).toContainText('Member city');

	// 3. The new city asks the best suggested mentor (each suggestion says why); it is then no longer suggested.
	const mentorName = await as(browser, baseURL!, 'newcomer', async (page) => {
		await page.goto('/network/join');
		await expect(page.getByText('Every city you administer is already in the network.')).toBeVisible();
		await page.goto('/network/pairings');
		await expect(page.getByRole('heading', { name: 'Suggested mentor cities' })).toBeVisible();
		const best = page.getByRole('radio').first();
		await expect(best).toBeChecked();
		await expect(best).toHaveAccessibleDescription(/same region/);
		const name = (await page.locator(`label[for="${await best.getAttribute('id')}"]`).textContent())!.trim();
		await page.getByLabel('Message to the mentor city (optional)').fill('We would like to learn how you report on indicators.');
		await page.getByRole('button', { name: 'Ask this city to be our mentor' }).click();
		await expect(page.getByRole('status')).toContainText('was sent to the mentor city');
		await expect(page.getByRole('radio', { name, exact: true })).toHaveCount(0);
		return name;
	});
	await addAdminOf(mentorName);

	// 4. The mentor city accepts: the pairing is under way.
	const pairingPath = await as(browser, baseURL!, 'mentor', async (page) => {
		await page.goto('/network/pairings');
		await page.getByRole('button', { name: `Accept the pairing with ${CITY_NAME}` }).click();
		await expect(page.getByRole('heading', { level: 1 })).toContainText(`${CITY_NAME} with mentor ${mentorName}`);
		await expect(page.locator('dl')).toContainText('Under way');
		return new URL(page.url()).pathname;
	});

	// 5. The new city opens a thread in the pairing's dialogue; the mentor reads it and replies.
	const threadPath = await as(browser, baseURL!, 'newcomer', async (page) => {
		await page.goto(pairingPath);
		await page.getByLabel('Topic').selectOption('monitoring');
		await page.getByLabel('Title').fill('Our first indicator report');
		await page.getByLabel('Your message').fill('Which indicators should we start with?');
		await page.getByRole('button', { name: 'Start the thread' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Our first indicator report');
		await expect(page.locator('#replies')).toContainText('Which indicators should we start with?');
		return new URL(page.url()).pathname;
	});
	await as(browser, baseURL!, 'mentor', async (page) => {
		await page.goto(threadPath);
		await page.getByLabel('Your message').fill('Start with two per priority right.');
		await page.getByRole('button', { name: 'Post the reply' }).click();
		await expect(page.locator('#replies')).toContainText('Start with two per priority right.');
	});
	// 6. The mentor records the pairing's work: a goal reached, a meeting whose notes only the two cities read.
	await as(browser, baseURL!, 'mentor', async (page) => {
		await page.goto(pairingPath);
		await page.getByLabel('Goal', { exact: true }).fill('Agree on five indicators');
		await page.getByRole('button', { name: 'Add the goal' }).click();
		await page.getByRole('button', { name: /^Mark as reached\s*: Agree on five indicators$/ }).click();
		await expect(page.locator('#goals + ul')).toContainText('Agree on five indicators — achieved');
		await page.getByLabel('What it was about').fill('Kick-off call');
		await page.getByLabel('Notes', { exact: true }).fill('Budget for the survey is tight.');
		await page.getByRole('button', { name: 'Record the meeting' }).click();
		await expect(page.getByText('Budget for the survey is tight.')).toBeVisible();
	});
	await members.goto(pairingPath);
	await expect(members.getByText('Kick-off call')).toBeVisible();
	await expect(members.getByText('Budget for the survey is tight.')).toHaveCount(0);
	// The pairing's thread is not public.
	expect((await members.goto(threadPath))?.status()).toBe(404);
	await members.context().close();

	// The public pairing page is axe-clean; so is the signed-in thread page.
	expect(await axeViolations(browser, pairingPath)).toEqual([]);
	const context = await signedIn(browser, baseURL!, 'newcomer', true);
	const page = await context.newPage();
	await page.goto(threadPath);
	expect(await axeOn(page)).toEqual([]);
	// The pairing page with its work forms, as one of the two cities sees it.
	await page.goto(pairingPath);
	expect(await axeOn(page)).toEqual([]);
	await context.close();
	// The network admin's membership screen.
	const coordinator = await signedIn(browser, baseURL!, 'coordinator', true);
	const screen = await coordinator.newPage();
	await screen.goto('/network/members/manage');
	await expect(screen.getByRole('heading', { level: 1 })).toHaveText('Members and practitioners');
	expect(await axeOn(screen)).toEqual([]);
	await coordinator.close();
});

test('the front page, the member list, the pairings and a search of the knowledge centre are axe-clean (English, Arabic, Korean)', async ({ browser, baseURL }) => {
	test.setTimeout(120_000);
	// The header's Network link leads to the front page, which leads on to every part.
	const visitor = await browser.newContext({ javaScriptEnabled: false });
	const front = await visitor.newPage();
	await front.goto('/cities');
	await front.getByRole('navigation').getByRole('link', { name: 'Network' }).click();
	await expect(front).toHaveURL(/\/network$/);
	await expect(front.getByRole('heading', { level: 1 })).toHaveText('The Human Rights Cities Network');
	await expect(front.getByRole('term').filter({ hasText: 'Member cities' })).toBeVisible();
	await front.getByRole('link', { name: 'Members of the network' }).click();
	await expect(front).toHaveURL(/\/network\/members$/);
	await visitor.close();
	expect(await axeViolations(browser, '/network')).toEqual([]);
	expect(await axeViolations(browser, '/network?lang=ar')).toEqual([]);
	expect(await axeViolations(browser, '/network/members')).toEqual([]);
	expect(await axeViolations(browser, '/network/pairings?lang=ar')).toEqual([]);
	expect(await axeViolations(browser, '/network/dialogue')).toEqual([]);
	expect(await axeViolations(browser, '/network/dialogue?lang=ar')).toEqual([]);
	expect(await axeViolations(browser, `/network/practices?lang=ko&q=${encodeURIComponent('인권 옴부즈맨')}`)).toEqual([]);
	// Search syntax and a 10 KB query are read as words: never an error page.
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	for (const q of ['"housing" OR NOT (advice*', 'x'.repeat(10_000), 'NEAR(인권 الحقوق)']) {
		const response = await page.goto(`${baseURL}/network/practices?q=${encodeURIComponent(q)}`);
		expect(response?.status(), q.slice(0, 40)).toBe(200);
	}
	await expect(page.getByRole('alert')).toHaveCount(0);
	await page.goto(`${baseURL}/network/practices?q=${encodeURIComponent('x'.repeat(600))}`);
	await expect(page.getByRole('alert')).toContainText('too long');
	await context.close();
});

test('the network admin creates an event (a bad time zone is refused on its field); events, the .ics file and the network’s ledger are public and axe-clean', async ({ browser, baseURL }) => {
	test.setTimeout(120_000);
	const title = `Workshop on local indicators ${run}`;
	const eventPath = await as(browser, baseURL!, 'coordinator', async (page) => {
		await page.goto('/network/events');
		await page.getByRole('link', { name: 'New event' }).click();
		await page.getByLabel('Title', { exact: true }).fill(title);
		await page.getByLabel('Starts (local time of the event)').fill('2031-03-10T09:30');
		await page.getByLabel('Ends (local time of the event)').fill('2031-03-10T12:00');
		await page.getByLabel('Time zone').fill('Mars/Olympus');
		await page.getByLabel('Where').selectOption('online');
		await page.getByLabel('Online link').fill('https://example.org/live');
		await page.getByRole('button', { name: 'Create the event' }).click();
		await expect(page.getByRole('alert')).toContainText('time zone');
		await expect(page.locator('#timeZone-error')).toContainText('Asia/Seoul');
		await expect(page.getByLabel('Time zone')).toHaveAttribute('aria-invalid', 'true');
		await expect(page.getByLabel('Title', { exact: true })).toHaveValue(title);
		await page.getByLabel('Time zone').fill('Asia/Seoul');
		await page.getByRole('button', { name: 'Create the event' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toContainText(title);
		await expect(page.locator('dl')).toContainText('Asia/Seoul');
		return new URL(page.url()).pathname;
	});
	// The form with its problems shown is axe-clean (axe needs the page's JavaScript).
	const withScript = await signedIn(browser, baseURL!, 'coordinator', true);
	const form = await withScript.newPage();
	await form.goto('/network/events/new');
	await form.getByRole('button', { name: 'Create the event' }).click();
	await expect(form.getByRole('alert')).toContainText('Fill this in.');
	await expect(form.getByLabel('Title', { exact: true })).toHaveAttribute('aria-invalid', 'true');
	expect(await axeOn(form)).toEqual([]);
	await withScript.close();
	// Anyone reads it, in the list and on its page, and takes its .ics file.
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto('/network/events');
	await expect(page.getByRole('link', { name: title })).toHaveAttribute('href', eventPath);
	const ics = await page.request.get(`${eventPath}.ics`);
	expect(ics.headers()['content-type']).toBe('text/calendar; charset=utf-8');
	expect(await ics.text()).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*DTSTART;TZID=Asia\/Seoul:20310310T093000\r\n/);
	await page.goto('/network/ledger');
	await expect(page.getByRole('table')).toContainText('Network membership');
	await context.close();
	expect(await axeViolations(browser, eventPath)).toEqual([]);
	expect(await axeViolations(browser, `${eventPath}?lang=ar`)).toEqual([]);
	expect(await axeViolations(browser, '/network/events?lang=ar')).toEqual([]);
	expect(await axeViolations(browser, '/network/ledger')).toEqual([]);
	expect(await axeViolations(browser, '/network/ledger?lang=ar')).toEqual([]);
});

test('a member city’s admin writes a good practice without JavaScript (a missing title is refused on its field), publishes it with a file; the forms and the members map are axe-clean (English, Arabic)', async ({ browser, baseURL }) => {
	test.setTimeout(120_000);
	const { slug } = await people;
	const title = `Tenant advice in libraries ${run}`;
	const practicePath = await as(browser, baseURL!, 'newcomer', async (page) => {
		await page.goto(`/network/practices/${slug}`);
		await page.getByRole('link', { name: 'Write a good practice' }).click();
		await page.getByLabel('Summary').fill('Free advice for tenants at risk of eviction.');
		await page.getByRole('button', { name: 'Save as draft' }).click();
		await expect(page.getByRole('alert')).toContainText('Fill this in.');
		await expect(page.getByLabel('Title', { exact: true })).toHaveAttribute('aria-invalid', 'true');
		await expect(page.getByLabel('Summary')).toHaveValue('Free advice for tenants at risk of eviction.');
		await page.getByLabel('Title', { exact: true }).fill(title);
		await page.getByLabel('Rights, principles and SDG targets').fill('udhr:25, sdg:11.1');
		await page.getByRole('button', { name: 'Save as draft' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toContainText('Edit the practice');
		await page.getByLabel('Files', { exact: true }).setInputFiles({ name: 'leaflet.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n') });
		await page.getByRole('button', { name: 'Add the files' }).click();
		await expect(page.getByRole('status')).toContainText('The files were added.');
		await page.getByRole('button', { name: 'Publish' }).click();
		await expect(page.getByRole('status')).toContainText('The practice is published.');
		return `/network/practices/${slug}/${(await page.locator('h1 span').innerText()).trim()}`;
	});
	// Anyone reads it and downloads its file, as an attachment.
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto(practicePath);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
	const file = await page.request.get(await page.getByRole('link', { name: 'leaflet.pdf' }).getAttribute('href').then((href) => href!));
	expect(file.headers()['content-disposition']).toMatch(/^attachment; filename="leaflet.pdf"/);
	await context.close();
	// The forms (one with its problems shown) and the members map, in English and Arabic.
	const withScript = await signedIn(browser, baseURL!, 'newcomer', true);
	const form = await withScript.newPage();
	await form.goto(`/network/practices/${slug}/new`);
	await form.getByRole('button', { name: 'Save as draft' }).click();
	await expect(form.getByRole('alert')).toContainText('Fill this in.');
	expect(await axeOn(form)).toEqual([]);
	await form.goto(`${practicePath}/edit?lang=ar`);
	expect(await axeOn(form)).toEqual([]);
	await form.goto('/network/members?lang=ar');
	await expect(form.getByRole('group', { name: 'خريطة المدن الأعضاء والضيفة والمنتسبة في الشبكة' })).toBeVisible();
	expect(await axeOn(form)).toEqual([]);
	await withScript.close();
});
