import v8 from 'node:v8';
import vm from 'node:vm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KyselyPlugin } from 'kysely';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../testing/test-database.ts';
import { createCity } from '../testing/factories.ts';
import { createLedgerChain } from '../testing/ledger-factories.ts';
import { appendLedger, readLedgerHead } from './ledger.service.ts';
import { canonicalJson, entryHash, GENESIS_HASH } from './ledger-hash.ts';
import { LEDGER_FORMAT, ledgerDocumentStream, LedgerDocumentError, verifyLedgerDocument } from './ledger-document.ts';

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
	return new Response(stream).text();
}

/** Counts the queries a Kysely instance sends, to prove the stream reads lazily. */
function countingPlugin(): KyselyPlugin & { queries: number } {
	const plugin = {
		queries: 0,
		transformQuery(args: Parameters<KyselyPlugin['transformQuery']>[0]) {
			plugin.queries += 1;
			return args.node;
		},
		transformResult: async (args: Parameters<KyselyPlugin['transformResult']>[0]) => args.result
	};
	return plugin;
}

describe.each(DIALECTS)('the ledger document on %s', (dialect) => {
	let database: TestDatabase;
	beforeEach(async () => (database = await createTestDatabase(dialect)));
	afterEach(() => database.cleanup());

	it('holds every entry as stored, and each hash recomputes from the entry without its hashes', async () => {
		const city = await createCity(database.db, { name: 'Lund' });
		await database.db.transaction().execute((trx) =>
			appendLedger(trx, {
				cityId: city.id,
				actor: null,
				entityType: 'commitment',
				entityId: 'c1',
				entityRef: 'C-1',
				action: 'create',
				change: { title: [null, { en: 'Housing "first"\n', ar: 'السكن أولاً', ko: '주거 우선 🏠' }], weight: [null, 0.00001], budget: [null, 1e21] }
			})
		);
		await createLedgerChain(database.db, city.id, 4);
		const head = await readLedgerHead(database.db, city.id);
		const text = await readAll(ledgerDocumentStream(database.db, { id: city.id, slug: city.slug, name: 'Lund' }, head));
		const document = JSON.parse(text) as { format: string; city: unknown; head: unknown; entries: Record<string, unknown>[] };
		expect(document.format).toBe(LEDGER_FORMAT);
		expect(document.city).toEqual({ id: city.id, slug: city.slug, name: 'Lund' });
		expect(document.head).toEqual(head);
		expect(document.entries.map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5]);
		expect(Object.keys(document.entries[0]!)).toEqual(['seq', 'at', 'city_id', 'actor_role', 'entity_type', 'entity_id', 'entity_ref', 'action', 'change', 'prev_hash', 'hash']);
		expect(document.entries[0]!.prev_hash).toBe(GENESIS_HASH);
		for (const entry of document.entries) {
			const { prev_hash, hash, ...hashed } = entry;
			expect(entryHash(prev_hash as string, hashed as never)).toBe(hash);
		}
		expect(canonicalJson(document.entries[0]!.change)).toContain('"weight":[null,0.00001]');
		expect(verifyLedgerDocument(document)).toMatchObject({ ok: true, entries: 5, lastHash: head.hash, head });
	});

	it('stops at the head read before streaming began, even if entries are appended meanwhile', async () => {
		const city = await createCity(database.db);
		await createLedgerChain(database.db, city.id, 3);
		const head = await readLedgerHead(database.db, city.id);
		const stream = ledgerDocumentStream(database.db, { id: city.id, slug: city.slug, name: city.name }, head);
		await createLedgerChain(database.db, city.id, 2);
		const document = JSON.parse(await readAll(stream)) as { entries: unknown[] };
		expect(document.entries).toHaveLength(3);
		expect(verifyLedgerDocument(document)).toMatchObject({ ok: true, entries: 3 });
	});

	it('writes an empty chain as a valid document', async () => {
		const city = await createCity(database.db);
		const document: unknown = JSON.parse(await readAll(ledgerDocumentStream(database.db, { id: city.id, slug: city.slug, name: city.name }, await readLedgerHead(database.db, city.id))));
		expect(document).toMatchObject({ head: { seq: 0, hash: GENESIS_HASH }, entries: [] });
		expect(verifyLedgerDocument(document)).toMatchObject({ ok: true, entries: 0 });
	});

	it('streams 50,000 entries with flat memory, reading the database only as the reader pulls', async () => {
		const city = await createCity(database.db);
		await createLedgerChain(database.db, city.id, 50_000);
		const head = await readLedgerHead(database.db, city.id);
		const counter = countingPlugin();
		const db = database.db.withPlugin(counter);

		// Lazy: the first chunks need one batch of rows, and cancelling stops the reading.
		const early = ledgerDocumentStream(db, { id: city.id, slug: city.slug, name: city.name }, head).getReader();
		for (let index = 0; index < 3; index += 1) await early.read();
		expect(counter.queries).toBe(1);
		await early.cancel();
		expect(counter.queries).toBe(1);

		v8.setFlagsFromString('--expose-gc');
		const gc = vm.runInNewContext('gc') as () => void;
		gc();
		const baseline = process.memoryUsage().heapUsed;
		let peak = 0;
		let bytes = 0;
		let chunks = 0;
		let tail = '';
		const reader = ledgerDocumentStream(db, { id: city.id, slug: city.slug, name: city.name }, head).getReader();
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			bytes += value.byteLength;
			chunks += 1;
			tail = (tail + new TextDecoder().decode(value)).slice(-600);
			if (chunks % 10 === 0) {
				gc();
				peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
			}
		}
		expect(tail).toContain(`"seq":50000,`);
		expect(tail.trimEnd().endsWith(']\n}')).toBe(true);
		// The whole document is ~17 MB; a stream holds one batch of rows and one chunk at a time.
		expect(bytes).toBeGreaterThan(15_000_000);
		expect(peak).toBeLessThan(bytes / 4);
		console.info(`ledger.json of 50,000 entries on ${dialect}: ${(bytes / 1e6).toFixed(1)} MB in ${chunks} chunks, peak live heap +${(peak / 1e6).toFixed(1)} MB`);
	}, 120_000);
});

