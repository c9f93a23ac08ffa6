/**
 * Use cases of the action-plan CSV (format in plan-csv.ts): export a whole plan, and import one
 * into an empty plan of the city — all or nothing. Every row is checked with the forms' schemas
 * and against the other rows and the city (parents, commitments, departments, officers, tags);
 * the problems come back as one `import_invalid` error with a capped list of
 * `{ row, column, rule, value }` (`details.rows`, `details.total`), and nothing is written.
 * Otherwise the rows are written in one transaction with their ledger entries.
 *
 * A plan is public, so anyone may export it; the lead officers' e-mail addresses are only in the
 * export for those who manage the city's commitments (and the operator's CLI).
 *
 * @example
 *   const { fileName, chunks } = await exportPlanCsv(db, { actor }, cityId, planId);
 *   const result = await importPlanCsv(db, { actor }, cityId, emptyPlanId, bytes); // { commitments: 5, actions: 20, milestones: 8, renumbered: [] }
 */
import type { Db } from '../db/database.ts';
import { DomainError } from '../errors.ts';
import type { MaybeActor } from '../accounts/actor.ts';
import * as commitmentsRepository from './commitments.repository.ts';
import * as actionsRepository from './actions.repository.ts';
import * as repository from './plan-csv.repository.ts';
import { canManageCommitments } from './commitments.policy.ts';
import { conflict, forbid } from './declarations.service.ts';
import { getPlan, listCommitments } from './plans.service.ts';
import { listActions } from './actions.service.ts';
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
import { draftPlan, type PlanDraft } from './plan-csv-draft.ts';
import { writePlanBody, type BodyLink, type PlanBody } from './plan-writer.ts';
import type { ActionPlan } from './commitments.types.ts';
import { TAG_SCHEMES } from './vocabulary.ts';

/** Who asks: a signed-in (or anonymous) person, or the installation's operator at the command line. */
export type PlanCsvCaller = { actor: MaybeActor } | { operator: 'cli' };

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

function mayManage(caller: PlanCsvCaller, cityId: string): boolean {
	return 'operator' in caller || canManageCommitments(caller.actor, cityId);
}

