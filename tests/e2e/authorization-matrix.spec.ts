// Walks every route and form action found in src/routes as each kind of user and checks the
// status. A route without an entry in EXPECTED fails the test, so new routes cannot skip it.
import { expect, request, test, type APIRequestContext } from '@playwright/test';
import { ACTORS, matrixExpectations, matrixWorld } from './actors.ts';
import { discoverEndpoints } from './route-inventory.ts';
import { all, concretePath, type Expectation, type Statuses } from '../../src/lib/server/testing/matrix.ts';

/** Routes no module owns: the home page and the health check. Every module's own are in its `<module>.matrix.ts`. */
const CORE_EXPECTATIONS: Record<string, Expectation> = {
	'GET /': { expect: all(200) },
	'GET /healthz': { expect: all(200) }
};

async function contextFor(baseURL: string, token: string | null): Promise<APIRequestContext> {
	const state = token
		? { cookies: [{ name: 'session', value: token, domain: new URL(baseURL).hostname, path: '/', expires: -1, httpOnly: true, secure: false, sameSite: 'Lax' as const }], origins: [] }
		: undefined;
	// A browser's form post: SvelteKit answers actions with JSON unless the client accepts HTML.
	const ready = await request.newContext({ baseURL, maxRedirects: 0, storageState: state, extraHTTPHeaders: { origin: baseURL, accept: 'text/html' } });
	// First visit sets the CSRF cookie: a page with a form does (signed in: every page has the
	// sign-out form); pages without one set no cookie, so anonymous visitors share them.
	await ready.get('/');
	if (!(await ready.storageState()).cookies.some((c) => c.name === 'csrf')) await ready.get('/signin');
	return ready;
}

async function csrfOf(context: APIRequestContext): Promise<string> {
	const cookie = (await context.storageState()).cookies.find((c) => c.name === 'csrf');
	if (!cookie) throw new Error('no csrf cookie');
	return cookie.value;
}

// The walk, the CSRF check and the inventory run side by side (refused posts change nothing).
test.describe.configure({ mode: 'parallel' });

test('every route and form action has an entry in the matrix, and no entry is stale', async () => {
	const EXPECTED = { ...CORE_EXPECTATIONS, ...(await matrixExpectations()) };
	const endpoints = discoverEndpoints();
	const missing = endpoints.filter((endpoint) => !EXPECTED[endpoint.key]).map((endpoint) => endpoint.key);
	expect(missing, 'routes without an entry in EXPECTED (add one)').toEqual([]);
	const stale = Object.keys(EXPECTED).filter((key) => !endpoints.some((endpoint) => endpoint.key === key));
	expect(stale, 'entries in EXPECTED for routes that no longer exist').toEqual([]);
});

// Every kind of user in turn, in one world of people and objects: the expectations follow that
// order (what the city's admin withdrew is gone for the network admin who comes after).
test('every route and form action answers each kind of user as expected', async ({ baseURL }) => {
	test.setTimeout(300_000);
	const EXPECTED = { ...CORE_EXPECTATIONS, ...(await matrixExpectations()) };
	const endpoints = discoverEndpoints().filter((endpoint) => EXPECTED[endpoint.key]);
	const world = await matrixWorld();
	const actual: Record<string, Partial<Statuses>> = {};
	const wanted: Record<string, Statuses> = {};
	// Routes that end something (sign-out, deletions) go last.
	const ordered = [...endpoints].sort((a, b) => Number(EXPECTED[a.key]!.last ?? false) - Number(EXPECTED[b.key]!.last ?? false));
	for (const actor of ACTORS) {
		const context = await contextFor(baseURL!, world.tokens[actor]);
		for (const endpoint of ordered) {
			const expectation = EXPECTED[endpoint.key]!;
			const path = concretePath(expectation, world, endpoint.route) + (endpoint.action && endpoint.action !== 'default' ? `?/${endpoint.action}` : '');
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
	test.setTimeout(120_000);
	const EXPECTED = { ...CORE_EXPECTATIONS, ...(await matrixExpectations()) };
	const posts = discoverEndpoints().filter((endpoint) => endpoint.method === 'POST');
	const world = await matrixWorld();
	const context = await contextFor(baseURL!, world.tokens.adminA);
	for (const endpoint of posts) {
		const expectation = EXPECTED[endpoint.key]!;
		const path = concretePath(expectation, world, endpoint.route) + (endpoint.action && endpoint.action !== 'default' ? `?/${endpoint.action}` : '');
		const form = expectation.form?.('adminA', world) ?? {};
		expect((await context.fetch(path, { method: 'POST', form })).status(), `${endpoint.key} without token`).toBe(403);
		expect((await context.fetch(path, { method: 'POST', form: { ...form, _csrf: 'forged-token-forged-token-forged-token' } })).status(), `${endpoint.key} with a wrong token`).toBe(403);
		const foreign = await context.fetch(path, { method: 'POST', form: { ...form, _csrf: await csrfOf(context) }, headers: { origin: 'https://evil.example' } });
		expect(foreign.status(), `${endpoint.key} from another origin`).toBe(403);
	}
	await context.dispose();
});
