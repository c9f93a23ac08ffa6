/**
 * Reading the rows of a plan CSV (format in plan-csv.ts) into a draft plan, each row checked on
 * its own: its kind, that it fills only its kind's columns, its ref, and its values against the
 * same schemas as the admin forms, each problem reported at its column. References between rows
 * and to the city are checked later (plan-csv.service.ts), against the database.
 *
 * @example
 *   const problems = new PlanCsvProblems();
 *   const draft = draftPlan([{ row: 2, cells: { kind: 'action', title_en: 'Advice desk', progress: '120' } }], problems);
 *   // problems.list → [{ row: 2, column: 'progress', rule: 'progress_range', value: '120' }]
 */
import type { z } from 'zod';
import { LOCALES } from '../../i18n/locales.ts';
import { actionInputSchema, commitmentInputSchema, milestoneInputSchema } from './commitments.schema.ts';
import { unguardFormula } from '../csv/index.ts';
import { familyOf, KIND_COLUMNS, PLAN_ROW_KINDS, splitList, TEXT_FAMILIES, type PlanCsvCells, type PlanCsvProblems, type PlanRowKind, type TextFamily } from './plan-csv.ts';

function readText(cells: PlanCsvCells, family: TextFamily): Record<string, string> {
	const texts: Record<string, string> = {};
	for (const locale of LOCALES) {
		const cell = cells[`${family}_${locale}`];
		if (cell) texts[locale] = unguardFormula(cell);
	}
	return texts;
}

const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/** A number cell: empty → undefined (the schema's default), a number, or the text itself (the schema refuses it by rule). */
function readNumber(cell: string | undefined): number | string | undefined {
	const text = (cell ?? '').trim();
	if (!text) return undefined;
	return NUMBER.test(text) ? Number(text) : text;
}

/** Where a field of the forms' schemas sits in the file. */
export const FIELD_COLUMN: Record<string, string> = {
	parentId: 'parent_ref',
	commitmentId: 'commitment_ref',
	title: 'title',
	description: 'description',
	statusReason: 'status_reason',
	duty: 'duty',
	groups: 'groups',
	tags: 'tags',
	departmentIds: 'departments',
	leadOfficerId: 'lead_officer_email',
	budgetAmount: 'budget_amount',
	budgetCurrency: 'budget_currency',
	startDate: 'start_date',
	dueDate: 'due_date',
	doneOn: 'done_on',
	status: 'status',
	progress: 'progress',
	weight: 'weight'
};

/**
 * Validates one row's values with a form schema and reports each problem at its column (a
 * per-locale text at its locale's column, a list item with the item as the value). The rule
 * is the schema's, as `validateInput` gives it.
 */
function validateRow<S extends z.ZodType>(schema: S, input: Record<string, unknown>, row: number, cells: PlanCsvCells, problems: PlanCsvProblems): z.output<S> | undefined {
	const result = schema.safeParse(input);
	if (result.success) return result.data;
	const reported = new Set<string>();
	for (const issue of result.error.issues) {
		const field = issue.path.length ? String(issue.path[0]) : 'form';
		const rule = /^[a-z_0-9]+$/.test(issue.message) ? issue.message : issue.code === 'invalid_type' ? 'required' : 'invalid';
		let column = FIELD_COLUMN[field] ?? field;
		let value: string | undefined;
		if ((TEXT_FAMILIES as readonly string[]).includes(column)) {
			const locale = typeof issue.path[1] === 'string' ? issue.path[1] : undefined;
			column = locale ? `${column}_${locale}` : `${column}_en`;
			value = cells[column];
		} else if (typeof issue.path[1] === 'number') {
			const item = (input[field] as unknown[] | undefined)?.[issue.path[1]];
			value = typeof item === 'string' ? item : undefined;
		} else value = cells[column];
		const key = `${column}:${rule}`;
		if (reported.has(key)) continue;
		reported.add(key);
		problems.add(row, column, rule, value);
	}
	return undefined;
}

export interface DraftCommitment {
	row: number;
	ref: string | null;
	title: Record<string, string>;
	description: Record<string, string>;
	duty: string | null;
	groups: string[];
	tags: string[];
}

