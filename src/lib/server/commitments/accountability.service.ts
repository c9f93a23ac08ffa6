/**
 * What the public accountability pages read: a city's commitments with their progress and counts
 * of actions by status (filterable, groupable by right, principle, SDG or department), one
 * commitment with its action tree and history, one action with its timeline. Read-only and
 * public: no actor needed, deleted rows never shown (their deletion is in the ledger).
 *
 * @example
 *   const view = await loadCityCommitments(db, cityId, { status: 'delayed' });
 *   const groups = groupCommitments(view.commitments, 'right');
 */
import type { Db } from '../db/database.ts';
import { listCityStaff } from '../accounts/index.ts';
import type { ActionStatus } from './commitments.tables.ts';
import type { Action, ActionPlan, Commitment, Declaration, Department, Milestone, ProgressUpdate } from './commitments.types.ts';
import * as actionsRepository from './actions.repository.ts';
import * as plansRepository from './commitments.repository.ts';
import { listDeclarations, listDepartments } from './declarations.service.ts';
import { getCommitmentByRef, getPlan, listCommitments, listPlans } from './plans.service.ts';
import { getActionByRef, listActions } from './actions.service.ts';
import { listProgressUpdates } from './progress.service.ts';
import { recentHistoryOf, readLedgerPage, type LedgerEntry } from '../ledger/index.ts';
import { isOverdue, rollUp, rollUpGroup, todayIso, type RollupNode } from './rollup.ts';
import { toMilestone } from './mappers.ts';
import * as outlineRepository from './outline.repository.ts';
import { descendantsOf } from './outline.ts';
import { ACTION_STATUSES } from './vocabulary.ts';

export type StatusCounts = Record<ActionStatus, number>;

export interface ProgressSummary {
	/** Rolled-up progress 0–100, undefined when there are no (uncancelled) actions. */
	progress: number | undefined;
	counts: StatusCounts;
	overdue: number;
	actions: number;
}

export interface CommitmentSummary extends Commitment, ProgressSummary {
	/** Departments of the commitment's actions. */
	departmentIds: string[];
}

export interface CityCommitments {
	declarations: Declaration[];
	plans: (ActionPlan & ProgressSummary)[];
	departments: Department[];
	commitments: CommitmentSummary[];
	totals: ProgressSummary;
	/** Commitments before filtering (for "showing 3 of 12"). */
	unfiltered: number;
	/** Every tag (explicit or implied) of the city's live commitments, before filtering, in code order. */
	tagsInUse: string[];
}

export interface CommitmentFilter {
	planId?: string | undefined;
	status?: ActionStatus | undefined;
	departmentId?: string | undefined;
	/** A framework code; matches explicit and implied tags. */
	tag?: string | undefined;
	overdueOnly?: boolean | undefined;
}

export interface Skeleton extends RollupNode {
	planId: string;
	commitmentId: string | null;
	dueDate: string | null;
}

/** Appends to the list under `key` in place (building lists by spreading is quadratic). */
function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
	const list = map.get(key);
	if (list) list.push(value);
	else map.set(key, [value]);
}

function emptyCounts(): StatusCounts {
	return Object.fromEntries(ACTION_STATUSES.map((status) => [status, 0])) as StatusCounts;
}

/** Counts, overdue and rolled-up progress of a set of actions whose top level is `tops`. */
export function summarise(members: readonly Skeleton[], tops: readonly Skeleton[], rolled: Map<string, number>, method: ActionPlan['rollup'], today: string): ProgressSummary {
	const counts = emptyCounts();
	let overdue = 0;
	for (const action of members) {
		counts[action.status] += 1;
		if (isOverdue(action, today)) overdue += 1;
	}
	return { progress: rollUpGroup(tops, rolled, method), counts, overdue, actions: members.length };
}

/** Whether a commitment passes the public page's filters (a tag matches explicit and implied tags). */
export function matchesFilter(commitment: CommitmentSummary, filter: CommitmentFilter): boolean {
	if (filter.planId && commitment.planId !== filter.planId) return false;
	if (filter.tag && !commitment.tags.includes(filter.tag) && !commitment.impliedTags.includes(filter.tag)) return false;
	if (filter.departmentId && !commitment.departmentIds.includes(filter.departmentId)) return false;
	if (filter.status && commitment.counts[filter.status] === 0) return false;
	if (filter.overdueOnly && commitment.overdue === 0) return false;
	return true;
}

