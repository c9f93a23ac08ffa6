// Account pages in the browser with JavaScript off: sign-up, sign-in and sign-out, password reset
// through the outbox, language preference, sessions, data download, deletion, and axe checks.
//
// Sign-up and sign-in are rate-limited per IP (10 sign-ups an hour, 30 sign-ins per 15 minutes)
// and every test comes from 127.0.0.1, so only the tests *about* signing up or in use the forms;
// the others get their account and session straight from the server's database.
import path from 'node:path';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { openDatabase, type Database } from '../../src/lib/server/db/database.ts';
import { createPerson } from '../../src/lib/server/testing/factories.ts';
import { findPersonByEmail, insertRole } from '../../src/lib/server/accounts/accounts.repository.ts';
import { findCityBySlug } from '../../src/lib/server/cities/cities.repository.ts';
import { startSession, SESSION_COOKIE } from '../../src/lib/server/accounts/sessions.service.ts';
import { LOCALES, axeOn } from './fixtures.ts';

const PASSWORD = 'a quiet river at dawn';

let database: Database | undefined;
async function db() {
	database ??= await openDatabase({ dialect: 'sqlite', path: path.join(process.env.E2E_DATA_DIR!, 'rightscity.sqlite') });
	return database.db;
}
test.afterAll(async () => {
	await database?.close();
	database = undefined;
});

let counter = 0;
function uniqueEmail(tag: string): string {
	counter += 1;
	return `${tag}-${Date.now()}-${counter}@example.org`;
}

/** An account made directly in the database (no sign-up form, no rate limit), optionally a resident of a city. */
async function createAccount(tag: string, options: { password?: string; residentOf?: string } = {}) {
	const email = uniqueEmail(tag);
	const password = options.password ?? PASSWORD;
	const person = await createPerson(await db(), { email, display_name: `Test ${tag}` }, password);
	if (options.residentOf) {
		const city = await findCityBySlug(await db(), options.residentOf);
		await insertRole(await db(), { city_id: city!.id, person_id: person.id, role: 'resident', department: null, granted_by: null, created_at: new Date().toISOString() });
	}
	return { id: person.id, email, password, name: person.display_name };
}

/** A browser context that is signed in as the person (a session made in the database). */
async function signedInContext(browser: Browser, personId: string, options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
	const context = await browser.newContext({ javaScriptEnabled: false, ...options });
	const { token, expiresAt } = await startSession(await db(), personId, { userAgent: 'e2e' });
	await context.addCookies([
		{ name: SESSION_COOKIE, value: token, domain: '127.0.0.1', path: '/', httpOnly: true, sameSite: 'Lax', expires: Math.floor(expiresAt.getTime() / 1000) }
	]);
	return context;
}

