/**
 * Use cases for actions and their milestones. City admins create, restructure and delete
 * actions; the responsible officer (their department's actions, or the ones they lead) may edit
 * an action's content, dates, status and progress but not move it. Every change is in the ledger;
 * an edit made on a stale version is a `conflict` and saves nothing.
 *
 * @example
 *   const action = await createAction(db, actor, cityId, { planId, commitmentId, title: { en: 'Open a housing advice desk' }, departmentIds: [housing.id], dueDate: '2026-06-30' });
 */
import type { Db } from '../db/database.ts';
import { nowIso, uuidv7 } from '../db/ids.ts';
import { DomainError } from '../errors.ts';
import type { MaybeActor } from '../accounts/actor.ts';
import * as plans from './commitments.repository.ts';
import * as repository from './actions.repository.ts';
import { canEditAction, canManageCommitments, type ActionResponsibility } from './commitments.policy.ts';
import { actionInputSchema, fieldErrors, milestoneInputSchema, validateInput, type ActionInput, type MilestoneInput, type ValidAction } from './commitments.schema.ts';
import type { Action, Milestone } from './commitments.types.ts';
import { snapshot, toAction, toMilestone } from './mappers.ts';
import { appendLedger } from './ledger.service.ts';
import { diffSnapshots } from './ledger-hash.ts';
import { nextRef } from './refs.ts';
import { conflict, forbid } from './declarations.service.ts';
import { parseLocalizedText } from '../../i18n/localized-text.ts';

export async function getAction(db: Db, cityId: string, id: string): Promise<Action> {
	const row = await repository.findAction(db, cityId, id);
	if (!row) throw new DomainError('action_not_found', 'action_not_found');
	const departments = await repository.listActionDepartments(db, cityId, [id]);
	return toAction(row, departments.map((link) => link.department_id));
}

export async function getActionByRef(db: Db, cityId: string, ref: string): Promise<Action> {
	const row = await repository.findActionByRef(db, cityId, ref);
	if (!row) throw new DomainError('action_not_found', 'action_not_found');
	const departments = await repository.listActionDepartments(db, cityId, [row.id]);
	return toAction(row, departments.map((link) => link.department_id));
}

/** The department codes and names (every locale) of an action, for the officer policy. */
export async function responsibilityOf(db: Db, cityId: string, action: Pick<Action, 'departmentIds' | 'leadOfficerId'>): Promise<ActionResponsibility> {
	const departments = await plans.listDepartments(db, cityId);
	const keys: string[] = [];
	for (const department of departments) {
		if (!action.departmentIds.includes(department.id)) continue;
		keys.push(department.code, ...Object.values(parseLocalizedText(department.name)).filter((name): name is string => Boolean(name)));
	}
	return { departmentKeys: keys, leadOfficerId: action.leadOfficerId };
}

export interface StaffMember {
	id: string;
	displayName: string;
	/** The person's roles in the city that make them staff (`officer`, `city_admin`). */
	roles: string[];
	/** Their officer department, when they have one. */
	department: string | null;
}

/** The city's staff (officers and city admins), one entry per person: who may lead an action. */
export async function listStaff(db: Db, cityId: string): Promise<StaffMember[]> {
	const byPerson = new Map<string, StaffMember>();
	for (const row of await repository.listStaff(db, cityId)) {
		const member = byPerson.get(row.id) ?? { id: row.id, displayName: row.display_name, roles: [], department: null };
		member.roles.push(row.role);
		member.department ??= row.department;
		byPerson.set(row.id, member);
	}
	return [...byPerson.values()];
}

export async function listActions(db: Db, cityId: string, filter: repository.ActionFilter = {}): Promise<Action[]> {
	const rows = await repository.listActions(db, cityId, filter);
	const links = await repository.listActionDepartments(db, cityId, rows.map((row) => row.id));
	const byAction = new Map<string, string[]>();
	for (const link of links) byAction.set(link.action_id, [...(byAction.get(link.action_id) ?? []), link.department_id]);
	return rows.map((row) => toAction(row, byAction.get(row.id) ?? []));
}

