/**
 * Loads the demo commitments (demo-plans.ts) for the demo cities that exist: a declaration,
 * departments, a plan with commitments, actions and milestones, and progress updates with links.
 *
 * It writes through the module's own services, inside the demo seed's transaction, acting as the
 * demo operator (`systemActor('demo', …)`): the same checks and the same ledger entries as any
 * other change, with the role `demo`, so the public ledger says plainly that no official made them.
 *
 * @example
 *   await inTransaction(db, async (trx) => { await seedDemoCities(trx); await seedDemoCommitments(trx, '2026-12-07'); });
 */
import type { Db } from '../db/database.ts';
import { todayIso, uuidv7 } from '../db/ids.ts';
import { findCityBySlug } from '../cities/index.ts';
import { systemActor, type Actor } from '../accounts/index.ts';
import { createDeclaration, createDepartment, listDeclarations } from './declarations.service.ts';
import { createCommitments, createPlan } from './plans.service.ts';
import { addMilestones, createActions, getAction, type NewAction } from './actions.service.ts';
import { recordProgress } from './progress.service.ts';
import { DEMO_PLANS, type DemoCityPlan, type DemoDate } from './demo-plans.ts';

function dateOf(spec: DemoDate | undefined, today: string): string | null {
	if (spec === undefined) return null;
	if (typeof spec === 'string') return spec;
	return new Date(Date.parse(`${today}T00:00:00Z`) + spec * 86_400_000).toISOString().slice(0, 10);
}

async function seedCity(db: Db, demo: Actor, cityId: string, plan: DemoCityPlan, today: string): Promise<number> {
	const declaration = await createDeclaration(db, demo, cityId, plan.declaration as Parameters<typeof createDeclaration>[3]);
	const departmentIds = new Map<string, string>();
	for (const [code, name] of plan.departments) departmentIds.set(code, (await createDepartment(db, demo, cityId, { code, name })).id);
	const actionPlan = await createPlan(db, demo, cityId, { title: plan.plan, declarationId: declaration.id, periodStart: 2025, periodEnd: 2028 });
	const commitments = await createCommitments(db, demo, cityId, plan.commitments.map((commitment) => ({ ...commitment, planId: actionPlan.id }) as Parameters<typeof createCommitments>[3][number]));

	// Ids chosen here, so children name their parents by key before either exists.
	const ids = new Map(plan.actions.map((action) => [action.key, uuidv7()]));
	const inputs = plan.actions.map((action): NewAction => {
		if (action.parent !== undefined && !ids.has(action.parent)) throw new Error(`demo seed: ${plan.slug} action ${action.key} has an unknown parent ${action.parent}`);
		return {
			id: ids.get(action.key)!,
			parentId: action.parent === undefined ? null : ids.get(action.parent)!,
			planId: actionPlan.id,
			commitmentId: commitments[action.commitment]!.id,
			title: action.title,
			description: action.description ?? {},
			departmentIds: action.departments.map((code) => departmentIds.get(code) ?? code),
			budgetAmount: action.budget ?? null,
			budgetCurrency: action.budget === undefined ? null : plan.currency,
			startDate: dateOf(action.start, today),
			dueDate: dateOf(action.due, today),
			status: action.status ?? 'planned',
			statusReason: action.reason ?? {},
			progress: action.progress ?? 0,
			weight: action.weight ?? 1
		};
	});
	const actions = await createActions(db, demo, cityId, inputs);
	await addMilestones(
		db,
		demo,
		cityId,
		plan.actions.flatMap((action, index) => (action.milestones ?? []).map((milestone) => ({ actionId: actions[index]!.id, title: milestone.title, dueDate: dateOf(milestone.due, today)!, doneOn: dateOf(milestone.done, today) })))
	);

	// Updates in the order they happened, so the ledger tells the story forwards.
	const updates = plan.actions.flatMap((action, index) => (action.updates ?? []).map((update) => ({ index, update }))).sort((a, b) => a.update.on - b.update.on);
	for (const { index, update } of updates) {
		const action = await getAction(db, cityId, actions[index]!.id);
		await recordProgress(db, null, demo, cityId, action.id, action.version, {
			text: update.text,
			status: update.status,
			statusReason: update.reason ?? {},
			progress: update.progress,
			reportedOn: dateOf(update.on, today)!,
			links: update.links ?? []
		});
	}
	return plan.actions.length;
}

/** Seeds the demo commitments of York and Gwangju (whichever exist and have no declaration yet). */
export async function seedDemoCommitments(db: Db, today: string = todayIso()): Promise<{ cities: number; actions: number }> {
	let cities = 0;
	let count = 0;
	for (const plan of DEMO_PLANS) {
		const city = await findCityBySlug(db, plan.slug);
		if (!city || (await listDeclarations(db, city.id)).length > 0) continue;
		count += await seedCity(db, systemActor('demo', [city.id]), city.id, plan, today);
		cities += 1;
	}
	return { cities, actions: count };
}
