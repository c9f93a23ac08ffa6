#!/usr/bin/env node
// `npm run bench:indicators`: the indicators module under load, measured in one run on this machine.
//
// Section "import": generates a long-format CSV of BENCH_ROWS rows (default 1,000,000; four
// indicators with two to four disaggregation dimensions, 732 groups per period, monthly periods), then
//   (a) baseline: raw better-sqlite3 prepared single-row inserts of the same rows into an identical
//       `observation` table (same migrations, same pragmas), in one transaction;
//   (b) the import: `importObservations` (what `rightscity import-indicators` runs) streaming the file
//       into a fresh database, in a fresh Node process that samples its process.memoryUsage().rss;
// and prints rows/s of both, their ratio (goal: at least 0.5), RSS at 10/50/90% of the file and the
// peak (goal: flat), the times, and (c) the rate of importing the same file again (all unchanged).
//
// Self-contained: a temporary directory with the CSV and two SQLite files, removed at exit.
// Bounded: stops itself after BENCH_TIMEOUT_S seconds (default 900).
// Further sections (e.g. indicator page latency) are appended to SECTIONS at the end.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { openDatabase } from '../src/lib/server/db/database.ts';
import { migrateToLatest } from '../src/lib/server/db/migrate.ts';
import { nowIso, uuidv7 } from '../src/lib/server/db/ids.ts';
import { newCityRow } from '../src/lib/server/cities/city-row.ts';
import { importObservations } from '../src/lib/server/indicators/import/import.service.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const TIMEOUT_S = Number(process.env.BENCH_TIMEOUT_S ?? 900);
// The import runs in a child process of this script (BENCH_IMPORT_JOB set); only the parent owns the directory.
const dir = process.env.BENCH_IMPORT_JOB ? '' : fs.mkdtempSync(path.join(os.tmpdir(), 'rightscity-bench-indicators-'));

if (dir) {
	process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
	process.on('SIGINT', () => process.exit(130));
	process.on('SIGTERM', () => process.exit(143));
	setTimeout(() => {
		console.error(`bench-indicators: stopped after ${TIMEOUT_S} s (BENCH_TIMEOUT_S)`);
		process.exit(1);
	}, TIMEOUT_S * 1000).unref();
}

const count = (value) => Math.round(value).toLocaleString('en');
const mb = (bytes) => `${(bytes / 1_048_576).toFixed(0)} MiB`;
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

// ——— The data set ———

