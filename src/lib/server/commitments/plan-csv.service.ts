/**
 * Use cases of the action-plan CSV (format in plan-csv.ts): export a whole plan, and import one
 * into an empty plan of the city — all or nothing. Every row is checked with the forms' schemas
 * and against the other rows and the city (parents, commitments, departments, officers, tags);
 * the problems come back as one `import_invalid` error with a capped list of
 * `{ row, column, rule, value }` (`details.rows`, `details.total`), and nothing is written.
 * Otherwise the rows are written in one transaction with their ledger entries.
 *
 * A plan is public, so anyone may export it; the lead officers' e-mail addresses are only in the
 * export for those who manage the city's commitments (and the operator at the CLI).
 *
 * @example
 *   const { fileName, chunks } = await exportPlanCsv(db, actor, cityId, planId);
 *   const result = await importPlanCsv(db, actor, cityId, emptyPlanId, bytes); // { commitments: 5, actions: 20, milestones: 8, renumbered: [] }
 */
import type { Db } from '../db/database.ts';
import { emailsOf, listCityStaff, type MaybeActor } from '../accounts/index.ts';
import { DomainError, forbidden } from '../errors.ts';
import { uuidv7 } from '../db/ids.ts';
import { inTransaction } from '../db/transaction.ts';
import { findFrameworkCodes } from '../frameworks/index.ts';
import * as commitmentsRepository from './commitments.repository.ts';
import * as actionsRepository from './actions.repository.ts';
import * as repository from './plan-csv.repository.ts';
import { canManageCommitments } from './commitments.policy.ts';
import { claimPlan, createCommitments, getPlan, listCommitments, type NewCommitment } from './plans.service.ts';
import { addMilestones, createActions, listActions, type NewAction, type NewMilestone } from './actions.service.ts';
import { batchProblemsOf } from '../batch-problems.ts';
import { parentCycles } from './parent-cycles.ts';
import { toMilestone } from './mappers.ts';
import { BOM, CsvError, CsvHeader, csvRow, readCsvSync } from '../csv/index.ts';
import {
	actionCells,
	checkHeader,
	commitmentCells,
	CSV_RULES,
	milestoneCells,
	orderedCells,
	PLAN_CSV_COLUMNS,
	PlanCsvProblems,
	type PlanCsvCells,
	type PlanCsvError
} from './plan-csv.ts';
import { draftPlan, FIELD_COLUMN, type PlanDraft } from './plan-csv-draft.ts';
import type { ActionPlan } from './commitments.types.ts';
import { TAG_SCHEMES } from './vocabulary.ts';


export interface PlanCsvExport {
	plan: ActionPlan;
	/** `P-1.csv` (the route may add the city). */
	fileName: string;
	/** The file in pieces of a few hundred rows, BOM first. */
	chunks: () => Generator<string>;
	counts: { commitments: number; actions: number; milestones: number };
}

export interface PlanImportResult {
	commitments: number;
	actions: number;
	milestones: number;
	/** Refs of the file already used in the city, and the refs the rows got instead. */
	renumbered: { from: string; to: string }[];
}

const CHUNK_ROWS = 250;