/** Cross-row checks: plan, commitment, parent in the same plan and no cycle, departments, lead officer. */
async function checkReferences(db: Db, cityId: string, valid: ValidAction, selfId?: string): Promise<void> {
	const errors: Record<string, string> = {};
	const plan = await plans.findPlan(db, cityId, valid.planId);
	if (!plan) errors.planId = 'plan_unknown';
	if (valid.commitmentId) {
		const commitment = await plans.findCommitment(db, cityId, valid.commitmentId);
		if (!commitment) errors.commitmentId = 'commitment_unknown';
		else if (commitment.plan_id && commitment.plan_id !== valid.planId) errors.commitmentId = 'commitment_other_plan';
	}
	if (valid.parentId) {
		const parent = await repository.findAction(db, cityId, valid.parentId);
		if (!parent) errors.parentId = 'parent_unknown';
		else if (parent.plan_id !== valid.planId) errors.parentId = 'parent_other_plan';
		else if (selfId) {
			// Walk up from the new parent; meeting this action means a cycle.
			let cursor: string | null = parent.id;
			for (let depth = 0; cursor && depth < 1000; depth += 1) {
				if (cursor === selfId) {
					errors.parentId = 'parent_cycle';
					break;
				}
				cursor = (await repository.findAction(db, cityId, cursor))?.parent_id ?? null;
			}
		}
	}
	if (valid.departmentIds.length) {
		const known = new Set((await plans.listDepartments(db, cityId)).map((department) => department.id));
		if (valid.departmentIds.some((id) => !known.has(id))) errors.departmentIds = 'department_unknown';
	}
	if (valid.leadOfficerId) {
		const staff = await repository.listStaff(db, cityId);
		if (!staff.some((person) => person.id === valid.leadOfficerId)) errors.leadOfficerId = 'officer_unknown';
	}
	if (Object.keys(errors).length) throw fieldErrors(errors);
}

function columns(valid: ValidAction) {
	return {
		plan_id: valid.planId,
		commitment_id: valid.commitmentId,
		parent_id: valid.parentId,
		title: JSON.stringify(valid.title),
		description: JSON.stringify(valid.description),
		lead_officer_id: valid.leadOfficerId,
		budget_amount: valid.budgetAmount,
		budget_currency: valid.budgetAmount === null ? null : valid.budgetCurrency,
		start_date: valid.startDate,
		due_date: valid.dueDate,
		status: valid.status as Action['status'],
		status_reason: JSON.stringify(valid.statusReason),
		progress: valid.progress,
		weight: valid.weight
	};
}

export async function createAction(db: Db, actor: MaybeActor, cityId: string, input: ActionInput): Promise<Action> {
	if (!canManageCommitments(actor, cityId)) throw forbid();
	const valid = validateInput(actionInputSchema, input);
	return db.transaction().execute(async (trx) => {
		await checkReferences(trx, cityId, valid);
		const plan = (await plans.findPlan(trx, cityId, valid.planId))!;
		const now = nowIso();
		const id = uuidv7();
		const ref = await nextRef(trx, 'action', cityId, Number(plan.period_start));
		const siblings = await repository.listActions(trx, cityId, { planId: valid.planId });
		await repository.insertAction(trx, { city_id: cityId, id, ref, ...columns(valid), position: siblings.length, version: 1, created_at: now, updated_at: now, deleted_at: null });
		await repository.replaceActionDepartments(trx, cityId, id, [...new Set(valid.departmentIds)]);
		const created = await getAction(trx, cityId, id);
		await appendLedger(trx, { cityId, actor, entityType: 'action', entityId: id, entityRef: ref, action: 'create', change: diffSnapshots({}, snapshot(created)) });
		return created;
	});
}

/**
 * What only a city admin may change: where the action sits, who is responsible for it, its budget
 * and its weight in the parent's roll-up (an officer raising the weight of their own finished
 * action would raise the parent's progress).
 */
const STRUCTURE_FIELDS = ['planId', 'parentId', 'commitmentId', 'departmentIds', 'leadOfficerId', 'budgetAmount', 'budgetCurrency', 'weight'] as const;

export async function updateAction(db: Db, actor: MaybeActor, cityId: string, id: string, version: number, input: ActionInput): Promise<Action> {
	const valid = validateInput(actionInputSchema, input);
	return db.transaction().execute(async (trx) => {
		const before = await getAction(trx, cityId, id);
		if (!canEditAction(actor, cityId, await responsibilityOf(trx, cityId, before))) throw forbid();
		if (!canManageCommitments(actor, cityId)) {
			// Officers edit their actions in place; moving or reassigning them is the city admin's call.
			const moved = STRUCTURE_FIELDS.some((field) => JSON.stringify(before[field]) !== JSON.stringify(valid[field]));
			if (moved) throw forbid();
		}
		await checkReferences(trx, cityId, valid, id);
		if (!(await repository.updateAction(trx, cityId, id, version, { ...columns(valid), updated_at: nowIso() }))) throw conflict();
		await repository.replaceActionDepartments(trx, cityId, id, [...new Set(valid.departmentIds)]);
		const after = await getAction(trx, cityId, id);
		const change = diffSnapshots(snapshot(before), snapshot(after));
		if (Object.keys(change).length) await appendLedger(trx, { cityId, actor, entityType: 'action', entityId: id, entityRef: before.ref, action: 'update', change });
		return after;
	});
}

