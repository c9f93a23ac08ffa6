import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../testing/test-database.ts';
import { findCityBySlug, seedDemoCities } from '../cities/index.ts';
import commitments from '../commitments/index.ts';
import { readLedgerPage, verifyLedger } from '../ledger/index.ts';
import { todayIso } from '../db/ids.ts';
import { seedDemoParticipation } from './participation.seed.ts';
import { listProcesses } from './processes.service.ts';
import { listProjects } from './budgets.service.ts';
import { listRecommendations } from './council.service.ts';
import { linkedToAction } from './linked-items.ts';

describe.each(DIALECTS)('demo participation on %s', (dialect) => {
	let database: TestDatabase;
	beforeEach(async () => {
		database = await createTestDatabase(dialect);
		await database.db.transaction().execute(async (trx) => {
			await seedDemoCities(trx);
			await commitments.seedDemo!(trx, { today: todayIso() });
		});
	});
	afterEach(() => database.cleanup());

	it('gives York an open process, a budget with projects and a council recommendation followed to an action, once, as the demo', async () => {
		const today = todayIso();
		expect(await database.db.transaction().execute((trx) => seedDemoParticipation(trx, today))).toEqual({ processes: 3 });
		expect(await database.db.transaction().execute((trx) => seedDemoParticipation(trx, today))).toEqual({ processes: 0 });
		const york = (await findCityBySlug(database.db, 'york'))!.id;
		const processes = await listProcesses(database.db, york);
		expect(processes.map((process) => [process.ref, process.activePhase?.kind, process.demo]).sort()).toEqual([
			['PP-1', 'proposals', true],
			['PP-2', 'budgeting', true],
			['PP-3', 'consultation', true]
		]);
		const budget = processes.find((process) => process.ref === 'PP-2')!;
		expect((await listProjects(database.db, york, budget.id)).map((project) => project.cost)).toEqual([60_000, 45_000, 70_000]);
		const [recommendation] = await listRecommendations(database.db, york);
		expect(recommendation).toMatchObject({ status: 'accepted' });
		expect((await linkedToAction(database.db, york, recommendation!.actionId!)).recommendations).toHaveLength(1);
		const entries = (await readLedgerPage(database.db, york, { entityType: 'participatory_process' })).entries;
		expect(entries.every((entry) => entry.actor_role === 'demo')).toBe(true);
		expect(await verifyLedger(database.db, york)).toMatchObject({ ok: true });
	});
});
