// The render cache: only anonymous public pages, keyed by path, query, language and encoding,
// renewed the moment what they show changes (a ledger entry, a profile edit; also made by
// another process), bounded in bytes, with ETag/304, and never a page that sets a cookie.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { openDatabase, type Database } from '../db/database.ts';
import { appendLedger, NETWORK_CHAIN } from '../ledger/index.ts';
import { sql } from 'kysely';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../testing/test-database.ts';
import { createCity } from '../testing/factories.ts';
import { requestEvent } from '../testing/request-event.ts';
import type { App } from '../app.ts';
import { cacheFront } from './page-cache-front.ts';
import { cacheableRequest, PageCache, pageCacheHandle, PUBLIC_CACHE_CONTROL, scopeOf, type CachedPage } from './page-cache.ts';

const LOCALES = ['en', 'es', 'fr', 'ko', 'sv', 'ar'] as const;

function page(key: string, bytes: number): CachedPage {
	return { key, scope: { kind: 'network' }, version: 'v', status: 200, headers: [], body: new Uint8Array(bytes), etag: '"x"' };
}

describe('the page store', () => {
	it('keeps pages within its byte budget, dropping the least recently used first', () => {
		const cache = new PageCache(10_000, 5_000);
		cache.set(page('a', 3_500));
		cache.set(page('b', 3_500));
		cache.get('a');
		cache.set(page('c', 3_500));
		expect(cache.bytes).toBeLessThanOrEqual(10_000);
		expect(cache.get('b')).toBeUndefined();
		expect(cache.get('a')).toBeDefined();
		expect(cache.get('c')).toBeDefined();
		// A page larger than a page may be is not stored at all.
		expect(cache.set(page('huge', 6_000))).toBe(false);
		expect(cache.get('huge')).toBeUndefined();
	});
});

describe('which requests the cache may answer', () => {
	const anonymous = { cookie: null, acceptLanguage: 'fr', acceptEncoding: 'gzip, br' };

	it('only GET and HEAD without a session cookie', () => {
		expect(cacheableRequest('GET', '/cities', '', anonymous)).toMatchObject({ key: 'gzip fr /cities', gzip: true });
		expect(cacheableRequest('HEAD', '/cities', '', anonymous)).not.toBeNull();
		expect(cacheableRequest('POST', '/cities', '', anonymous)).toBeNull();
		expect(cacheableRequest('GET', '/cities', '', { ...anonymous, cookie: 'lang=fr; session=abc' })).toBeNull();
		// Other cookies do not make a visitor someone.
		expect(cacheableRequest('GET', '/cities', '', { ...anonymous, cookie: 'csrf=abc' })).not.toBeNull();
	});

	it('keys by path, query, language (query, cookie, header) and encoding', () => {
		expect(cacheableRequest('GET', '/cities', '?page=2', { cookie: 'lang=ko', acceptLanguage: 'fr', acceptEncoding: null })?.key).toBe('identity ko /cities?page=2');
		expect(cacheableRequest('GET', '/cities', '?lang=sv', { cookie: 'lang=sv', acceptLanguage: 'fr', acceptEncoding: 'gzip' })?.key).toBe('gzip sv /cities?lang=sv');
		// A ?lang= that changes the saved language sets a cookie: rendered, never stored.
		expect(cacheableRequest('GET', '/cities', '?lang=sv', anonymous)).toBeNull();
	});

	it('sorts pages into a city or the network', () => {
		expect(scopeOf('/cities/york/ledger')).toEqual({ kind: 'city', slug: 'york' });
		expect(scopeOf('/cities/york')).toEqual({ kind: 'city', slug: 'york' });
		expect(scopeOf('/cities')).toEqual({ kind: 'network' });
		expect(scopeOf('/')).toEqual({ kind: 'network' });
	});
});