export async function exportPlanCsv(db: Db, caller: PlanCsvCaller, cityId: string, planId: string): Promise<PlanCsvExport> {
	const plan = await getPlan(db, cityId, planId);
	const withEmails = mayManage(caller, cityId);
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
	const emails = withEmails ? await repository.emailsOf(db, [...new Set(actions.map((action) => action.leadOfficerId).filter((id): id is string => id !== null))]) : new Map<string, string>();
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

/** Checks the draft's references against itself and the city and turns it into a plan body. */
async function resolveDraft(db: Db, cityId: string, plan: ActionPlan, draft: PlanDraft, problems: PlanCsvProblems): Promise<PlanBody> {
	const fileActions = new Map<string, number>();
	draft.actions.forEach((action, index) => action.ref && fileActions.set(action.ref, index));
	const fileCommitments = new Map<string, number>();
	draft.commitments.forEach((commitment, index) => commitment.ref && fileCommitments.set(commitment.ref, index));
	const outsideActionRefs = [...new Set([...draft.actions.map((action) => action.parentRef), ...draft.milestones.map((milestone) => milestone.actionRef)].filter((ref): ref is string => Boolean(ref) && !fileActions.has(ref!)))];
	const outsideCommitmentRefs = [...new Set(draft.actions.map((action) => action.commitmentRef).filter((ref): ref is string => Boolean(ref) && !fileCommitments.has(ref!)))];
	const allTags = [...new Set(draft.commitments.flatMap((commitment) => commitment.tags))];
	const [departments, staff, knownTags, existingActions, existingCommitments] = await Promise.all([
		commitmentsRepository.listDepartments(db, cityId),
		actionsRepository.listStaff(db, cityId),
		commitmentsRepository.existingFrameworkCodes(db, allTags),
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

	const actionLink = (row: number, ref: string, column: string): BodyLink | null => {
		const index = fileActions.get(ref);
		if (index !== undefined) return { index };
		const existing = actionByRef.get(ref);
		if (!existing) problems.add(row, column, 'parent_unknown', ref);
		else if (existing.plan_id !== plan.id) problems.add(row, column, 'parent_other_plan', ref);
		else return { id: existing.id, ref: existing.ref };
		return null;
	};
	const body: PlanBody = { commitments: draft.commitments, actions: [], milestones: [] };
	for (const action of draft.actions) {
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
		let commitment: BodyLink | null = null;
		if (action.commitmentRef) {
			const index = fileCommitments.get(action.commitmentRef);
			const existing = commitmentByRef.get(action.commitmentRef);
			if (index !== undefined) commitment = { index };
			else if (!existing) problems.add(action.row, 'commitment_ref', 'commitment_unknown', action.commitmentRef);
			else if (existing.plan_id && existing.plan_id !== plan.id) problems.add(action.row, 'commitment_ref', 'commitment_other_plan', action.commitmentRef);
			else commitment = { id: existing.id, ref: existing.ref };
		}
		let parent: BodyLink | null = null;
		if (action.parentRef && action.parentRef === action.ref) problems.add(action.row, 'parent_ref', 'parent_cycle', action.parentRef);
		else if (action.parentRef) parent = actionLink(action.row, action.parentRef, 'parent_ref');
		body.actions.push({ ...action, departmentIds, leadOfficerId, commitment, parent });
	}
	// A chain of parents inside the file that comes back to where it started is a cycle.
	const state = new Map<number, 'visiting' | 'done'>();
	for (let start = 0; start < body.actions.length; start += 1) {
		const path: number[] = [];
		let cursor: number | undefined = start;
		while (cursor !== undefined && !state.has(cursor)) {
			state.set(cursor, 'visiting');
			path.push(cursor);
			const parent: BodyLink | null = body.actions[cursor]!.parent;
			cursor = parent && 'index' in parent ? parent.index : undefined;
		}
		if (cursor !== undefined && state.get(cursor) === 'visiting') {
			for (const index of path.slice(path.indexOf(cursor))) problems.add(draft.actions[index]!.row, 'parent_ref', 'parent_cycle', draft.actions[index]!.parentRef ?? '');
		}
		for (const index of path) state.set(index, 'done');
	}
	for (const milestone of draft.milestones) {
		const action = actionLink(milestone.row, milestone.actionRef, 'parent_ref');
		if (action) body.milestones.push({ ...milestone, action });
	}
	return body;
}

/** How much the plan already holds (an import needs it empty); for those who may import. */
export async function planContents(db: Db, caller: PlanCsvCaller, cityId: string, planId: string): Promise<{ commitments: number; actions: number }> {
	if (!mayManage(caller, cityId)) throw forbid();
	return repository.countPlanContents(db, cityId, planId);
}

/**
 * Imports a plan CSV into an empty plan of the city. City admins (or the operator at the CLI).
 * A plan that already has commitments or actions is refused (`conflict`, rule `plan_not_empty`).
 */
export async function importPlanCsv(db: Db, caller: PlanCsvCaller, cityId: string, planId: string, file: Uint8Array | string): Promise<PlanImportResult> {
	if (!mayManage(caller, cityId)) throw forbid();
	const draft = readPlanCsv(file);
	return db.transaction().execute(async (trx) => {
		const plan = await getPlan(trx, cityId, planId);
		// Importing is an edit of the plan: two imports into one plan cannot both pass the emptiness check.
		if (!(await commitmentsRepository.updatePlan(trx, cityId, plan.id, plan.version, {}))) throw conflict();
		const contents = await repository.countPlanContents(trx, cityId, plan.id);
		if (contents.actions > 0 || contents.commitments > 0) throw new DomainError('conflict', 'plan_not_empty', { field: 'form', rule: 'csv_plan_not_empty', ...contents });
		const problems = new PlanCsvProblems();
		const body = await resolveDraft(trx, cityId, plan, draft, problems);
		if (!problems.empty) throw invalidFile(problems);
		const author = 'operator' in caller ? { actor: null, actorRole: caller.operator } : { actor: caller.actor };
		const written = await writePlanBody(trx, { cityId, plan }, body, author);
		return { commitments: written.commitmentIds.length, actions: written.actionIds.length, milestones: written.milestones, renumbered: written.renumbered };
	});
}

/** The problems of an `import_invalid` error from `importPlanCsv`, or undefined for any other error. */
export function planCsvErrorsOf(error: unknown): { rows: PlanCsvError[]; total: number } | undefined {
	if (!(error instanceof DomainError) || error.code !== 'import_invalid' || error.message !== 'plan_csv_invalid') return undefined;
	return { rows: (error.details?.rows ?? []) as PlanCsvError[], total: Number(error.details?.total ?? 0) };
}
