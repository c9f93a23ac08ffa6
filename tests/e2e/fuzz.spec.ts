// Bad input everywhere: walks every route and form action the authorization matrix finds in
// src/routes with a corpus of bad inputs (NUL and other controls, invalid UTF-8, 1 MB strings,
// bidi controls, wrong types, out-of-range numbers, broken bodies, bad files) and checks that no
// answer is a server error (≥ 500) and that a refused post stored nothing: the server's database
// looks the same before and after it (every table's row count and latest change; the tables that
// record the attempt itself — rate limits, the audit log, sessions — aside). At the end no text
// cell anywhere holds NUL. Runs after every other spec (its own Playwright project), so the rate
// limits it trips never meet another spec's sign-in.
import { expect, request, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { sql } from 'kysely';
import { matrixExpectations, matrixWorld, openServerDatabase, type MatrixWorld } from './actors.ts';
import { discoverEndpoints, type Endpoint } from './route-inventory.ts';
import { concretePath, type Expectation } from '../../src/lib/server/testing/matrix.ts';

/** Values for every field, one at a time, the others kept valid. */
const VALUES = [
	'a\u0000b',
	'bell\u0007 esc\u001b[31m',
	'\u202Egnp.exe\u202C \u2066x\u2069 \u200F',
	'\uD800 lone surrogate',
	'-1',
	'1e309',
	'-99999999999999999999999',
	'NaN',
	'[object Object]',
	"<script>alert(1)</script>' OR '1'='1 --",
	'',
	'ä'.repeat(20_000)
];
const MEGABYTE = 'x'.repeat(1 << 20);
/** Values for a route's parameters and a page's query. */
const URL_VALUES = ['\u0000', '%', '\u202Ex', '1e309', '..', 'x'.repeat(3000), "'<b>"];
const QUERY_NAMES = ['q', 'page', 'from', 'to', 'lang', 'next', 'type', 'action', 'ref', 'cursor', 'after', 'before', 'period', 'sort', 'city', 'status', 'notice', 'to'];

/**
 * Tables that record an attempt itself: a refused sign-in is counted and audited; a visit touches
 * its session; a refused form on a concerns case shows the case again, and every read of a
 * reporter's personal data is audited (`audit_log`).
 */
const BOOKKEEPING = new Set(['rate_limit', 'audit_log', 'session', 'instance_secret']);

type Db = Awaited<ReturnType<typeof openServerDatabase>>['db'];

async function fingerprintQuery(db: Db): Promise<string> {
	const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name`.execute(db);
	const parts: string[] = [];
	for (const { name } of tables.rows) {
		if (BOOKKEEPING.has(name)) continue;
		const columns = (await sql<{ name: string }>`select name from pragma_table_info(${name})`.execute(db)).rows.map((column) => column.name);
		const latest = ['updated_at', 'created_at', 'at', 'recorded_at'].find((column) => columns.includes(column));
		parts.push(`select '${name}' || ':' || count(*) || ':' || ${latest ? `coalesce(max("${latest}"), '')` : "''"} as part from "${name}"`);
	}
	return `select group_concat(part, ' ') as fingerprint from (${parts.join(' union all ')})`;
}

async function contextFor(baseURL: string, token: string | null): Promise<{ context: APIRequestContext; csrf: string }> {
	const state = token
		? { cookies: [{ name: 'session', value: token, domain: new URL(baseURL).hostname, path: '/', expires: -1, httpOnly: true, secure: false, sameSite: 'Lax' as const }], origins: [] }
		: undefined;
	const context = await request.newContext({ baseURL, maxRedirects: 0, storageState: state, extraHTTPHeaders: { origin: baseURL, accept: 'text/html' } });
	// A page with a form hands out the token (pages without one set no cookie, so the render cache
	// keeps them the same for everyone): the sign-in page, or a signed-in person's account page.
	await context.get(token ? '/account' : '/signin');
	const csrf = (await context.storageState()).cookies.find((cookie) => cookie.name === 'csrf')!.value;
	return { context, csrf };
}

function pathOf(endpoint: Endpoint, expectation: Expectation, world: MatrixWorld): string {
	return concretePath(expectation, world, endpoint.route) + (endpoint.action && endpoint.action !== 'default' ? `?/${endpoint.action}` : '');
}

/** A concrete path with one of the route's parameters replaced by `value`. */
function withParam(route: string, concrete: string, index: number, value: string): string | null {
	const pattern = route.split('/');
	const parts = concrete.split('/');
	if (pattern.length !== parts.length) return null;
	const params = pattern.map((part, at) => (part.startsWith('[') ? at : -1)).filter((at) => at >= 0);
	if (index >= params.length) return null;
	parts[params[index]!] = encodeURIComponent(value);
	return parts.join('/');
}

test('no bad input gets a server error, and a refused post stores nothing', async ({ baseURL }) => {
	test.setTimeout(300_000);
	const expected = await matrixExpectations();
	const world: MatrixWorld = await matrixWorld();
	const endpoints = discoverEndpoints().filter((endpoint) => expected[endpoint.key] || endpoint.key === 'GET /' || endpoint.key === 'GET /healthz');
	const database = await openServerDatabase();
	const fingerprintSql = await fingerprintQuery(database.db);
	const fingerprint = async () => (await sql<{ fingerprint: string }>`${sql.raw(fingerprintSql)}`.execute(database.db)).rows[0]!.fingerprint;

	const admin = await contextFor(baseURL!, world.tokens.adminA);
	const network = await contextFor(baseURL!, world.tokens.networkAdmin);
	const anonymous = await contextFor(baseURL!, null);
	const serverErrors: string[] = [];
	const partial: string[] = [];
	let requests = 0;
	const started = performance.now();

	const check = (label: string, response: APIResponse) => {
		requests += 1;
		if (response.status() >= 500) serverErrors.push(`${response.status()} ${label}`);
	};
	/** A post, with the database compared before and after when it is refused. */
	const post = async (as: { context: APIRequestContext }, label: string, path: string, options: Parameters<APIRequestContext['fetch']>[1]) => {
		const before = await fingerprint();
		const response = await as.context.fetch(path, { method: 'POST', ...options });
		check(label, response);
		if (response.status() >= 400 && (await fingerprint()) !== before) partial.push(`${response.status()} ${label}`);
	};

	const posts = endpoints.filter((endpoint) => endpoint.method === 'POST');
	// Posts that end the session (sign out) go last.
	posts.sort((a, b) => Number(expected[a.key]?.last ?? false) - Number(expected[b.key]?.last ?? false));
	for (const endpoint of posts) {
		const expectation = expected[endpoint.key]!;
		const as = endpoint.route.startsWith('/admin/network') ? network : admin;
		const path = pathOf(endpoint, expectation, world);
		const valid = expectation.form?.('adminA', world) ?? {};
		const fields = Object.keys(valid).length ? Object.keys(valid) : ['value'];

		// Broken bodies: no action can read them.
		const headers = { 'x-csrf-token': as.csrf };
		const broken: [string, string | Buffer | undefined, string | undefined][] = [
			['text/plain', 'a=1', 'text/plain'],
			['json', JSON.stringify(valid), 'application/json'],
			['multipart without boundary', 'a=1', 'multipart/form-data'],
			['broken multipart', '--XYZ\r\nContent-Disposition: form-data; name="a"\r\n\r\nnever closed', 'multipart/form-data; boundary=XYZ'],
			['no body', undefined, undefined]
		];
		for (const [name, data, type] of broken) await post(as, `${endpoint.key} (${name})`, path, { data, headers: type ? { ...headers, 'content-type': type } : headers });
		// Invalid UTF-8 and percent-escapes in a form body.
		const raw = Buffer.concat([Buffer.from(`_csrf=${as.csrf}&${fields[0]}=`), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from(`%FF%00%E2%82&${fields.at(-1)}=%`)]);
		await post(as, `${endpoint.key} (invalid UTF-8)`, path, { data: raw, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
		if (expectation.last) continue;

		// Every field at 1 MB at once.
		await post(as, `${endpoint.key} (1 MB fields)`, path, { form: { ...Object.fromEntries(fields.map((field) => [field, MEGABYTE])), _csrf: as.csrf } });
		// Each field with each bad value, the others valid; wrong types as repeated fields.
		for (const field of fields) {
			for (const value of VALUES) {
				const form = { ...valid, [field]: value, _csrf: as.csrf };
				if (expectation.file) {
					const file = { name: expectation.file.name, mimeType: expectation.file.mimeType, buffer: Buffer.from(expectation.file.content) };
					await post(as, `${endpoint.key} ${field}=${JSON.stringify(value.slice(0, 20))}`, path, { multipart: { ...form, [expectation.file.field]: file } });
				} else {
					await post(as, `${endpoint.key} ${field}=${JSON.stringify(value.slice(0, 20))}`, path, { form });
				}
			}
			const repeated = new URLSearchParams([...Object.entries(valid), [field, 'one'], [field, 'two'], ['_csrf', as.csrf]]);
			await post(as, `${endpoint.key} ${field} repeated`, path, { data: repeated.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
		}
		// Bad files where a file is expected, and a file where text is expected.
		const files = [
			{ name: '\u202Evsc.exe', mimeType: 'text/csv', buffer: Buffer.from([0xef, 0xbb, 0xbf, 0xc3, 0x28, 0x2c, 0x00, 0x0a]) },
			{ name: 'x.html', mimeType: 'application/pdf', buffer: Buffer.from('<html><script>alert(1)</script></html>') },
			{ name: 'broken.zip', mimeType: 'application/zip', buffer: Buffer.from('PK\u0003\u0004 not really a zip') },
			{ name: 'a\u0000b.csv', mimeType: 'text/csv', buffer: Buffer.from('indicator,period\n\u0000,\u202E\n') },
			{ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) }
		];
		const fileField = expectation.file?.field ?? fields[0]!;
		for (const file of files) await post(as, `${endpoint.key} file ${JSON.stringify(file.name)}`, path, { multipart: { ...valid, _csrf: as.csrf, [fileField]: file } });
	}

	const gets = endpoints.filter((endpoint) => endpoint.method === 'GET');
	const targets: [{ context: APIRequestContext }, string][] = [];
	for (const endpoint of gets) {
		const expectation = expected[endpoint.key] ?? { expect: {} as Expectation['expect'] };
		const concrete = concretePath(expectation, world, endpoint.route);
		if (concrete.includes('[')) continue;
		for (const as of [admin, anonymous]) {
			for (const value of URL_VALUES) {
				const query = new URLSearchParams(QUERY_NAMES.map((name) => [name, value]));
				targets.push([as, `${concrete}${concrete.includes('?') ? '&' : '?'}${query}`]);
				for (let index = 0; ; index++) {
					const bad = withParam(endpoint.route, concrete.split('?')[0]!, index, value);
					if (!bad) break;
					targets.push([as, bad]);
				}
			}
		}
	}
	// Pages change nothing: four at a time.
	let next = 0;
	await Promise.all(
		Array.from({ length: 4 }, async () => {
			while (next < targets.length) {
				const [as, target] = targets[next++]!;
				check(`GET ${target.slice(0, 120)}`, await as.context.get(target));
			}
		})
	);

	// Nothing anywhere holds NUL (SQLite would have kept it).
	const withNul: string[] = [];
	const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(database.db);
	for (const { name } of tables.rows) {
		const columns = (await sql<{ name: string; type: string }>`select name, type from pragma_table_info(${name})`.execute(database.db)).rows.filter((column) => /text|char|^$/i.test(column.type));
		for (const column of columns) {
			const found = await sql<{ n: number }>`select count(*) as n from ${sql.table(name)} where instr(${sql.ref(column.name)}, char(0)) > 0`.execute(database.db);
			if (Number(found.rows[0]!.n) > 0) withNul.push(`${name}.${column.name}`);
		}
	}

	for (const as of [admin, network, anonymous]) await as.context.dispose();
	await database.close();
	const seconds = (performance.now() - started) / 1000;
	console.log(`fuzz: ${requests} requests (${targets.length} page visits) to ${posts.length} form actions and ${gets.length} pages in ${seconds.toFixed(1)} s; ${serverErrors.length} server errors, ${partial.length} refused posts that stored something`);
	expect(serverErrors, 'answers ≥ 500').toEqual([]);
	expect(partial, 'refused posts that changed the database').toEqual([]);
	expect(withNul, 'columns holding NUL').toEqual([]);
	expect(requests).toBeGreaterThan(1000);
});