export async function loadCityCommitments(db: Db, cityId: string, filter: CommitmentFilter = {}, today: string = todayIso()): Promise<CityCommitments> {
	const [declarations, plans, departments, commitments, rows, links] = await Promise.all([
		listDeclarations(db, cityId),
		listPlans(db, cityId),
		listDepartments(db, cityId),
		listCommitments(db, cityId),
		actionsRepository.listActionSkeletons(db, cityId),
		actionsRepository.listActionDepartments(db, cityId)
	]);
	const skeletons: Skeleton[] = rows.map((row) => ({
		id: row.id,
		parentId: row.parent_id,
		progress: Number(row.progress),
		weight: Number(row.weight),
		status: row.status,
		planId: row.plan_id,
		commitmentId: row.commitment_id,
		dueDate: row.due_date
	}));
	const byId = new Map(skeletons.map((action) => [action.id, action]));
	const departmentsOf = new Map<string, string[]>();
	for (const link of links) if (byId.has(link.action_id)) pushTo(departmentsOf, link.action_id, link.department_id);
	const planById = new Map(plans.map((plan) => [plan.id, plan]));
	const rolledByPlan = new Map<string, Map<string, number>>();
	for (const plan of plans) rolledByPlan.set(plan.id, rollUp(skeletons.filter((action) => action.planId === plan.id), plan.rollup));
	const rolledOf = (action: Skeleton) => rolledByPlan.get(action.planId) ?? new Map<string, number>();

	const planSummaries = plans.map((plan) => {
		const members = skeletons.filter((action) => action.planId === plan.id);
		const tops = members.filter((action) => !action.parentId || !byId.has(action.parentId));
		return { ...plan, ...summarise(members, tops, rolledByPlan.get(plan.id)!, plan.rollup, today) };
	});

	const byCommitment = new Map<string, Skeleton[]>();
	for (const action of skeletons) if (action.commitmentId) pushTo(byCommitment, action.commitmentId, action);
	const summaries: CommitmentSummary[] = commitments.map((commitment) => {
		const members = byCommitment.get(commitment.id) ?? [];
		const memberIds = new Set(members.map((action) => action.id));
		// Top level within the commitment: actions whose parent is not part of the same commitment.
		const tops = members.filter((action) => !action.parentId || !memberIds.has(action.parentId));
		const method = planById.get(commitment.planId ?? members[0]?.planId ?? '')?.rollup ?? 'weighted';
		const rolled = new Map<string, number>();
		for (const action of members) rolled.set(action.id, rolledOf(action).get(action.id) ?? action.progress);
		const departmentIds = [...new Set(members.flatMap((action) => departmentsOf.get(action.id) ?? []))];
		return { ...commitment, ...summarise(members, tops, rolled, method, today), departmentIds };
	});

	const filtered = summaries.filter((commitment) => matchesFilter(commitment, filter));
	const allTops = skeletons.filter((action) => !action.parentId || !byId.has(action.parentId));
	const totalsRolled = new Map<string, number>();
	for (const action of allTops) totalsRolled.set(action.id, rolledOf(action).get(action.id) ?? action.progress);
	return {
		declarations,
		plans: planSummaries,
		departments,
		commitments: filtered,
		totals: summarise(skeletons, allTops, totalsRolled, 'weighted', today),
		unfiltered: summaries.length,
		tagsInUse: [...new Set(summaries.flatMap((commitment) => [...commitment.tags, ...commitment.impliedTags]))].sort(compareCodes)
	};
}

export type GroupBy = 'right' | 'principle' | 'sdg' | 'department' | 'plan';

export interface CommitmentGroup {
	/** A framework code (`udhr:25`, `gwangju:3`, `sdg:11`), a department or plan id, or null for "none". */
	key: string | null;
	commitments: CommitmentSummary[];
}

function codeOrder(code: string): number[] {
	return code
		.split(':')[1]!
		.split('.')
		.map((part) => (/^\d+$/.test(part) ? Number(part) : 1000 + part.charCodeAt(0)));
}

function compareCodes(a: string, b: string): number {
	const left = codeOrder(a);
	const right = codeOrder(b);
	for (let index = 0; index < Math.max(left.length, right.length); index += 1) {
		const difference = (left[index] ?? -1) - (right[index] ?? -1);
		if (difference) return difference;
	}
	return 0;
}

/**
 * Groups commitments by right (UDHR article), principle (Gwangju), SDG goal (explicit or
 * implied), department (of their actions) or plan. A commitment with several keys appears in
 * each group; one with none goes to the `null` group, listed last.
 */
