/**
 * `rightscity export-plan` and `rightscity import-plan`: a whole action plan as CSV (the format
 * is described in src/lib/server/commitments/plan-csv.ts). The operator at the command line may
 * do what a city admin may; the ledger records these imports with the role `cli`.
 *
 * Import problems are printed one per line as `FILE:row:column: message` (row 1 is the header),
 * and the command exits with 1 having saved nothing.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import { requireCity, withDatabase, type Command } from '../cli/command.ts';
import { CliError } from '../cli/cli-error.ts';
import type { Db } from '../db/database.ts';
import { isDomainError } from '../errors.ts';
import { systemActor } from '../accounts/index.ts';
import { getPlanByRef, listPlans } from './plans.service.ts';
import { exportPlanCsv, importPlanCsv, planCsvErrorsOf } from './plan-csv.service.ts';
import catalog from './messages/en.json' with { type: 'json' };

const messages = catalog as Record<string, string>;

/**
 * A row problem's rule in plain English (the admin page's English text). Read from the module's
 * catalogue rather than the compiled messages, so the command works before `npm run i18n`; these
 * texts have no placeholders, so the catalogue text is the text shown.
 */
export function ruleText(rule: string): string {
	return messages[`cadmin_csv_rule_${rule}`] ?? `${messages.cadmin_csv_rule_invalid} (${rule})`;
}

function required(options: Record<string, string | boolean | undefined>, name: string): string {
	const value = options[name];
	if (typeof value !== 'string' || !value.trim()) throw new CliError(`--${name} is required`);
	return value.trim();
}

async function findPlan(db: Db, slug: string, ref: string) {
	const city = await requireCity(db, slug);
	const plan = await getPlanByRef(db, city.id, ref).catch(async (error: unknown) => {
		if (!isDomainError(error, 'plan_not_found')) throw error;
		const refs = (await listPlans(db, city.id)).map((item) => item.ref).sort((a, b) => Number(a.slice(2)) - Number(b.slice(2)));
		throw new CliError(`${city.displayName} has no plan ${ref} (${refs.length ? `its plans: ${refs.join(', ')}` : 'it has no plans yet'})`);
	});
	return { city, plan };
}

export const planCsvCommands: Command[] = [
	{
		name: 'export-plan',
		summary: 'Write a city’s action plan (commitments, actions, milestones) as CSV',
		details: [
			'Writes to standard output, or to --out FILE. UTF-8 with a byte-order mark, CRLF line ends;',
			'the columns are described in src/lib/server/commitments/plan-csv.ts.',
			'Example: rightscity export-plan --city york --plan P-1 --out york-plan.csv'
		].join('\n'),
		options: [
			{ name: 'city', type: 'string', placeholder: 'slug', description: 'The city (required)' },
			{ name: 'plan', type: 'string', placeholder: 'ref', description: 'The plan’s reference, e.g. P-1 (required)' },
			{ name: 'out', type: 'string', placeholder: 'file', description: 'Write to this file instead of standard output' }
		],
		run: async (options) => {
			const slug = required(options, 'city');
			const ref = required(options, 'plan');
			const out = typeof options.out === 'string' ? options.out : undefined;
			return withDatabase(async (database) => {
				const { city, plan } = await findPlan(database.db, slug, ref);
				const exported = await exportPlanCsv(database.db, systemActor('cli', [city.id]), city.id, plan.id);
				const stream = out ? fs.createWriteStream(out) : process.stdout;
				for (const chunk of exported.chunks()) if (!stream.write(chunk)) await once(stream, 'drain');
				if (out) {
					await new Promise<void>((resolve, reject) => (stream as fs.WriteStream).end((error?: Error | null) => (error ? reject(error) : resolve())));
					const { commitments, actions, milestones } = exported.counts;
					console.error(`Wrote ${plan.ref} of ${city.displayName} (${commitments} commitments, ${actions} actions, ${milestones} milestones) to ${out}.`);
				}
				return 0;
			}, { migrate: true });
		}
	},
	{
		name: 'import-plan',
		summary: 'Fill an empty action plan from a CSV file (all or nothing)',
		positional: 'FILE',
		details: [
			'Every row is checked first; if any has a problem, each is printed as FILE:row:column: message',
			'(row 1 is the header), nothing is saved and the exit status is 1.',
			'References already used in the city get new numbers (listed); links inside the file follow them.',
			'Example: rightscity import-plan --city york --plan P-2 york-plan.csv'
		].join('\n'),
		options: [
			{ name: 'city', type: 'string', placeholder: 'slug', description: 'The city (required)' },
			{ name: 'plan', type: 'string', placeholder: 'ref', description: 'The empty plan to fill, e.g. P-2 (required)' }
		],
		run: async (options, positionals) => {
			const slug = required(options, 'city');
			const ref = required(options, 'plan');
			const file = positionals[0];
			if (!file || positionals.length > 1) throw new CliError('give exactly one CSV file to import');
			let bytes: Uint8Array;
			try {
				bytes = fs.readFileSync(file);
			} catch (error) {
				throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
			}
			return withDatabase(async (database) => {
				const { city, plan } = await findPlan(database.db, slug, ref);
				try {
					const result = await importPlanCsv(database.db, systemActor('cli', [city.id]), city.id, plan.id, bytes);
					console.log(`Imported ${result.commitments} commitments, ${result.actions} actions and ${result.milestones} milestones into ${plan.ref} of ${city.displayName}.`);
					if (result.renumbered.length) {
						console.log(`${result.renumbered.length} references were already used in ${city.displayName} and got new numbers:`);
						for (const { from, to } of result.renumbered) console.log(`  ${from} → ${to}`);
					}
					return 0;
				} catch (error) {
					const problems = planCsvErrorsOf(error);
					if (problems) {
						for (const problem of problems.rows) console.error(`${file}:${problem.row}:${problem.column}: ${ruleText(problem.rule)}${problem.value ? ` (${problem.value})` : ''}`);
						if (problems.total > problems.rows.length) console.error(`… and ${problems.total - problems.rows.length} more problems.`);
						console.error(`Nothing was imported (${problems.total} ${problems.total === 1 ? 'problem' : 'problems'}).`);
						return 1;
					}
					if (isDomainError(error, 'conflict') && error.message === 'plan_not_empty') {
						const { commitments, actions } = error.details as { commitments: number; actions: number };
						throw new CliError(`${plan.ref} of ${city.displayName} is not empty (${commitments} commitments, ${actions} actions); import into an empty plan`);
					}
					throw error;
				}
			}, { migrate: true });
		}
	}
];
