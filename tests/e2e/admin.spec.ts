// The admin area in a browser: administrators made with the `create-admin` command, who set their
// password through the printed link and sign in; people and roles, the census upload, the city
// profile, the audit log, the network page, another city's admin and anonymous visitors, and axe
// on every admin page in all six languages.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { LOCALES, axeOn } from './fixtures.ts';

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

const CITY_A = 'york';
const CITY_B = 'graz';
const PASSWORD = 'Correct horse battery staple 42';
const run = Date.now();
const email = (name: string) => `${name}-${run}@example.org`;

/** `rightscity create-admin` against the e2e server's database; returns the printed one-time link. */
function createAdmin(baseURL: string, args: string[]): string {
	const dataDir = process.env.E2E_DATA_DIR;
	if (!dataDir) throw new Error('E2E_DATA_DIR is not set (playwright.config.ts sets it)');
	const result = spawnSync(process.execPath, ['bin/rightscity.js', 'create-admin', ...args, '--origin', baseURL], {
		env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, DATABASE_URL: '' },
		encoding: 'utf8',
		timeout: 30_000
	});
	expect(result.status, result.stderr).toBe(0);
	const link = /^ {2}(http\S+\/reset-password\/\S+)$/m.exec(result.stdout)?.[1];
	if (!link) throw new Error(`no link in: ${result.stdout}`);
	return link;
}

/** Follows the set-password link, signs in on the real pages and keeps the session's cookies. */
async function signedInState(browser: Browser, baseURL: string, address: string, args: string[]): Promise<StorageState> {
	const link = createAdmin(baseURL, ['--email', address, ...args]);
	const context = await browser.newContext();
	try {
		const page = await context.newPage();
		await page.goto(link);
		await page.locator('input[name=password]').fill(PASSWORD);
		await page.locator('form:has(input[name=password]) button[type=submit]').click();
		await page.waitForURL(/\/signin/);
		await page.locator('input[name=email]').fill(address);
		await page.locator('input[name=password]').fill(PASSWORD);
		await page.locator('form:has(input[name=password]) button[type=submit]').click();
		await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
		return await context.storageState();
	} finally {
		await context.close();
	}
}

async function axeOf(page: Page) {
	return axeOn(page);
}

/** Like fixtures.ts `axeViolations`, in a fresh context that is signed in. */
async function axeViolationsAs(browser: Browser, state: StorageState, url: string) {
	const context = await browser.newContext({ storageState: state });
	try {
		const page = await context.newPage();
		const response = await page.goto(url);
		expect(response?.status(), url).toBe(200);
		return await axeOf(page);
	} finally {
		await context.close();
	}
}

function csvFile(name: string, text: string) {
	const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rightscity-census-')), name);
	fs.writeFileSync(file, text);
	return file;
}

test.describe.configure({ mode: 'serial' });

let adminA: StorageState;
let adminB: StorageState;
let network: StorageState;

test.beforeAll(async ({ browser, baseURL }) => {
	adminA = await signedInState(browser, baseURL!, email('admin-a'), ['--city', CITY_A, '--role', 'city_admin']);
	adminB = await signedInState(browser, baseURL!, email('admin-b'), ['--city', CITY_B, '--role', 'city_admin']);
	network = await signedInState(browser, baseURL!, email('network'), ['--role', 'network_admin']);
});

test('an anonymous visitor is sent to sign in, and comes back to the admin page afterwards', async ({ page }) => {
	await page.goto(`/admin/${CITY_A}/people`);
	await expect(page).toHaveURL(new RegExp(`/signin\\?next=${encodeURIComponent(`/admin/${CITY_A}/people`)}`));
	await page.locator('input[name=email]').fill(email('admin-a'));
	await page.locator('input[name=password]').fill(PASSWORD);
	await page.locator('form:has(input[name=password]) button[type=submit]').click();
	await expect(page).toHaveURL(new RegExp(`/admin/${CITY_A}/people$`));
	await expect(page.getByRole('heading', { level: 1 })).toContainText('People and roles');
});

test('a signed-in person without an admin role gets the 403 page', async ({ browser, baseURL }) => {
	const resident = await signedInState(browser, baseURL!, email('resident'), ['--city', CITY_A, '--role', 'resident']);
	const context = await browser.newContext({ storageState: resident });
	const page = await context.newPage();
	for (const url of ['/admin', `/admin/${CITY_A}`, `/admin/${CITY_A}/people`, '/admin/network']) {
		const response = await page.goto(url);
		expect(response?.status(), url).toBe(403);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('You do not have access to this page');
	}
	await context.close();
});