export async function exportPlanCsv(db: Db, actor: MaybeActor, cityId: string, planId: string): Promise<PlanCsvExport> {
	const plan = await getPlan(db, cityId, planId);
	const withEmails = canManageCommitments(actor, cityId);
	const [commitments, actions, departments, milestones] = await Promise.all([
		listCommitments(db, cityId, { planId }),
		listActions(db, cityId, { planId }),
		commitmentsRepository.listDepartments(db, cityId),
		repository.listPlanMilestones(db, cityId, planId)
	]);
	const departmentCode = new Map(departments.map((department) => [department.id, department.code]));
	const actionRef = new Map(actions.map((action) => [action.id, action.ref]));
	const commitmentRef = new Map(commitments.map((commitment) => [commitment.id, commitment.ref]));
	const outside = [...new Set(actions.map((action) => action.commitmentId).filter((id): id is string => id !== null && !commitmentRef.has(id)))];
	for (const row of await repository.commitmentRefsByIds(db, cityId, outside)) commitmentRef.set(row.id, row.ref);
	const emails = withEmails ? await emailsOf(db, [...new Set(actions.map((action) => action.leadOfficerId).filter((id): id is string => id !== null))]) : new Map<string, string>();
	const milestonesOf = new Map<string, ReturnType<typeof toMilestone>[]>();
	for (const row of milestones) milestonesOf.set(row.action_id, [...(milestonesOf.get(row.action_id) ?? []), toMilestone(row)]);

	function* rows(): Generator<PlanCsvCells> {
		for (const commitment of commitments) yield commitmentCells(commitment);
		for (const action of actions) {
			yield actionCells({
				...action,
				parentRef: action.parentId ? (actionRef.get(action.parentId) ?? null) : null,
				commitmentRef: action.commitmentId ? (commitmentRef.get(action.commitmentId) ?? null) : null,
				departmentCodes: action.departmentIds.map((id) => departmentCode.get(id)).filter((code): code is string => Boolean(code)),
				leadOfficerEmail: action.leadOfficerId ? (emails.get(action.leadOfficerId) ?? null) : null
			});
			for (const milestone of milestonesOf.get(action.id) ?? []) yield milestoneCells({ ...milestone, actionRef: action.ref });
		}
	}
	function* chunks(): Generator<string> {
		let chunk = BOM + csvRow(PLAN_CSV_COLUMNS);
		let count = 0;
		for (const cells of rows()) {
			chunk += csvRow(orderedCells(cells));
			count += 1;
			if (count % CHUNK_ROWS === 0) {
				yield chunk;
				chunk = '';
			}
		}
		if (chunk) yield chunk;
	}
	return { plan, fileName: `${plan.ref}.csv`, chunks, counts: { commitments: commitments.length, actions: actions.length, milestones: milestones.length } };
}

function invalidFile(problems: PlanCsvProblems): DomainError {
	const first = problems.list[0];
	return new DomainError('import_invalid', 'plan_csv_invalid', { field: 'file', rule: 'csv_invalid', rows: problems.list, total: problems.total, first });
}

/**
 * Reads and checks the file on its own (encoding, syntax, header, each row); throws
 * `import_invalid`. Rows before a syntax problem are checked too, so one upload lists them all.
 */
export function readPlanCsv(file: Uint8Array | string): PlanDraft {
	const problems = new PlanCsvProblems();
	let header: CsvHeader | undefined;
	let dataRows = 0;
	function* rows(): Generator<{ row: number; cells: PlanCsvCells }> {
		for (const { row, fields } of readCsvSync(file)) {
			if (fields.length === 1 && fields[0]!.trim() === '') continue;
			if (header === undefined) {
				header = new CsvHeader(fields);
				if (!checkHeader(header, problems, row)) return;
				continue;
			}
			if (fields.length !== header.length) {
				problems.add(row, header.nameOf(fields.length), 'field_count', String(fields.length));
				continue;
			}
			dataRows += 1;
			yield { row, cells: header.cellsOf(fields) };
		}
	}
	let draft: PlanDraft = { commitments: [], actions: [], milestones: [] };
	try {
		draft = draftPlan(rows(), problems);
	} catch (error) {
		if (!(error instanceof CsvError)) throw error;
		problems.add(error.row, header?.nameOf(error.field) ?? `#${error.field + 1}`, CSV_RULES[error.code], error.value);
	}
	if (problems.empty && header === undefined) problems.add(1, 'kind', 'file_empty');
	else if (problems.empty && dataRows === 0) problems.add(2, 'kind', 'file_no_rows');
	if (!problems.empty) throw invalidFile(problems);
	return draft;
}

/** What a checked file creates, in the services' terms (ids chosen here, so rows can name each other). */
interface PlanBody {
	commitments: NewCommitment[];
	actions: NewAction[];
	milestones: NewMilestone[];
	/** The CSV row of each commitment, action and milestone, to report the services' problems at. */
	rows: { commitments: number[]; actions: number[]; milestones: number[] };
}

/**
 * Resolves the draft's references — refs within the file and in the city, department codes,
 * officers' e-mail addresses, tags — reporting every problem at its row and column, and turns it
 * into the inputs of the services that create the rows.
 */
