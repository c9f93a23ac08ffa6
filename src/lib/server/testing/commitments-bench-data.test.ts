import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from './test-database.ts';
import { createCity } from './factories.ts';
import { createBenchPlan } from './commitments-bench-data.ts';
import { ledgerSize, verifyLedger } from '../ledger/index.ts';
import { listActions, listCommitments } from '../commitments/index.ts';

describe.each(DIALECTS)('benchmark data on %s', (dialect) => {
	let database: TestDatabase;
	beforeEach(async () => (database = await createTestDatabase(dialect)));
	afterEach(() => database.cleanup());

	it('makes a plan of the asked size and a valid ledger of exactly the asked length from real updates', async () => {
		const city = await createCity(database.db);
		const bench = await createBenchPlan(database.db, city.id, { actions: 100, ledgerEntries: 401 });
		expect(bench.ledgerEntries).toBe(401);
		expect(await ledgerSize(database.db, city.id)).toBe(401);
		expect(await verifyLedger(database.db, city.id)).toMatchObject({ ok: true, entries: 401 });
		const actions = await listActions(database.db, city.id, { planId: bench.planId });
		expect(actions).toHaveLength(100);
		const byId = new Map(actions.map((action) => [action.id, action]));
		const depth = (id: string): number => (byId.get(id)!.parentId ? 1 + depth(byId.get(id)!.parentId!) : 1);
		expect(Math.max(...actions.map((action) => depth(action.id)))).toBe(3);
		expect(actions.some((action) => action.departmentIds.length === 2)).toBe(true);
		expect(actions.find((action) => action.ref === bench.sampleActionRef)?.parentId).toBeNull();
		const commitments = await listCommitments(database.db, city.id, { planId: bench.planId });
		expect(commitments.every((commitment) => commitment.tags.length >= 2)).toBe(true);
		const updates = await database.db.selectFrom('progress_update').select((eb) => eb.fn.countAll<number>().as('count')).where('city_id', '=', city.id).executeTakeFirstOrThrow();
		// 1 plan + 12 departments + 1 commitment + 100 actions = 114 creations; the rest are updates (two entries each) and one edit.
		expect(Number(updates.count)).toBe((401 - 114 - 1) / 2);
	}, 60_000); // 400 ledger entries, each its own transaction: seconds on a busy machine
});