describe.each(DIALECTS)('the render cache on %s', (dialect) => {
	let database: TestDatabase;
	const others: Database[] = [];
	let renders: number;
	let cityId: string;

	beforeEach(async () => {
		database = await createTestDatabase(dialect);
		cityId = (await createCity(database.db, { slug: 'oldtown' })).id;
		renders = 0;
	});
	afterEach(async () => {
		for (const other of others.splice(0)) await other.close();
		await database.cleanup();
	});

	function handleFor(db: Database) {
		const handle = pageCacheHandle(async () => ({ database: db }) as unknown as App);
		return async (url: string, options: { headers?: Record<string, string>; respond?: (event: RequestEvent) => Response } = {}) => {
			const { event } = requestEvent(url, { headers: { 'accept-encoding': 'gzip', ...options.headers } });
			const resolve = async (current: RequestEvent) => {
				renders += 1;
				return options.respond?.(current) ?? new Response(`<p>render ${renders} ${current.url.pathname}</p>`, { headers: { 'content-type': 'text/html', 'cache-control': PUBLIC_CACHE_CONTROL } });
			};
			return handle({ event, resolve } as never);
		};
	}

	it('answers the second anonymous visit from the cache, with an ETag and 304 for a revalidation', async () => {
		const get = handleFor(database);
		const first = await get('http://example.org/cities/oldtown');
		const second = await get('http://example.org/cities/oldtown');
		expect(renders).toBe(1);
		expect(await second.text()).toBe(await first.text());
		const etag = second.headers.get('etag')!;
		expect(etag).toMatch(/^"[\w-]+"$/);
		expect(second.headers.get('cache-control')).toBe(PUBLIC_CACHE_CONTROL);
		const revalidated = await get('http://example.org/cities/oldtown', { headers: { 'if-none-match': etag } });
		expect(revalidated.status).toBe(304);
		expect(revalidated.headers.get('etag')).toBe(etag);
		expect(await revalidated.text()).toBe('');
		expect(renders).toBe(1);
	});

	it('renders afresh in every language right after a ledger entry of the city, and after a profile edit', async () => {
		const get = handleFor(database);
		const visit = (locale: string) => get('http://example.org/cities/oldtown/commitments', { headers: { 'accept-language': locale } });
		for (const locale of LOCALES) await visit(locale);
		expect(renders).toBe(6);
		for (const locale of LOCALES) await visit(locale);
		expect(renders).toBe(6);

		await appendLedger(database.db, { cityId, actor: null, actorRole: 'cli', entityType: 'action', entityId: 'a1', action: 'create', change: { title: [null, 'New'] } });
		for (const locale of LOCALES) expect(await (await visit(locale)).text()).toContain(`render`);
		expect(renders).toBe(12);

		// A profile edit (as the cities module's updateCity makes it: the version counts up).
		await database.db.updateTable('city').set({ display_name: 'Old Town', version: sql`version + 1` }).where('id', '=', cityId).execute();
		for (const locale of LOCALES) await visit(locale);
		expect(renders).toBe(18);
		// …and then from the cache again.
		for (const locale of LOCALES) await visit(locale);
		expect(renders).toBe(18);
	});

	it('renews network pages when any chain grows', async () => {
		const get = handleFor(database);
		await get('http://example.org/cities');
		await get('http://example.org/cities');
		expect(renders).toBe(1);
		await appendLedger(database.db, { cityId: NETWORK_CHAIN, actor: null, actorRole: 'network_admin', entityType: 'membership', entityId: cityId, action: 'create', change: { status: [null, 'member'] } });
		await get('http://example.org/cities');
		expect(renders).toBe(2);
	});

	it('never stores a page that sets a cookie, a private page, an error, or a signed-in visitor’s page', async () => {
		const get = handleFor(database);
		const withCookie = () => new Response('<form>token</form>', { headers: { 'content-type': 'text/html', 'cache-control': PUBLIC_CACHE_CONTROL, 'set-cookie': 'csrf=abc; Path=/' } });
		const response = await get('http://example.org/signin', { respond: withCookie });
		expect(response.headers.get('cache-control')).toBe('private, no-cache');
		await get('http://example.org/signin', { respond: withCookie });
		expect(renders).toBe(2);

		const privatePage = () => new Response('<p>mine</p>', { headers: { 'content-type': 'text/html', 'cache-control': 'private, no-cache' } });
		await get('http://example.org/account', { respond: privatePage });
		await get('http://example.org/account', { respond: privatePage });
		expect(renders).toBe(4);

		const missing = () => new Response('<p>not found</p>', { status: 404, headers: { 'content-type': 'text/html', 'cache-control': PUBLIC_CACHE_CONTROL } });
		await get('http://example.org/cities/nowhere', { respond: missing });
		await get('http://example.org/cities/nowhere', { respond: missing });
		expect(renders).toBe(6);

		await get('http://example.org/cities/oldtown');
		expect(renders).toBe(7);
		const signedIn = await get('http://example.org/cities/oldtown', { headers: { cookie: 'session=token' } });
		expect(renders).toBe(8);
		expect(signedIn.headers.get('etag')).toBeNull();
	});

	it('answers hits in front of SvelteKit (rightscity serve) with the same status, headers and bytes, and nothing else', async () => {
		const get = handleFor(database);
		// The server in front: a request the front does not answer would go on to SvelteKit (here: 599).
		const server = http.createServer((request, response) => {
			if (!cacheFront()?.(request, response)) response.writeHead(599).end();
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const front = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
			fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`, { method, headers: { 'accept-encoding': 'gzip', ...headers } });
		// On PostgreSQL a change notice (this test's own writes) may arrive after a render: the next
		// request then reads the versions again, through SvelteKit (same version: no new render).
		const settled = async (path: string) => {
			const deadline = Date.now() + 5000;
			for (;;) {
				const response = await front(path);
				if (response.status !== 599 || Date.now() > deadline) return response;
				await get(`http://example.org${path}`);
				await new Promise((resolve) => setTimeout(resolve, 20));
			}
		};
		const same = async (viaFront: Response, viaHook: Response) => {
			expect(viaFront.status).toBe(viaHook.status);
			const headersOf = (response: Response) => [...response.headers].filter(([name]) => !['date', 'connection', 'keep-alive'].includes(name));
			expect(headersOf(viaFront)).toEqual(headersOf(viaHook));
			expect(new Uint8Array(await viaFront.arrayBuffer())).toEqual(new Uint8Array(await viaHook.arrayBuffer()));
		};
		try {
			// Not stored yet: SvelteKit renders (and stores) it.
			expect((await front('/cities/oldtown?page=2')).status).toBe(599);
			await get('http://example.org/cities/oldtown?page=2');
			await same(await settled('/cities/oldtown?page=2'), await get('http://example.org/cities/oldtown?page=2'));
			// What URL parsing changes gives the same key as SvelteKit's `event.url` (sent as written, not as fetch would clean it).
			const port = (server.address() as AddressInfo).port;
			for (const target of ['/cities/x/../oldtown?page=2', '/cities\\oldtown?page=2']) {
				const raw = await new Promise<{ status: number; body: string }>((resolve, reject) => {
					http.get({ host: '127.0.0.1', port, path: target, headers: { 'accept-encoding': 'gzip' } }, (response) => {
						const chunks: Buffer[] = [];
						response.on('data', (chunk: Buffer) => chunks.push(chunk));
						response.on('end', () => resolve({ status: response.statusCode!, body: Buffer.concat(chunks).toString('latin1') }));
					}).on('error', reject);
				});
				expect(raw).toEqual({ status: 200, body: Buffer.from(await (await get('http://example.org/cities/oldtown?page=2')).arrayBuffer()).toString('latin1') });
			}
			const etag = (await front('/cities/oldtown?page=2')).headers.get('etag')!;
			const revalidated = await front('/cities/oldtown?page=2', { 'if-none-match': etag });
			expect(revalidated.status).toBe(304);
			await same(revalidated, await get('http://example.org/cities/oldtown?page=2', { headers: { 'if-none-match': etag } }));
			const head = await front('/cities/oldtown?page=2', {}, 'HEAD');
			expect(head.headers.get('content-length')).toBe((await get('http://example.org/cities/oldtown?page=2')).headers.get('content-length'));
			expect(await head.text()).toBe('');
			expect(renders).toBe(1);

			// Never for a signed-in visitor, another encoding or language, a language to be saved, or a post.
			expect((await front('/cities/oldtown?page=2', { cookie: 'session=token' })).status).toBe(599);
			expect((await front('/cities/oldtown?page=2', { 'accept-encoding': 'identity' })).status).toBe(599);
			expect((await front('/cities/oldtown?page=2', { 'accept-language': 'ar' })).status).toBe(599);
			expect((await front('/cities/oldtown?page=2&lang=ar')).status).toBe(599);
			expect((await front('/cities/oldtown?page=2', {}, 'POST')).status).toBe(599);

			// Outdated the moment the city's ledger grows: SvelteKit renders it again, then the front answers.
			await appendLedger(database.db, { cityId, actor: null, actorRole: 'cli', entityType: 'action', entityId: 'a3', action: 'create', change: { title: [null, 'Later'] } });
			expect((await front('/cities/oldtown?page=2')).status).toBe(599);
			await get('http://example.org/cities/oldtown?page=2');
			expect(renders).toBe(2);
			expect(await (await settled('/cities/oldtown?page=2')).text()).toContain('render 2');
			expect(renders).toBe(2);
		} finally {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		}
	});

	it.runIf(dialect === 'postgres')('renews pages when another app process on the database records a change', async () => {
		const get = handleFor(database);
		await get('http://example.org/cities/oldtown');
		await get('http://example.org/cities/oldtown');
		expect(renders).toBe(1);
		const other = await openDatabase({ dialect: 'postgres', url: database.url! }, { searchPath: database.schema! });
		others.push(other);
		await appendLedger(other.db, { cityId, actor: null, actorRole: 'cli', entityType: 'action', entityId: 'a2', action: 'create', change: { title: [null, 'Elsewhere'] } });
		const deadline = Date.now() + 5000;
		while (renders === 1 && Date.now() < deadline) {
			await get('http://example.org/cities/oldtown');
			if (renders === 1) await new Promise((resolve) => setTimeout(resolve, 20));
		}
		expect(renders).toBe(2);
	});
});
