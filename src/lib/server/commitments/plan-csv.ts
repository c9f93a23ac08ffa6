/**
 * The CSV form of a whole action plan, one row per commitment, action or milestone (`kind`):
 * its columns, the header check, the problem list and the cells the export writes. Reading the
 * rows into a draft is in plan-csv-draft.ts; the use cases in plan-csv.service.ts.
 *
 * Columns (any order; the export writes them in this order; UTF-8 with a BOM, CRLF; read and
 * written by the CSV module, src/lib/server/csv):
 *
 *   kind                 `commitment`, `action` or `milestone`
 *   ref                  C-12 (commitment) or A-2025-014 (action); kept on import when free in the
 *                        city, else renumbered (children follow); empty = give it the next number.
 *                        Milestones have none.
 *   parent_ref           action: its parent action; milestone: its action (a row of the file, or
 *                        an action already in this plan — never one of another plan)
 *   commitment_ref       action: the commitment it serves (a row of the file, or a commitment of
 *                        the city's declaration)
 *   title_<locale>       one column per UI locale: title_en, title_es, title_fr, title_ko, title_sv,
 *   description_<locale> title_ar (and the same for description and status_reason); an empty cell
 *   status_reason_<locale> means no text in that language. Only title needs one language at least.
 *   duty                 commitment: duty:respect | duty:protect | duty:fulfil, or empty
 *   groups               commitment: population groups separated by `;` (women;children)
 *   tags                 commitment: framework codes separated by `;` (udhr:25;sdg:11.1); a target
 *                        implies its goal, so goals implied are not written
 *   departments          action: department codes separated by `;` (housing;equality)
 *   lead_officer_email   action: the e-mail address of an officer or admin of the city
 *   budget_amount        action: a number with a dot for decimals (250000.50), no thousands separator
 *   budget_currency      action: ISO 4217 code (EUR, GBP, KRW)
 *   start_date, due_date action (due_date also milestone): YYYY-MM-DD
 *   done_on              milestone: YYYY-MM-DD when it was reached, or empty
 *   status               action: planned | in_progress | completed | delayed | cancelled (empty = planned)
 *   progress             action: its own progress, a whole number 0–100 (empty = 0); roll-ups are computed
 *   weight               action: its weight in the parent's weighted roll-up (empty = 1)
 *
 * Every plain column must be in the header; of the per-locale columns, at least one title_*.
 * A cell in a column that does not apply to the row's kind must be empty. Text that starts with
 * = + - @, a tab or a CR is written with a leading apostrophe (`guardFormula`, so spreadsheets do
 * not run it as a formula); reading drops that apostrophe again.
 *
 * Milestones, their dates and progress updates of the plan's history: milestones are carried
 * (rows of kind `milestone`); progress updates and their evidence are not — they are records of
 * what happened, kept with the ledger, not part of the plan.
 */
import { LOCALES } from '../../i18n/locales.ts';
import type { LocalizedText } from '../../i18n/localized-text.ts';
import { guardFormula, type CsvErrorCode, type CsvHeader } from '../csv/index.ts';

export const PLAN_ROW_KINDS = ['commitment', 'action', 'milestone'] as const;
export type PlanRowKind = (typeof PLAN_ROW_KINDS)[number];

export const TEXT_FAMILIES = ['title', 'description', 'status_reason'] as const;
export type TextFamily = (typeof TEXT_FAMILIES)[number];
const localized = (family: TextFamily) => LOCALES.map((locale) => `${family}_${locale}`);

/** Every column, in the order the export writes them. */
export const PLAN_CSV_COLUMNS: readonly string[] = [
	'kind',
	'ref',
	'parent_ref',
	'commitment_ref',
	...localized('title'),
	...localized('description'),
	'duty',
	'groups',
	'tags',
	'departments',
	'lead_officer_email',
	'budget_amount',
	'budget_currency',
	'start_date',
	'due_date',
	'done_on',
	'status',
	...localized('status_reason'),
	'progress',
	'weight'
];

/** Which columns (plain names and text families) apply to each kind of row. */
export const KIND_COLUMNS: Record<PlanRowKind, ReadonlySet<string>> = {
	commitment: new Set(['kind', 'ref', 'title', 'description', 'duty', 'groups', 'tags']),
	action: new Set(['kind', 'ref', 'parent_ref', 'commitment_ref', 'title', 'description', 'departments', 'lead_officer_email', 'budget_amount', 'budget_currency', 'start_date', 'due_date', 'status', 'status_reason', 'progress', 'weight']),
	milestone: new Set(['kind', 'parent_ref', 'title', 'due_date', 'done_on'])
};

/** The family of a per-locale column (`title_ko` → `title`), else the column itself. */
export function familyOf(column: string): string {
	for (const family of TEXT_FAMILIES) if (column.startsWith(`${family}_`) && (LOCALES as readonly string[]).includes(column.slice(family.length + 1))) return family;
	return column;
}

/** The plain (one per row, not per locale) columns; every one must be in the header. */
export const PLAIN_COLUMNS: readonly string[] = PLAN_CSV_COLUMNS.filter((column) => familyOf(column) === column);

