/**
 * The render cache: anonymous visitors get public pages as bytes already rendered and compressed,
 * from a bounded in-memory store, until what the page shows changes.
 *
 * **What is cached (opting in).** A page is cached only when its route says so with
 * `cachePublicly(event)` in its `load` (which sets `Cache-Control: public, no-cache`), and only
 * for an anonymous GET (no session cookie) answered 200 without a `Set-Cookie` and without the
 * visitor's CSRF token in it (a page with a POST form). A route that shows something only its
 * visitor may see — a tracking page whose URL holds a secret, a form — simply does not opt in;
 * a response can also opt out at run time with `Cache-Control: private` or `no-store`.
 * Signed-in visitors always get a fresh render (`private, no-cache`).
 *
 * **When it changes (invalidation).** Each page is stored with the version of what it shows,
 * read before rendering:
 * - a city's pages (`/cities/<slug>/…`): the city's ledger head, its profile version, the network
 *   chain's head and the registry's version. Every module records its changes in the city's
 *   ledger, so a new module's changes invalidate without it doing anything;
 * - network pages (everything else: home, directory, map, library, joint evaluation): the heads of
 *   all chains and the registry's version.
 * - the quarter hour: pages that show dates relative to today renew at every time zone's midnight.
 * A stored page is served only while its version is still the current one. The current versions
 * are read again only after the database reports a change (`changeMarkOf`: this process's
 * commits, other processes' through SQLite's data version or PostgreSQL's LISTEN/NOTIFY), so a hit
 * usually costs no query at all.
 *
 * **Bounded.** The store keeps at most `budgetBytes` of pages (least recently used out first),
 * none larger than `maxPageBytes`.
 *
 * @example
 *   // src/routes/cities/[slug=slug]/commitments/+page.server.ts
 *   export const load = async (event) => { cachePublicly(event); … };
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestEvent } from '@sveltejs/kit';
import type { Handle } from '@sveltejs/kit/hooks';
import { setCacheFront } from './page-cache-front.ts';
import { startApp, type App } from '../app.ts';
import { createHash } from 'node:crypto';
import { findCityVersion, registryVersion } from '../cities/index.ts';
import { changeMarkOf, type Db } from '../db/database.ts';
import { ledgerHeadsVersion, NETWORK_CHAIN, readLedgerHead } from '../ledger/index.ts';
import { LOCALE_COOKIE, resolveLocale } from '#lib/i18n/locales.ts';

/** What a route sets to let its page be stored (here and by shared caches, which revalidate each time). */
export const PUBLIC_CACHE_CONTROL = 'public, no-cache';
/** What every page that must not be shared gets. */
export const PRIVATE_CACHE_CONTROL = 'private, no-cache';
/** The session cookie's name (accounts module); its presence means "signed in, do not cache". */
const SESSION_COOKIE_PREFIX = 'session=';

/** Marks the page of this request as the same for every anonymous visitor (see the module comment). */
export function cachePublicly(event: Pick<RequestEvent, 'setHeaders'>): void {
	event.setHeaders({ 'cache-control': PUBLIC_CACHE_CONTROL });
}

export type PageScope = { kind: 'city'; slug: string } | { kind: 'network' };

/** Which versions a path's page depends on. */
export function scopeOf(pathname: string): PageScope {
	const match = /^\/cities\/([^/]+)(?:\/|$)/.exec(pathname);
	return match ? { kind: 'city', slug: decodeURIComponent(match[1]!) } : { kind: 'network' };
}

export interface CachedPage {
	key: string;
	scope: PageScope;
	/** The version of what the page shows, when it was rendered. */
	version: string;
	status: number;
	headers: [string, string][];
	body: Uint8Array<ArrayBuffer>;
	etag: string;
}

