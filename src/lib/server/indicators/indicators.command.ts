/**
 * CLI commands of the indicators module:
 *
 * - `import-indicators --city york [--format open-sdg|long|auto] FILE…` imports observations from
 *   CSV files, all files or nothing, with a progress bar on stderr; prints per-file counts, or the
 *   problems as `file:row:column: message` (exit 1, nothing imported).
 * - `export-indicators --city york [--indicator CODE] [--format open-sdg|json|sdmx|sdmx-structure] [--out FILE]`
 *   writes an indicator's data (or, as SDMX-CSV and its structure, all of the city's) to a file or stdout.
 *
 * The CLI acts as the operator: no person is recorded; the ledger shows the role `cli`.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import { requireCity, withDatabase, type Command } from '../cli/command.ts';
import { CliError } from '../cli/cli-error.ts';
import { ProgressBar } from '../cli/progress-bar.ts';
import type { Db } from '../db/database.ts';
import { isDomainError } from '../errors.ts';
import { systemActor } from '../accounts/index.ts';
import { importObservations, type ImportResult } from './import/import.service.ts';
import { importProblemText, type ImportError } from './import/import-errors.ts';
import { exportJson, exportOpenSdgCsv, exportSdmxCsv } from './export/export.service.ts';
import { exportSdmxStructure } from './export/sdmx-structure.ts';
import { Readable } from 'node:stream';
import path from 'node:path';
import { openSdgSiteFiles } from './export/open-sdg-site.ts';
import { proposeIndicator, proposalForm, type IndicatorProposal, type ProposalProblem } from './import/define-from-file.ts';
import { INDICATOR_DIRECTIONS, INDICATOR_UNITS, MAX_DIMENSION_VALUES } from './indicators.schema.ts';
import type { IndicatorUnit } from './indicators.tables.ts';
import { createIndicator, listIndicators } from './indicators.service.ts';

const IMPORT_FORMATS = ['auto', 'open-sdg', 'long'] as const;
const EXPORT_FORMATS = ['open-sdg', 'json', 'sdmx', 'sdmx-structure', 'open-sdg-site'] as const;

/** One text as the chunks an export yields. */
async function* single(text: string): AsyncIterable<string> {
	yield text;
}

type Options = Record<string, string | boolean | undefined>;

function stringOption(options: Options, name: string): string | undefined {
	const value = options[name];
	return typeof value === 'string' ? value : undefined;
}

function choice<T extends string>(options: Options, name: string, allowed: readonly T[], fallback: T): T {
	const value = stringOption(options, name) ?? fallback;
	if (!(allowed as readonly string[]).includes(value)) throw new CliError(`--${name} must be one of ${allowed.join(', ')} (got "${value}")`);
	return value as T;
}

async function cityId(db: Db, options: Options): Promise<string> {
	const slug = stringOption(options, 'city');
	if (!slug) throw new CliError('--city <slug> is required');
	return (await requireCity(db, slug)).id;
}

/** `file:row:column: problem`, leaving out the parts a problem does not have. */
export function errorLine(error: ImportError): string {
	const where = [error.file, ...(error.row === null ? [] : [String(error.row)]), ...(error.row !== null && error.column !== null ? [error.column] : [])].join(':');
	return `${where}: ${importProblemText(error.code, error.params)}`;
}

function printResult(result: ImportResult, elapsedMs: number): number {
	if (!result.ok) {
		for (const error of result.errors) console.error(errorLine(error));
		const more = result.errorCount - result.errors.length;
		if (more > 0) console.error(`… and ${more.toLocaleString('en')} more problem(s) (raise --max-errors to list more).`);
		console.error(`${result.errorCount.toLocaleString('en')} problem(s) found; nothing was imported.`);
		return 1;
	}
	let rows = 0;
	for (const file of result.files) {
		rows += file.rows;
		const what = file.indicator ?? 'several indicators';
		console.log(`${file.name}: ${file.rows.toLocaleString('en')} rows (${file.format}, ${what}): ${file.new.toLocaleString('en')} new, ${file.changed.toLocaleString('en')} changed, ${file.unchanged.toLocaleString('en')} unchanged`);
	}
	const seconds = elapsedMs / 1000;
	console.log(`Imported ${rows.toLocaleString('en')} rows from ${result.files.length} file(s) in ${seconds.toFixed(1)} s (${Math.round(rows / Math.max(seconds, 0.001)).toLocaleString('en')} rows/s).`);
	return 0;
}