export function groupCommitments(commitments: readonly CommitmentSummary[], by: GroupBy, order: { departments?: Department[]; plans?: ActionPlan[] } = {}): CommitmentGroup[] {
	const groups = new Map<string | null, CommitmentSummary[]>();
	const add = (key: string | null, commitment: CommitmentSummary) => groups.set(key, [...(groups.get(key) ?? []), commitment]);
	for (const commitment of commitments) {
		let keys: string[];
		const all = [...commitment.tags, ...commitment.impliedTags];
		if (by === 'right') keys = all.filter((code) => code.startsWith('udhr:'));
		else if (by === 'principle') keys = all.filter((code) => code.startsWith('gwangju:'));
		else if (by === 'sdg') keys = [...new Set(all.filter((code) => code.startsWith('sdg:')).map((code) => code.split('.')[0]!))];
		else if (by === 'department') keys = commitment.departmentIds;
		else keys = commitment.planId ? [commitment.planId] : [];
		if (keys.length === 0) add(null, commitment);
		for (const key of keys) add(key, commitment);
	}
	const position = (key: string): number => {
		if (by === 'department') return order.departments?.findIndex((department) => department.id === key) ?? 0;
		if (by === 'plan') return order.plans?.findIndex((plan) => plan.id === key) ?? 0;
		return 0;
	};
	return [...groups.entries()]
		.map(([key, list]) => ({ key, commitments: list }))
		.sort((a, b) => {
			if (a.key === null) return 1;
			if (b.key === null) return -1;
			return by === 'department' || by === 'plan' ? position(a.key) - position(b.key) : compareCodes(a.key, b.key);
		});
}

export interface ActionNode {
	action: Action;
	depth: number;
	/** Rolled-up progress (own progress for a leaf). */
	progress: number;
	overdue: boolean;
}

/** Actions in tree order (parents before children, siblings by position), with depth and roll-up. */
export function actionTree(actions: readonly Action[], method: ActionPlan['rollup'], today: string, rolled?: Map<string, number>): ActionNode[] {
	const values = rolled ?? rollUp(actions.map((action) => ({ id: action.id, parentId: action.parentId, progress: action.progress, weight: action.weight, status: action.status })), method);
	const ids = new Set(actions.map((action) => action.id));
	const children = new Map<string | null, Action[]>();
	for (const action of actions) {
		const parent = action.parentId && ids.has(action.parentId) ? action.parentId : null;
		children.set(parent, [...(children.get(parent) ?? []), action]);
	}
	const result: ActionNode[] = [];
	const seen = new Set<string>();
	const walk = (parent: string | null, depth: number) => {
		for (const action of (children.get(parent) ?? []).sort((a, b) => a.position - b.position || a.id.localeCompare(b.id))) {
			if (seen.has(action.id)) continue;
			seen.add(action.id);
			result.push({ action, depth, progress: values.get(action.id) ?? action.progress, overdue: isOverdue(action, today) });
			walk(action.id, depth + 1);
		}
	};
	walk(null, 0);
	return result;
}

export interface CommitmentDetail {
	commitment: Commitment;
	plan: ActionPlan | undefined;
	declaration: Declaration | undefined;
	departments: Department[];
	actions: ActionNode[];
	summary: ProgressSummary;
	/** Ledger entries of the commitment and its actions, newest first (at most 100). */
	history: LedgerEntry[];
}

export async function loadCommitment(db: Db, cityId: string, ref: string, today: string = todayIso()): Promise<CommitmentDetail> {
	const commitment = await getCommitmentByRef(db, cityId, ref);
	const [plan, declarations, departments, actions] = await Promise.all([
		commitment.planId ? getPlan(db, cityId, commitment.planId) : Promise.resolve(undefined),
		listDeclarations(db, cityId),
		listDepartments(db, cityId),
		listActions(db, cityId, { commitmentIds: [commitment.id] })
	]);
	const method = plan?.rollup ?? 'weighted';
	// Roll up over the whole plan, so a child in another commitment still counts for its parent
	// (the roll-up needs only the skeleton columns, not thousands of full rows).
	const planActions = plan ? await actionsRepository.listActionSkeletons(db, cityId, plan.id) : [];
	const rolled = rollUp(
		plan
			? planActions.map((row) => ({ id: row.id, parentId: row.parent_id, progress: Number(row.progress), weight: Number(row.weight), status: row.status }))
			: actions.map((action) => ({ id: action.id, parentId: action.parentId, progress: action.progress, weight: action.weight, status: action.status })),
		method
	);
	const nodes = actionTree(actions, method, today, rolled);
	const memberIds = new Set(actions.map((action) => action.id));
	const skeletons: Skeleton[] = actions.map((action) => ({ id: action.id, parentId: action.parentId, progress: action.progress, weight: action.weight, status: action.status, planId: action.planId, commitmentId: action.commitmentId, dueDate: action.dueDate }));
	const tops = skeletons.filter((action) => !action.parentId || !memberIds.has(action.parentId));
	const history = await recentHistoryOf(db, cityId, [commitment.id, ...actions.map((action) => action.id)], 100);
	return {
		commitment,
		plan,
		declaration: declarations.find((declaration) => declaration.id === (commitment.declarationId ?? plan?.declarationId)),
		departments,
		actions: nodes,
		summary: summarise(skeletons, tops, rolled, method, today),
		history
	};
}

