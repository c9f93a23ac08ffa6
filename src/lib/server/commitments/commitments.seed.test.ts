import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../testing/test-database.ts';
import { staffActor } from '../testing/commitment-factories.ts';
import { planShape } from '../testing/plan-csv-factories.ts';
import { seedDemoCities, findCityBySlug } from '../cities/index.ts';
import { seedDemoCommitments } from './commitments.seed.ts';
import { listDeclarations, listDepartments } from './declarations.service.ts';
import { createPlan, listCommitments, listPlans } from './plans.service.ts';
import { listActions } from './actions.service.ts';
import { listProgressUpdates, needsAttention } from './progress.service.ts';
import { readLedgerPage, verifyLedger } from '../ledger/index.ts';
import { exportPlanCsv, importPlanCsv } from './plan-csv.service.ts';
import { GWANGJU, YORK } from './demo-plans.ts';

describe.each(DIALECTS)('demo commitments on %s', (dialect) => {
	let database: TestDatabase;
	beforeEach(async () => {
		database = await createTestDatabase(dialect);
		await database.db.transaction().execute((trx) => seedDemoCities(trx));
	});
	afterEach(() => database.cleanup());

	const cityId = async (slug: string) => (await findCityBySlug(database.db, slug))!.id;

	it('gives York and Gwangju a declaration, departments and a 2025–2028 plan with structure, once', async () => {
		const seeded = await database.db.transaction().execute((trx) => seedDemoCommitments(trx));
		expect(seeded).toEqual({ cities: 2, actions: YORK.actions.length + GWANGJU.actions.length });
		expect(await database.db.transaction().execute((trx) => seedDemoCommitments(trx))).toEqual({ cities: 0, actions: 0 });

		for (const demo of [YORK, GWANGJU]) {
			const id = await cityId(demo.slug);
			expect(await listDeclarations(database.db, id)).toHaveLength(1);
			expect((await listDepartments(database.db, id)).map((department) => department.code).sort()).toEqual(demo.departments.map(([code]) => code).sort());
			const [plan] = await listPlans(database.db, id);
			expect(plan).toMatchObject({ ref: 'P-1', periodStart: 2025, periodEnd: 2028 });
			const commitments = await listCommitments(database.db, id, { planId: plan!.id });
			expect(commitments).toHaveLength(5);
			expect(commitments[0]!.impliedTags).toContain('sdg:11');
			const actions = await listActions(database.db, id, { planId: plan!.id });
			expect(actions.length).toBeGreaterThanOrEqual(18);
			expect(actions.some((action) => action.parentId)).toBe(true);
			expect(actions.some((action) => action.departmentIds.length > 1)).toBe(true);
			expect(new Set(actions.map((action) => action.status))).toEqual(new Set(['planned', 'in_progress', 'completed', 'delayed', 'cancelled']));
			for (const action of actions.filter((item) => item.status === 'delayed' || item.status === 'cancelled')) expect(Object.keys(action.statusReason).length).toBeGreaterThan(0);
			const titled = demo.slug === 'york' ? ['en', 'es', 'ko'] : ['ko', 'en'];
			for (const action of actions) expect(Object.keys(action.title).sort()).toEqual([...titled].sort());
			const withUpdates = actions.filter((action) => demo.actions.find((item) => item.title.en === action.title.en)?.updates);
			const updates = await listProgressUpdates(database.db, id, withUpdates[0]!.id);
			expect(updates.length).toBeGreaterThan(0);
			expect(updates.flatMap((update) => update.evidence).every((item) => item.kind === 'link' && item.url?.startsWith('https://example.org/demo/'))).toBe(true);

			const admin = await staffActor(database.db, id, 'city_admin');
			const attention = await needsAttention(database.db, admin, id);
			const reasons = new Set(attention.flatMap((item) => item.reasons));
			for (const reason of ['overdue', 'delayed', 'milestone_overdue', 'stale'] as const) expect(reasons, `${demo.slug} ${reason}`).toContain(reason);

			const ledger = await readLedgerPage(database.db, id, {}, undefined, 500);
			expect(new Set(ledger.entries.map((entry) => entry.actor_role))).toEqual(new Set(['demo']));
			expect(new Set(ledger.entries.map((entry) => entry.entity_type))).toEqual(new Set(['declaration', 'department', 'plan', 'commitment', 'action', 'milestone', 'progress_update']));
			expect(await verifyLedger(database.db, id)).toMatchObject({ ok: true });
		}
	});

	it('round-trips the demo plan through CSV into an empty plan', async () => {
		await database.db.transaction().execute((trx) => seedDemoCommitments(trx));
		const id = await cityId('gwangju');
		const admin = await staffActor(database.db, id, 'city_admin');
		const [plan] = await listPlans(database.db, id);
		const text = [...(await exportPlanCsv(database.db, admin, id, plan!.id)).chunks()].join('');
		const copy = await createPlan(database.db, admin, id, { title: { en: 'Copy' }, periodStart: 2025, periodEnd: 2028 });
		await importPlanCsv(database.db, admin, id, copy.id, text);
		expect(await planShape(database.db, id, copy.id)).toEqual(await planShape(database.db, id, plan!.id));
	});
});
