// Walks every route and form action found in src/routes as each kind of user and checks the
// status. A route without an entry in EXPECTED fails the test, so new routes cannot skip it.
import { expect, request, test, type APIRequestContext } from '@playwright/test';
import { ACTORS, CITY_A, matrixWorld } from './actors.ts';
import { discoverEndpoints } from './route-inventory.ts';
import { all, anonymousOnly, cityAdminOnly, signedIn, type Expectation, type Statuses } from './matrix/expectations.ts';
import { COMMITMENT_EXPECTATIONS } from './matrix/commitments.ts';
import { INDICATOR_EXPECTATIONS } from './matrix/indicators.ts';

const CORE_EXPECTATIONS: Record<string, Expectation> = {
	'GET /': { expect: all(200) },
	'GET /cities': { expect: all(200) },
	'GET /cities/[slug=slug]': { path: `/cities/${CITY_A}`, expect: all(200) },
	'GET /healthz': { expect: all(200) },
	'GET /map/land.svg': { expect: all(200) },
	'GET /rights': { expect: all(200) },
	'GET /rights/[n=article]': { path: '/rights/25', expect: all(200) },
	'GET /rights/languages': { expect: all(200) },

	// Accounts. Forms are valid for the authorization check but harmless: wrong passwords,
	// invalid e-mail addresses (refused before any rate limit counts), unknown tokens.
	'GET /signup': { expect: anonymousOnly(200, 303) },
	// Signed-in people are sent on to their account before any form is read.
	'POST /signup': { form: () => ({ displayName: 'X', email: 'not-an-address', password: 'a long passphrase' }), expect: anonymousOnly(400, 303) },
	'GET /signin': { expect: anonymousOnly(200, 303) },
	'POST /signin': { form: () => ({ email: 'not-an-address', password: 'whatever it is' }), expect: anonymousOnly(400, 303) },
	'GET /signout': { expect: all(200) },
	'POST /signout': { last: true, expect: all(303) },
	'GET /reset-password': { expect: all(200) },
	'POST /reset-password': { form: () => ({ email: 'not-an-address' }), expect: all(400) },
	'GET /reset-password/[token]': { path: '/reset-password/not-a-real-token', expect: all(400) },
	'POST /reset-password/[token]': { path: '/reset-password/not-a-real-token', form: () => ({ password: 'a long passphrase' }), expect: all(400) },
	'GET /verify-email/[token]': { path: '/verify-email/not-a-real-token', expect: all(200) },
	'POST /verify-email/[token]': { path: '/verify-email/not-a-real-token', expect: all(400) },
	'GET /outbox': { expect: all(200) },
	'GET /account': { expect: signedIn(200) },
	'GET /account/data.json': { expect: signedIn(200, 401) },
	'POST /account?/profile': { form: (actor) => ({ displayName: actor, preferredLocale: '' }), expect: signedIn(303) },
	'POST /account?/password': { form: () => ({ currentPassword: 'not the password', newPassword: 'a long passphrase 2' }), expect: signedIn(400) },
	// Census: members of York get "no match" (400); people of other cities may not claim in York.
	'POST /account?/census': {
		form: (_actor, world) => ({ city: world.cityIdA, identifier: '00000000' }),
		expect: { anonymous: 303, residentA: 400, officerA: 400, adminA: 400, adminB: 403, networkAdmin: 403 }
	},
	'POST /account?/delete': { form: () => ({ password: 'not the password', confirm: 'on' }), expect: signedIn(400) },
	'POST /account?/signoutEverywhere': { last: true, expect: signedIn(303) },

	// Administration: city A's pages and actions are for its admins and the network admin.
	'GET /admin': { expect: { anonymous: 303, residentA: 403, officerA: 200, adminA: 200, adminB: 200, networkAdmin: 200 } },
	'GET /admin/[city=slug]': { path: `/admin/${CITY_A}`, expect: cityAdminOnly(200) },
	'GET /admin/[city=slug]/audit': { path: `/admin/${CITY_A}/audit`, expect: cityAdminOnly(200) },
	'GET /admin/[city=slug]/census': { path: `/admin/${CITY_A}/census`, expect: cityAdminOnly(200) },
	'GET /admin/[city=slug]/people': { path: `/admin/${CITY_A}/people`, expect: cityAdminOnly(200) },
	'GET /admin/[city=slug]/profile': { path: `/admin/${CITY_A}/profile`, expect: cityAdminOnly(200) },
	'GET /admin/network': { expect: { ...signedIn(403), networkAdmin: 200 } },
	'POST /admin/[city=slug]/census?/upload': {
		path: `/admin/${CITY_A}/census`,
		file: { field: 'file', name: 'census.csv', mimeType: 'text/csv', content: 'identifier\nMATRIX0001\n' },
		expect: cityAdminOnly(200)
	},
	'POST /admin/[city=slug]/people?/grant': { path: `/admin/${CITY_A}/people`, form: (_actor, world) => ({ email: world.someoneEmail, role: 'cso' }), expect: cityAdminOnly(200) },
	'POST /admin/[city=slug]/people?/revoke': { path: `/admin/${CITY_A}/people`, form: (_actor, world) => ({ personId: world.someoneId, role: 'cso' }), expect: cityAdminOnly(200) },
	// After the revoke "someone" holds no role in York (404); the network admin does not verify in person (403).
	'POST /admin/[city=slug]/people?/verify': { path: `/admin/${CITY_A}/people`, form: (_actor, world) => ({ personId: world.someoneId }), expect: { ...cityAdminOnly(404), networkAdmin: 403 } },
	'POST /admin/[city=slug]/profile?/save': {
		path: `/admin/${CITY_A}/profile`,
		form: () => ({ displayName: 'York', year: '2017', process: 'formal', processConfirmed: 'on', latitude: '53.96', longitude: '-1.08' }),
		expect: cityAdminOnly(200)
	},
	'POST /admin/network?/appoint': { path: '/admin/network', form: (_actor, world) => ({ city: CITY_A, email: world.someoneEmail }), expect: { ...signedIn(403), networkAdmin: 200 } },
	'POST /admin/network?/create': {
		path: '/admin/network',
		form: (actor) => ({ name: `Matrix ${actor}`, countryCode: 'IS', latitude: '64.15', longitude: '-21.94', process: 'formal' }),
		expect: { ...signedIn(403), networkAdmin: 200 }
	}
};

