// Claim your rights, in the browser without JavaScript: an anonymous resident reports a concern
// (after a refused first try), keeps the tracking link, the human rights office replies on the
// case page, and the reporter reads the reply through the link. axe on the report form in all
// six languages, and once on the tracking, statistics and case pages.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { CITY_A, freshToken } from './actors.ts';
import { axeOn, LOCALES } from './fixtures.ts';

const REPORT = `/cities/${CITY_A}/concerns`;
// Nine axe passes on a busy shared 2-CPU machine take more than the default 30 s.
test.describe.configure({ timeout: 300_000 });
const STORY = `At the job centre on ${Date.now().toString(36)} the adviser told me to take off my headscarf for interviews.`;

/** York's admin, signed in; without JavaScript unless axe needs to run in the page. */
async function adminPage(browser: Browser, baseURL: string, javaScriptEnabled = false): Promise<Page> {
	const token = await freshToken('adminA');
	const context = await browser.newContext({
		javaScriptEnabled,
		storageState: { cookies: [{ name: 'session', value: token, domain: new URL(baseURL).hostname, path: '/', expires: -1, httpOnly: true, secure: false, sameSite: 'Lax' }], origins: [] }
	});
	return context.newPage();
}

test.describe('a rights concern from report to reply, without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('an anonymous report, its tracking link, the office’s reply, and the reporter reading it', async ({ page, browser, baseURL }) => {
		await page.goto(`${REPORT}?lang=en`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Report a rights concern');
		// Sent without what happened and without consent: the problems next to their fields, nothing stored.
		await page.getByLabel('Discrimination or unequal treatment').check();
		await page.getByRole('button', { name: 'Send the report' }).click();
		await expect(page.locator('#description-error')).toBeVisible();
		await expect(page.locator('#consent-error')).toBeVisible();
		await expect(page.getByLabel('Discrimination or unequal treatment')).toBeChecked();

		await page.getByLabel('What happened?').fill(STORY);
		await page.getByLabel('I have read how my report is handled.').check();
		await page.getByRole('button', { name: 'Send the report' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Your concern R-\d{4}-\d{4}$/);
		await expect(page.getByRole('heading', { name: 'Your concern was received' })).toBeVisible();
		await expect(page.getByText(STORY)).toBeVisible();
		const trackingLink = page.url().replace(/&new=1$/, '');
		expect(trackingLink).toMatch(/\/concerns\/track\?t=[A-Za-z0-9_-]{40,}/);
		const ref = (await page.getByRole('heading', { level: 1 }).textContent())!.replace('Your concern ', '');
		expect(await axeViolations(browser, `${trackingLink}&lang=ar`), 'axe on the tracking page (ar)').toEqual([]);

		const office = await adminPage(browser, baseURL!);
		await office.goto(`/admin/${CITY_A}/concerns?lang=en`);
		await expect(office.getByRole('link', { name: ref })).toBeVisible();
		await office.goto(`/admin/${CITY_A}/concerns/${ref}?lang=en`);
		await expect(office.getByText(STORY)).toBeVisible();
		await office.getByLabel('Reply', { exact: true }).fill('We have asked the job centre for its account; we will write again within two weeks.');
		await office.getByRole('button', { name: 'Send the reply' }).click();
		await expect(office.getByText('The reply was sent.')).toBeVisible();
		await office.getByLabel('Note', { exact: true }).fill('Adviser named in the report: check with the centre manager.');
		await office.getByRole('button', { name: 'Add the note' }).click();
		await expect(office.getByText('The note was added.')).toBeVisible();
		await office.context().close();

		await page.goto(trackingLink);
		await expect(page.getByText('We have asked the job centre for its account; we will write again within two weeks.')).toBeVisible();
		await expect(page.getByText('check with the centre manager')).toHaveCount(0);
		// The demo links two cases to York's housing action: its public page counts them, never shows them.
		await page.goto(`/cities/${CITY_A}/actions/A-2025-001?lang=en`);
		await expect(page.getByText('2 rights concerns reported to the city are linked to this action', { exact: false })).toBeVisible();
		// A made-up link shows nothing.
		expect((await page.goto(`/cities/${CITY_A}/concerns/track?t=${'x'.repeat(43)}`))!.status()).toBe(404);
	});
});

test('the report form is accessible in all six languages; the statistics and a case page (Arabic, right to left) too', async ({ browser, baseURL }) => {
	for (const locale of LOCALES) expect(await axeViolations(browser, `${REPORT}?lang=${locale}`), `axe on the report form (${locale})`).toEqual([]);
	expect(await axeViolations(browser, `${REPORT}/stats?lang=en`), 'axe on the statistics').toEqual([]);
	const office = await adminPage(browser, baseURL!, true);
	try {
		await office.goto(`/admin/${CITY_A}/concerns?lang=en`);
		expect(await axeOn(office), 'axe on the queue').toEqual([]);
		await office.locator('table a').first().click();
		await office.goto(`${office.url()}?lang=ar`);
		await expect(office.locator('html')).toHaveAttribute('dir', 'rtl');
		expect(await axeOn(office), 'axe on a case page (ar)').toEqual([]);
	} finally {
		await office.context().close();
	}
});

test('Open311 over HTTP: a POST that is not a form gets the spec’s error list, not the list of requests', async ({ request }) => {
	// The form-body handler turns a body it cannot read into a plain visit (GET) of the route:
	// the Open311 route answers that with its error format.
	const json = await request.post(`/open311/v2/requests.json?jurisdiction_id=${CITY_A}`, { data: { service_code: 'accessibility' } });
	expect(json.status()).toBe(400);
	expect(json.headers()['content-type']).toBe('application/json; charset=utf-8');
	expect(await json.json()).toEqual([{ code: 400, description: expect.stringContaining('form-encoded') }]);
	const xml = await request.post(`/open311/v2/requests.xml?jurisdiction_id=${CITY_A}`, { data: 'not a form', headers: { 'content-type': 'text/plain' } });
	expect(xml.status()).toBe(400);
	expect(await xml.text()).toMatch(/^<\?xml[^>]*>\n<errors><error><code>400<\/code><description>[^<]*form-encoded/);
});

/** axe on a page opened signed out (axe runs as a script in the page: JavaScript on for it). */
async function axeViolations(browser: Browser, url: string) {
	const context = await browser.newContext({ javaScriptEnabled: true });
	try {
		const page = await context.newPage();
		expect((await page.goto(url))?.status(), url).toBe(200);
		return await axeOn(page);
	} finally {
		await context.close();
	}
}