async function importIndicators(options: Options, files: string[]): Promise<number> {
	const format = choice(options, 'format', IMPORT_FORMATS, 'auto');
	const indicator = stringOption(options, 'indicator');
	const maxErrorsText = stringOption(options, 'max-errors');
	const maxErrors = maxErrorsText === undefined ? 100 : Number(maxErrorsText);
	if (!Number.isInteger(maxErrors) || maxErrors < 1) throw new CliError(`--max-errors must be a whole number from 1 (got "${maxErrorsText}")`);
	if (files.length === 0) throw new CliError('name at least one CSV file to import');
	if (indicator !== undefined && files.length !== 1) throw new CliError('--indicator names the indicator of one Open SDG file; import one file with it');
	let totalBytes = 0;
	for (const file of files) {
		let stat: fs.Stats;
		try {
			stat = fs.statSync(file);
		} catch (error) {
			throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
		}
		if (!stat.isFile()) throw new CliError(`cannot read ${file}: not a file`);
		totalBytes += stat.size;
	}
	if (options.define === true) return defineAndImport(options, files);
	return withDatabase(async (database) => {
		const city = await cityId(database.db, options);
		const progress = new ProgressBar({ label: 'Importing', totalBytes });
		const started = performance.now();
		const sources = files.map((file) => ({ name: file, stream: fs.createReadStream(file, { highWaterMark: 1 << 16 }), ...(indicator ? { indicator } : {}) }));
		let result: ImportResult;
		try {
			result = await importObservations(database.db, systemActor('cli', [city]), city, sources, { format, maxErrors, acceptLookalikes: options['accept-lookalikes'] === true, onProgress: (rows, bytes) => progress.update(rows, bytes) });
		} catch (error) {
			if (isDomainError(error, 'indicator_not_found')) throw new CliError(`the city has no indicator "${indicator}"`);
			if (isDomainError(error, 'conflict')) throw new CliError(`${error.message}`);
			throw error;
		} finally {
			progress.finish();
		}
		return printResult(result, performance.now() - started);
	}, { migrate: true });
}

const PROPOSAL_PROBLEMS: Record<ProposalProblem, string> = {
	no_code: 'the file name proposes no indicator code (name it indicator_<code>.csv, e.g. indicator_1-2-1.csv for sdg:1.2.1)',
	not_open_sdg: 'the file is not in the Open SDG format (it needs the columns Year and Value)',
	unreadable: 'the file cannot be read as CSV',
	too_many_values: `a dimension has more than ${MAX_DIMENSION_VALUES} values`
};

function describeProposal(proposal: IndicatorProposal): string {
	const lines = [`${proposal.file}: new indicator ${proposal.code} (${proposal.rows.toLocaleString('en')} rows)`];
	lines.push(`  unit: ${proposal.unit}${proposal.unitRecognised ? '' : ' (not recognised from the file; choose with --unit)'}${proposal.unitText ? `, written "${proposal.unitText}"` : ''}`);
	if (proposal.seriesText) lines.push(`  headline series: ${proposal.seriesText}`);
	const others = [...proposal.units.filter((unit) => unit !== proposal.unitText && !(proposal.unitText === null && unit.toLowerCase() === proposal.unit)), ...proposal.series.filter((item) => item !== proposal.seriesText)];
	if (others.length > 0) lines.push(`  kept as series of their own: ${others.join('; ')}`);
	const dimensions = Object.entries(proposal.dimensions);
	if (dimensions.length === 0) lines.push('  no dimensions');
	for (const [name, values] of dimensions) lines.push(`  dimension ${name}: ${values.join(', ')}`);
	return lines.join('\n');
}

/**
 * `import-indicators --define`: proposes an indicator for each Open SDG file whose indicator the
 * city lacks (shown; nothing saved), and with `--yes` creates them and imports all files in one
 * transaction (a refused import leaves no indicator behind).
 */
