import fs from 'node:fs';
import { systemActor, type MaybeActor, type Actor, insertRole } from '../accounts/index.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDatabase } from '../testing/test-database.ts';
import { createCity } from '../testing/factories.ts';
import { staffActor, cityWithAdmin, type CityWithAdmin } from '../testing/commitment-factories.ts';
import { ensureDepartments, planShape, richPlan } from '../testing/plan-csv-factories.ts';
import { nowIso } from '../db/ids.ts';
import { createPlan } from './plans.service.ts';
import { createAction } from './actions.service.ts';
import { ledgerSize, readLedgerPage, verifyLedger } from '../ledger/index.ts';
import { exportPlanCsv, importPlanCsv, planCsvErrorsOf } from './plan-csv.service.ts';
import { countPlanContents } from './plan-csv.repository.ts';
import { CSV_RULES, PLAN_CSV_COLUMNS, type PlanCsvError } from './plan-csv.ts';
import { csvRow } from '../csv/index.ts';

async function exported(db: TestDatabase['db'], caller: MaybeActor, cityId: string, planId: string): Promise<string> {
	return [...(await exportPlanCsv(db, caller, cityId, planId)).chunks()].join('');
}

/** A file with the full header and these rows (unnamed columns empty). */
function csvOf(rows: Record<string, string>[], columns: readonly string[] = PLAN_CSV_COLUMNS): string {
	return csvRow(columns) + rows.map((row) => csvRow(columns.map((column) => row[column] ?? ''))).join('');
}

const commitmentRow = (changes: Record<string, string> = {}) => ({ kind: 'commitment', ref: 'C-1', title_en: 'Housing', tags: 'udhr:25;sdg:11.1', ...changes });
const actionRow = (changes: Record<string, string> = {}) => ({ kind: 'action', ref: 'A-2025-001', commitment_ref: 'C-1', title_en: 'Advice desk', departments: 'housing', start_date: '2025-01-01', due_date: '2026-12-31', progress: '10', ...changes });

