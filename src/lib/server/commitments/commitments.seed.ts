/**
 * Loads the demo commitments (demo-plans.ts) for the demo cities that exist: a declaration,
 * departments, a plan with commitments, actions and milestones, and progress updates with links.
 *
 * It runs inside the demo seed's transaction, where the services cannot run (each opens its own
 * transaction, and a transaction cannot open another). So it validates every value with the
 * forms' schemas and writes through the repositories and the plan writer, appending the same
 * ledger entries the services would — with the role `demo`, so the public ledger says plainly
 * that no official made these changes.
 *
 * @example
 *   await db.transaction().execute(async (trx) => { await seedDemoCities(trx); await seedDemoCommitments(trx); });
 */
import type { Db } from '../db/database.ts';
import { nowIso, uuidv7 } from '../db/ids.ts';
import { findCityBySlug } from '../cities/cities.repository.ts';
import * as commitments from './commitments.repository.ts';
import * as actions from './actions.repository.ts';
import { actionInputSchema, commitmentInputSchema, declarationInputSchema, departmentInputSchema, milestoneInputSchema, planInputSchema, progressInputSchema, validateInput } from './commitments.schema.ts';
import type { ActionStatus } from './commitments.tables.ts';
import { snapshot, toDeclaration, toDepartment, toPlan } from './mappers.ts';
import { appendLedger } from './ledger.service.ts';
import { diffSnapshots } from './ledger-hash.ts';
import { nextRef } from './refs.ts';
import { todayIso } from './rollup.ts';
import { writePlanBody, type BodyAction, type PlanBody } from './plan-writer.ts';
import { DEMO_PLANS, type DemoCityPlan, type DemoDate, type DemoUpdate } from './demo-plans.ts';

const ROLE = 'demo';

function dateOf(spec: DemoDate | undefined, today: string): string | null {
	if (spec === undefined) return null;
	if (typeof spec === 'string') return spec;
	return new Date(Date.parse(`${today}T00:00:00Z`) + spec * 86_400_000).toISOString().slice(0, 10);
}

interface ActionState {
	id: string;
	ref: string;
	version: number;
	status: ActionStatus;
	progress: number;
	statusReason: Record<string, string>;
}

/** A progress update as `recordProgress` writes it: the action's new state, the update, its links, two ledger entries. */
async function recordDemoProgress(trx: Db, cityId: string, action: ActionState, update: DemoUpdate, today: string): Promise<ActionState> {
	const valid = validateInput(progressInputSchema, { text: update.text, status: update.status, statusReason: update.reason ?? {}, progress: update.progress, reportedOn: dateOf(update.on, today), links: update.links ?? [] });
	const now = nowIso();
	const updated = await actions.updateAction(trx, cityId, action.id, action.version, { status: valid.status as ActionStatus, progress: valid.progress, status_reason: JSON.stringify(valid.statusReason), updated_at: now });
	if (!updated) throw new Error(`demo seed: ${action.ref} changed while seeding`);
	const updateId = uuidv7();
	await actions.insertProgressUpdate(trx, { city_id: cityId, id: updateId, action_id: action.id, author_id: null, author_role: ROLE, text: JSON.stringify(valid.text), status: valid.status as ActionStatus, progress: valid.progress, reported_on: valid.reportedOn, created_at: now, deleted_at: null });
	await actions.insertEvidence(trx, valid.links.map((item) => ({ city_id: cityId, id: uuidv7(), update_id: updateId, kind: 'link' as const, url: item.url, label: item.label, file_key: null, file_name: null, content_type: null, size: null, sha256: null, created_at: now })));
	await appendLedger(trx, {
		cityId,
		actor: null,
		actorRole: ROLE,
		entityType: 'progress_update',
		entityId: updateId,
		entityRef: action.ref,
		action: 'create',
		change: diffSnapshots({}, { action_id: action.id, text: valid.text, status: valid.status, progress: valid.progress, reported_on: valid.reportedOn, evidence: valid.links.map((item) => ({ url: item.url, label: item.label })) })
	});
	const after: ActionState = { ...action, version: action.version + 1, status: valid.status as ActionStatus, progress: valid.progress, statusReason: valid.statusReason };
	const change = diffSnapshots({ status: action.status, progress: action.progress, statusReason: action.statusReason }, { status: after.status, progress: after.progress, statusReason: after.statusReason });
	if (Object.keys(change).length) await appendLedger(trx, { cityId, actor: null, actorRole: ROLE, entityType: 'action', entityId: action.id, entityRef: action.ref, action: 'update', change });
	return after;
}