async function signIn(page: Page, email: string, password: string, next?: string) {
	await page.goto(next ? `/signin?next=${encodeURIComponent(next)}` : '/signin');
	await page.getByLabel('E-mail address').fill(email);
	await page.getByLabel('Password', { exact: true }).fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The newest link of a given kind mailed to the address, read from the development outbox. */
async function mailedLink(page: Page, email: string, kind: 'reset-password' | 'verify-email'): Promise<string> {
	await page.goto(`/outbox?to=${encodeURIComponent(email)}`);
	const href = await page.locator(`.mail-body a[href*="/${kind}/"]`).first().getAttribute('href');
	expect(href, `a /${kind}/ link in the outbox for ${email}`).toBeTruthy();
	return new URL(href!).pathname;
}

const accountNav = (page: Page) => page.getByRole('navigation', { name: 'Your account' });

test.describe('accounts without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('signing up explains every problem next to its field, mails a confirmation link, then signs in; a taken address gets the same answer', async ({ page }) => {
		const email = uniqueEmail('signup');
		await page.goto('/signup');
		await page.getByRole('button', { name: 'Create account' }).click();
		const summary = page.getByRole('alert');
		await expect(summary).toContainText('Enter your name.');
		await expect(summary).toContainText('Enter your e-mail address.');
		await expect(summary).toContainText('Enter your password.');
		await expect(page.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');
		await expect(page.getByLabel('Name')).toHaveAccessibleDescription(/Enter your name\./);

		// A weak password: the message sits next to the field; the name and address stay typed.
		await page.getByLabel('Name').fill('Amina');
		await page.getByLabel('E-mail address').fill(email);
		await page.getByLabel('Password').fill('password123');
		await page.getByLabel('Your city (optional)').selectOption({ label: 'York, United Kingdom' });
		await page.getByRole('button', { name: 'Create account' }).click();
		await expect(page.locator('#signup-password-error')).toHaveText('This password is too common and easy to guess. Choose another one.');
		await expect(page.getByRole('alert').getByRole('link')).toHaveAttribute('href', '#signup-password');
		await expect(page.getByLabel('Name')).toHaveValue('Amina');
		await expect(page.getByLabel('E-mail address')).toHaveValue(email);
		await expect(page.getByLabel('Password')).toHaveValue('');
		await expect(page.getByLabel('Your city (optional)')).toHaveValue('york');

		await page.getByLabel('Password').fill(PASSWORD);
		await page.getByRole('button', { name: 'Create account' }).click();
		await expect(page).toHaveURL(/\/signin\?notice=check_mail$/);
		await expect(page.getByRole('status').first()).toContainText('We have sent a mail to the address you gave');
		await signIn(page, email, PASSWORD);
		await expect(page).toHaveURL(/\/account$/);
		await expect(accountNav(page).getByRole('link', { name: /Account/ })).toBeVisible();
		const york = page.getByRole('article', { name: 'York' });
		await expect(york).toContainText('Resident');
		await expect(york).toContainText('Not verified');

		// The same address again gets the same answer (the page never tells who has an account); its owner gets a mail.
		const other = await page.context().browser()!.newContext({ javaScriptEnabled: false });
		const second = await other.newPage();
		await second.goto('/signup');
		await second.getByLabel('Name').fill('Someone else');
		await second.getByLabel('E-mail address').fill(email.toUpperCase());
		await second.getByLabel('Password').fill('another long passphrase');
		await second.getByRole('button', { name: 'Create account' }).click();
		await expect(second).toHaveURL(/\/signin\?notice=check_mail$/);
		await second.goto(`/outbox?to=${encodeURIComponent(email)}`);
		await expect(second.locator('.mail-body').first()).toContainText('It already has an account');
		await other.close();

		// Confirming the address from the mailed link raises the verification level.
		await page.goto(await mailedLink(page, email, 'verify-email'));
		await page.getByRole('button', { name: 'Confirm my e-mail address' }).click();
		await expect(page).toHaveURL(/\/account\?notice=email_confirmed$/);
		await expect(page.getByRole('article', { name: 'York' })).toContainText('E-mail address confirmed');
		await expect(page.getByRole('region', { name: 'Profile' })).toContainText('(confirmed)');

		// York has no census list here: the identifier is refused next to its field, and kept.
		const census = page.getByRole('form', { name: 'Verify that you live in York' });
		await census.getByLabel('Resident identifier').fill('850101-1234');
		await census.getByRole('button', { name: 'Verify my residence' }).click();
		await expect(page.locator('#census-york-identifier-error')).toContainText("not on the city's resident list");
		await expect(page.getByLabel('Resident identifier')).toHaveValue('850101-1234');
	});

	test('signing out ends the session; signing in goes back to the page that asked, never to another site', async ({ page }) => {
		const account = await createAccount('inout');
		await page.goto('/account');
		await expect(page).toHaveURL(/\/signin\?next=%2Faccount$/);

		// Another site, also when it only appears after normalising (`/.//host`): the home page.
		await signIn(page, account.email, account.password, '/.//evil.example/steal');
		await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/);
		await page.goto('/account');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your account');

		await accountNav(page).getByRole('button', { name: 'Sign out' }).click();
		await expect(page).toHaveURL(/\/signout$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('You are signed out');
		await expect(accountNav(page).getByRole('link', { name: 'Sign in' })).toBeVisible();
		await page.goto('/account');
		await expect(page).toHaveURL(/\/signin\?next=/);

		await signIn(page, account.email, account.password, '/cities?q=york');
		await expect(page).toHaveURL(/\/cities\?q=york$/);
		await expect(accountNav(page).getByRole('link', { name: /Account/ })).toBeVisible();
	});

	test('a wrong password and an unknown address get the same message; the address stays typed', async ({ page }) => {
		const account = await createAccount('wrong');
		await signIn(page, account.email, 'not the password at all');
		const generic = 'The e-mail address or the password is not right. Check both and try again.';
		await expect(page.getByRole('alert')).toContainText(generic);
		await expect(page.locator('#signin-password-error')).toHaveText(generic);
		await expect(page.getByLabel('E-mail address')).toHaveValue(account.email);
		await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');

		await signIn(page, uniqueEmail('nobody'), 'not the password at all');
		await expect(page.getByRole('alert')).toContainText(generic);
		await expect(accountNav(page).getByRole('link', { name: 'Sign in' })).toBeVisible();
	});

	test('after five failures the address is locked for this browser, with the minutes to wait', async ({ page }) => {
		const account = await createAccount('locked');
		for (let attempt = 0; attempt < 5; attempt++) await signIn(page, account.email, `wrong password ${attempt}`);
		await signIn(page, account.email, account.password);
		await expect(page.getByRole('alert')).toContainText(/Try again in \d+ minutes?, or reset your password\./);
		await expect(page).toHaveURL(/\/signin/);
	});

	test('a password is reset through the mailed link, which works only once', async ({ page }) => {
		const account = await createAccount('reset');
		await page.goto('/signin');
		await page.getByRole('link', { name: 'Forgot your password?' }).click();
		await page.getByRole('button', { name: 'Send the link' }).click();
		await expect(page.locator('#reset-email-error')).toHaveText('Enter your e-mail address.');

		// An unknown address gets the same answer, and no mail.
		const nobody = uniqueEmail('nobody');
		await page.getByLabel('E-mail address').fill(nobody);
		await page.getByRole('button', { name: 'Send the link' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your e-mail');
		await page.goto(`/outbox?to=${encodeURIComponent(nobody)}`);
		await expect(page.getByText('No messages.')).toBeVisible();

		await page.goto('/reset-password');
		await page.getByLabel('E-mail address').fill(account.email);
		await page.getByRole('button', { name: 'Send the link' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your e-mail');
		await expect(page.getByRole('status')).toContainText(account.email);

		const link = await mailedLink(page, account.email, 'reset-password');
		await page.goto(link);
		await page.getByLabel('New password').fill('short');
		await page.getByRole('button', { name: 'Save the new password' }).click();
		await expect(page.locator('#reset-password-error')).toHaveText('The password must have at least 10 characters.');
		const newPassword = 'a brand new lantern song';
		await page.getByLabel('New password').fill(newPassword);
		await page.getByRole('button', { name: 'Save the new password' }).click();
		await expect(page).toHaveURL(/\/signin\?notice=password_reset$/);
		await expect(page.getByRole('status')).toContainText('Sign in with your new password.');

		const reused = await page.goto(link);
		expect(reused?.status()).toBe(400);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('This link cannot be used');
		await expect(page.getByRole('link', { name: 'Request a new link' })).toHaveAttribute('href', '/reset-password');
		const unknown = await page.goto('/reset-password/not-a-real-token?lang=fr');
		expect(unknown?.status()).toBe(400);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ce lien ne peut pas être utilisé');
		await page.goto('/signin?lang=en');

		await signIn(page, account.email, newPassword);
		await expect(page).toHaveURL(/\/account$/);
	});

	test('the language chosen while signed in is stored and comes back at the next sign-in', async ({ browser }) => {
		const account = await createAccount('language');
		const first = await browser.newContext({ javaScriptEnabled: false });
		const page = await first.newPage();
		await signIn(page, account.email, account.password);
		await expect(page).toHaveURL(/\/account$/);
		const profile = page.getByRole('region', { name: 'Profile' });
		await profile.getByLabel('Preferred language').selectOption('sv');
		await profile.getByRole('button', { name: 'Save profile' }).click();
		await expect(page).toHaveURL(/\/account\?notice=profile_saved$/);
		await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
		await expect(page.getByRole('status').first()).toHaveText('Din profil har sparats.');
		await page.locator('.account-nav').getByRole('button', { name: 'Logga ut' }).click();
		await first.close();

		// A new browser with no language cookie and an English Accept-Language.
		const second = await browser.newContext({ javaScriptEnabled: false, locale: 'en-GB' });
		const again = await second.newPage();
		await signIn(again, account.email, account.password);
		await expect(again).toHaveURL(/\/account$/);
		await expect(again.locator('html')).toHaveAttribute('lang', 'sv');
		await expect(again.getByRole('heading', { level: 1 })).toHaveText('Ditt konto');
		await expect(again.getByLabel('Önskat språk')).toHaveValue('sv');
		await second.close();
	});

	test('signing out everywhere ends the session of another browser too', async ({ browser }) => {
		const account = await createAccount('everywhere');
		const phone = await signedInContext(browser, account.id);
		const laptop = await signedInContext(browser, account.id);
		const phonePage = await phone.newPage();
		const laptopPage = await laptop.newPage();
		await phonePage.goto('/account');
		await laptopPage.goto('/account');
		const sessions = laptopPage.getByRole('region', { name: 'Where you are signed in' }).getByRole('row');
		await expect(sessions).toHaveCount(3);
		await expect(sessions.filter({ hasText: 'this browser' })).toHaveCount(1);

		await laptopPage.getByRole('button', { name: 'Sign out everywhere' }).click();
		await expect(laptopPage).toHaveURL(/\/signin\?notice=signed_out_everywhere$/);
		await expect(laptopPage.getByRole('status')).toContainText('signed out on all devices');

		await phonePage.goto('/account');
		await expect(phonePage).toHaveURL(/\/signin\?next=%2Faccount$/);
		await phone.close();
		await laptop.close();
	});

	test('a tampered session cookie counts as signed out and is removed', async ({ browser }) => {
		const account = await createAccount('tamper');
		const context = await signedInContext(browser, account.id);
		const cookie = (await context.cookies()).find((candidate) => candidate.name === SESSION_COOKIE)!;
		const flipped = `${cookie.value.slice(0, -1)}${cookie.value.endsWith('A') ? 'B' : 'A'}`;
		await context.addCookies([{ ...cookie, value: flipped }]);
		const page = await context.newPage();
		const response = await page.goto('/');
		expect(response?.status()).toBe(200);
		await expect(accountNav(page).getByRole('link', { name: 'Sign in' })).toBeVisible();
		expect((await context.cookies()).some((candidate) => candidate.name === SESSION_COOKIE)).toBe(false);
		await page.goto('/account');
		await expect(page).toHaveURL(/\/signin\?next=%2Faccount$/);
		await context.close();
	});

	test('changing the password keeps this browser signed in and refuses a wrong current password', async ({ browser }) => {
		const account = await createAccount('change');
		const context = await signedInContext(browser, account.id);
		const page = await context.newPage();
		await page.goto('/account');
		const section = page.getByRole('region', { name: 'Change your password' });
		await section.getByRole('button', { name: 'Change password' }).click();
		await expect(page.getByRole('alert').getByRole('listitem')).toHaveText(['Enter your current password.', 'Enter a new password.']);
		await section.getByLabel('Current password').fill('not my password');
		await section.getByLabel('New password').fill('an entirely fresh phrase');
		await section.getByRole('button', { name: 'Change password' }).click();
		await expect(page.locator('#password-current-error')).toHaveText('This is not your current password.');
		await expect(page.getByRole('alert').getByRole('link')).toHaveAttribute('href', '#password-current');

		await section.getByLabel('Current password').fill(account.password);
		await section.getByLabel('New password').fill('an entirely fresh phrase');
		await section.getByRole('button', { name: 'Change password' }).click();
		await expect(page).toHaveURL(/\/account\?notice=password_changed$/);
		await page.goto('/account');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your account');
		await context.close();
	});

	test('my data downloads as a JSON attachment; anonymous visitors get 401', async ({ browser, request }) => {
		const anonymous = await request.get('/account/data.json');
		expect(anonymous.status()).toBe(401);
		expect(await anonymous.json()).toMatchObject({ error: 'unauthenticated' });

		const account = await createAccount('export');
		const context = await signedInContext(browser, account.id);
		const response = await context.request.get('/account/data.json');
		expect(response.status()).toBe(200);
		expect(response.headers()['content-disposition']).toMatch(/^attachment; filename="rightscity-my-data-\d{4}-\d{2}-\d{2}\.json"$/);
		const data = await response.json();
		expect(data.person).toMatchObject({ email: account.email, displayName: account.name });
		expect(JSON.stringify(data)).not.toContain('scrypt$');
		await context.close();
	});

	test('deleting the account needs the password and the tick box, then signs out', async ({ browser }) => {
		const account = await createAccount('delete');
		const context = await signedInContext(browser, account.id);
		const page = await context.newPage();
		await page.goto('/account');
		const section = page.getByRole('region', { name: 'Delete your account' });
		await section.getByLabel('Current password').fill(account.password);
		await section.getByRole('button', { name: 'Delete my account' }).click();
		await expect(page.locator('#delete-confirm-error')).toHaveText('Tick the box to confirm that you want to delete your account.');
		await expect(page.getByLabel('I understand that my account will be deleted for good.')).toHaveAttribute('aria-invalid', 'true');

		await section.getByLabel('Current password').fill(account.password);
		await section.getByLabel('I understand that my account will be deleted for good.').check();
		await section.getByRole('button', { name: 'Delete my account' }).click();
		await expect(page).toHaveURL(/\/signout\?notice=account_deleted$/);
		await expect(page.getByRole('status')).toHaveText('Your account and the data about you have been deleted.');
		expect(await findPersonByEmail(await db(), account.email)).toBeUndefined();
		await context.close();
	});
});

/** axe on a page opened in the given context (WCAG 2.0–2.2 A/AA and best practices). */
async function violationsIn(page: Page, url: string) {
	const response = await page.goto(url);
	expect(response, url).not.toBeNull();
	return axeOn(page);
}

for (const locale of LOCALES) {
	test(`axe finds no violations on the account pages in ${locale}, signed out and signed in, with and without errors`, async ({ browser }) => {
		const problems: Record<string, unknown> = {};
		const anonymous = await browser.newContext();
		const page = await anonymous.newPage();
		for (const path of ['/signup', '/signin', '/reset-password', '/signout', '/reset-password/not-a-token']) {
			const violations = await violationsIn(page, `${path}?lang=${locale}`);
			if (violations.length) problems[path] = violations;
		}
		// The sign-up form after a submission with every field missing.
		await page.goto(`/signup?lang=${locale}`);
		await page.locator('form.account-form button[type=submit]').click();
		await expect(page.locator('.error-summary')).toBeVisible();
		const results = { violations: await axeOn(page) };
		if (results.violations.length) problems['/signup (errors)'] = results.violations.map((violation) => violation.id);
		await anonymous.close();

		const account = await createAccount(`axe-${locale}`, { residentOf: 'gwangju' });
		// axe runs inside the page, so this context keeps JavaScript on (the pages ship none anyway).
		const signedIn = await signedInContext(browser, account.id, { javaScriptEnabled: true });
		const mine = await signedIn.newPage();
		for (const path of ['/account', '/signout']) {
			const violations = await violationsIn(mine, `${path}?lang=${locale}`);
			if (violations.length) problems[`${path} (signed in)`] = violations;
		}
		// The account page after a residence claim with no identifier.
		await mine.goto(`/account?lang=${locale}`);
		await mine.locator('form[action="?/census"] button[type=submit]').click();
		await expect(mine.locator('.error-summary')).toBeVisible();
		const withErrors = { violations: await axeOn(mine) };
		if (withErrors.violations.length) problems['/account (errors)'] = withErrors.violations.map((violation) => violation.id);
		await signedIn.close();
		expect(problems).toEqual({});
	});
}