describe.each(DIALECTS)('action plan CSV on %s', (dialect) => {
	let { database, cityId, admin } = {} as CityWithAdmin;
	let officer: Actor;
	beforeEach(async () => {
		({ database, cityId, admin } = await cityWithAdmin(dialect));
		officer = await staffActor(database.db, cityId, 'officer', 'housing');
	});
	afterEach(() => database.cleanup());

	const emptyPlan = (title = 'Empty plan') => createPlan(database.db, admin, cityId, { title: { en: title }, periodStart: 2025, periodEnd: 2028 });

	it('exports a plan and imports it into an empty plan of the same city as the same plan, renumbering taken refs', async () => {
		const rich = await richPlan(database.db, admin, cityId, officer);
		const text = await exported(database.db, admin, cityId, rich.plan.id);
		expect(text.startsWith('\uFEFFkind,ref,parent_ref,commitment_ref,title_en,')).toBe(true);
		expect(text).toContain(`,${rich.declarationCommitmentRef},`);
		expect(text).toContain("'=Equal treatment (not a formula)");
		const copy = await emptyPlan();
		const ledgerBefore = await ledgerSize(database.db, cityId);
		const result = await importPlanCsv(database.db, admin, cityId, copy.id, new TextEncoder().encode(text));
		expect(result).toMatchObject({ commitments: 3, actions: 7, milestones: 3 });
		expect(result.renumbered).toHaveLength(10);
		expect(await planShape(database.db, cityId, copy.id)).toEqual(await planShape(database.db, cityId, rich.plan.id));
		// The copy's own export is the original's, with the new refs.
		let expected = text;
		for (const { from, to } of result.renumbered) expected = expected.replaceAll(`,${from},`, `,${to},`);
		expect(await exported(database.db, admin, cityId, copy.id)).toBe(expected);
		// One ledger entry per created commitment, action and milestone, by the city admin; the chain holds.
		expect((await ledgerSize(database.db, cityId)) - ledgerBefore).toBe(13);
		const entries = (await readLedgerPage(database.db, cityId, {}, undefined, 13)).entries;
		expect(new Set(entries.map((entry) => `${entry.entity_type}:${entry.action}:${entry.actor_role}`))).toEqual(new Set(['commitment:create:city_admin', 'action:create:city_admin', 'milestone:create:city_admin']));
		expect(await verifyLedger(database.db, cityId)).toMatchObject({ ok: true });
	});

	it('keeps the file’s refs in another city where they are free', async () => {
		const rich = await richPlan(database.db, admin, cityId, officer);
		const other = (await createCity(database.db)).id;
		const otherAdmin = await staffActor(database.db, other, 'city_admin');
		await ensureDepartments(database.db, otherAdmin, other);
		// The lead officer works for both cities; the declaration's commitment is only in the first.
		await insertRole(database.db, { city_id: other, person_id: officer.personId, role: 'officer', department: 'housing', granted_by: null, created_at: nowIso() });
		const text = (await exported(database.db, admin, cityId, rich.plan.id)).replace(`,${rich.declarationCommitmentRef},`, ',,');
		const plan = await createPlan(database.db, otherAdmin, other, { title: { en: 'Copy' }, periodStart: 2025, periodEnd: 2028 });
		const result = await importPlanCsv(database.db, otherAdmin, other, plan.id, text);
		expect(result.renumbered).toEqual([]);
		expect(await exported(database.db, otherAdmin, other, plan.id)).toBe(text);
	});

	it('leaves lead officers’ e-mail addresses out of the public export', async () => {
		const rich = await richPlan(database.db, admin, cityId, officer);
		const email = officer.email;
		expect(await exported(database.db, admin, cityId, rich.plan.id)).toContain(email);
		expect(await exported(database.db, null, cityId, rich.plan.id)).not.toContain(email);
		expect(await exported(database.db, systemActor('cli', [cityId]), cityId, rich.plan.id)).toContain(email);
	});

	async function expectRefused(file: string | Uint8Array, problems: Partial<PlanCsvError>[], planId?: string): Promise<void> {
		const target = planId ?? (await emptyPlan()).id;
		const before = await ledgerSize(database.db, cityId);
		const error = await importPlanCsv(database.db, admin, cityId, target, file).catch((caught: unknown) => caught);
		const found = planCsvErrorsOf(error);
		expect(found, String(error)).toBeDefined();
		for (const problem of problems) expect(found!.rows).toContainEqual(expect.objectContaining(problem));
		expect(await countPlanContents(database.db, cityId, target)).toEqual({ actions: 0, commitments: 0 });
		expect(await ledgerSize(database.db, cityId)).toBe(before);
	}

	describe('refuses bad files with the row and column of each problem, saving nothing', () => {
		beforeEach(() => ensureDepartments(database.db, admin, cityId));

		it('a progress of 120', () => expectRefused(csvOf([commitmentRow(), actionRow({ progress: '120' })]), [{ row: 3, column: 'progress', rule: 'progress_range', value: '120' }]));

		it('a due date before the start date', () => expectRefused(csvOf([commitmentRow(), actionRow({ start_date: '2026-05-01', due_date: '2026-04-30' })]), [{ row: 3, column: 'due_date', rule: 'due_before_start' }]));

		it('an unknown tag, named', () => expectRefused(csvOf([commitmentRow({ tags: 'udhr:25;udhr:31;sdg:11.9' })]), [{ row: 2, column: 'tags', rule: 'tag_unknown', value: 'udhr:31' }, { row: 2, column: 'tags', rule: 'tag_unknown', value: 'sdg:11.9' }]));

		it('a tag of another kind of code', () => expectRefused(csvOf([commitmentRow({ tags: 'duty:protect' })]), [{ row: 2, column: 'tags', rule: 'tag_unknown', value: 'duty:protect' }]));

		it('a parent in another plan', async () => {
			const other = await emptyPlan('Other plan');
			const elsewhere = await createAction(database.db, admin, cityId, { planId: other.id, title: { en: 'Elsewhere' } });
			await expectRefused(csvOf([commitmentRow(), actionRow({ ref: '', parent_ref: elsewhere.ref })]), [{ row: 3, column: 'parent_ref', rule: 'parent_other_plan', value: elsewhere.ref }]);
		});

		it('an unknown parent, a cycle and a parent that is itself', () =>
			expectRefused(
				csvOf([
					actionRow({ ref: 'A-2025-001', commitment_ref: '', parent_ref: 'A-2025-002' }),
					actionRow({ ref: 'A-2025-002', commitment_ref: '', parent_ref: 'A-2025-001' }),
					actionRow({ ref: 'A-2025-003', commitment_ref: '', parent_ref: 'A-2025-003' }),
					actionRow({ ref: 'A-2025-004', commitment_ref: '', parent_ref: 'A-2025-999' })
				]),
				[
					{ row: 2, column: 'parent_ref', rule: 'parent_cycle' },
					{ row: 3, column: 'parent_ref', rule: 'parent_cycle' },
					{ row: 4, column: 'parent_ref', rule: 'parent_cycle' },
					{ row: 5, column: 'parent_ref', rule: 'parent_unknown', value: 'A-2025-999' }
				]
			));

		it('an unknown department, officer and commitment', () =>
			expectRefused(csvOf([actionRow({ departments: 'housing;roads', lead_officer_email: 'nobody@example.org', commitment_ref: 'C-77' })]), [
				{ row: 2, column: 'departments', rule: 'department_unknown', value: 'roads' },
				{ row: 2, column: 'lead_officer_email', rule: 'officer_unknown', value: 'nobody@example.org' },
				{ row: 2, column: 'commitment_ref', rule: 'commitment_unknown', value: 'C-77' }
			]));

		it('bad dates, numbers, choices and a missing reason', () =>
			expectRefused(
				csvOf([
					commitmentRow({ duty: 'duty:ignore', groups: 'women;aliens' }),
					actionRow({ start_date: '2025-02-30', due_date: '31/12/2026', budget_amount: '1,000', weight: 'heavy', status: 'delayed' }),
					actionRow({ ref: 'A-2025-002', budget_amount: '500', status: 'done', progress: '50.5' })
				]),
				[
					{ row: 2, column: 'duty', rule: 'choice_invalid' },
					{ row: 2, column: 'groups', rule: 'choice_invalid', value: 'aliens' },
					{ row: 3, column: 'start_date', rule: 'date_invalid', value: '2025-02-30' },
					{ row: 3, column: 'due_date', rule: 'date_invalid', value: '31/12/2026' },
					{ row: 3, column: 'budget_amount', rule: 'amount_invalid', value: '1,000' },
					{ row: 3, column: 'weight', rule: 'weight_invalid', value: 'heavy' },
					{ row: 4, column: 'status', rule: 'choice_invalid', value: 'done' },
					{ row: 4, column: 'progress', rule: 'progress_range', value: '50.5' }
				]
			));

		it('a delayed action without a reason, a completed one below 100 %, a budget without currency', () =>
			expectRefused(csvOf([actionRow({ commitment_ref: '', status: 'delayed' }), actionRow({ ref: 'A-2025-002', commitment_ref: '', status: 'completed', progress: '90' }), actionRow({ ref: 'A-2025-003', commitment_ref: '', budget_amount: '10' })]), [
				{ row: 2, column: 'status_reason_en', rule: 'reason_required' },
				{ row: 3, column: 'progress', rule: 'completed_needs_100' },
				{ row: 4, column: 'budget_currency', rule: 'currency_required' }
			]));

		it('no title in any language, a too-long title in one, a bad kind, a duplicate and a malformed ref', () =>
			expectRefused(csvOf([commitmentRow({ title_en: '' }), commitmentRow({ ref: 'C-2', title_en: 'ok', title_ko: '가'.repeat(501) }), { kind: 'goal', title_en: 'x' }, commitmentRow({ ref: 'C-2' }), commitmentRow({ ref: 'A-1' })]), [
				{ row: 2, column: 'title_en', rule: 'required' },
				{ row: 3, column: 'title_ko', rule: 'too_long' },
				{ row: 4, column: 'kind', rule: 'kind_invalid', value: 'goal' },
				{ row: 5, column: 'ref', rule: 'ref_duplicate', value: 'C-2' },
				{ row: 6, column: 'ref', rule: 'ref_invalid', value: 'A-1' }
			]));

		it('a cell in a column that is not for the row’s kind, and a row with too few fields', () =>
			expectRefused(`${csvOf([commitmentRow({ progress: '50' }), { kind: 'milestone', parent_ref: 'A-2025-001', title_en: 'M', due_date: '2026-01-01', ref: 'M-1' }])}commitment,C-9\r\n`, [
				{ row: 2, column: 'progress', rule: 'column_not_for_kind', value: '50' },
				{ row: 3, column: 'ref', rule: 'column_not_for_kind' },
				{ row: 4, column: 'parent_ref', rule: 'field_count' }
			]));

		it('a wrong header: a missing column, an unknown one', () => {
			const columns = PLAN_CSV_COLUMNS.filter((column) => column !== 'progress').concat('colour');
			return expectRefused(csvOf([commitmentRow()], columns), [
				{ row: 1, column: 'progress', rule: 'column_missing' },
				{ row: 1, column: 'colour', rule: 'column_unknown' }
			]);
		});

		it('a file saved with semicolons, named as such', () => expectRefused(`${PLAN_CSV_COLUMNS.join(';')}\r\ncommitment;C-1;;;Housing\r\n`, [{ row: 1, column: 'kind', rule: 'separator_semicolon' }]));

		it('an empty file, and a header without rows', async () => {
			await expectRefused('', [{ row: 1, rule: 'file_empty' }]);
			await expectRefused(new Uint8Array([0xef, 0xbb, 0xbf, 0x0d, 0x0a]), [{ row: 1, rule: 'file_empty' }]);
			await expectRefused(csvOf([]), [{ row: 2, rule: 'file_no_rows' }]);
		});

		it('a file that is not UTF-8 (Latin-1), at its row and column', async () => {
			const text = csvOf([commitmentRow({ title_en: 'Vivienda digna' }), commitmentRow({ ref: 'C-2', title_en: 'Participación' })]);
			const bytes = Uint8Array.from(text, (char) => char.charCodeAt(0) & 0xff);
			await expectRefused(bytes, [{ row: 3, column: 'title_en', rule: 'encoding_invalid' }]);
		});

		it('an unterminated quote', () => expectRefused(`${csvOf([commitmentRow()])}commitment,C-2,,,"Housing\r\n`, [{ row: 3, column: 'title_en', rule: 'quote_unterminated' }]));

		it('a NUL in a cell, naming the character, with the problems of the rows before it', () =>
			expectRefused(`${csvOf([commitmentRow({ duty: 'duty:ignore' }), commitmentRow({ ref: 'C-2', title_en: 'Hou\u0000sing' })])}`, [
				{ row: 2, column: 'duty', rule: 'choice_invalid' },
				{ row: 3, column: 'title_en', rule: 'control_character', value: 'U+0000' }
			]));

		it('a field far longer than any field of a plan', () => expectRefused(csvOf([commitmentRow({ description_en: 'x'.repeat(100_001) })]), [{ row: 2, column: 'description_en', rule: 'field_too_long' }]));

		it('caps the list but counts every problem', async () => {
			const rows = Array.from({ length: 150 }, (_, index) => actionRow({ ref: `A-2025-${String(index + 1).padStart(3, '0')}`, commitment_ref: '', progress: '101' }));
			const error = await importPlanCsv(database.db, admin, cityId, (await emptyPlan()).id, csvOf(rows)).catch((caught: unknown) => caught);
			expect(planCsvErrorsOf(error)).toMatchObject({ total: 150 });
			expect(planCsvErrorsOf(error)!.rows).toHaveLength(100);
		});
	});

	it('refuses a plan that already has content, and people who do not manage the city', async () => {
		await ensureDepartments(database.db, admin, cityId);
		const file = csvOf([commitmentRow(), actionRow()]);
		const plan = await emptyPlan();
		await importPlanCsv(database.db, admin, cityId, plan.id, file);
		await expect(importPlanCsv(database.db, admin, cityId, plan.id, file)).rejects.toMatchObject({ code: 'conflict', details: { rule: 'csv_plan_not_empty' } });
		const fresh = await emptyPlan();
		const otherAdmin = await staffActor(database.db, (await createCity(database.db)).id, 'city_admin');
		for (const actor of [officer, otherAdmin, null]) await expect(importPlanCsv(database.db, actor, cityId, fresh.id, file)).rejects.toMatchObject({ code: 'forbidden' });
		expect(await countPlanContents(database.db, cityId, fresh.id)).toEqual({ actions: 0, commitments: 0 });
	});

	it('imports a file written by hand: any column order, only some languages, refs left to number, parents after children', async () => {
		await ensureDepartments(database.db, admin, cityId);
		const plan = await emptyPlan();
		const columns = ['title_ko', 'kind', 'ref', 'parent_ref', 'commitment_ref', 'title_en', 'duty', 'groups', 'tags', 'departments', 'lead_officer_email', 'budget_amount', 'budget_currency', 'start_date', 'due_date', 'done_on', 'status', 'progress', 'weight'];
		const file = `\uFEFF${csvOf(
			[
				{ kind: 'action', ref: 'A-2025-002', parent_ref: 'A-2025-001', title_en: 'Child', departments: ' housing ; equality ', lead_officer_email: officer.email.toUpperCase() },
				{ kind: 'milestone', parent_ref: 'A-2025-002', title_ko: '이정표', due_date: '2026-01-31' },
				{ kind: 'action', ref: 'A-2025-001', commitment_ref: 'C-5', title_en: 'Parent', status: 'in_progress', progress: '30' },
				{ kind: 'commitment', ref: 'C-5', title_ko: '주거권', tags: 'sdg:11.1', duty: 'duty:fulfil' },
				{ kind: 'action', title_en: 'No ref' }
			],
			columns
		)}`;
		expect(await importPlanCsv(database.db, admin, cityId, plan.id, file)).toMatchObject({ commitments: 1, actions: 3, milestones: 1, renumbered: [] });
		const shape = await planShape(database.db, cityId, plan.id);
		expect(shape.commitments).toEqual([{ title: { ko: '주거권' }, description: {}, duty: 'duty:fulfil', groups: [], tags: ['sdg:11.1'], impliedTags: ['sdg:11'] }]);
		expect(shape.actions.map((action) => [action.title.en, action.parent, action.commitment, action.departments, action.leadOfficerId])).toEqual([
			['Child', 1, null, ['housing', 'equality'], officer.personId],
			['Parent', null, 0, [], null],
			['No ref', null, null, [], null]
		]);
		expect(shape.actions[0]!.milestones).toEqual([{ title: { ko: '이정표' }, dueDate: '2026-01-31', doneOn: null }]);
		const text = await exported(database.db, admin, cityId, plan.id);
		expect(text).toContain('\r\naction,A-2025-003,,,No ref,');
	});

	it('imports a file saved with lone CR line ends after a blank line, and keeps text that looks guarded as written', async () => {
		const plan = await emptyPlan();
		const file = `\r${csvOf([commitmentRow({ title_en: "''=Already quoted", description_en: '=Not a formula' })]).replaceAll('\r\n', '\r')}`;
		expect(await importPlanCsv(database.db, admin, cityId, plan.id, file)).toMatchObject({ commitments: 1 });
		expect((await planShape(database.db, cityId, plan.id)).commitments[0]).toMatchObject({ title: { en: "'=Already quoted" }, description: { en: '=Not a formula' } });
		const text = await exported(database.db, admin, cityId, plan.id);
		expect(text).toContain(`,''=Already quoted,`);
		expect(text).toContain(`,'=Not a formula,`);
	});
});

describe('plan CSV messages', () => {
	it('has a message for the rule of every problem the CSV reader reports', () => {
		const english = JSON.parse(fs.readFileSync('src/lib/server/commitments/messages/en.json', 'utf8')) as Record<string, string>;
		for (const rule of Object.values(CSV_RULES)) expect(english[`cadmin_csv_rule_${rule}`], rule).toBeTruthy();
	});
});