const EXPECTED: Record<string, Expectation> = { ...CORE_EXPECTATIONS, ...COMMITMENT_EXPECTATIONS, ...INDICATOR_EXPECTATIONS };

async function contextFor(baseURL: string, token: string | null): Promise<APIRequestContext> {
	const state = token
		? { cookies: [{ name: 'session', value: token, domain: new URL(baseURL).hostname, path: '/', expires: -1, httpOnly: true, secure: false, sameSite: 'Lax' as const }], origins: [] }
		: undefined;
	// A browser's form post: SvelteKit answers actions with JSON unless the client accepts HTML.
	const ready = await request.newContext({ baseURL, maxRedirects: 0, storageState: state, extraHTTPHeaders: { origin: baseURL, accept: 'text/html' } });
	// First visit sets the CSRF cookie.
	await ready.get('/');
	return ready;
}

async function csrfOf(context: APIRequestContext): Promise<string> {
	const cookie = (await context.storageState()).cookies.find((c) => c.name === 'csrf');
	if (!cookie) throw new Error('no csrf cookie');
	return cookie.value;
}

test('every route and form action has an expected status for every kind of user', async ({ baseURL }) => {
	const endpoints = discoverEndpoints();
	const missing = endpoints.filter((endpoint) => !EXPECTED[endpoint.key]).map((endpoint) => endpoint.key);
	expect(missing, 'routes without an entry in EXPECTED (add one)').toEqual([]);
	const stale = Object.keys(EXPECTED).filter((key) => !endpoints.some((endpoint) => endpoint.key === key));
	expect(stale, 'entries in EXPECTED for routes that no longer exist').toEqual([]);

	const world = await matrixWorld();
	const tokens = world.tokens;
	const actual: Record<string, Partial<Statuses>> = {};
	const wanted: Record<string, Statuses> = {};
	const ordered = [...endpoints].sort((a, b) => Number(EXPECTED[a.key]!.last ?? false) - Number(EXPECTED[b.key]!.last ?? false));
	for (const actor of ACTORS) {
		const context = await contextFor(baseURL!, tokens[actor]);
		for (const endpoint of ordered) {
			const expectation = EXPECTED[endpoint.key]!;
			const path = (expectation.path ?? endpoint.route) + (endpoint.action && endpoint.action !== 'default' ? `?/${endpoint.action}` : '');
			let status: number;
			if (endpoint.method === 'GET') {
				status = (await context.get(path)).status();
			} else {
				const fields = { ...(expectation.form?.(actor, world) ?? {}), _csrf: await csrfOf(context) };
				const body = expectation.file
					? { multipart: { ...fields, [expectation.file.field]: { name: expectation.file.name, mimeType: expectation.file.mimeType, buffer: Buffer.from(expectation.file.content) } } }
					: { form: fields };
				status = (await context.fetch(path, { method: endpoint.method, ...body })).status();
			}
			(actual[endpoint.key] ??= {})[actor] = status;
			wanted[endpoint.key] = expectation.expect;
		}
		await context.dispose();
	}
	expect(actual).toEqual(wanted);
});

test('a form post without the CSRF token or from another site changes nothing', async ({ baseURL }) => {
	const posts = discoverEndpoints().filter((endpoint) => endpoint.method === 'POST');
	const world = await matrixWorld();
	const context = await contextFor(baseURL!, world.tokens.adminA);
	for (const endpoint of posts) {
		const expectation = EXPECTED[endpoint.key]!;
		const path = (expectation.path ?? endpoint.route) + (endpoint.action && endpoint.action !== 'default' ? `?/${endpoint.action}` : '');
		const form = expectation.form?.('adminA', world) ?? {};
		expect((await context.fetch(path, { method: 'POST', form })).status(), `${endpoint.key} without token`).toBe(403);
		expect((await context.fetch(path, { method: 'POST', form: { ...form, _csrf: 'forged-token-forged-token-forged-token' } })).status(), `${endpoint.key} with a wrong token`).toBe(403);
		const foreign = await context.fetch(path, { method: 'POST', form: { ...form, _csrf: await csrfOf(context) }, headers: { origin: 'https://evil.example' } });
		expect(foreign.status(), `${endpoint.key} from another origin`).toBe(403);
	}
	await context.dispose();
});