/** A strong validator of the bytes sent. */
export function etagOf(body: Uint8Array): string {
	return `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
}

/** Stored pages, least recently used out first, within a byte budget. */
export class PageCache {
	readonly budgetBytes: number;
	readonly maxPageBytes: number;
	readonly #pages = new Map<string, CachedPage>();
	#bytes = 0;

	constructor(budgetBytes: number, maxPageBytes = Math.min(2 << 20, budgetBytes)) {
		this.budgetBytes = budgetBytes;
		this.maxPageBytes = maxPageBytes;
	}

	get(key: string): CachedPage | undefined {
		const page = this.#pages.get(key);
		if (page) {
			this.#pages.delete(key);
			this.#pages.set(key, page);
		}
		return page;
	}

	/** Stores a page (false when it is larger than a page may be). */
	set(page: CachedPage): boolean {
		const size = sizeOf(page);
		if (size > this.maxPageBytes) return false;
		this.delete(page.key);
		this.#pages.set(page.key, page);
		this.#bytes += size;
		for (const [key, oldest] of this.#pages) {
			if (this.#bytes <= this.budgetBytes) break;
			this.#pages.delete(key);
			this.#bytes -= sizeOf(oldest);
		}
		return true;
	}

	delete(key: string): void {
		const page = this.#pages.get(key);
		if (!page) return;
		this.#pages.delete(key);
		this.#bytes -= sizeOf(page);
	}

	clear(): void {
		this.#pages.clear();
		this.#bytes = 0;
	}

	get size(): number {
		return this.#pages.size;
	}

	get bytes(): number {
		return this.#bytes;
	}
}

function sizeOf(page: CachedPage): number {
	let size = page.body.byteLength + page.key.length * 2 + 200;
	for (const [name, value] of page.headers) size += (name.length + value.length) * 2 + 32;
	return size;
}

export interface CacheableRequest {
	key: string;
	scope: PageScope;
	/** The encoding the stored bytes have (what the visitor accepts). */
	gzip: boolean;
}

/** Cookie `name`'s value in a Cookie header, without parsing the rest. */
function cookieValue(header: string, name: string): string | undefined {
	for (const part of header.split(';')) {
		const trimmed = part.trim();
		if (trimmed.startsWith(`${name}=`)) return decodeURIComponent(trimmed.slice(name.length + 1));
	}
	return undefined;
}

/**
 * The cache key of a request that may be answered from the cache: a GET or HEAD of an anonymous
 * visitor (no session cookie) that sets no cookie (a `?lang=` that differs from the language
 * cookie sets one). Keyed by path, query, language and whether the visitor accepts gzip.
 */
export function cacheableRequest(method: string, pathname: string, search: string, headers: { cookie?: string | null; acceptLanguage?: string | null; acceptEncoding?: string | null }): CacheableRequest | null {
	if (method !== 'GET' && method !== 'HEAD') return null;
	const cookie = headers.cookie ?? '';
	if (cookie.includes(SESSION_COOKIE_PREFIX) && cookieValue(cookie, 'session')) return null;
	const query = search.includes('lang=') ? new URLSearchParams(search).get('lang') : null;
	const saved = cookie ? cookieValue(cookie, LOCALE_COOKIE) : undefined;
	const { locale, fromQuery } = resolveLocale({ query, cookie: saved, acceptLanguage: headers.acceptLanguage ?? null });
	if (fromQuery && saved !== locale) return null;
	const gzip = /\bgzip\b/.test(headers.acceptEncoding ?? '');
	return { key: `${gzip ? 'gzip' : 'identity'} ${locale} ${pathname}${search}`, scope: scopeOf(pathname), gzip };
}

/**
 * The current version of each scope, read from the database only after it reported a change.
 * Versions are strings compared for equality.
 */
export class PageVersions {
	readonly #db: Db;
	#mark = Number.NaN;
	readonly #known = new Map<string, string>();

	constructor(db: Db) {
		this.#db = db;
	}

	/** The scope's version now: from memory while nothing changed, else read (a promise). */
	current(scope: PageScope): string | Promise<string> {
		const mark = changeMarkOf(this.#db);
		if (mark !== this.#mark) {
			this.#known.clear();
			this.#mark = mark;
		}
		const id = scope.kind === 'city' ? `city ${scope.slug}` : 'network';
		const known = this.#known.get(id);
		if (known !== undefined) return known;
		return this.#read(scope).then((version) => {
			// Remembered only if nothing changed while it was read (else the next request reads again).
			if (this.#mark === mark && this.#known.size < 10_000) this.#known.set(id, version);
			return version;
		});
	}

	async #read(scope: PageScope): Promise<string> {
		const db = this.#db;
		const [registry, network] = await Promise.all([registryVersion(db), scope.kind === 'city' ? readLedgerHead(db, NETWORK_CHAIN).then((head) => String(head.seq)) : ledgerHeadsVersion(db)]);
		if (scope.kind === 'network') return `network ${network} ${registry}`;
		const city = await findCityVersion(db, scope.slug);
		if (!city) return `no city ${network} ${registry}`;
		const head = await readLedgerHead(db, city.id);
		return `city ${city.id} ${city.version} ${head.seq} ${network} ${registry}`;
	}
}

/** One app's render cache: the stored pages and the versions they are checked against. */
export interface PageCacheState {
	cache: PageCache;
	versions: PageVersions;
}

/** 32 MiB of pages by default: thousands of compressed pages. */
export const DEFAULT_PAGE_CACHE_BYTES = 32 << 20;

export function createPageCacheState(db: Db, budgetBytes = DEFAULT_PAGE_CACHE_BYTES): PageCacheState {
	return { cache: new PageCache(budgetBytes), versions: new PageVersions(db) };
}

const PAGE_LIFETIME_MS = 15 * 60_000;
const states = new WeakMap<Db, PageCacheState>();

function stateOf(db: Db): PageCacheState {
	let state = states.get(db);
	if (!state) {
		states.set(db, (state = createPageCacheState(db)));
		const current = state;
		setCacheFront((request, response) => answerHitFirst(current, request, response));
	}
	return state;
}

/**
 * The version a page of `scope` must have been stored with to be served now (a promise when the
 * versions must be read first). Pages also show what depends on the date ("overdue", "today"): a
 * page lasts at most one quarter hour, so a city's midnight (in any time zone) renews it.
 */
function versionNow(versions: PageVersions, scope: PageScope): string | Promise<string> {
	const pending = versions.current(scope);
	const quarter = () => ` t${Math.floor(Date.now() / PAGE_LIFETIME_MS)}`;
	return typeof pending === 'string' ? pending + quarter() : pending.then((version) => version + quarter());
}

/** Headers a stored page is not sent again with (the hit gets its own date). */
const NOT_STORED = new Set(['set-cookie', 'etag', 'date', 'content-length', 'connection', 'keep-alive', 'transfer-encoding']);

function etagMatches(ifNoneMatch: string | null | undefined, etag: string): boolean {
	if (!ifNoneMatch) return false;
	return ifNoneMatch.split(',').some((tag) => {
		const trimmed = tag.trim();
		return trimmed === '*' || trimmed === etag || trimmed === `W/${etag}`;
	});
}

/** What a hit is answered with: the stored page, or 304 when the visitor has these bytes already. */
export interface HitAnswer {
	status: number;
	headers: [string, string][];
	body: Uint8Array<ArrayBuffer> | null;
}

export function hitAnswer(page: CachedPage, method: string, ifNoneMatch: string | null | undefined): HitAnswer {
	if (etagMatches(ifNoneMatch, page.etag)) {
		const header = (name: string) => page.headers.find(([key]) => key === name)?.[1];
		return { status: 304, headers: [['etag', page.etag], ['cache-control', header('cache-control') ?? PUBLIC_CACHE_CONTROL], ['vary', header('vary') ?? 'Accept-Encoding']], body: null };
	}
	return { status: page.status, headers: [...page.headers, ['content-length', String(page.body.byteLength)]], body: method === 'HEAD' ? null : page.body };
}

function answer(page: CachedPage, request: Request): Response {
	const { status, headers, body } = hitAnswer(page, request.method, request.headers.get('if-none-match'));
	return new Response(body, { status, headers });
}

/** A request target URL parsing leaves as it is: no escapes, no dot segments, nothing it encodes. */
const PLAIN_TARGET = /^\/[\w\-~!$&'()*+,;=:@/.]*(?:\?[\w\-~!$&()*+,;=:@/?%.]*)?$/;
const DOT_SEGMENT = /\/\.\.?(?:[/?]|$)/;

/**
 * The server in front of SvelteKit (`rightscity serve`, through http/page-cache-front.ts) asks
 * this first: a request the cache would answer with a current stored page is written straight to
 * Node's response, with the same bytes and headers as `pageCacheHandle` sends; anything else
 * (not cacheable, not stored, outdated, versions to be read) returns false and goes on to
 * SvelteKit, which renders, stores and answers it.
 */
export function answerHitFirst(state: PageCacheState, request: IncomingMessage, response: ServerResponse): boolean {
	const { method = '', url: target = '' } = request;
	if ((method !== 'GET' && method !== 'HEAD') || target[0] !== '/' || target[1] === '/') return false;
	// As SvelteKit makes `event.url` (the same key): a plain target is split as it is, anything
	// that parsing could change (dot segments, escapes, characters URL encodes) is parsed.
	let pathname: string;
	let search: string;
	if (PLAIN_TARGET.test(target) && !DOT_SEGMENT.test(target)) {
		const queryAt = target.indexOf('?');
		pathname = queryAt < 0 ? target : target.slice(0, queryAt);
		search = queryAt < 0 || queryAt === target.length - 1 ? '' : target.slice(queryAt);
	} else {
		const url = new URL(target, 'http://localhost');
		pathname = url.pathname;
		search = url.search;
	}
	const { headers } = request;
	const cacheable = cacheableRequest(method, pathname, search, { cookie: headers.cookie, acceptLanguage: headers['accept-language'], acceptEncoding: headers['accept-encoding'] });
	if (!cacheable) return false;
	let version: string | Promise<string>;
	try {
		version = versionNow(state.versions, cacheable.scope);
	} catch {
		return false; // the app's database is closing: SvelteKit answers (and reports) it.
	}
	if (typeof version !== 'string') {
		version.catch(() => {});
		return false;
	}
	const page = state.cache.get(cacheable.key);
	if (!page || page.version !== version) return false;
	const hit = hitAnswer(page, method, headers['if-none-match']);
	response.writeHead(hit.status, hit.headers.flat());
	response.end(hit.body ?? undefined);
	return true;
}

/** True for a response every anonymous visitor may get (the route opted in; nothing personal was added). */
function storable(response: Response): boolean {
	return (
		response.status === 200 &&
		(response.headers.get('cache-control') ?? '').split(',').some((part) => part.trim() === 'public') &&
		!response.headers.has('set-cookie') &&
		!response.headers.has('x-stream') &&
		response.body !== null
	);
}

/**
 * Outermost handler: answers cacheable requests from the render cache (see the module comment),
 * stores what they rendered, adds an `ETag` and answers `If-None-Match` with 304. Any response
 * that sets a cookie is made `private`, so no shared cache keeps it.
 */
export function pageCacheHandle(start: () => Promise<App> = () => startApp()): Handle {
	return async function pageCache({ event, resolve }) {
		const { request, url } = event;
		const cacheable = cacheableRequest(request.method, url.pathname, url.search, {
			cookie: request.headers.get('cookie'),
			acceptLanguage: request.headers.get('accept-language'),
			acceptEncoding: request.headers.get('accept-encoding')
		});
		// A client-side navigation's data (`…/__data.json`, its `event.url` the page's) is not the page.
		if (!cacheable || event.isDataRequest || event.isRemoteRequest || event.isSubRequest) return privateIfCookie(await resolve(event));
		const { cache, versions } = stateOf((await start()).database.db);
		// Read before rendering: a change made during the render leaves the stored page outdated at once.
		const pending = versionNow(versions, cacheable.scope);
		const version = typeof pending === 'string' ? pending : await pending;
		const hit = cache.get(cacheable.key);
		if (hit && hit.version === version) return answer(hit, request);
		const response = await resolve(event);
		if (request.method !== 'GET' || !storable(response)) return privateIfCookie(response);
		const body = new Uint8Array(await response.arrayBuffer());
		const headers: [string, string][] = [];
		for (const [name, value] of response.headers) if (!NOT_STORED.has(name)) headers.push([name, value]);
		const etag = etagOf(body);
		headers.push(['etag', etag]);
		// The bytes depend on the language (header or cookie) and the encoding, as the key does.
		const vary = headers.findIndex(([name]) => name === 'vary');
		if (vary >= 0) headers.splice(vary, 1);
		headers.push(['vary', 'Accept-Encoding, Accept-Language, Cookie']);
		const page: CachedPage = { key: cacheable.key, scope: cacheable.scope, version, status: response.status, headers, body, etag };
		cache.set(page);
		return answer(page, request);
	};
}

function privateIfCookie(response: Response): Response {
	if (!response.headers.has('set-cookie') || !(response.headers.get('cache-control') ?? '').includes('public')) return response;
	const headers = new Headers(response.headers);
	headers.set('cache-control', PRIVATE_CACHE_CONTROL);
	return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