async function resolveDraft(db: Db, cityId: string, plan: ActionPlan, draft: PlanDraft, problems: PlanCsvProblems): Promise<PlanBody> {
	const commitmentIds = draft.commitments.map(() => uuidv7());
	const actionIds = draft.actions.map(() => uuidv7());
	const fileActions = new Map<string, number>();
	draft.actions.forEach((action, index) => action.ref && fileActions.set(action.ref, index));
	const fileCommitments = new Map<string, number>();
	draft.commitments.forEach((commitment, index) => commitment.ref && fileCommitments.set(commitment.ref, index));
	const outsideActionRefs = [...new Set([...draft.actions.map((action) => action.parentRef), ...draft.milestones.map((milestone) => milestone.actionRef)].filter((ref): ref is string => Boolean(ref) && !fileActions.has(ref!)))];
	const outsideCommitmentRefs = [...new Set(draft.actions.map((action) => action.commitmentRef).filter((ref): ref is string => Boolean(ref) && !fileCommitments.has(ref!)))];
	const allTags = [...new Set(draft.commitments.flatMap((commitment) => commitment.tags))];
	const [departments, staff, knownTags, existingActions, existingCommitments] = await Promise.all([
		commitmentsRepository.listDepartments(db, cityId),
		listCityStaff(db, cityId),
		findFrameworkCodes(db, allTags),
		repository.findActionsByRefs(db, cityId, outsideActionRefs),
		repository.findCommitmentsByRefs(db, cityId, outsideCommitmentRefs)
	]);
	const departmentId = new Map(departments.map((department) => [department.code, department.id]));
	const staffId = new Map(staff.map((person) => [person.email.toLowerCase(), person.id]));
	// Only rights, principles and SDGs tag a commitment (a duty has its own column).
	const tagKnown = new Set(knownTags.map((entry) => entry.code).filter((code) => (TAG_SCHEMES as readonly string[]).includes(code.split(':')[0]!)));
	const actionByRef = new Map(existingActions.map((row) => [row.ref, row]));
	const commitmentByRef = new Map(existingCommitments.map((row) => [row.ref, row]));

	for (const commitment of draft.commitments) for (const tag of commitment.tags) if (!tagKnown.has(tag)) problems.add(commitment.row, 'tags', 'tag_unknown', tag);

	/** The id of an action of the file or of the plan, by ref; null (reported) otherwise. */
	const actionId = (row: number, ref: string, column: string): string | null => {
		const index = fileActions.get(ref);
		if (index !== undefined) return actionIds[index]!;
		const existing = actionByRef.get(ref);
		if (!existing) problems.add(row, column, 'parent_unknown', ref);
		else if (existing.plan_id !== plan.id) problems.add(row, column, 'parent_other_plan', ref);
		else return existing.id;
		return null;
	};
	const body: PlanBody = {
		// The draft's values passed the forms' schemas; the services check them again.
		commitments: draft.commitments.map(({ row: _row, ...commitment }, index) => ({ ...commitment, duty: commitment.duty as NewCommitment['duty'], groups: commitment.groups as NewCommitment['groups'], id: commitmentIds[index]!, planId: plan.id, declarationId: null })),
		actions: [],
		milestones: [],
		rows: { commitments: draft.commitments.map((item) => item.row), actions: draft.actions.map((item) => item.row), milestones: [] }
	};
	for (const [index, action] of draft.actions.entries()) {
		const departmentIds: string[] = [];
		for (const code of action.departmentCodes) {
			const id = departmentId.get(code);
			if (id) departmentIds.push(id);
			else problems.add(action.row, 'departments', 'department_unknown', code);
		}
		let leadOfficerId: string | null = null;
		if (action.leadOfficerEmail) {
			leadOfficerId = staffId.get(action.leadOfficerEmail.toLowerCase()) ?? null;
			if (!leadOfficerId) problems.add(action.row, 'lead_officer_email', 'officer_unknown', action.leadOfficerEmail);
		}
		let commitmentId: string | null = null;
		if (action.commitmentRef) {
			const inFile = fileCommitments.get(action.commitmentRef);
			const existing = commitmentByRef.get(action.commitmentRef);
			if (inFile !== undefined) commitmentId = commitmentIds[inFile]!;
			else if (!existing) problems.add(action.row, 'commitment_ref', 'commitment_unknown', action.commitmentRef);
			else if (existing.plan_id && existing.plan_id !== plan.id) problems.add(action.row, 'commitment_ref', 'commitment_other_plan', action.commitmentRef);
			else commitmentId = existing.id;
		}
		const parentId = action.parentRef ? actionId(action.row, action.parentRef, 'parent_ref') : null;
		const { row: _row, parentRef: _parent, commitmentRef: _commitment, departmentCodes: _codes, leadOfficerEmail: _email, ...values } = action;
		body.actions.push({ ...values, id: actionIds[index]!, planId: plan.id, commitmentId, parentId, departmentIds, leadOfficerId });
	}
	// A chain of parents inside the file that comes back to where it started is a cycle (the service's own rule, reported per row here).
	for (const index of parentCycles(body.actions.map((action) => ({ id: action.id!, parentId: action.parentId ?? null })))) {
		problems.add(draft.actions[index]!.row, 'parent_ref', 'parent_cycle', draft.actions[index]!.parentRef ?? '');
	}
	for (const milestone of draft.milestones) {
		const id = actionId(milestone.row, milestone.actionRef, 'parent_ref');
		if (!id) continue;
		body.milestones.push({ actionId: id, title: milestone.title, dueDate: milestone.dueDate, doneOn: milestone.doneOn });
		body.rows.milestones.push(milestone.row);
	}
	return body;
}