async function defineAndImport(options: Options, files: string[]): Promise<number> {
	const unit = stringOption(options, 'unit');
	if (unit !== undefined && !(INDICATOR_UNITS as readonly string[]).includes(unit)) throw new CliError(`--unit must be one of ${INDICATOR_UNITS.join(', ')} (got "${unit}")`);
	const direction = choice(options, 'direction', INDICATOR_DIRECTIONS, 'higher_is_better');
	const language = stringOption(options, 'language');
	const title = stringOption(options, 'title');
	if (title !== undefined && files.length !== 1) throw new CliError('--title names the indicator of one file; define one file with it');
	const contents = files.map((file) => ({ file, bytes: fs.readFileSync(file) }));
	return withDatabase(async (database) => {
		const city = await cityId(database.db, options);
		const actor = systemActor('cli', [city]);
		const existing = new Set((await listIndicators(database.db, city)).map((indicator) => indicator.code));
		const proposals: IndicatorProposal[] = [];
		for (const { file, bytes } of contents) {
			const proposed = proposeIndicator(file, bytes);
			if (!proposed.ok) throw new CliError(`${file}: ${PROPOSAL_PROBLEMS[proposed.problem]}${proposed.detail ? ` (${proposed.detail})` : ''}`);
			if (existing.has(proposed.proposal.code)) {
				console.log(`${file}: indicator ${proposed.proposal.code} exists; its data will be imported into it`);
				continue;
			}
			proposals.push(proposed.proposal);
			console.log(describeProposal(proposed.proposal));
		}
		if (options.yes !== true) {
			console.log('Nothing was saved. Run again with --yes to create the indicator(s) shown and import the file(s).');
			return 0;
		}
		const started = performance.now();
		let result: ImportResult | undefined;
		try {
			await database.db.transaction().execute(async (trx) => {
				for (const proposal of proposals) {
					const form = proposalForm(proposal, { ...(title ? { title } : {}), ...(unit ? { unit: unit as IndicatorUnit } : {}), direction, dataLanguage: language ?? null });
					await createIndicator(trx, actor, city, form, { locale: 'en' });
				}
				const sources = contents.map(({ file, bytes }) => ({ name: file, stream: Readable.from([bytes]) }));
				result = await importObservations(trx, actor, city, sources, { format: 'open-sdg', acceptLookalikes: options['accept-lookalikes'] === true });
				if (!result.ok) throw new DefineRolledBack();
			});
		} catch (error) {
			if (error instanceof DefineRolledBack) return printResult(result!, performance.now() - started);
			if (isDomainError(error, 'invalid_input') || isDomainError(error, 'conflict')) {
				const fields = (error.details as { fields?: Record<string, string> } | undefined)?.fields;
				throw new CliError(`the indicator cannot be created: ${fields ? Object.entries(fields).map(([field, rule]) => `${field}: ${rule}`).join(', ') : error.message}`);
			}
			throw error;
		}
		for (const proposal of proposals) console.log(`Created indicator ${proposal.code}.`);
		return printResult(result!, performance.now() - started);
	}, { migrate: true });
}

class DefineRolledBack extends Error {}

/** `export-indicators --format open-sdg-site --out DIR`: the city as an Open SDG data folder. */
async function exportSite(options: Options, out: string | undefined): Promise<number> {
	if (out === undefined) throw new CliError('--out <folder> is required for --format open-sdg-site');
	const languages = (stringOption(options, 'languages') ?? 'en').split(',').map((language) => language.trim()).filter((language) => language !== '');
	if (languages.length === 0 || languages.some((language) => !/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(language))) throw new CliError('--languages must be language codes separated by commas, e.g. en,es');
	return withDatabase(async (database) => {
		const city = await cityId(database.db, options);
		let files = 0;
		let bytes = 0;
		for await (const file of await openSdgSiteFiles(database.db, city, languages)) {
			const target = path.join(out, ...file.path.split('/'));
			fs.mkdirSync(path.dirname(target), { recursive: true });
			bytes += await writeToFile(file.chunks, target);
			files += 1;
		}
		console.error(`Wrote ${files} files to ${out} (${bytes.toLocaleString('en')} bytes, open-sdg-site).`);
		return 0;
	}, { migrate: true });
}

/** Writes chunks to stdout, waiting when it is full (a pipe to a slow reader). */
async function writeToStdout(chunks: AsyncIterable<string>): Promise<void> {
	for await (const chunk of chunks) {
		if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
	}
}

/** Writes chunks to a file, replacing it only when complete. */
async function writeToFile(chunks: AsyncIterable<string>, file: string): Promise<number> {
	const partial = `${file}.partial`;
	const out = fs.createWriteStream(partial);
	let bytes = 0;
	try {
		for await (const chunk of chunks) {
			bytes += Buffer.byteLength(chunk);
			if (!out.write(chunk)) await once(out, 'drain');
		}
		await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
		fs.renameSync(partial, file);
	} catch (error) {
		out.destroy();
		fs.rmSync(partial, { force: true });
		throw new CliError(`cannot write ${file}: ${(error as Error).message}`);
	}
	return bytes;
}

async function exportIndicators(options: Options): Promise<number> {
	const format = choice(options, 'format', EXPORT_FORMATS, 'open-sdg');
	const indicator = stringOption(options, 'indicator');
	const out = stringOption(options, 'out');
	if (format === 'open-sdg-site') return exportSite(options, out);
	if (!indicator && !format.startsWith('sdmx')) throw new CliError(`--indicator <code> is required for --format ${format} (only sdmx exports all indicators at once)`);
	return withDatabase(async (database) => {
		const city = await cityId(database.db, options);
		let chunks: AsyncIterable<string>;
		try {
			chunks =
				format === 'open-sdg'
					? await exportOpenSdgCsv(database.db, city, indicator!)
					: format === 'json'
						? await exportJson(database.db, city, indicator!)
						: format === 'sdmx'
							? await exportSdmxCsv(database.db, city, indicator)
							: single(await exportSdmxStructure(database.db, city, indicator, new Date().toISOString()));
		} catch (error) {
			if (isDomainError(error, 'indicator_not_found')) throw new CliError(`the city has no indicator "${indicator}"`);
			throw error;
		}
		if (out === undefined) {
			await writeToStdout(chunks);
			return 0;
		}
		const bytes = await writeToFile(chunks, out);
		console.error(`Wrote ${out} (${bytes.toLocaleString('en')} bytes, ${format}).`);
		return 0;
	}, { migrate: true });
}

