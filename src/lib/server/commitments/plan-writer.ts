/**
 * Writes a whole, already validated plan body — commitments with their tags, actions with
 * parents, departments and lead officers, milestones — into an action plan, inside the caller's
 * transaction, with one ledger entry per created row exactly as the services write them. Used
 * by the CSV import and by the demo seed (which runs inside the seed's own transaction, where the
 * services — each opening its own transaction — cannot run).
 *
 * Refs: a wanted ref is kept when no row of the city has it (deleted rows keep theirs), else the
 * row gets the next free number; links inside the body are by position, so they follow.
 *
 * @example
 *   await db.transaction().execute((trx) => writePlanBody(trx, { cityId, plan }, body, { actor }));
 */
import type { Db } from '../db/database.ts';
import { nowIso, uuidv7 } from '../db/ids.ts';
import type { MaybeActor } from '../accounts/actor.ts';
import type { ActionTable, CommitmentTable, MilestoneTable } from './commitments.tables.ts';
import type { ActionPlan } from './commitments.types.ts';
import * as commitments from './commitments.repository.ts';
import * as actions from './actions.repository.ts';
import { resolveTags } from './plans.service.ts';
import { appendLedger } from './ledger.service.ts';
import { diffSnapshots } from './ledger-hash.ts';
import { snapshot, toAction, toCommitment, toMilestone } from './mappers.ts';
import { refAllocator } from './refs.ts';

/** A link to a row of the body (by index) or to a row already in the database. */
export type BodyLink = { index: number } | { id: string; ref: string };

export interface BodyCommitment {
	ref: string | null;
	title: Record<string, string>;
	description: Record<string, string>;
	duty: string | null;
	groups: string[];
	/** Explicit tags, checked against the frameworks; implied goals are added here. */
	tags: string[];
}

export interface BodyAction {
	ref: string | null;
	parent: BodyLink | null;
	commitment: BodyLink | null;
	departmentIds: string[];
	leadOfficerId: string | null;
	title: Record<string, string>;
	description: Record<string, string>;
	budgetAmount: number | null;
	budgetCurrency: string | null;
	startDate: string | null;
	dueDate: string | null;
	status: string;
	statusReason: Record<string, string>;
	progress: number;
	weight: number;
}

export interface BodyMilestone {
	action: BodyLink;
	title: Record<string, string>;
	dueDate: string;
	doneOn: string | null;
}

export interface PlanBody {
	commitments: BodyCommitment[];
	actions: BodyAction[];
	milestones: BodyMilestone[];
}

export interface PlanBodyWritten {
	commitmentIds: string[];
	actionIds: string[];
	actionRefs: string[];
	milestones: number;
	/** Refs of the body that were taken in the city, and what they became. */
	renumbered: { from: string; to: string }[];
}

export interface LedgerAuthor {
	actor: MaybeActor;
	/** Overrides the actor's role in the ledger (`cli`, `demo`). */
	actorRole?: string;
}

async function assignRefs(db: Db, table: 'commitment' | 'action', cityId: string, wanted: readonly (string | null)[], year?: number): Promise<string[]> {
	const taken = new Set(await commitments.refsWithPrefix(db, table, cityId, table === 'action' ? 'A-' : 'C-'));
	const kept = wanted.map((ref) => (ref && !taken.has(ref) ? ref : undefined));
	for (const ref of kept) if (ref) taken.add(ref);
	const next = await refAllocator(db, table, cityId, year);
	return kept.map((ref) => {
		if (ref) return ref;
		let candidate = next();
		while (taken.has(candidate)) candidate = next();
		taken.add(candidate);
		return candidate;
	});
}

/** Indexes of the body's actions with every parent before its children (links form no cycle). */
function parentsFirst(body: readonly BodyAction[]): number[] {
	const order: number[] = [];
	const placed = new Set<number>();
	const place = (index: number, depth: number) => {
		if (placed.has(index) || depth > body.length) return;
		const parent = body[index]!.parent;
		if (parent && 'index' in parent) place(parent.index, depth + 1);
		placed.add(index);
		order.push(index);
	};
	for (let index = 0; index < body.length; index += 1) place(index, 0);
	return order;
}

function idOf(link: BodyLink | null, ids: readonly string[]): string | null {
	if (!link) return null;
	return 'index' in link ? ids[link.index]! : link.id;
}

/**
 * Creates the body's rows in the plan and their ledger entries; the caller's transaction makes
 * it all-or-nothing. The body must have passed the schemas and the reference checks.
 */