async function seedCity(trx: Db, cityId: string, demo: DemoCityPlan, today: string): Promise<number> {
	const now = nowIso();
	const ledger = (entityType: 'declaration' | 'department' | 'plan', entityId: string, entityRef: string, value: Record<string, unknown>) =>
		appendLedger(trx, { cityId, actor: null, actorRole: ROLE, entityType, entityId, entityRef, action: 'create', change: diffSnapshots({}, value) });

	const declaration = validateInput(declarationInputSchema, demo.declaration);
	const declarationRow = {
		city_id: cityId,
		id: uuidv7(),
		ref: await nextRef(trx, 'declaration', cityId),
		title: JSON.stringify(declaration.title),
		adopted_on: declaration.adoptedOn,
		adopted_by: declaration.adoptedBy as DemoCityPlan['declaration']['adoptedBy'],
		process: declaration.process,
		instruments: JSON.stringify(declaration.instruments),
		full_text: JSON.stringify(declaration.fullText),
		source_url: declaration.sourceUrl,
		version: 1,
		created_at: now,
		updated_at: now,
		deleted_at: null
	};
	await commitments.insertDeclaration(trx, declarationRow);
	await ledger('declaration', declarationRow.id, declarationRow.ref, snapshot(toDeclaration(declarationRow)));

	const departmentIds = new Map<string, string>();
	for (const [code, name] of demo.departments) {
		const valid = validateInput(departmentInputSchema, { code, name });
		const row = { city_id: cityId, id: uuidv7(), code: valid.code, name: JSON.stringify(valid.name), version: 1, created_at: now, updated_at: now, deleted_at: null };
		await commitments.insertDepartment(trx, row);
		departmentIds.set(code, row.id);
		await ledger('department', row.id, row.code, snapshot(toDepartment(row)));
	}

	const planInput = validateInput(planInputSchema, { title: demo.plan, declarationId: declarationRow.id, periodStart: 2025, periodEnd: 2028 });
	const planRow = { city_id: cityId, id: uuidv7(), ref: await nextRef(trx, 'action_plan', cityId), declaration_id: declarationRow.id, title: JSON.stringify(planInput.title), period_start: planInput.periodStart, period_end: planInput.periodEnd, rollup: 'weighted' as const, version: 1, created_at: now, updated_at: now, deleted_at: null };
	await commitments.insertPlan(trx, planRow);
	const plan = toPlan(planRow);
	await ledger('plan', plan.id, plan.ref, snapshot(plan));

	const keys = demo.actions.map((action) => action.key);
	const body: PlanBody = {
		commitments: demo.commitments.map((commitment) => {
			const valid = validateInput(commitmentInputSchema, { ...commitment, planId: plan.id });
			return { ref: null, title: valid.title, description: valid.description, duty: valid.duty, groups: valid.groups, tags: valid.tags };
		}),
		actions: demo.actions.map((action): BodyAction => {
			const valid = validateInput(actionInputSchema, {
				planId: plan.id,
				title: action.title,
				description: action.description ?? {},
				departmentIds: action.departments.map((code) => departmentIds.get(code) ?? code),
				budgetAmount: action.budget ?? null,
				budgetCurrency: action.budget === undefined ? null : demo.currency,
				startDate: dateOf(action.start, today),
				dueDate: dateOf(action.due, today),
				status: action.status ?? 'planned',
				statusReason: action.reason ?? {},
				progress: action.progress ?? 0,
				weight: action.weight ?? 1
			});
			const parent = action.parent === undefined ? -1 : keys.indexOf(action.parent);
			if (action.parent !== undefined && parent < 0) throw new Error(`demo seed: ${demo.slug} action ${action.key} has an unknown parent ${action.parent}`);
			return { ...valid, ref: null, parent: parent >= 0 ? { index: parent } : null, commitment: { index: action.commitment }, leadOfficerId: null };
		}),
		milestones: demo.actions.flatMap((action, index) =>
			(action.milestones ?? []).map((milestone) => {
				const valid = validateInput(milestoneInputSchema, { title: milestone.title, dueDate: dateOf(milestone.due, today), doneOn: dateOf(milestone.done, today) });
				return { action: { index }, title: valid.title, dueDate: valid.dueDate, doneOn: valid.doneOn };
			})
		)
	};
	const written = await writePlanBody(trx, { cityId, plan }, body, { actor: null, actorRole: ROLE });

	// Updates in the order they happened, so the ledger tells the story forwards.
	const updates = demo.actions.flatMap((action, index) => (action.updates ?? []).map((update) => ({ index, update }))).sort((a, b) => a.update.on - b.update.on);
	const states = new Map<number, ActionState>();
	for (const { index, update } of updates) {
		const current = states.get(index) ?? { id: written.actionIds[index]!, ref: written.actionRefs[index]!, version: 1, status: body.actions[index]!.status as ActionStatus, progress: body.actions[index]!.progress, statusReason: body.actions[index]!.statusReason };
		states.set(index, await recordDemoProgress(trx, cityId, current, update, today));
	}
	return demo.actions.length;
}

/** Seeds the demo commitments of York and Gwangju (whichever exist and have no declaration yet). */
export async function seedDemoCommitments(trx: Db, today: string = todayIso()): Promise<{ cities: number; actions: number }> {
	let cities = 0;
	let count = 0;
	for (const demo of DEMO_PLANS) {
		const city = await findCityBySlug(trx, demo.slug);
		if (!city || (await commitments.listDeclarations(trx, city.id)).length > 0) continue;
		count += await seedCity(trx, city.id, demo, today);
		cities += 1;
	}
	return { cities, actions: count };
}
