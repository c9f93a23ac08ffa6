// The standards pages in the render cache: the network comparison, a city's scorecard, its badge
// and the network's keys are served from the cache to anonymous visitors, and a change (any
// city's new result, a rotated key) shows at the very next visit, through the ledger.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { createTestDatabase, DIALECTS, type TestDatabase } from '#lib/server/testing/test-database.ts';
import { requestEvent } from '#lib/server/testing/request-event.ts';
import { pageCacheHandle, PUBLIC_CACHE_CONTROL } from '#lib/server/http/page-cache.ts';
import type { App } from '#lib/server/app.ts';
import { publishedReview } from '#lib/server/standards/test-fixtures.ts';
import { rotateSigningKey } from '#lib/server/standards/results.service.ts';
import { load as loadComparison } from './+page.server.ts';
import { GET as getKeys } from './keys.json/+server.ts';
import { load as loadScorecard } from '../../cities/[slug=slug]/standards/+page.server.ts';
import { GET as getBadge } from '../../cities/[slug=slug]/standards/badge.svg/+server.ts';
import { load as loadCity } from '../../cities/[slug=slug]/+layout.server.ts';

describe.each(DIALECTS)('the standards pages in the render cache on %s', (dialect) => {
	let database: TestDatabase;
	let renders: string[];

	beforeEach(async () => {
		database = await createTestDatabase(dialect);
		renders = [];
	}, 60_000);
	afterEach(() => database.cleanup());

	/** What the app renders for a path: the route's own load or handler, its headers kept. */
	async function render(event: RequestEvent): Promise<Response> {
		const path = event.url.pathname;
		renders.push(path);
		const headers: Record<string, string> = {};
		const locals = { db: database.db, locale: 'en' } as App.Locals;
		const slug = /^\/cities\/([^/]+)/.exec(path)?.[1] ?? '';
		const routeEvent = { ...event, locals, params: { slug }, url: event.url, setHeaders: (set: Record<string, string>) => Object.assign(headers, set), parent: () => loadCity({ locals, params: { slug } } as never) } as never;
		if (path === '/network/standards/keys.json') return getKeys(routeEvent);
		if (path.endsWith('/badge.svg')) return getBadge(routeEvent);
		const data = path === '/network/standards' ? await loadComparison(routeEvent) : await loadScorecard(routeEvent);
		return new Response(`<pre>${JSON.stringify(data)}</pre>`, { headers: { 'content-type': 'text/html', ...headers } });
	}

	function visitor() {
		const handle = pageCacheHandle(async () => ({ database }) as unknown as App);
		return async (path: string) => {
			const { event } = requestEvent(`http://example.org${path}`, { headers: { 'accept-encoding': 'gzip', 'accept-language': 'en' } });
			const response = await handle({ event, resolve: render } as never);
			return { status: response.status, cacheControl: response.headers.get('cache-control'), text: await response.text() };
		};
	}

	it('serves the network comparison from the cache until any city’s result changes, then shows it at once', async () => {
		const visit = visitor();
		await publishedReview(database.db, 2026, ['york', 'lund']);
		const first = await visit('/network/standards');
		expect(first.cacheControl).toBe(PUBLIC_CACHE_CONTROL);
		expect(first.text).toContain('"slug":"york"');
		expect(first.text).not.toContain('"slug":"lund"');
		expect((await visit('/network/standards')).text).toBe(first.text);
		expect(renders).toEqual(['/network/standards']);

		// Another city's result (York reviews Lund): the comparison changes at the next visit.
		await publishedReview(database.db, 2026, ['lund', 'york']);
		const after = await visit('/network/standards');
		expect(after.text).toContain('"slug":"lund"');
		expect(renders).toEqual(['/network/standards', '/network/standards']);
	}, 90_000);

	it('renews the scorecard and the badge when the city gets a new result, and keeps no missing badge', async () => {
		const visit = visitor();
		await publishedReview(database.db, 2026, ['lund', 'york']);
		// York has no result yet: no badge (404, never stored), a scorecard without frameworks.
		expect((await visit('/cities/york/standards/badge.svg')).status).toBe(404);
		expect((await visit('/cities/york/standards/badge.svg')).status).toBe(404);
		const empty = await visit('/cities/york/standards');
		expect(empty.cacheControl).toBe(PUBLIC_CACHE_CONTROL);
		expect(empty.text).toContain('"frameworks":[]');
		await visit('/cities/york/standards');
		expect(renders.filter((path) => path === '/cities/york/standards')).toHaveLength(1);
		expect(renders.filter((path) => path.endsWith('badge.svg'))).toHaveLength(2);

		await publishedReview(database.db, 2026, ['york', 'lund']);
		const badge = await visit('/cities/york/standards/badge.svg');
		expect(badge.status).toBe(200);
		expect(badge.cacheControl).toBe(PUBLIC_CACHE_CONTROL);
		expect(badge.text).toContain('2026');
		expect((await visit('/cities/york/standards')).text).toContain('"year":2026');
		expect((await visit('/cities/york/standards/badge.svg')).text).toBe(badge.text);

		// The next year's result: the badge and the scorecard show it at the next visit.
		await publishedReview(database.db, 2027, ['york', 'lund']);
		expect((await visit('/cities/york/standards/badge.svg')).text).toContain('2027');
		expect((await visit('/cities/york/standards')).text).toContain('"year":2027');
		expect(renders.filter((path) => path.endsWith('badge.svg'))).toHaveLength(4);
	}, 120_000);

	it('publishes a rotated signing key at once', async () => {
		const visit = visitor();
		const before = await visit('/network/standards/keys.json');
		expect(before.cacheControl).toBe(PUBLIC_CACHE_CONTROL);
		expect((await visit('/network/standards/keys.json')).text).toBe(before.text);
		expect(renders).toHaveLength(1);
		const kid = await rotateSigningKey(database.db);
		expect(before.text).not.toContain(kid);
		expect((await visit('/network/standards/keys.json')).text).toContain(kid);
	});
});