/** Soft-deletes an action without live children (delete or move those first). */
export async function deleteAction(db: Db, actor: MaybeActor, cityId: string, id: string, version: number): Promise<void> {
	if (!canManageCommitments(actor, cityId)) throw forbid();
	await db.transaction().execute(async (trx) => {
		const before = await getAction(trx, cityId, id);
		if ((await repository.countLiveChildren(trx, cityId, id)) > 0) throw new DomainError('conflict', 'action_has_children', { field: 'form', rule: 'action_has_children' });
		const at = nowIso();
		if (!(await repository.updateAction(trx, cityId, id, version, { deleted_at: at, updated_at: at }))) throw conflict();
		await appendLedger(trx, { cityId, actor, entityType: 'action', entityId: id, entityRef: before.ref, action: 'delete', change: { deleted_at: [null, at] } });
	});
}

export async function listMilestones(db: Db, cityId: string, actionId: string): Promise<Milestone[]> {
	return (await repository.listMilestones(db, cityId, [actionId])).map(toMilestone);
}

async function editableAction(db: Db, actor: MaybeActor, cityId: string, actionId: string): Promise<Action> {
	const action = await getAction(db, cityId, actionId);
	if (!canEditAction(actor, cityId, await responsibilityOf(db, cityId, action))) throw forbid();
	return action;
}

export async function addMilestone(db: Db, actor: MaybeActor, cityId: string, actionId: string, input: MilestoneInput): Promise<Milestone> {
	const valid = validateInput(milestoneInputSchema, input);
	return db.transaction().execute(async (trx) => {
		const action = await editableAction(trx, actor, cityId, actionId);
		const now = nowIso();
		const existing = await repository.listMilestones(trx, cityId, [actionId]);
		const row = { city_id: cityId, id: uuidv7(), action_id: actionId, title: JSON.stringify(valid.title), due_date: valid.dueDate, done_on: valid.doneOn, position: existing.length, created_at: now, updated_at: now, deleted_at: null };
		await repository.insertMilestone(trx, row);
		const created = toMilestone(row);
		await appendLedger(trx, { cityId, actor, entityType: 'milestone', entityId: row.id, entityRef: action.ref, action: 'create', change: diffSnapshots({}, snapshot(created, ['position'])) });
		return created;
	});
}

export async function updateMilestone(db: Db, actor: MaybeActor, cityId: string, milestoneId: string, input: MilestoneInput): Promise<Milestone> {
	const valid = validateInput(milestoneInputSchema, input);
	return db.transaction().execute(async (trx) => {
		const row = await repository.findMilestone(trx, cityId, milestoneId);
		if (!row) throw new DomainError('milestone_not_found', 'milestone_not_found');
		const action = await editableAction(trx, actor, cityId, row.action_id);
		await repository.updateMilestone(trx, cityId, milestoneId, { title: JSON.stringify(valid.title), due_date: valid.dueDate, done_on: valid.doneOn, updated_at: nowIso() });
		const after = toMilestone((await repository.findMilestone(trx, cityId, milestoneId))!);
		const change = diffSnapshots(snapshot(toMilestone(row), ['position']), snapshot(after, ['position']));
		if (Object.keys(change).length) await appendLedger(trx, { cityId, actor, entityType: 'milestone', entityId: milestoneId, entityRef: action.ref, action: 'update', change });
		return after;
	});
}

export async function deleteMilestone(db: Db, actor: MaybeActor, cityId: string, milestoneId: string): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const row = await repository.findMilestone(trx, cityId, milestoneId);
		if (!row) throw new DomainError('milestone_not_found', 'milestone_not_found');
		const action = await editableAction(trx, actor, cityId, row.action_id);
		const at = nowIso();
		await repository.updateMilestone(trx, cityId, milestoneId, { deleted_at: at, updated_at: at });
		await appendLedger(trx, { cityId, actor, entityType: 'milestone', entityId: milestoneId, entityRef: action.ref, action: 'delete', change: { deleted_at: [null, at] } });
	});
}