test('an officer sees the cities where they serve, linked to their commitments pages, but not the admin pages', async ({ browser, baseURL }) => {
	const officer = await signedInState(browser, baseURL!, email('officer'), ['--city', CITY_A, '--role', 'officer']);
	const context = await browser.newContext({ storageState: officer });
	const page = await context.newPage();
	expect((await page.goto('/admin'))?.status()).toBe(200);
	await expect(page.getByRole('heading', { name: 'Cities where you are an officer' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'York' })).toHaveAttribute('href', `/admin/${CITY_A}/commitments`);
	await expect(page.getByText('record their progress with evidence')).toBeVisible();
	expect((await page.goto(`/admin/${CITY_A}/commitments`))?.status()).toBe(200);
	expect((await page.goto(`/admin/${CITY_A}`))?.status()).toBe(403);
	expect((await page.goto(`/admin/${CITY_A}/people`))?.status()).toBe(403);
	await context.close();
});

test('a city admin sees their city and grants an officer role; a city admin role is not theirs to give', async ({ browser, baseURL }) => {
	createAdmin(baseURL!, ['--email', email('clerk'), '--city', CITY_A, '--role', 'resident']);
	const context = await browser.newContext({ storageState: adminA });
	const page = await context.newPage();
	await page.goto('/admin');
	await page.getByRole('link', { name: 'York' }).click();
	await expect(page).toHaveURL(`/admin/${CITY_A}`);
	await page.getByRole('navigation', { name: 'Administration of York' }).getByRole('link', { name: 'People and roles' }).click();

	const roles = await page.locator('#grant-role option').allTextContents();
	expect(roles).not.toContain('City administrator');

	// Bad input: field errors next to the fields, in a summary, keeping what was typed.
	await page.getByLabel('E-mail address of the account').fill('not an address');
	await page.getByLabel('Department (officers only)').fill('Housing');
	await page.getByRole('button', { name: 'Give the role' }).click();
	await expect(page.getByRole('alert')).toContainText('Enter an e-mail address like name@example.org.');
	await expect(page.getByLabel('E-mail address of the account')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByLabel('Department (officers only)')).toHaveValue('Housing');
	expect(await axeOf(page)).toEqual([]);

	await page.getByLabel('E-mail address of the account').fill(email('nobody'));
	await page.getByRole('button', { name: 'Give the role' }).click();
	await expect(page.locator('#email-error')).toContainText('No account uses this e-mail address');

	await page.getByLabel('E-mail address of the account').fill(email('clerk'));
	await page.getByLabel('Role', { exact: true }).selectOption('officer');
	await page.getByRole('button', { name: 'Give the role' }).click();
	await expect(page.getByRole('status')).toHaveText(`${email('clerk')} now has the role Officer.`);
	const row = page.getByRole('row').filter({ hasText: email('clerk') });
	await expect(row).toContainText('Officer (Housing)');

	await row.getByRole('button', { name: /Record in-person verification/ }).click();
	await expect(page.getByRole('status')).toContainText('In-person verification of');

	// A forged post for the city admin role is refused by the policy, and nothing changes.
	const status = await page.evaluate(async (address) => {
		const csrf = (document.querySelector('input[name=_csrf]') as HTMLInputElement).value;
		const body = new URLSearchParams({ _csrf: csrf, intent: 'grant', email: address, role: 'city_admin' });
		return (await fetch('?/grant', { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status;
	}, email('clerk'));
	expect(status).toBe(403);
	await page.reload();
	await expect(page.getByRole('row').filter({ hasText: email('clerk') })).not.toContainText('City administrator');

	await page.goto(`/admin/${CITY_A}/audit`);
	await expect(page.getByRole('table')).toContainText('Role given');
	await expect(page.getByRole('table')).toContainText('Verified in person');
	await context.close();
});

test('the census upload lists row errors and changes nothing, then accepts a good file', async ({ browser }) => {
	const context = await browser.newContext({ storageState: adminA });
	const page = await context.newPage();
	await page.goto(`/admin/${CITY_A}/census`);
	await expect(page.getByText('Only a keyed hash of each identifier is stored')).toBeVisible();

	await page.getByLabel('CSV file').setInputFiles(csvFile('bad.csv', 'identifier\n850101-1234\n\nab\n850101-1234\nx,y\n'));
	await page.getByRole('button', { name: 'Upload and replace the list' }).click();
	await expect(page.getByRole('alert')).toContainText('Some rows of the file have problems');
	const problems = page.getByRole('table');
	await expect(problems.getByRole('row')).toHaveCount(5);
	await expect(problems).toContainText('The identifier is empty.');
	await expect(problems).toContainText('This identifier is already in an earlier row.');
	await expect(problems).toContainText('The row has more than one column.');
	await expect(page.locator('.stats dd')).toHaveText('0');
	expect(await axeOf(page)).toEqual([]);

	await page.getByLabel('CSV file').setInputFiles(csvFile('header.csv', 'name,identifier\nAda,123456\n'));
	await page.getByRole('button', { name: 'Upload and replace the list' }).click();
	await expect(page.locator('#file-error')).toContainText('The first row must be the single header');

	await page.getByLabel('CSV file').setInputFiles(csvFile('good.csv', 'identifier\r\n850101-1234\r\n850102-2345\r\nX-77301-B\r\n'));
	await page.getByRole('button', { name: 'Upload and replace the list' }).click();
	await expect(page.getByRole('status')).toHaveText('The census list was replaced: 3 identifiers.');
	await expect(page.locator('.stats dd')).toHaveText('3');
	await context.close();
});

test('a profile edit shows on the public city page, and bad values come back with field errors', async ({ browser }) => {
	const context = await browser.newContext({ storageState: adminA });
	const page = await context.newPage();
	await page.goto(`/admin/${CITY_A}/profile`);
	const notes = `Edited in the admin area (${run}).`;
	await page.getByLabel('Year of the declaration').fill('1800');
	await page.getByLabel('Latitude (−90 to 90)').fill('95');
	await page.getByLabel('Notes (in English)').fill(notes);
	await page.getByRole('button', { name: 'Save the profile' }).click();
	const summary = page.getByRole('alert');
	await expect(summary).toContainText('Enter a year from 1900 to 2100, or leave it empty.');
	await expect(summary).toContainText('Enter the latitude as a number from −90 to 90');
	await expect(page.getByLabel('Year of the declaration')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByLabel('Year of the declaration')).toHaveAttribute('aria-describedby', 'profile-year-hint year-error');
	await expect(page.getByLabel('Notes (in English)')).toHaveValue(notes);
	await expect(page.getByLabel('The process is confirmed by a public source')).toBeChecked();
	expect(await axeOf(page)).toEqual([]);

	await page.getByLabel('Name shown').fill('City of York');
	await page.getByLabel('Year of the declaration').fill('2017');
	await page.getByLabel('Latitude (−90 to 90)').fill('53,96');
	await page.getByLabel(/Instruments adopted/).fill('York Human Rights City declaration (2017)\nAnnual indicators report');
	await page.getByRole('button', { name: 'Save the profile' }).click();
	await expect(page.getByRole('status')).toContainText('The profile was saved.');

	await page.goto(`/cities/${CITY_A}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('City of York');
	await expect(page.getByText(notes)).toBeVisible();
	await expect(page.getByRole('listitem').filter({ hasText: 'Annual indicators report' })).toBeVisible();

	// Notes are per language: the Spanish editor starts empty and the English notes are kept.
	await page.goto(`/admin/${CITY_A}/profile?lang=es`);
	await expect(page.getByLabel('Notas (en español)')).toHaveValue('');
	await page.getByLabel('Notas (en español)').fill('Notas en español.');
	await page.getByRole('button', { name: 'Guardar el perfil' }).click();
	await expect(page.getByRole('status')).toContainText('Se ha guardado el perfil.');
	await page.goto(`/cities/${CITY_A}?lang=en`);
	await expect(page.getByText(notes)).toBeVisible();

	await page.goto(`/admin/${CITY_A}/audit`);
	const edits = page.getByRole('row').filter({ hasText: 'City profile edited' });
	await expect(edits).toHaveCount(2);
	await expect(edits.filter({ hasText: 'display_name' })).toHaveCount(1);
	await expect(edits.filter({ hasText: 'locale: es' })).toHaveCount(1);
	await context.close();
});

test("the admin of city B gets 403 on city A's admin pages and actions, and changes nothing", async ({ browser }) => {
	const context = await browser.newContext({ storageState: adminB });
	const page = await context.newPage();
	for (const section of ['', '/people', '/census', '/profile', '/audit']) {
		const response = await page.goto(`/admin/${CITY_A}${section}`);
		expect(response?.status(), section).toBe(403);
	}
	expect((await page.goto('/admin/network'))?.status()).toBe(403);
	// Their own city works.
	expect((await page.goto(`/admin/${CITY_B}/people`))?.status()).toBe(200);
	const csrf = await page.locator('input[name=_csrf]').first().inputValue();
	const posts: [string, Record<string, string>][] = [
		[`/admin/${CITY_A}/people?/grant`, { email: email('clerk'), role: 'cso' }],
		[`/admin/${CITY_A}/people?/revoke`, { personId: 'x', role: 'officer' }],
		[`/admin/${CITY_A}/people?/verify`, { personId: 'x' }],
		[`/admin/${CITY_A}/profile?/save`, { displayName: 'Hacked', year: '2000', process: 'formal', latitude: '1', longitude: '1' }],
		['/admin/network?/create', { name: 'Hackville', countryCode: 'SE', latitude: '1', longitude: '1', process: 'formal' }]
	];
	for (const [url, fields] of posts) {
		const response = await context.request.post(url, { form: { _csrf: csrf, ...fields }, headers: { origin: new URL(page.url()).origin } });
		expect(response.status(), url).toBe(403);
	}
	const upload = await context.request.post(`/admin/${CITY_A}/census?/upload`, {
		multipart: { _csrf: csrf, file: { name: 'c.csv', mimeType: 'text/csv', buffer: Buffer.from('identifier\nAAA111\n') } },
		headers: { origin: new URL(page.url()).origin }
	});
	expect(upload.status()).toBe(403);
	await page.goto(`/cities/${CITY_A}`);
	await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Hacked');
	await context.close();
});

test('the network admin adds a city, appoints its admin, and sees it in the list', async ({ browser, baseURL }) => {
	const context = await browser.newContext({ storageState: network });
	const page = await context.newPage();
	await page.goto('/admin');
	await page.getByRole('link', { name: 'Manage the network' }).click();
	const slug = `e2e-town-${run}`;
	await page.getByLabel('Name of the city').fill('E2E Town');
	await page.getByLabel('Address name (optional)').fill(slug);
	// Iceland has no demo city, so the directory tests' counts stay as seeded.
	await page.getByLabel('Country').selectOption('IS');
	await page.getByLabel('Latitude (−90 to 90)').fill('abc');
	await page.getByLabel('Longitude (−180 to 180)').fill('18.07');
	await page.getByRole('button', { name: 'Add the city' }).click();
	await expect(page.locator('#latitude-error')).toHaveText('Enter the latitude as a number from −90 to 90, e.g. 53.96.');
	await expect(page.getByLabel('Name of the city')).toHaveValue('E2E Town');
	await page.getByLabel('Latitude (−90 to 90)').fill('59.33');
	await page.getByRole('button', { name: 'Add the city' }).click();
	await expect(page.getByRole('status')).toContainText('E2E Town was added to the network.');

	createAdmin(baseURL!, ['--email', email('town-clerk'), '--city', slug, '--role', 'resident']);
	await page.getByLabel('City', { exact: true }).selectOption(slug);
	await page.getByLabel('E-mail address of the account').fill(email('town-clerk'));
	await page.getByRole('button', { name: 'Appoint' }).click();
	await expect(page.getByRole('status')).toContainText(`${email('town-clerk')} is now an administrator of E2E Town.`);
	await expect(page.getByRole('row').filter({ hasText: 'E2E Town' })).toContainText(email('town-clerk'));

	// The last administrator of a city cannot be removed, with a clear message.
	await page.goto(`/admin/${slug}/people`);
	await page.getByRole('button', { name: /remove the role City administrator/ }).click();
	await expect(page.getByRole('alert')).toContainText('This is the city’s last administrator, so the role cannot be removed.');
	await expect(page.getByRole('row').filter({ hasText: email('town-clerk') })).toContainText('City administrator');
	await context.close();
});

for (const locale of LOCALES) {
	test(`axe finds nothing on the admin pages in ${locale}`, async ({ browser }) => {
		// Seven pages, each in a fresh signed-in context: more than the default 30 s on a busy machine.
		test.setTimeout(120_000);
		const pages = ['/admin', `/admin/${CITY_A}`, `/admin/${CITY_A}/people`, `/admin/${CITY_A}/census`, `/admin/${CITY_A}/profile`, `/admin/${CITY_A}/audit`];
		for (const url of pages) expect(await axeViolationsAs(browser, adminA, `${url}?lang=${locale}`), url).toEqual([]);
		expect(await axeViolationsAs(browser, network, `/admin/network?lang=${locale}`), '/admin/network').toEqual([]);
	});
}
