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
import { conflict, DomainError, forbidden } from '../errors.ts';
import { parseInput, safeParseInput } from '../validation.ts';
import { type MaybeActor, listCityStaff } from '../accounts/index.ts';
import { ledgered } from '../ledger/index.ts';
import * as plans_ from './commitments.repository.ts';
import * as repository from './actions.repository.ts';
import { canEditAction, canManageCommitments, type ActionResponsibility } from './commitments.policy.ts';
import { actionInputSchema, milestoneInputSchema, type ActionInput, type MilestoneInput, type ValidAction } from './commitments.schema.ts';
import type { ActionTable, MilestoneTable } from './commitments.tables.ts';
import type { Action, Milestone } from './commitments.types.ts';
import { toAction, toMilestone } from './mappers.ts';
import { actionRow, milestoneRow, type MilestoneOf } from './ledger-rows.ts';
import { allocateRefs } from './refs.ts';
import { BatchProblems } from '../batch-problems.ts';
import { parentCycles } from './parent-cycles.ts';
import { parseLocalizedText } from '../../i18n/localized-text.ts';

export async function getAction(db: Db, cityId: string, id: string): Promise<Action> {
	const row = await repository.findAction(db, cityId, id);
	if (!row) throw new DomainError('action_not_found');
	const departments = await repository.listActionDepartments(db, cityId, [id]);
	return toAction(row, departments.map((link) => link.department_id));
}

export async function getActionByRef(db: Db, cityId: string, ref: string): Promise<Action> {
	const row = await repository.findActionByRef(db, cityId, ref);
	if (!row) throw new DomainError('action_not_found');
	const departments = await repository.listActionDepartments(db, cityId, [row.id]);
	return toAction(row, departments.map((link) => link.department_id));
}

