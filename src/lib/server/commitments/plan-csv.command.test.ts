import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI_TEST_TIMEOUT, cliWorkspace } from '../testing/cli-process.ts';
import { findCityBySlug } from '../cities/index.ts';
import { networkAdminActor } from '../testing/commitment-factories.ts';
import { createPlan } from './plans.service.ts';
import { readLedgerPage } from '../ledger/index.ts';
import { PLAN_CSV_COLUMNS } from './plan-csv.ts';
import { csvRow } from '../csv/index.ts';

const cli = cliWorkspace('plan-cli');
const { dir, run, exec, withDb } = cli;

async function emptyYorkPlan(): Promise<string> {
	return withDb(async (db) => {
		const york = (await findCityBySlug(db, 'york'))!;
		const plan = await createPlan(db, await networkAdminActor(db), york.id, { title: { en: 'Empty plan' }, periodStart: 2029, periodEnd: 2032 });
		return plan.ref;
	});
}

describe('rightscity export-plan and import-plan', { timeout: CLI_TEST_TIMEOUT }, () => {
	beforeAll(async () => {
		expect((await exec(['seed-demo'])).code).toBe(0);
	}, 60_000);

	// As a process: the file and the bytes on standard output as an operator gets them.
	it('exports a plan to a file and to standard output', () => {
		const file = path.join(dir, 'york.csv');
		const { code, stderr } = run(['export-plan', '--city', 'york', '--plan', 'P-1', '--out', file]);
		expect(code).toBe(0);
		expect(stderr).toMatch(/^Wrote P-1 of York \(5 commitments, \d+ actions, \d+ milestones\) to .*york\.csv\.\n$/);
		const text = fs.readFileSync(file, 'utf8');
		expect(text.startsWith(`\uFEFF${PLAN_CSV_COLUMNS.join(',')}\r\n`)).toBe(true);
		expect(run(['export-plan', '--city', 'york', '--plan', 'P-1']).stdout).toBe(text);
	});

	it('imports the export into an empty plan, renumbering taken refs, recorded in the ledger as the CLI', async () => {
		const file = path.join(dir, 'york-import.csv');
		expect((await exec(['export-plan', '--city', 'york', '--plan', 'P-1', '--out', file])).code).toBe(0);
		const ref = await emptyYorkPlan();
		const { code, stdout } = await exec(['import-plan', '--city', 'york', '--plan', ref, file]);
		expect(code).toBe(0);
		expect(stdout).toMatch(new RegExp(`^Imported 5 commitments, \\d+ actions and \\d+ milestones into ${ref} of York\\.\\n`));
		expect(stdout).toMatch(/references were already used in York and got new numbers:\n {2}C-1 → C-6\n/);
		const entries = await withDb(async (db) => (await readLedgerPage(db, (await findCityBySlug(db, 'york'))!.id, { entityType: 'action' }, undefined, 5)).entries);
		expect(entries.map((entry) => entry.actor_role)).toEqual(['cli', 'cli', 'cli', 'cli', 'cli']);

		const again = await exec(['import-plan', '--city', 'york', '--plan', ref, file]);
		expect(again.code).toBe(1);
		expect(again.stderr.trim()).toMatch(new RegExp(`^rightscity import-plan: ${ref} of York is not empty \\(5 commitments, \\d+ actions\\); import into an empty plan$`));
	});

	it('prints each problem as FILE:row:column: message and saves nothing', async () => {
		const file = path.join(dir, 'bad.csv');
		const row = (cells: Record<string, string>) => csvRow(PLAN_CSV_COLUMNS.map((column) => cells[column] ?? ''));
		fs.writeFileSync(
			file,
			csvRow(PLAN_CSV_COLUMNS) +
				row({ kind: 'commitment', ref: 'C-1', title_en: 'Housing', tags: 'udhr:25;udhr:99' }) +
				row({ kind: 'action', ref: 'A-2029-001', commitment_ref: 'C-1', title_en: 'Advice', departments: 'housing;roads', progress: '120', start_date: '2029-05-01', due_date: '2029-04-01' })
		);
		const ref = await emptyYorkPlan();
		const { code, stderr } = await exec(['import-plan', '--city', 'york', '--plan', ref, file]);
		expect(code).toBe(1);
		expect(stderr.split('\n').filter(Boolean)).toEqual([
			`${file}:3:progress: Progress must be a whole number from 0 to 100. (120)`,
			`${file}:3:due_date: The due date is before the start date. (2029-04-01)`,
			'Nothing was imported (2 problems).'
		]);
		// Once each row is valid on its own, the references are checked against the city.
		fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(',120,', ',20,').replace('2029-04-01', '2029-06-01'));
		const second = await exec(['import-plan', '--city', 'york', '--plan', ref, file]);
		expect(second.code).toBe(1);
		expect(second.stderr.split('\n').filter(Boolean)).toEqual([
			`${file}:2:tags: Not the code of a UDHR article, a Gwangju principle or an SDG goal or target. (udhr:99)`,
			`${file}:3:departments: The city has no department with this code. (roads)`,
			'Nothing was imported (2 problems).'
		]);
		expect(await withDb(async (db) => (await db.selectFrom('action_plan').select('version').where('ref', '=', ref).executeTakeFirstOrThrow()).version)).toBe(1);
	});

	it('names an unknown city, an unknown plan, a missing option and an unreadable file', async () => {
		expect((await exec(['export-plan', '--city', 'atlantis', '--plan', 'P-1'])).stderr.trim()).toBe('rightscity export-plan: no city with the slug "atlantis" (the slugs are in the addresses of the directory, /cities/<slug>)');
		expect((await exec(['export-plan', '--city', 'york', '--plan', 'P-99'])).stderr.trim()).toBe('rightscity export-plan: York has no plan P-99 (its plans: P-1, P-2, P-3)');
		const missing = await exec(['import-plan', '--city', 'york', 'x.csv']);
		expect([missing.code, missing.stderr.trim()]).toEqual([1, 'rightscity import-plan: --plan is required']);
		expect((await exec(['import-plan', '--city', 'york', '--plan', 'P-1', path.join(dir, 'nope.csv')])).stderr.trim()).toBe(`rightscity import-plan: cannot read ${path.join(dir, 'nope.csv')}: ENOENT`);
	});
});