/** The services' per-item problems (a race with another change, as the file was checked before) at the file's rows. */
function reportAt(error: unknown, rows: readonly number[], problems: PlanCsvProblems): boolean {
	const items = batchProblemsOf(error);
	if (!items) return false;
	for (const item of items) for (const [field, rule] of Object.entries(item.fields)) problems.add(rows[item.index] ?? 1, FIELD_COLUMN[field] ?? field, rule);
	return true;
}

/** How much the plan already holds (an import needs it empty); for those who may import. */
export async function planContents(db: Db, actor: MaybeActor, cityId: string, planId: string): Promise<{ commitments: number; actions: number }> {
	if (!canManageCommitments(actor, cityId)) throw forbidden();
	return repository.countPlanContents(db, cityId, planId);
}

/**
 * Imports a plan CSV into an empty plan of the city, through the services that create
 * commitments, actions and milestones (all or nothing, in one transaction). City admins, or the
 * operator at the CLI (`systemActor('cli', …)`). A plan that already has commitments or actions is
 * refused (`conflict`, rule `plan_not_empty`).
 */
export async function importPlanCsv(db: Db, actor: MaybeActor, cityId: string, planId: string, file: Uint8Array | string): Promise<PlanImportResult> {
	if (!canManageCommitments(actor, cityId)) throw forbidden();
	const draft = readPlanCsv(file);
	return inTransaction(db, async (trx) => {
		const plan = await getPlan(trx, cityId, planId);
		// Importing is an edit of the plan: two imports into one plan cannot both pass the emptiness check.
		await claimPlan(trx, actor, cityId, plan);
		const contents = await repository.countPlanContents(trx, cityId, plan.id);
		if (contents.actions > 0 || contents.commitments > 0) throw new DomainError('conflict', 'plan_not_empty', { field: 'form', rule: 'csv_plan_not_empty', ...contents });
		const problems = new PlanCsvProblems();
		const body = await resolveDraft(trx, cityId, plan, draft, problems);
		if (!problems.empty) throw invalidFile(problems);
		const step = async <T>(rows: readonly number[], work: () => Promise<T>): Promise<T> => {
			try {
				return await work();
			} catch (error) {
				if (reportAt(error, rows, problems)) throw invalidFile(problems);
				throw error;
			}
		};
		const commitments = await step(body.rows.commitments, () => createCommitments(trx, actor, cityId, body.commitments));
		const actions = await step(body.rows.actions, () => createActions(trx, actor, cityId, body.actions));
		await step(body.rows.milestones, () => addMilestones(trx, actor, cityId, body.milestones));
		const renumbered = [
			...draft.commitments.flatMap((item, index) => (item.ref && item.ref !== commitments[index]!.ref ? [{ from: item.ref, to: commitments[index]!.ref }] : [])),
			...draft.actions.flatMap((item, index) => (item.ref && item.ref !== actions[index]!.ref ? [{ from: item.ref, to: actions[index]!.ref }] : []))
		];
		return { commitments: commitments.length, actions: actions.length, milestones: body.milestones.length, renumbered };
	});
}

/** The problems of an `import_invalid` error from `importPlanCsv`, or undefined for any other error. */
export function planCsvErrorsOf(error: unknown): { rows: PlanCsvError[]; total: number } | undefined {
	if (!(error instanceof DomainError) || error.code !== 'import_invalid' || error.message !== 'plan_csv_invalid') return undefined;
	return { rows: (error.details?.rows ?? []) as PlanCsvError[], total: Number(error.details?.total ?? 0) };
}