/** The department codes and names (every locale) of an action, for the officer policy. */
export async function responsibilityOf(db: Db, cityId: string, action: Pick<Action, 'departmentIds' | 'leadOfficerId'>): Promise<ActionResponsibility> {
	const departments = await plans_.listDepartments(db, cityId);
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
	for (const row of await listCityStaff(db, cityId)) {
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

/**
 * Checks an action's references against the city: its plan, its commitment (in that plan), its
 * parent (in the same plan, no cycle), its departments and its lead officer. `batch` holds the
 * other new actions of the same creation, which may be parents; `selfId` is the action edited.
 */
async function checkReferences(db: Db, cityId: string, items: readonly (ValidAction & { id: string })[], problems: BatchProblems, selfId?: string): Promise<void> {
	const plans = new Map((await plans_.listPlans(db, cityId)).map((plan) => [plan.id, plan]));
	const departments = new Set((await plans_.listDepartments(db, cityId)).map((department) => department.id));
	const needStaff = items.some((item) => item.leadOfficerId);
	const staff = needStaff ? new Set((await listCityStaff(db, cityId)).map((person) => person.id)) : new Set<string>();
	const batch = new Map(items.map((item) => [item.id, item]));
	// New actions cannot sit below a stored one that is below them: only an edit can close a loop through the database.
	const cycles = selfId ? new Set<number>() : parentCycles(items);
	const commitments = new Map<string, { plan_id: string | null } | undefined>();
	for (const [index, item] of items.entries()) {
		if (!plans.has(item.planId)) problems.add(index, 'planId', 'plan_unknown');
		if (item.commitmentId) {
			if (!commitments.has(item.commitmentId)) commitments.set(item.commitmentId, await plans_.findCommitment(db, cityId, item.commitmentId));
			const commitment = commitments.get(item.commitmentId);
			if (!commitment) problems.add(index, 'commitmentId', 'commitment_unknown');
			else if (commitment.plan_id && commitment.plan_id !== item.planId) problems.add(index, 'commitmentId', 'commitment_other_plan');
		}
		if (item.parentId) {
			const parent = batch.get(item.parentId) ?? (await repository.findAction(db, cityId, item.parentId));
			const parentPlan = parent && ('planId' in parent ? parent.planId : parent.plan_id);
			if (!parent) problems.add(index, 'parentId', 'parent_unknown');
			else if (parentPlan !== item.planId) problems.add(index, 'parentId', 'parent_other_plan');
			else if (cycles.has(index) || (selfId && (await leadsBackTo(db, cityId, item.parentId, selfId)))) problems.add(index, 'parentId', 'parent_cycle');
		}
		if (item.departmentIds.some((id) => !departments.has(id))) problems.add(index, 'departmentIds', 'department_unknown');
		if (item.leadOfficerId && !staff.has(item.leadOfficerId)) problems.add(index, 'leadOfficerId', 'officer_unknown');
	}
}

/** Whether walking up the stored parents from `start` meets `target` (the action being edited). */
async function leadsBackTo(db: Db, cityId: string, start: string, target: string): Promise<boolean> {
	let cursor: string | null = start;
	for (let depth = 0; cursor && depth < 10_000; depth += 1) {
		if (cursor === target) return true;
		cursor = (await repository.findAction(db, cityId, cursor))?.parent_id ?? null;
	}
	return false;
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

/** Indexes of the batch with every parent before its children (the checks ruled out cycles). */
function parentsFirst(items: readonly { id: string; parentId: string | null }[]): number[] {
	const index = new Map(items.map((item, position) => [item.id, position]));
	const order: number[] = [];
	const placed = new Set<number>();
	const place = (position: number) => {
		if (placed.has(position)) return;
		placed.add(position);
		const parent = items[position]!.parentId;
		if (parent && index.has(parent)) place(index.get(parent)!);
		order.push(position);
	};
	items.forEach((_item, position) => place(position));
	return order;
}

/**
 * An action to create. `id` may be chosen by the caller, so that other actions of the same batch
 * name it as their parent; `ref` asks for a reference (kept when it is free in the city).
 */
export type NewAction = ActionInput & { id?: string; ref?: string | null };

/**
 * Creates actions — one from the admin form, or many (a plan import, the demo) — each checked with
 * the form's schema and against the city (checkReferences), numbered by its plan's start year
 * and placed after the plan's other actions. All or nothing; problems are reported per item.
 */
export async function createActions(db: Db, actor: MaybeActor, cityId: string, inputs: readonly NewAction[]): Promise<Action[]> {
	if (!canManageCommitments(actor, cityId)) throw forbidden();
	const problems = new BatchProblems();
	const parsed = inputs.map((input, index) => problems.take(index, safeParseInput(actionInputSchema, input)));
	const items = parsed.map((valid, index) => (valid ? { ...valid, id: inputs[index]!.id ?? uuidv7() } : undefined));
	return ledgered.createMany(db, actionRow, { cityId, actor }, {
		insert: async (trx) => {
			const complete = items.filter((item): item is NonNullable<typeof item> => Boolean(item));
			// Only fully parsed items are checked; their indexes in `inputs` are what the problems name.
			const checked = new BatchProblems();
			await checkReferences(trx, cityId, complete, checked);
			const inputIndex = new Map(complete.map((item) => [item, items.indexOf(item)]));
			for (const problem of checked.items) for (const [field, rule] of Object.entries(problem.fields)) problems.add(inputIndex.get(complete[problem.index]!)!, field, rule);
			problems.throwIfAny();
			const valid = complete;
			const plans = new Map((await plans_.listPlans(trx, cityId)).map((plan) => [plan.id, plan]));
			const refs = new Map<number, string>();
			for (const planId of new Set(valid.map((item) => item.planId))) {
				const indexes = valid.flatMap((item, index) => (item.planId === planId ? [index] : []));
				const given = await allocateRefs(trx, 'action', cityId, indexes.map((index) => inputs[index]!.ref ?? null), Number(plans.get(planId)!.period_start));
				indexes.forEach((index, position) => refs.set(index, given[position]!));
			}
			const positions = new Map<string, number>();
			const now = nowIso();
			const rows: ActionTable[] = [];
			const links: { city_id: string; action_id: string; department_id: string; position: number }[] = [];
			// Placed after the plan's actions, in the order given (inserted parents first).
			const positionOf = new Map<number, number>();
			for (const [index, item] of valid.entries()) {
				if (!positions.has(item.planId)) positions.set(item.planId, (await repository.listActionSkeletons(trx, cityId, item.planId)).length);
				positionOf.set(index, positions.get(item.planId)!);
				positions.set(item.planId, positions.get(item.planId)! + 1);
			}
			for (const index of parentsFirst(valid)) {
				const item = valid[index]!;
				rows.push({ city_id: cityId, id: item.id, ref: refs.get(index)!, ...columns(item), position: positionOf.get(index)!, version: 1, created_at: now, updated_at: now, deleted_at: null });
				[...new Set(item.departmentIds)].forEach((departmentId, order) => links.push({ city_id: cityId, action_id: item.id, department_id: departmentId, position: order }));
			}
			await repository.insertActions(trx, rows);
			await repository.insertActionDepartments(trx, links);
			const departmentsOf = new Map<string, string[]>();
			for (const link of links) departmentsOf.set(link.action_id, [...(departmentsOf.get(link.action_id) ?? []), link.department_id]);
			// Returned (and recorded) in the order they were given.
			const byId = new Map(rows.map((row) => [row.id, toAction(row, departmentsOf.get(row.id) ?? [])]));
			return valid.map((item) => byId.get(item.id)!);
		}
	});
}

export async function createAction(db: Db, actor: MaybeActor, cityId: string, input: NewAction): Promise<Action> {
	return (await createActions(db, actor, cityId, [input]))[0]!;
}

/**
 * What only a city admin may change: where the action sits, who is responsible for it, its budget
 * and its weight in the parent's roll-up (an officer raising the weight of their own finished
 * action would raise the parent's progress).
 */
const STRUCTURE_FIELDS = ['planId', 'parentId', 'commitmentId', 'departmentIds', 'leadOfficerId', 'budgetAmount', 'budgetCurrency', 'weight'] as const;

export async function updateAction(db: Db, actor: MaybeActor, cityId: string, id: string, version: number, input: ActionInput): Promise<Action> {
	const valid = parseInput(actionInputSchema, input);
	return ledgered.update(db, actionRow, { cityId, actor }, {
		load: (trx) => getAction(trx, cityId, id),
		check: async (trx, before) => {
			if (!canEditAction(actor, cityId, await responsibilityOf(trx, cityId, before))) throw forbidden();
			// Officers edit their actions in place; moving or reassigning them is the city admin's call.
			if (!canManageCommitments(actor, cityId) && STRUCTURE_FIELDS.some((field) => JSON.stringify(before[field]) !== JSON.stringify(valid[field]))) throw forbidden();
			const problems = new BatchProblems();
			await checkReferences(trx, cityId, [{ ...valid, id }], problems, id);
			problems.throwIfAny();
		},
		apply: async (trx, _before, at) => {
			const saved = await repository.updateAction(trx, cityId, id, version, { ...columns(valid), updated_at: at });
			if (saved) await repository.replaceActionDepartments(trx, cityId, id, [...new Set(valid.departmentIds)]);
			return saved;
		}
	});
}

/** Soft-deletes an action without live children (delete or move those first). */
export async function deleteAction(db: Db, actor: MaybeActor, cityId: string, id: string, version: number): Promise<void> {
	if (!canManageCommitments(actor, cityId)) throw forbidden();
	await ledgered.remove(db, actionRow, { cityId, actor }, {
		load: (trx) => getAction(trx, cityId, id),
		check: async (trx) => {
			if ((await repository.countLiveChildren(trx, cityId, id)) > 0) throw conflict('action_has_children');
		},
		apply: (trx, _before, at) => repository.updateAction(trx, cityId, id, version, { deleted_at: at, updated_at: at })
	});
}

export async function listMilestones(db: Db, cityId: string, actionId: string): Promise<Milestone[]> {
	return (await repository.listMilestones(db, cityId, [actionId])).map(toMilestone);
}

async function editableAction(db: Db, actor: MaybeActor, cityId: string, actionId: string): Promise<Action> {
	const action = await getAction(db, cityId, actionId);
	if (!canEditAction(actor, cityId, await responsibilityOf(db, cityId, action))) throw forbidden();
	return action;
}

/** A milestone to add to an action. */
export type NewMilestone = MilestoneInput & { actionId: string };

/**
 * Adds milestones to actions — one from the action's page, or many (a plan import, the demo) —
 * by whoever may edit each action, each after the action's other milestones.
 */
export async function addMilestones(db: Db, actor: MaybeActor, cityId: string, inputs: readonly NewMilestone[]): Promise<Milestone[]> {
	const problems = new BatchProblems();
	const valid = inputs.map((input, index) => problems.take(index, safeParseInput(milestoneInputSchema, input)));
	problems.throwIfAny();
	return ledgered.createMany(db, milestoneRow, { cityId, actor }, {
		insert: async (trx) => {
			const actions = new Map<string, { action: Action; next: number }>();
			const now = nowIso();
			const rows: MilestoneTable[] = [];
			const created: MilestoneOf[] = [];
			for (const [index, item] of (valid as NonNullable<(typeof valid)[number]>[]).entries()) {
				const actionId = inputs[index]!.actionId;
				if (!actions.has(actionId)) actions.set(actionId, { action: await editableAction(trx, actor, cityId, actionId), next: (await repository.listMilestones(trx, cityId, [actionId])).length });
				const entry = actions.get(actionId)!;
				const row: MilestoneTable = { city_id: cityId, id: uuidv7(), action_id: actionId, title: JSON.stringify(item.title), due_date: item.dueDate, done_on: item.doneOn, position: entry.next++, created_at: now, updated_at: now, deleted_at: null };
				rows.push(row);
				created.push({ ...toMilestone(row), actionRef: entry.action.ref });
			}
			await repository.insertMilestones(trx, rows);
			return created;
		}
	});
}

export async function addMilestone(db: Db, actor: MaybeActor, cityId: string, actionId: string, input: MilestoneInput): Promise<Milestone> {
	const { actionRef: _ref, ...milestone } = (await addMilestones(db, actor, cityId, [{ ...input, actionId }]))[0] as MilestoneOf;
	return milestone;
}

async function getMilestone(db: Db, cityId: string, milestoneId: string): Promise<MilestoneOf> {
	const row = await repository.findMilestone(db, cityId, milestoneId);
	if (!row) throw new DomainError('milestone_not_found');
	const action = await getAction(db, cityId, row.action_id);
	return { ...toMilestone(row), actionRef: action.ref };
}

export async function updateMilestone(db: Db, actor: MaybeActor, cityId: string, milestoneId: string, input: MilestoneInput): Promise<Milestone> {
	const valid = parseInput(milestoneInputSchema, input);
	const { actionRef: _ref, ...after } = await ledgered.update(db, milestoneRow, { cityId, actor }, {
		load: (trx) => getMilestone(trx, cityId, milestoneId),
		check: async (trx, before) => void (await editableAction(trx, actor, cityId, before.actionId)),
		apply: (trx, _before, at) => repository.updateMilestone(trx, cityId, milestoneId, { title: JSON.stringify(valid.title), due_date: valid.dueDate, done_on: valid.doneOn, updated_at: at })
	});
	return after;
}

export async function deleteMilestone(db: Db, actor: MaybeActor, cityId: string, milestoneId: string): Promise<void> {
	await ledgered.remove(db, milestoneRow, { cityId, actor }, {
		load: (trx) => getMilestone(trx, cityId, milestoneId),
		check: async (trx, before) => void (await editableAction(trx, actor, cityId, before.actionId)),
		apply: (trx, _before, at) => repository.updateMilestone(trx, cityId, milestoneId, { deleted_at: at, updated_at: at })
	});
}