export const indicatorCommands: Command[] = [
	{
		name: 'import-indicators',
		summary: 'Import indicator observations from CSV files (Open SDG or long format), all or nothing',
		details: [
			'Open SDG format: one file per indicator, named after its code (indicator_<code>.csv also works),',
			'  columns Year, one per disaggregation dimension (empty = total), optional Units, GeoCode, Status, and Value.',
			'Long format: columns indicator, period, disaggregation (dimension=value;… or empty for the total), value,',
			'  and optionally status, source, note.',
			'Every row of every file is checked first; if any is wrong nothing is imported and the problems are listed',
			'as file:row:column: message (exit status 1). Importing the same data again changes nothing.',
			'With --define, an indicator the city lacks is proposed from its file and, with --yes, created before the import.',
			'Example: rightscity import-indicators --city york data/indicator_housing-temporary-accommodation.csv',
			'Example: rightscity import-indicators --city almaty --define --yes --language ru data/indicator_1-2-1.csv'
		].join('\n'),
		positional: 'FILE…',
		options: [
			{ name: 'city', type: 'string', placeholder: 'slug', description: 'City whose indicators the data are for (required)' },
			{ name: 'format', type: 'string', placeholder: 'format', description: 'open-sdg, long or auto (default: from each file’s header)' },
			{ name: 'indicator', type: 'string', placeholder: 'code', description: 'Indicator of an Open SDG file, instead of its file name' },
			{ name: 'max-errors', type: 'string', placeholder: 'number', description: 'How many problems to list (default 100; all are counted)' },
			{ name: 'accept-lookalikes', type: 'boolean', description: 'Treat a header or value that differs from the definition only by look-alike letters (a Latin O in a Cyrillic word) as the definition’s' },
			{ name: 'define', type: 'boolean', description: 'Propose a new indicator from each Open SDG file the city has none for (code from the file name, dimensions from the columns, unit from Units); nothing is saved without --yes' },
			{ name: 'yes', type: 'boolean', description: 'With --define: create the indicators shown and import the files, all or nothing' },
			{ name: 'unit', type: 'string', placeholder: 'unit', description: `With --define: the unit (${INDICATOR_UNITS.join(', ')}) when the file's is not recognised` },
			{ name: 'direction', type: 'string', placeholder: 'direction', description: 'With --define: which way is better (default higher_is_better)' },
			{ name: 'language', type: 'string', placeholder: 'tag', description: 'With --define: the language of the dimension names and values (e.g. ru)' },
			{ name: 'title', type: 'string', placeholder: 'text', description: 'With --define and one file: the indicator title (default: its code)' }
		],
		run: (options, positionals) => importIndicators(options, positionals)
	},
	{
		name: 'export-indicators',
		summary: 'Export indicator data as Open SDG CSV, JSON or SDMX-CSV 2.0',
		details: [
			'open-sdg and json export one indicator (--indicator); sdmx exports one or, without --indicator, all of them;',
			'sdmx-structure writes the SDMX-ML 3.0 structure (ids and names in their languages) that goes beside that sdmx file;',
			'open-sdg-site writes the whole city as an Open SDG data folder (data/, indicator-config/, meta/, config_data.yml) into --out.',
			'Writes to stdout unless --out names a file.',
			'Example: rightscity export-indicators --city york --format sdmx --out york.sdmx.csv'
		].join('\n'),
		options: [
			{ name: 'city', type: 'string', placeholder: 'slug', description: 'City to export (required)' },
			{ name: 'indicator', type: 'string', placeholder: 'code', description: 'Indicator code (required for open-sdg and json)' },
			{ name: 'format', type: 'string', placeholder: 'format', description: 'open-sdg (default), json, sdmx, sdmx-structure or open-sdg-site' },
			{ name: 'languages', type: 'string', placeholder: 'codes', description: 'With open-sdg-site: the site languages, the default first (default en)' },
			{ name: 'out', type: 'string', placeholder: 'file', description: 'File to write (default: stdout)' }
		],
		run: (options) => exportIndicators(options)
	}
];