export interface DraftAction {
	row: number;
	ref: string | null;
	parentRef: string | null;
	commitmentRef: string | null;
	departmentCodes: string[];
	leadOfficerEmail: string | null;
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

export interface DraftMilestone {
	row: number;
	actionRef: string;
	title: Record<string, string>;
	dueDate: string;
	doneOn: string | null;
}

/** A plan as read from the file, every row valid on its own; references still to resolve. */
export interface PlanDraft {
	commitments: DraftCommitment[];
	actions: DraftAction[];
	milestones: DraftMilestone[];
}

const COMMITMENT_REF = /^C-\d{1,6}$/;
const ACTION_REF = /^A-\d{4}-\d{1,6}$/;

/**
 * Reads the rows after the header into a draft, checking each row on its own: its kind, that
 * it fills only its kind's columns, its ref, and its values against the form schemas.
 */
export function draftPlan(rows: Iterable<{ row: number; cells: PlanCsvCells }>, problems: PlanCsvProblems): PlanDraft {
	const draft: PlanDraft = { commitments: [], actions: [], milestones: [] };
	const refs = new Map<string, number>();
	for (const { row, cells } of rows) {
		const kind = cells.kind?.trim() as PlanRowKind;
		if (!PLAN_ROW_KINDS.includes(kind)) {
			problems.add(row, 'kind', cells.kind ? 'kind_invalid' : 'required', cells.kind);
			continue;
		}
		const allowed = KIND_COLUMNS[kind];
		for (const [column, value] of Object.entries(cells)) if (value.trim() && !allowed.has(familyOf(column))) problems.add(row, column, 'column_not_for_kind', value);
		const ref = kind === 'milestone' ? null : cells.ref?.trim() || null;
		if (ref) {
			if (!(kind === 'commitment' ? COMMITMENT_REF : ACTION_REF).test(ref)) problems.add(row, 'ref', 'ref_invalid', ref);
			else if (refs.has(ref)) problems.add(row, 'ref', 'ref_duplicate', ref);
			refs.set(ref, row);
		}
		const title = readText(cells, 'title');
		const description = readText(cells, 'description');
		if (kind === 'commitment') {
			const input = { title, description, planId: 'plan', duty: cells.duty?.trim() || null, groups: splitList(cells.groups), tags: splitList(cells.tags) };
			const valid = validateRow(commitmentInputSchema, input, row, cells, problems);
			if (valid) draft.commitments.push({ row, ref, title: valid.title, description: valid.description, duty: valid.duty, groups: [...new Set(valid.groups)], tags: [...new Set(valid.tags)] });
		} else if (kind === 'action') {
			const input = {
				planId: 'plan',
				title,
				description,
				departmentIds: splitList(cells.departments),
				leadOfficerId: cells.lead_officer_email?.trim() || null,
				budgetAmount: readNumber(cells.budget_amount) ?? null,
				budgetCurrency: cells.budget_currency?.trim() || null,
				startDate: cells.start_date?.trim() || null,
				dueDate: cells.due_date?.trim() || null,
				status: cells.status?.trim() || undefined,
				statusReason: readText(cells, 'status_reason'),
				progress: readNumber(cells.progress),
				weight: readNumber(cells.weight)
			};
			const valid = validateRow(actionInputSchema, input, row, cells, problems);
			if (valid) {
				draft.actions.push({
					row,
					ref,
					parentRef: cells.parent_ref?.trim() || null,
					commitmentRef: cells.commitment_ref?.trim() || null,
					departmentCodes: [...new Set(valid.departmentIds)],
					leadOfficerEmail: valid.leadOfficerId,
					title: valid.title,
					description: valid.description,
					budgetAmount: valid.budgetAmount,
					budgetCurrency: valid.budgetAmount === null ? null : valid.budgetCurrency,
					startDate: valid.startDate,
					dueDate: valid.dueDate,
					status: valid.status,
					statusReason: valid.statusReason,
					progress: valid.progress,
					weight: valid.weight
				});
			}
		} else {
			const actionRef = cells.parent_ref?.trim() || null;
			if (!actionRef) problems.add(row, 'parent_ref', 'parent_required');
			const valid = validateRow(milestoneInputSchema, { title, dueDate: cells.due_date?.trim() || undefined, doneOn: cells.done_on?.trim() || null }, row, cells, problems);
			if (valid && actionRef) draft.milestones.push({ row, actionRef, title: valid.title, dueDate: valid.dueDate, doneOn: valid.doneOn });
		}
	}
	return draft;
}