describe('checking a downloaded ledger document', () => {
	const cityId = '019a0000-0000-7000-8000-000000000001';
	function chain(count: number) {
		let previous = GENESIS_HASH;
		const entries = [];
		for (let seq = 1; seq <= count; seq += 1) {
			const hashed = { seq, at: `2026-01-0${seq}T10:00:00.000Z`, city_id: cityId, actor_role: 'officer', entity_type: 'action', entity_id: `a${seq}`, entity_ref: null, action: 'update', change: { progress: [seq, seq + 10] } };
			const hash = entryHash(previous, hashed);
			entries.push({ ...hashed, prev_hash: previous, hash });
			previous = hash;
		}
		return { format: LEDGER_FORMAT, city: { id: cityId, slug: 'lund', name: 'Lund' }, head: { seq: count, hash: previous }, entries };
	}

	it('finds an entry edited after the fact', () => {
		const document = chain(5);
		(document.entries[2]!.change as { progress: number[] }).progress = [3, 100];
		expect(verifyLedgerDocument(document)).toMatchObject({ ok: false, entries: 2, firstBroken: { seq: 3, reason: 'hash', found: document.entries[2]!.hash } });
	});

	it('finds an entry with a field added, a removed entry and a removed tail', () => {
		const added = chain(4);
		Object.assign(added.entries[1]!, { note: 'slipped in' });
		expect(verifyLedgerDocument(added).firstBroken).toMatchObject({ seq: 2, reason: 'hash' });
		const gap = chain(4);
		gap.entries.splice(1, 1);
		expect(verifyLedgerDocument(gap).firstBroken).toEqual({ seq: 3, reason: 'seq_gap', expected: 2 });
		const cut = chain(4);
		cut.entries.pop();
		expect(verifyLedgerDocument(cut)).toMatchObject({ ok: false, entries: 3, firstBroken: { seq: 4, reason: 'head', expected: cut.head.hash } });
	});

	it('refuses a file that is not a ledger, naming what is wrong', () => {
		expect(() => verifyLedgerDocument([])).toThrow(new LedgerDocumentError('the file is not a JSON object'));
		expect(() => verifyLedgerDocument({ ...chain(1), format: 'other/2' })).toThrow('"format" is "other/2", expected "rightscity-ledger/1"');
		const broken = chain(3);
		(broken.entries[1] as Record<string, unknown>).hash = 'XYZ';
		expect(() => verifyLedgerDocument(broken)).toThrow('entries[1].hash is not 64 lower-case hexadecimal characters (seq 2)');
		const foreign = chain(2);
		foreign.entries[1]!.city_id = 'another';
		expect(() => verifyLedgerDocument(foreign)).toThrow('entries[1] (seq 2) belongs to the city another');
	});
});
