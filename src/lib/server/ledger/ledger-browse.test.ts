import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../testing/test-database.ts';
import { createCity } from '../testing/factories.ts';
import { createLedgerChain } from '../testing/ledger-factories.ts';
import { browseLedger, readLedgerHead, verifyLedger } from './ledger.service.ts';
import { GENESIS_HASH } from './ledger-hash.ts';

const seqs = (page: { entries: { seq: number }[] }) => page.entries.map((entry) => entry.seq);

describe.each(DIALECTS)('browsing the ledger on %s', (dialect) => {
	let database: TestDatabase;
	beforeEach(async () => (database = await createTestDatabase(dialect)));
	afterEach(() => database.cleanup());

	it('pages older and newer by seq and ends on the newest page when paging back up', async () => {
		const city = await createCity(database.db);
		await createLedgerChain(database.db, city.id, 10);
		const newest = await browseLedger(database.db, city.id, {}, {}, 4);
		expect(seqs(newest)).toEqual([10, 9, 8, 7]);
		expect(newest).toMatchObject({ older: 7, newer: undefined });
		const second = await browseLedger(database.db, city.id, {}, { before: newest.older }, 4);
		expect(seqs(second)).toEqual([6, 5, 4, 3]);
		expect(second).toMatchObject({ older: 3, newer: 6 });
		const last = await browseLedger(database.db, city.id, {}, { before: second.older }, 4);
		expect(seqs(last)).toEqual([2, 1]);
		expect(last).toMatchObject({ older: undefined, newer: 2 });
		const up = await browseLedger(database.db, city.id, {}, { after: last.newer }, 4);
		expect(seqs(up)).toEqual([6, 5, 4, 3]);
		expect(up).toMatchObject({ older: 3, newer: 6 });
		const top = await browseLedger(database.db, city.id, {}, { after: up.newer }, 4);
		expect(seqs(top)).toEqual([10, 9, 8, 7]);
		expect(top).toMatchObject({ older: 7, newer: undefined });
	});

	it('pages within a filter and keeps other cities out', async () => {
		const city = await createCity(database.db);
		const other = await createCity(database.db);
		await createLedgerChain(database.db, city.id, 12, (seq) => ({ entityType: seq % 3 === 0 ? 'commitment' : 'action', entityRef: seq % 3 === 0 ? `C-${seq}` : `A-2026-00${seq % 2}` }));
		await createLedgerChain(database.db, other.id, 12, () => ({ entityType: 'commitment', entityRef: 'C-3' }));
		const commitments = await browseLedger(database.db, city.id, { entityType: 'commitment' }, {}, 2);
		expect(seqs(commitments)).toEqual([12, 9]);
		const older = await browseLedger(database.db, city.id, { entityType: 'commitment' }, { before: commitments.older }, 2);
		expect(seqs(older)).toEqual([6, 3]);
		expect(older).toMatchObject({ older: undefined, newer: 6 });
		const one = await browseLedger(database.db, city.id, { entityRef: 'C-3' }, {});
		expect(seqs(one)).toEqual([3]);
		expect(one.entries[0]!.city_id).toBe(city.id);
	});

	it('filters by time with the end exclusive', async () => {
		const city = await createCity(database.db);
		await createLedgerChain(database.db, city.id, 5, (seq) => ({ at: `2026-03-0${seq}T12:00:00.000Z` }));
		const page = await browseLedger(database.db, city.id, { from: '2026-03-02T00:00:00.000Z', to: '2026-03-04T00:00:00.000Z' });
		expect(seqs(page)).toEqual([3, 2]);
	});

	it('shows an empty page with a way back for a cursor beyond the chain', async () => {
		const city = await createCity(database.db);
		await createLedgerChain(database.db, city.id, 3);
		const below = await browseLedger(database.db, city.id, {}, { before: 1 }, 2);
		expect(below).toMatchObject({ entries: [], older: undefined, newer: 0 });
		const above = await browseLedger(database.db, city.id, {}, { after: 99 }, 2);
		expect(seqs(above)).toEqual([3, 2]);
	});

	it('reads the head, with the genesis hash before the first entry', async () => {
		const city = await createCity(database.db);
		expect(await readLedgerHead(database.db, city.id)).toEqual({ seq: 0, hash: GENESIS_HASH });
		const head = await createLedgerChain(database.db, city.id, 7);
		expect(await readLedgerHead(database.db, city.id)).toEqual(head);
		expect(await verifyLedger(database.db, city.id)).toMatchObject({ ok: true, entries: 7, lastHash: head.hash });
	});
});
