import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '#lib/server/testing/test-database.ts';
import { createCity } from '#lib/server/testing/factories.ts';
import { createLedgerChain } from '#lib/server/testing/ledger-factories.ts';
import { verifyLedgerDocument } from '#lib/server/ledger/ledger-document.ts';
import { GET } from './+server.ts';

describe('GET /cities/{slug}/ledger.json', () => {
	let database: TestDatabase;
	beforeEach(async () => (database = await createTestDatabase('sqlite')));
	afterEach(() => database.cleanup());

	function get(slug: string, headers: Record<string, string> = {}, method = 'GET') {
		return GET({
			locals: { db: database.db },
			params: { slug },
			request: new Request(`http://localhost/cities/${slug}/ledger.json`, { method, headers })
		} as never);
	}

	it('streams the whole chain as a document that verifies, with the head as ETag', async () => {
		const city = await createCity(database.db, { name: 'York', slug: 'york' });
		const head = await createLedgerChain(database.db, city.id, 1200);
		const response = await get('york');
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
		expect(response.headers.get('cache-control')).toBe('public, max-age=60');
		expect(response.headers.get('etag')).toMatch(new RegExp(`^W/"1200-${head.hash}-[0-9a-f]{12}"$`));
		expect(response.headers.get('x-ledger-head-hash')).toBe(head.hash);
		expect(response.headers.get('content-encoding')).toBeNull();
		const document = (await response.json()) as { city: unknown };
		expect(document.city).toEqual({ id: city.id, slug: 'york', name: 'York' });
		expect(verifyLedgerDocument(document)).toMatchObject({ ok: true, entries: 1200, lastHash: head.hash });
	});

	it('answers 304 to the same ETag, and a new body once an entry is appended', async () => {
		const city = await createCity(database.db, { name: 'York', slug: 'york' });
		await createLedgerChain(database.db, city.id, 3);
		const etag = (await get('york')).headers.get('etag')!;
		const again = await get('york', { 'if-none-match': etag });
		expect(again.status).toBe(304);
		expect(again.body).toBeNull();
		await createLedgerChain(database.db, city.id, 1);
		const changed = await get('york', { 'if-none-match': etag });
		expect(changed.status).toBe(200);
		expect(changed.headers.get('etag')).not.toBe(etag);
		await changed.body?.cancel();
	});

	it('compresses as it streams when the client accepts gzip', async () => {
		const city = await createCity(database.db, { name: 'York', slug: 'york' });
		await createLedgerChain(database.db, city.id, 500);
		const response = await get('york', { 'accept-encoding': 'gzip, br' });
		expect(response.headers.get('content-encoding')).toBe('gzip');
		const compressed = Buffer.from(await response.arrayBuffer());
		const document = JSON.parse(gunzipSync(compressed).toString('utf8')) as unknown;
		expect(verifyLedgerDocument(document)).toMatchObject({ ok: true, entries: 500 });
		expect(compressed.byteLength).toBeLessThan(JSON.stringify(document).length / 2);
	});

	it('keeps a browser’s direct visit out of shared caches, and answers HEAD without a body', async () => {
		const city = await createCity(database.db, { name: 'York', slug: 'york' });
		await createLedgerChain(database.db, city.id, 2);
		const visit = await get('york', { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' });
		expect(visit.headers.get('cache-control')).toBe('private, max-age=60');
		await visit.body?.cancel();
		const head = await get('york', {}, 'HEAD');
		expect(head.status).toBe(200);
		expect(head.body).toBeNull();
		expect(head.headers.get('x-ledger-head-seq')).toBe('2');
	});

	it('writes an empty chain for a city without entries, and 404 for an unknown city', async () => {
		await createCity(database.db, { name: 'Lund', slug: 'lund' });
		const document = (await (await get('lund')).json()) as unknown;
		expect(verifyLedgerDocument(document)).toMatchObject({ ok: true, entries: 0 });
		await expect(get('atlantis')).rejects.toMatchObject({ status: 404 });
	});
});
