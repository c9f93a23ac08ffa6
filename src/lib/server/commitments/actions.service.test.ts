import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../testing/test-database.ts';
import { createCity } from '../testing/factories.ts';
import { networkAdminActor, staffActor, cityWithSmallPlan, actionInputOf } from '../testing/commitment-factories.ts';
import { addMilestone, createAction, deleteAction, getAction, updateAction, updateMilestone } from './actions.service.ts';
import { createPlan } from './plans.service.ts';
import { readLedgerPage, verifyLedger } from '../ledger/index.ts';

async function fieldsOf(promise: Promise<unknown>): Promise<Record<string, string>> {
	try {
		await promise;
	} catch (error) {
		return ((error as { details?: { fields?: Record<string, string> } }).details?.fields ?? { code: (error as { code: string }).code }) as Record<string, string>;
	}
	throw new Error('expected a failure');
}

describe.each(DIALECTS)('actions on %s', (dialect) => {
	let { database, cityId, admin, world } = {} as Awaited<ReturnType<typeof cityWithSmallPlan>>;
	beforeEach(async () => void ({ database, cityId, admin, world } = await cityWithSmallPlan(dialect)));
	afterEach(() => database.cleanup());

	it('numbers actions by the plan’s start year and writes a ledger entry for each', async () => {
		expect([world.parent.ref, world.children[0].ref, world.children[1].ref]).toEqual(['A-2025-001', 'A-2025-002', 'A-2025-003']);
		const page = await readLedgerPage(database.db, cityId, { entityType: 'action', action: 'create' });
		expect(page.entries.map((entry) => entry.entity_ref).sort()).toEqual(['A-2025-001', 'A-2025-002', 'A-2025-003']);
		expect(page.entries[0]!.actor_role).toBe('city_admin');
		expect(await verifyLedger(database.db, cityId)).toMatchObject({ ok: true });
	});

	it('refuses progress outside 0–100, a due date before the start date and a missing reason, saving nothing', async () => {
		const before = (await readLedgerPage(database.db, cityId, {})).entries.length;
		expect(await fieldsOf(createAction(database.db, admin, cityId, { planId: world.plan.id, title: { en: 'X' }, progress: 120 }))).toMatchObject({ progress: 'progress_range' });
		expect(await fieldsOf(createAction(database.db, admin, cityId, { planId: world.plan.id, title: { en: 'X' }, progress: -1 }))).toMatchObject({ progress: 'progress_range' });
		expect(await fieldsOf(createAction(database.db, admin, cityId, { planId: world.plan.id, title: { en: 'X' }, startDate: '2026-05-01', dueDate: '2026-04-30' }))).toMatchObject({ dueDate: 'due_before_start' });
		expect(await fieldsOf(createAction(database.db, admin, cityId, { planId: world.plan.id, title: { en: 'X' }, status: 'cancelled' }))).toMatchObject({ statusReason: 'reason_required' });
		expect(await fieldsOf(createAction(database.db, admin, cityId, { planId: world.plan.id, title: { en: 'X' }, startDate: '2026-02-30' }))).toMatchObject({ startDate: 'date_invalid' });
		expect(await fieldsOf(createAction(database.db, admin, cityId, { planId: world.plan.id, title: { en: 'X' }, budgetAmount: 100, budgetCurrency: 'XYZ' }))).toMatchObject({ budgetCurrency: 'currency_invalid' });
		expect(await fieldsOf(createAction(database.db, admin, cityId, { planId: world.plan.id, title: {} }))).toMatchObject({ title: 'required' });
		expect((await readLedgerPage(database.db, cityId, {})).entries.length).toBe(before);
	});

	it('refuses a parent from another plan, an unknown department and a lead who is not staff', async () => {
		const other = await createPlan(database.db, admin, cityId, { title: { en: 'Other plan' }, periodStart: 2030, periodEnd: 2031 });
		const errors = await fieldsOf(
			createAction(database.db, admin, cityId, { planId: other.id, parentId: world.parent.id, title: { en: 'Child' }, departmentIds: ['no-such-department'], leadOfficerId: 'nobody' })
		);
		expect(errors).toEqual({ parentId: 'parent_other_plan', departmentIds: 'department_unknown', leadOfficerId: 'officer_unknown' });
	});

	it('refuses to make an action the child of its own descendant', async () => {
		const errors = await fieldsOf(updateAction(database.db, admin, cityId, world.parent.id, world.parent.version, actionInputOf(world.parent, { parentId: world.children[0].id })));
		expect(errors).toEqual({ parentId: 'parent_cycle' });
	});

	it('gives the second of two edits made from the same version a conflict, and keeps the first', async () => {
		const seen = await getAction(database.db, cityId, world.parent.id);
		await updateAction(database.db, admin, cityId, seen.id, seen.version, actionInputOf(seen, { progress: 40, status: 'in_progress' }));
		await expect(updateAction(database.db, admin, cityId, seen.id, seen.version, actionInputOf(seen, { progress: 10 }))).rejects.toMatchObject({ code: 'conflict' });
		expect((await getAction(database.db, cityId, seen.id)).progress).toBe(40);
	});

	it('lets an officer edit only the actions of their department, and never move them', async () => {
		const housingOfficer = await staffActor(database.db, cityId, 'officer', 'housing');
		const equalityOfficer = await staffActor(database.db, cityId, 'officer', 'Equality'); // department named by its name, any case
		const [desk, training] = world.children;
		const updated = await updateAction(database.db, housingOfficer, cityId, desk.id, desk.version, actionInputOf(desk, { progress: 50, status: 'in_progress' }));
		expect(updated.progress).toBe(50);
		await expect(updateAction(database.db, equalityOfficer, cityId, desk.id, updated.version, actionInputOf(updated, { progress: 60 }))).rejects.toMatchObject({ code: 'forbidden' });
		// Training is intersectoral (housing + equality): both may update it.
		const trained = await updateAction(database.db, equalityOfficer, cityId, training.id, training.version, actionInputOf(training, { progress: 20, status: 'in_progress' }));
		expect(trained.progress).toBe(20);
		await expect(updateAction(database.db, housingOfficer, cityId, desk.id, updated.version, actionInputOf(updated, { departmentIds: [world.equality.id] }))).rejects.toMatchObject({ code: 'forbidden' });
		await expect(createAction(database.db, housingOfficer, cityId, { planId: world.plan.id, title: { en: 'New' } })).rejects.toMatchObject({ code: 'forbidden' });
		await expect(deleteAction(database.db, housingOfficer, cityId, desk.id, updated.version)).rejects.toMatchObject({ code: 'forbidden' });
		const entry = (await readLedgerPage(database.db, cityId, { entityRef: desk.ref, action: 'update' })).entries[0]!;
		expect(entry.actor_role).toBe('officer');
		expect(entry.change).toEqual({ progress: [0, 50], status: ['planned', 'in_progress'] });
	});

	it('answers 403 to the admin or officer of another city, and to an anonymous user', async () => {
		const elsewhere = (await createCity(database.db)).id;
		const otherAdmin = await staffActor(database.db, elsewhere, 'city_admin');
		const otherOfficer = await staffActor(database.db, elsewhere, 'officer', 'housing');
		const desk = world.children[0];
		for (const actor of [otherAdmin, otherOfficer, null]) {
			await expect(updateAction(database.db, actor, cityId, desk.id, desk.version, actionInputOf(desk, { progress: 99 }))).rejects.toMatchObject({ code: 'forbidden' });
			await expect(createAction(database.db, actor, cityId, { planId: world.plan.id, title: { en: 'X' } })).rejects.toMatchObject({ code: 'forbidden' });
			await expect(addMilestone(database.db, actor, cityId, desk.id, { title: { en: 'M' }, dueDate: '2026-01-01' })).rejects.toMatchObject({ code: 'forbidden' });
		}
		// The other city's admin cannot reach this city's action through their own city either.
		await expect(updateAction(database.db, otherAdmin, elsewhere, desk.id, desk.version, actionInputOf(desk))).rejects.toMatchObject({ code: 'action_not_found' });
		expect((await getAction(database.db, cityId, desk.id)).progress).toBe(0);
	});

	it('lets the network admin manage actions', async () => {
		const networkAdmin = await networkAdminActor(database.db);
		const created = await createAction(database.db, networkAdmin, cityId, { planId: world.plan.id, title: { en: 'By the network' } });
		expect(created.ref).toBe('A-2025-004');
	});

	it('soft-deletes an action without children, and refuses one with children', async () => {
		await expect(deleteAction(database.db, admin, cityId, world.parent.id, world.parent.version)).rejects.toMatchObject({ code: 'conflict' });
		await deleteAction(database.db, admin, cityId, world.children[0].id, world.children[0].version);
		await expect(getAction(database.db, cityId, world.children[0].id)).rejects.toMatchObject({ code: 'action_not_found' });
		const entry = (await readLedgerPage(database.db, cityId, { action: 'delete' })).entries[0]!;
		expect(entry.entity_ref).toBe(world.children[0].ref);
		expect(Object.keys(entry.change)).toEqual(['deleted_at']);
	});

	it('records milestones in the ledger under the action’s reference', async () => {
		const milestone = await addMilestone(database.db, admin, cityId, world.parent.id, { title: { en: 'Desk open' }, dueDate: '2026-03-01' });
		await updateMilestone(database.db, admin, cityId, milestone.id, { title: { en: 'Desk open' }, dueDate: '2026-03-01', doneOn: '2026-02-20' });
		const entries = (await readLedgerPage(database.db, cityId, { entityType: 'milestone' })).entries;
		expect(entries.map((entry) => entry.action)).toEqual(['update', 'create']);
		expect(entries[0]!.entity_ref).toBe(world.parent.ref);
		expect(entries[0]!.change).toEqual({ doneOn: [null, '2026-02-20'] });
	});
});
