import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../testing/test-database.ts';
import { createCity } from '../testing/factories.ts';
import { appendLedger, readLedgerPage, streamLedger, verifyLedger, checkEntry } from './ledger.service.ts';
import { canonicalJson, diffSnapshots, entryHash, GENESIS_HASH } from './ledger-hash.ts';

describe('canonical JSON and diffs', () => {
	it('sorts keys at every level and drops white space', () => {
		expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 'é' }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"y":"é","z":1}]},"b":1}');
	});

	it('diffs only the fields that changed, comparing objects by value', () => {
		expect(diffSnapshots({ title: { en: 'A' }, progress: 10, tags: ['x'] }, { title: { en: 'A' }, progress: 20, tags: ['x', 'y'] })).toEqual({
			progress: [10, 20],
			tags: [['x'], ['x', 'y']]
		});
		expect(diffSnapshots({}, { progress: 0 })).toEqual({ progress: [null, 0] });
	});
});

describe.each(DIALECTS)('ledger on %s', (dialect) => {
	let database: TestDatabase;
	beforeEach(async () => (database = await createTestDatabase(dialect)));
	afterEach(() => database.cleanup());

	async function appendSome(cityId: string, count: number): Promise<void> {
		for (let index = 0; index < count; index += 1) {
			await database.db.transaction().execute((trx) =>
				appendLedger(trx, { cityId, actor: null, entityType: 'action', entityId: `a${index % 3}`, entityRef: `A-${index % 3}`, action: index < 3 ? 'create' : 'update', change: { progress: [index, index + 1] } })
			);
		}
	}

	it('chains every entry to the one before it, per city', async () => {
		const york = await createCity(database.db);
		const graz = await createCity(database.db);
		await appendSome(york.id, 5);
		await appendSome(graz.id, 2);
		const entries = [];
		for await (const entry of streamLedger(database.db, york.id)) entries.push(entry);
		expect(entries.map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5]);
		expect(entries[0]!.prev_hash).toBe(GENESIS_HASH);
		for (let index = 1; index < entries.length; index += 1) expect(entries[index]!.prev_hash).toBe(entries[index - 1]!.hash);
		const { prev_hash, hash, ...hashed } = entries[2]!;
		expect(entryHash(prev_hash, hashed)).toBe(hash);
		expect(await verifyLedger(database.db, york.id)).toMatchObject({ ok: true, entries: 5 });
		expect(await verifyLedger(database.db, graz.id)).toMatchObject({ ok: true, entries: 2 });
	});

	it('reports the first entry whose row was edited directly in the database', async () => {
		const city = await createCity(database.db);
		await appendSome(city.id, 6);
		await sql`update ledger_entry set change = ${JSON.stringify({ progress: [3, 100] })} where city_id = ${city.id} and seq = 4`.execute(database.db);
		const result = await verifyLedger(database.db, city.id);
		expect(result.ok).toBe(false);
		expect(result.entries).toBe(3);
		expect(result.firstBroken).toMatchObject({ seq: 4, reason: 'hash' });
	});

	it('detects a removed entry in the middle and a removed tail', async () => {
		const city = await createCity(database.db);
		await appendSome(city.id, 5);
		await sql`delete from ledger_entry where city_id = ${city.id} and seq = 5`.execute(database.db);
		expect((await verifyLedger(database.db, city.id)).firstBroken).toMatchObject({ seq: 5, reason: 'head' });
		await sql`delete from ledger_entry where city_id = ${city.id} and seq = 2`.execute(database.db);
		expect((await verifyLedger(database.db, city.id)).firstBroken).toMatchObject({ seq: 3, reason: 'seq_gap', expected: 2 });
	});

	it('detects an entry whose hash was recomputed but whose successor still points at the old hash', async () => {
		const city = await createCity(database.db);
		await appendSome(city.id, 3);
		const entries = [];
		for await (const entry of streamLedger(database.db, city.id)) entries.push(entry);
		const forged = { ...entries[1]!, change: { progress: [0, 100] } };
		const { prev_hash, hash: _old, ...hashed } = forged;
		const newHash = entryHash(prev_hash, hashed);
		await sql`update ledger_entry set change = ${JSON.stringify(forged.change)}, hash = ${newHash} where city_id = ${city.id} and seq = 2`.execute(database.db);
		expect((await verifyLedger(database.db, city.id)).firstBroken).toMatchObject({ seq: 3, reason: 'prev_hash' });
	});

	it('keeps the chain whole when many appends race on one city', async () => {
		const city = await createCity(database.db);
		await Promise.all(
			Array.from({ length: 20 }, (_, index) =>
				database.db.transaction().execute((trx) => appendLedger(trx, { cityId: city.id, actor: null, entityType: 'plan', entityId: `p${index}`, action: 'create', change: {} }))
			)
		);
		expect(await verifyLedger(database.db, city.id)).toMatchObject({ ok: true, entries: 20 });
	});

	it('pages newest first with filters', async () => {
		const city = await createCity(database.db);
		await appendSome(city.id, 7);
		const first = await readLedgerPage(database.db, city.id, {}, undefined, 3);
		expect(first.entries.map((entry) => entry.seq)).toEqual([7, 6, 5]);
		const second = await readLedgerPage(database.db, city.id, {}, first.older, 3);
		expect(second.entries.map((entry) => entry.seq)).toEqual([4, 3, 2]);
		const created = await readLedgerPage(database.db, city.id, { action: 'create' });
		expect(created.entries.map((entry) => entry.seq)).toEqual([3, 2, 1]);
		const oneAction = await readLedgerPage(database.db, city.id, { entityRef: 'A-1' });
		expect(oneAction.entries.every((entry) => entry.entity_id === 'a1')).toBe(true);
		expect(checkEntry(first.entries[0]!, 7, first.entries[1]!.hash)).toBeUndefined();
	});
});