const range = (prefix, n) => Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(2, '0')}`);
const INDICATORS = [
	{
		code: 'bench.homelessness',
		unit: 'count',
		dimensions: { sex: ['female', 'male', 'other'], age: ['0-17', '18-24', '25-34', '35-49', '50-64', '65+'], district: range('d', 20) }
	},
	{
		code: 'bench.employment-rate',
		unit: 'percent',
		dimensions: { sex: ['female', 'male', 'other'], age: ['18-24', '25-34', '35-49', '50-64'], disability: ['yes', 'no'], migration: ['citizen', 'migrant', 'refugee'] }
	},
	{ code: 'bench.healthy-life-expectancy', unit: 'years', dimensions: { sex: ['female', 'male'], district: range('d', 20), income: range('q', 5) } },
	{ code: 'bench.hate-crime', unit: 'per_100k', dimensions: { ground: ['race', 'religion', 'disability', 'sexual-orientation', 'gender-identity'], district: range('d', 20) } }
];

/** Every group of an indicator: the cell as a file writes it (dimensions in definition order) and the canonical key. */
function groupsOf(dimensions) {
	let groups = [[]];
	for (const [name, values] of Object.entries(dimensions)) groups = groups.flatMap((group) => values.map((value) => [...group, [name, value]]));
	return groups.map((pairs) => ({
		cell: pairs.map(([name, value]) => `${name}=${value}`).join(';'),
		key: [...pairs]
			.sort(([a], [b]) => (a < b ? -1 : 1))
			.map(([name, value]) => `${name}=${value}`)
			.join(';')
	}));
}

/**
 * The rows, deterministic: period by period (months from 1900-01, or days when more rows need more
 * periods than 1900–2100 has months), every group of every indicator.
 */
function* dataRows(limit) {
	const groups = INDICATORS.map((indicator) => groupsOf(indicator.dimensions));
	const perPeriod = groups.reduce((sum, list) => sum + list.length, 0);
	const monthly = Math.ceil(limit / perPeriod) <= 201 * 12;
	const periodOf = (k) =>
		monthly ? `${1900 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}` : new Date(Date.UTC(1900, 0, 1 + k)).toISOString().slice(0, 10);
	let seed = 42;
	let produced = 0;
	for (let k = 0; ; k++) {
		const period = periodOf(k);
		for (let i = 0; i < INDICATORS.length; i++) {
			for (const group of groups[i]) {
				seed = (seed * 1103515245 + 12345) % 2147483648;
				yield { indicator: i, period, cell: group.cell, key: group.key, value: Math.round((seed / 2147483648) * 10_000) / 100 };
				if (++produced >= limit) return;
			}
		}
	}
}

async function writeCsv(file) {
	const out = fs.createWriteStream(file);
	let buffer = 'indicator,period,disaggregation,value\n';
	for (const row of dataRows(ROWS)) {
		buffer += `${INDICATORS[row.indicator].code},${row.period},${row.cell},${row.value}\n`;
		if (buffer.length > 1 << 20) {
			if (!out.write(buffer)) await once(out, 'drain');
			buffer = '';
		}
	}
	out.end(buffer);
	await once(out, 'finish');
	return fs.statSync(file).size;
}

/** A migrated SQLite database with one city and the benchmark's indicators; returns their ids. */
async function prepareDatabase(file) {
	const database = await openDatabase({ dialect: 'sqlite', path: file });
	await migrateToLatest(database.db);
	const city = newCityRow({ name: 'Benchville', countryCode: 'SE', latitude: 59.3, longitude: 18.1, year: 2020, process: 'formal' });
	await database.db.insertInto('city').values(city).execute();
	const now = nowIso();
	const ids = [];
	for (const indicator of INDICATORS) {
		const id = uuidv7();
		ids.push(id);
		await database.db
			.insertInto('indicator')
			.values({
				city_id: city.id,
				id,
				code: indicator.code,
				library_code: null,
				title: JSON.stringify({ en: indicator.code }),
				description: '{}',
				type: 'outcome',
				right_code: 'udhr:25',
				attribute: null,
				sdg_targets: '[]',
				principles: '[]',
				unit: indicator.unit,
				currency: null,
				direction: 'higher_is_better',
				band_low: null,
				band_high: null,
				dimensions: JSON.stringify(indicator.dimensions),
				baseline_value: null,
				baseline_period: null,
				target_value: null,
				target_period: null,
				source: null,
				methodology: '{}',
				version: 1,
				created_at: now,
				updated_at: now,
				deleted_at: null
			})
			.execute();
	}
	return { database, cityId: city.id, indicatorIds: ids };
}

// ——— Section: import throughput and memory ———

/**
 * Runs the import in a fresh Node process (so its memory is the import's, not the generator's)
 * and returns what it measured: time, counts, RSS samples (bytes read as a fraction of the file).
 */
function importInChild(job) {
	const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url)], {
		env: { ...process.env, BENCH_IMPORT_JOB: JSON.stringify(job) },
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
		timeout: TIMEOUT_S * 1000,
		maxBuffer: 1 << 26
	});
	if (child.status !== 0) throw new Error(`the import process failed (status ${child.status}${child.signal ? `, ${child.signal}` : ''})`);
	return JSON.parse(child.stdout.trim().split('\n').at(-1));
}

/** The child's side of `importInChild`. */
async function childImport(job) {
	const database = await openDatabase({ dialect: 'sqlite', path: job.database });
	const samples = [];
	let readBytes = 0;
	const rssBefore = process.memoryUsage().rss;
	let peak = rssBefore;
	const sampler = setInterval(() => {
		const rss = process.memoryUsage().rss;
		peak = Math.max(peak, rss);
		samples.push([readBytes / job.size, rss]);
	}, 25);
	const started = performance.now();
	const result = await importObservations(database.db, 'cli', job.cityId, [{ name: 'observations.csv', stream: fs.createReadStream(job.csv, { highWaterMark: 1 << 16 }) }], {
		format: 'long',
		onProgress: (_rows, bytes) => (readBytes = bytes)
	});
	const ms = performance.now() - started;
	clearInterval(sampler);
	peak = Math.max(peak, process.memoryUsage().rss);
	const stored = await database.db.selectFrom('observation').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
	// The same file again: every row compared, nothing written.
	const again = performance.now();
	const second = await importObservations(database.db, 'cli', job.cityId, [{ name: 'observations.csv', stream: fs.createReadStream(job.csv, { highWaterMark: 1 << 16 }) }], { format: 'long' });
	const againMs = performance.now() - again;
	await database.close();
	const summary = (outcome) => (outcome.ok ? outcome.files[0] : { errors: outcome.errors.slice(0, 3).map((e) => e.message) });
	console.log(JSON.stringify({ ms, result: summary(result), stored: Number(stored.n), rssBefore, peak, samples, againMs, again: summary(second) }));
}

async function importSection() {
	console.log(`Import: ${count(ROWS)} rows, long format, ${INDICATORS.length} indicators (${INDICATORS.map((i) => Object.keys(i.dimensions).length).join('/')} dimensions)`);
	const csv = path.join(dir, 'observations.csv');
	let started = performance.now();
	const size = await writeCsv(csv);
	console.log(`  generated ${csv.replace(dir, '<tmp>')}: ${mb(size)} in ${seconds(performance.now() - started)}`);

	// (b) the import, through the service the CLI uses, in its own process.
	const target = await prepareDatabase(path.join(dir, 'import.sqlite'));
	await target.database.close();
	const measured = importInChild({ database: path.join(dir, 'import.sqlite'), cityId: target.cityId, csv, size });
	if (measured.result.errors) throw new Error(`the import failed: ${measured.result.errors.join('; ')}`);
	if (measured.result.rows !== ROWS || measured.stored !== ROWS) throw new Error(`expected ${ROWS} rows, imported ${measured.result.rows}, stored ${measured.stored}`);
	// The first sample taken once that much of the file was read (the last one for a file read faster than the sampling).
	const rssAt = (fraction) => (measured.samples.find(([read]) => read >= fraction) ?? measured.samples.at(-1))?.[1] ?? NaN;

	// (a) the baseline: raw prepared inserts of the same rows into an identical table.
	const baseline = await prepareDatabase(path.join(dir, 'baseline.sqlite'));
	await baseline.database.close();
	const raw = new SQLite(path.join(dir, 'baseline.sqlite'));
	raw.pragma('journal_mode = WAL');
	raw.pragma('synchronous = FULL');
	raw.pragma('foreign_keys = ON');
	const insert = raw.prepare(
		'insert into observation (city_id, id, indicator_id, period, group_key, value, status, source, note, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'
	);
	started = performance.now();
	const now = nowIso();
	raw.transaction(() => {
		for (const row of dataRows(ROWS)) insert.run(baseline.cityId, uuidv7(), baseline.indicatorIds[row.indicator], row.period, row.key, row.value, 'final', null, null, now, now);
	})();
	const baselineMs = performance.now() - started;
	raw.close();

	const importRate = (ROWS * 1000) / measured.ms;
	const baselineRate = (ROWS * 1000) / baselineMs;
	console.log(`  (a) raw better-sqlite3 prepared inserts: ${count(baselineRate)} rows/s (${seconds(baselineMs)})`);
	console.log(`  (b) import-indicators (streamed, checked, upserted, ledgered): ${count(importRate)} rows/s (${seconds(measured.ms)})`);
	console.log(`  ratio (b)/(a): ${(importRate / baselineRate).toFixed(2)} (goal ≥ 0.50)`);
	console.log(
		`  RSS of the import process: ${mb(measured.rssBefore)} before; at 10% of the file ${mb(rssAt(0.1))}, 50% ${mb(rssAt(0.5))}, 90% ${mb(rssAt(0.9))}; peak ${mb(measured.peak)} (file ${mb(size)})`
	);
	console.log(`  result: ${count(measured.result.new)} new, ${count(measured.result.changed)} changed, ${count(measured.result.unchanged)} unchanged`);
	const again = measured.again;
	if (again.errors || again.unchanged !== ROWS) throw new Error(`the re-import was not idempotent: ${JSON.stringify(again)}`);
	console.log(`  (c) the same file again: ${count((ROWS * 1000) / measured.againMs)} rows/s (${seconds(measured.againMs)}); ${count(again.new)} new, ${count(again.changed)} changed, ${count(again.unchanged)} unchanged`);
}

// ——— Run ———

const SECTIONS = [importSection];

if (process.env.BENCH_IMPORT_JOB) {
	await childImport(JSON.parse(process.env.BENCH_IMPORT_JOB));
} else {
	const total = performance.now();
	for (const section of SECTIONS) await section();
	console.log(`Total time: ${seconds(performance.now() - total)}`);
}