/** One problem of the file: 1-based record number (the header is row 1), column, rule, the cell. */
export interface PlanCsvError {
	row: number;
	column: string;
	rule: string;
	value?: string;
}

export const MAX_REPORTED_ERRORS = 100;

/** Collects problems up to a cap, counting all of them. */
export class PlanCsvProblems {
	readonly list: PlanCsvError[] = [];
	total = 0;
	add(row: number, column: string, rule: string, value?: string): void {
		this.total += 1;
		if (this.list.length >= MAX_REPORTED_ERRORS) return;
		const problem: PlanCsvError = { row, column, rule };
		if (value) problem.value = value.length > 80 ? `${value.slice(0, 79)}…` : value;
		this.list.push(problem);
	}
	get empty(): boolean {
		return this.total === 0;
	}
}

/** A row of the file by column name (columns missing from the header read as empty). */
export type PlanCsvCells = Record<string, string>;

/**
 * Checks the header (record `row`, normally 1): every plain column, at least one title column,
 * no unknown or repeated ones.
 */
export function checkHeader(header: CsvHeader, problems: PlanCsvProblems, row = 1): boolean {
	const before = problems.total;
	// Spreadsheets set to a comma-decimal language save "CSV" with semicolons: say so, not 37 column errors.
	if (header.length === 1 && header.names[0]!.includes(';')) {
		problems.add(row, 'kind', 'separator_semicolon', header.names[0]!.slice(0, 40));
		return false;
	}
	for (const { field, name, problem } of header.check(PLAN_CSV_COLUMNS, PLAIN_COLUMNS)) {
		problems.add(row, name, `column_${problem}`, problem === 'unknown' ? header.names[field!] : undefined);
	}
	if (!localized('title').some((column) => header.has(column))) problems.add(row, 'title_en', 'column_missing');
	return problems.total === before;
}

/** The rule a problem of the CSV reader is reported under (messages `cadmin_csv_rule_<rule>`). */
export const CSV_RULES: Record<CsvErrorCode, string> = {
	csv_invalid_utf8: 'encoding_invalid',
	csv_unclosed_quote: 'quote_unterminated',
	csv_stray_quote: 'quote_stray',
	csv_field_too_long: 'field_too_long',
	csv_row_too_long: 'row_too_long',
	csv_control_character: 'control_character'
};

function writeText(text: LocalizedText, family: TextFamily): PlanCsvCells {
	return Object.fromEntries(LOCALES.map((locale) => [`${family}_${locale}`, guardFormula(text[locale] ?? '')]));
}

/** A `;`-separated list, trimmed, empty items dropped. */
export function splitList(cell: string | undefined): string[] {
	return (cell ?? '')
		.split(';')
		.map((item) => item.trim())
		.filter(Boolean);
}

/** The cells of a commitment row. */
export function commitmentCells(commitment: { ref: string; title: LocalizedText; description: LocalizedText; duty: string | null; groups: string[]; tags: string[] }): PlanCsvCells {
	return {
		kind: 'commitment',
		ref: commitment.ref,
		...writeText(commitment.title, 'title'),
		...writeText(commitment.description, 'description'),
		duty: commitment.duty ?? '',
		groups: commitment.groups.join(';'),
		tags: commitment.tags.join(';')
	};
}

export interface ActionCellsInput {
	ref: string;
	parentRef: string | null;
	commitmentRef: string | null;
	title: LocalizedText;
	description: LocalizedText;
	departmentCodes: string[];
	leadOfficerEmail: string | null;
	budgetAmount: number | null;
	budgetCurrency: string | null;
	startDate: string | null;
	dueDate: string | null;
	status: string;
	statusReason: LocalizedText;
	progress: number;
	weight: number;
}

/** The cells of an action row. */
export function actionCells(action: ActionCellsInput): PlanCsvCells {
	return {
		kind: 'action',
		ref: action.ref,
		parent_ref: action.parentRef ?? '',
		commitment_ref: action.commitmentRef ?? '',
		...writeText(action.title, 'title'),
		...writeText(action.description, 'description'),
		departments: action.departmentCodes.join(';'),
		lead_officer_email: action.leadOfficerEmail ?? '',
		budget_amount: action.budgetAmount === null ? '' : String(action.budgetAmount),
		budget_currency: action.budgetAmount === null ? '' : (action.budgetCurrency ?? ''),
		start_date: action.startDate ?? '',
		due_date: action.dueDate ?? '',
		status: action.status,
		...writeText(action.statusReason, 'status_reason'),
		progress: String(action.progress),
		weight: String(action.weight)
	};
}

/** The cells of a milestone row. */
export function milestoneCells(milestone: { actionRef: string; title: LocalizedText; dueDate: string; doneOn: string | null }): PlanCsvCells {
	return { kind: 'milestone', parent_ref: milestone.actionRef, ...writeText(milestone.title, 'title'), due_date: milestone.dueDate, done_on: milestone.doneOn ?? '' };
}

/** A row's cells in the export's column order. */
export function orderedCells(cells: PlanCsvCells): string[] {
	return PLAN_CSV_COLUMNS.map((column) => cells[column] ?? '');
}
