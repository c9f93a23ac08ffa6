import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../testing/test-database.ts';
import { createCity } from '../testing/factories.ts';
import { cityWithSmallPlan } from '../testing/commitment-factories.ts';
import { CACHE_SIZE, cachedByLedgerHead, loadCityCommitmentsCached } from './public-view-cache.ts';
import { getAction, updateAction } from './actions.service.ts';
import { createCommitment } from './plans.service.ts';

describe.each(DIALECTS)('the cached public commitments view on %s', (dialect) => {
	let { database, cityId, admin, world } = {} as Awaited<ReturnType<typeof cityWithSmallPlan>>;
	beforeEach(async () => void ({ database, cityId, admin, world } = await cityWithSmallPlan(dialect)));
	afterEach(() => database.cleanup());

	it('reuses the view while nothing changed, and filters it per call', async () => {
		await createCommitment(database.db, admin, cityId, { planId: world.plan.id, title: { en: 'Participation' }, tags: ['udhr:21'] });
		const first = await loadCityCommitmentsCached(database.db, cityId, {}, '2026-01-01');
		const again = await loadCityCommitmentsCached(database.db, cityId, {}, '2026-01-01');
		expect(again.commitments[0]).toBe(first.commitments[0]);
		const filtered = await loadCityCommitmentsCached(database.db, cityId, { tag: 'udhr:21' }, '2026-01-01');
		expect(filtered.commitments.map((commitment) => commitment.title.en)).toEqual(['Participation']);
		expect(filtered.unfiltered).toBe(2);
		expect(filtered.commitments[0]).toBe(first.commitments[1]);
	});

	it('sees a change as soon as it is committed (the ledger head moved)', async () => {
		const before = await loadCityCommitmentsCached(database.db, cityId, {}, '2026-01-01');
		expect(before.commitments[0]!.counts.completed).toBe(0);
		const desk = await getAction(database.db, cityId, world.children[0].id);
		await updateAction(database.db, admin, cityId, desk.id, desk.version, { ...desk, title: desk.title as Record<string, string>, description: {}, statusReason: {}, progress: 100, status: 'completed' });
		const after = await loadCityCommitmentsCached(database.db, cityId, {}, '2026-01-01');
		expect(after.commitments[0]!.counts.completed).toBe(1);
		expect(after.commitments[0]!.progress).toBe(75);
	});

	it('recomputes on a new day, which decides what is overdue', async () => {
		expect((await loadCityCommitmentsCached(database.db, cityId, {}, '2027-12-31')).totals.overdue).toBe(0);
		expect((await loadCityCommitmentsCached(database.db, cityId, {}, '2028-01-01')).totals.overdue).toBe(1);
	});

	it('does not keep a failure, and forgets the least recently used read model first', async () => {
		let calls = 0;
		const failing = () => {
			calls += 1;
			return Promise.reject(new Error('database away'));
		};
		await expect(cachedByLedgerHead(database.db, cityId, 'probe', '2026-01-01', failing)).rejects.toThrow('database away');
		await expect(cachedByLedgerHead(database.db, cityId, 'probe', '2026-01-01', failing)).rejects.toThrow('database away');
		expect(calls).toBe(2);

		const first = await cachedByLedgerHead(database.db, cityId, 'model-0', '2026-01-01', async () => ({ n: 0 }));
		for (let index = 1; index <= CACHE_SIZE; index += 1) await cachedByLedgerHead(database.db, cityId, `model-${index}`, '2026-01-01', async () => ({ n: index }));
		expect(await cachedByLedgerHead(database.db, cityId, `model-${CACHE_SIZE}`, '2026-01-01', async () => ({ n: -1 }))).toEqual({ n: CACHE_SIZE });
		const again = await cachedByLedgerHead(database.db, cityId, 'model-0', '2026-01-01', async () => ({ n: 0 }));
		expect(again).toEqual(first);
		expect(again).not.toBe(first);
	});

	it('keeps cities apart', async () => {
		const other = (await createCity(database.db)).id;
		await loadCityCommitmentsCached(database.db, cityId, {}, '2026-01-01');
		const empty = await loadCityCommitmentsCached(database.db, other, {}, '2026-01-01');
		expect(empty.commitments).toEqual([]);
		expect(empty.unfiltered).toBe(0);
	});
});