export interface TimelineItem {
	date: string;
	kind: 'start' | 'due' | 'milestone_due' | 'milestone_done' | 'update';
	milestone?: Milestone;
	update?: ProgressUpdate;
}

export interface ActionDetail {
	action: Action;
	plan: ActionPlan;
	commitment: Commitment | undefined;
	parent: Pick<Action, 'ref' | 'title'> | undefined;
	children: ActionNode[];
	departments: Department[];
	leadOfficer: { displayName: string } | undefined;
	milestones: Milestone[];
	updates: ProgressUpdate[];
	progress: number;
	overdue: boolean;
	/** Dates of the action, its milestones and its updates, oldest first. */
	timeline: TimelineItem[];
	/** Ledger entries of the action, its milestones and its updates, newest first (at most 200). */
	history: LedgerEntry[];
}

export async function loadAction(db: Db, cityId: string, ref: string, today: string = todayIso()): Promise<ActionDetail> {
	const action = await getActionByRef(db, cityId, ref);
	const [plan, departments, outline, milestoneRows, updates, staff] = await Promise.all([
		getPlan(db, cityId, action.planId),
		listDepartments(db, cityId),
		// The roll-up needs the whole plan, but only as an outline (a plan may have thousands of actions).
		outlineRepository.listActionOutline(db, cityId, action.planId),
		actionsRepository.listMilestones(db, cityId, [action.id]),
		listProgressUpdates(db, cityId, action.id),
		action.leadOfficerId ? listCityStaff(db, cityId) : Promise.resolve([])
	]);
	const commitmentRow = action.commitmentId ? await plansRepository.findCommitment(db, cityId, action.commitmentId) : undefined;
	const commitment = commitmentRow ? await getCommitmentByRef(db, cityId, commitmentRow.ref) : undefined;
	const rolled = rollUp(outline.map((row) => ({ id: row.id, parentId: row.parent_id, progress: Number(row.progress), weight: Number(row.weight), status: row.status })), plan.rollup);
	// Full rows only for the action's own branch and its parent.
	const branch = descendantsOf(outline.map((row) => ({ id: row.id, parentId: row.parent_id })), action.id);
	const full = new Map((await listActions(db, cityId, { ids: [...branch.map((item) => item.id), ...(action.parentId ? [action.parentId] : [])] })).map((item) => [item.id, item]));
	const children: ActionNode[] = branch.flatMap(({ id, depth }) => {
		const item = full.get(id);
		return item ? [{ action: item, depth, progress: rolled.get(id) ?? item.progress, overdue: isOverdue(item, today) }] : [];
	});
	const parentAction = action.parentId ? full.get(action.parentId) : undefined;
	const milestones = milestoneRows.map(toMilestone);
	const timeline: TimelineItem[] = [];
	if (action.startDate) timeline.push({ date: action.startDate, kind: 'start' });
	if (action.dueDate) timeline.push({ date: action.dueDate, kind: 'due' });
	for (const milestone of milestones) timeline.push({ date: milestone.doneOn ?? milestone.dueDate, kind: milestone.doneOn ? 'milestone_done' : 'milestone_due', milestone });
	for (const update of updates) timeline.push({ date: update.reportedOn, kind: 'update', update });
	timeline.sort((a, b) => a.date.localeCompare(b.date));
	// Milestones and updates are recorded under the action's reference, so withdrawn ones still show.
	const history = (await readLedgerPage(db, cityId, { entityRef: action.ref }, undefined, 200)).entries;
	const lead = staff.find((person) => person.id === action.leadOfficerId);
	return {
		action,
		plan,
		commitment,
		parent: parentAction ? { ref: parentAction.ref, title: parentAction.title } : undefined,
		children,
		departments: departments.filter((department) => action.departmentIds.includes(department.id)),
		leadOfficer: lead ? { displayName: lead.display_name } : undefined,
		milestones,
		updates,
		progress: rolled.get(action.id) ?? action.progress,
		overdue: isOverdue(action, today),
		timeline,
		history
	};
}
