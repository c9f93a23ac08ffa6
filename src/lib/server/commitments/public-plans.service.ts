/**
 * What the public plan and declaration pages read: one action plan with its whole action tree
 * (rolled up), its commitments and its progress summary; one declaration with the plans and
 * commitments that carry it out. Read-only and public, like accountability.service.ts.
 *
 * @example
 *   const view = await loadPlan(db, cityId, 'P-1');
 *   view.summary.progress; // 42.5
 */
import type { Db } from '../db/database.ts';
import { DomainError } from '../errors.ts';
import { parseLocalizedText, type LocalizedText } from '../../i18n/localized-text.ts';
import type { ActionStatus } from './commitments.tables.ts';
import type { ActionPlan, Commitment, Declaration, Department } from './commitments.types.ts';
import { listDeclarations, listDepartments } from './declarations.service.ts';
import { getPlanByRef, listCommitments, listPlans } from './plans.service.ts';
import { listActionDepartments } from './actions.repository.ts';
import * as repository from './outline.repository.ts';
import { isOverdue, rollUp, todayIso } from './rollup.ts';
import { outlineOrder } from './outline.ts';
import { summarise, type ProgressSummary, type Skeleton } from './accountability.service.ts';

/** An action in a plan's outline: enough for its tree, roll-up and flags, without its texts. */
export interface OutlineNode {
	id: string;
	ref: string;
	parentId: string | null;
	status: ActionStatus;
	/** Rolled-up progress (own progress for a leaf). */
	progress: number;
	dueDate: string | null;
	overdue: boolean;
	depth: number;
}

export interface PlanDetail {
	plan: ActionPlan;
	declaration: Declaration | undefined;
	commitments: Pick<Commitment, 'id' | 'ref' | 'title'>[];
	departments: Department[];
	/** Every live action of the plan in tree order (parents first, siblings by position), rolled up. */
	actions: OutlineNode[];
	summary: ProgressSummary;
}

export async function loadPlan(db: Db, cityId: string, ref: string, today: string = todayIso()): Promise<PlanDetail> {
	const plan = await getPlanByRef(db, cityId, ref);
	const [declarations, departments, commitments, rows] = await Promise.all([
		plan.declarationId ? listDeclarations(db, cityId) : Promise.resolve([]),
		listDepartments(db, cityId),
		listCommitments(db, cityId, { planId: plan.id }),
		repository.listActionOutline(db, cityId, plan.id)
	]);
	const skeletons: (Skeleton & { ref: string })[] = rows.map((row) => ({
		id: row.id,
		ref: row.ref,
		parentId: row.parent_id,
		progress: Number(row.progress),
		weight: Number(row.weight),
		status: row.status,
		planId: plan.id,
		commitmentId: row.commitment_id,
		dueDate: row.due_date
	}));
	const rolled = rollUp(skeletons, plan.rollup);
	const ids = new Set(skeletons.map((action) => action.id));
	const tops = skeletons.filter((action) => !action.parentId || !ids.has(action.parentId));
	return {
		plan,
		declaration: declarations.find((declaration) => declaration.id === plan.declarationId),
		commitments: commitments.map((commitment) => ({ id: commitment.id, ref: commitment.ref, title: commitment.title })),
		departments,
		actions: outlineOrder(skeletons).map(({ node, depth }) => ({
			id: node.id,
			ref: node.ref,
			parentId: node.parentId,
			status: node.status,
			progress: rolled.get(node.id) ?? node.progress,
			dueDate: node.dueDate,
			overdue: isOverdue(node, today),
			depth
		})),
		summary: summarise(skeletons, tops, rolled, plan.rollup, today)
	};
}

/** Titles and departments of the actions on the page shown (a plan's outline has neither). */
export async function loadActionLabels(db: Db, cityId: string, ids: readonly string[]): Promise<Map<string, { title: LocalizedText; departmentIds: string[] }>> {
	if (ids.length === 0) return new Map();
	const [titles, links] = await Promise.all([repository.listActionTitles(db, cityId, ids), listActionDepartments(db, cityId, [...ids])]);
	const labels = new Map(titles.map((row) => [row.id, { title: parseLocalizedText(row.title), departmentIds: [] as string[] }]));
	for (const link of links) labels.get(link.action_id)?.departmentIds.push(link.department_id);
	return labels;
}

export interface DeclarationDetail {
	declaration: Declaration;
	/** Plans that carry the declaration out. */
	plans: Pick<ActionPlan, 'ref' | 'title' | 'periodStart' | 'periodEnd'>[];
	/** Commitments made in the declaration itself or in one of its plans. */
	commitments: Pick<Commitment, 'ref' | 'title'>[];
}

/** A live declaration by its public reference (`D-1`), with its plans and commitments. */
export async function loadDeclaration(db: Db, cityId: string, ref: string): Promise<DeclarationDetail> {
	const declaration = (await listDeclarations(db, cityId)).find((item) => item.ref === ref);
	if (!declaration) throw new DomainError('declaration_not_found', 'declaration_not_found');
	const plans = (await listPlans(db, cityId)).filter((plan) => plan.declarationId === declaration.id);
	const planIds = new Set(plans.map((plan) => plan.id));
	const commitments = (await listCommitments(db, cityId)).filter(
		(commitment) => commitment.declarationId === declaration.id || (commitment.planId !== null && planIds.has(commitment.planId))
	);
	return {
		declaration,
		plans: plans.map((plan) => ({ ref: plan.ref, title: plan.title, periodStart: plan.periodStart, periodEnd: plan.periodEnd })),
		commitments: commitments.map((commitment) => ({ ref: commitment.ref, title: commitment.title }))
	};
}