export async function writePlanBody(trx: Db, target: { cityId: string; plan: ActionPlan }, body: PlanBody, author: LedgerAuthor): Promise<PlanBodyWritten> {
	const { cityId, plan } = target;
	const now = nowIso();
	const ledger = (entityType: 'commitment' | 'action' | 'milestone', entityId: string, entityRef: string, value: Record<string, unknown>) =>
		appendLedger(trx, { cityId, actor: author.actor, ...(author.actorRole ? { actorRole: author.actorRole } : {}), entityType, entityId, entityRef, action: 'create', change: diffSnapshots({}, value) });
	const renumbered: { from: string; to: string }[] = [];
	const noteRenumbered = (wanted: (string | null)[], given: string[]) => wanted.forEach((ref, index) => ref && ref !== given[index] && renumbered.push({ from: ref, to: given[index]! }));

	const commitmentRefs = await assignRefs(trx, 'commitment', cityId, body.commitments.map((item) => item.ref));
	noteRenumbered(body.commitments.map((item) => item.ref), commitmentRefs);
	const firstCommitment = (await commitments.listCommitments(trx, cityId, { planId: plan.id })).length;
	const commitmentIds: string[] = [];
	for (const [index, item] of body.commitments.entries()) {
		const tags = (await resolveTags(trx, item.tags)).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
		const row: CommitmentTable = {
			city_id: cityId,
			id: uuidv7(),
			ref: commitmentRefs[index]!,
			declaration_id: null,
			plan_id: plan.id,
			title: JSON.stringify(item.title),
			description: JSON.stringify(item.description),
			duty: item.duty,
			groups: JSON.stringify(item.groups),
			position: firstCommitment + index,
			version: 1,
			created_at: now,
			updated_at: now,
			deleted_at: null
		};
		await commitments.insertCommitment(trx, row);
		await commitments.replaceTags(trx, cityId, row.id, tags);
		commitmentIds.push(row.id);
		await ledger('commitment', row.id, row.ref, snapshot(toCommitment(row, tags.map((tag) => ({ code: tag.code, implied: tag.implied ? 1 : 0 })))));
	}

	const actionRefs = await assignRefs(trx, 'action', cityId, body.actions.map((item) => item.ref), plan.periodStart);
	noteRenumbered(body.actions.map((item) => item.ref), actionRefs);
	const firstAction = (await actions.listActionSkeletons(trx, cityId, plan.id)).length;
	const actionIds = body.actions.map(() => uuidv7());
	const rows: ActionTable[] = [];
	const departmentLinks: { city_id: string; action_id: string; department_id: string; position: number }[] = [];
	for (const index of parentsFirst(body.actions)) {
		const item = body.actions[index]!;
		rows.push({
			city_id: cityId,
			id: actionIds[index]!,
			ref: actionRefs[index]!,
			plan_id: plan.id,
			commitment_id: idOf(item.commitment, commitmentIds),
			parent_id: idOf(item.parent, actionIds),
			title: JSON.stringify(item.title),
			description: JSON.stringify(item.description),
			lead_officer_id: item.leadOfficerId,
			budget_amount: item.budgetAmount,
			budget_currency: item.budgetAmount === null ? null : item.budgetCurrency,
			start_date: item.startDate,
			due_date: item.dueDate,
			status: item.status as ActionTable['status'],
			status_reason: JSON.stringify(item.statusReason),
			progress: item.progress,
			weight: item.weight,
			position: firstAction + index,
			version: 1,
			created_at: now,
			updated_at: now,
			deleted_at: null
		});
		item.departmentIds.forEach((departmentId, position) => departmentLinks.push({ city_id: cityId, action_id: actionIds[index]!, department_id: departmentId, position }));
	}
	await actions.insertActions(trx, rows);
	await actions.insertActionDepartments(trx, departmentLinks);
	const departmentsOf = new Map<string, string[]>();
	for (const link of departmentLinks) departmentsOf.set(link.action_id, [...(departmentsOf.get(link.action_id) ?? []), link.department_id]);
	for (const row of rows) await ledger('action', row.id, row.ref, snapshot(toAction(row, departmentsOf.get(row.id) ?? [])));

	const milestonesPerAction = new Map<string, number>();
	for (const item of body.milestones) {
		const actionId = idOf(item.action, actionIds)!;
		const actionRef = 'index' in item.action ? actionRefs[item.action.index]! : item.action.ref;
		const position = milestonesPerAction.get(actionId) ?? ('index' in item.action ? 0 : (await actions.listMilestones(trx, cityId, [actionId])).length);
		milestonesPerAction.set(actionId, position + 1);
		const row: MilestoneTable = { city_id: cityId, id: uuidv7(), action_id: actionId, title: JSON.stringify(item.title), due_date: item.dueDate, done_on: item.doneOn, position, created_at: now, updated_at: now, deleted_at: null };
		await actions.insertMilestone(trx, row);
		await ledger('milestone', row.id, actionRef, snapshot(toMilestone(row), ['position']));
	}
	return { commitmentIds, actionIds, actionRefs, milestones: body.milestones.length, renumbered };
}
