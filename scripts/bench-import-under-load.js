#!/usr/bin/env node
// `npm run bench:import-under-load`: observation imports next to the site's own work, measured in
// one run on this machine, on SQLite and (when TEST_DATABASE_URL names a PostgreSQL server) on
// PostgreSQL. In process, through the services the CLI and the upload page call
// (`importObservations` on the database the web app uses; the import opens its own connection).
//
// Section "under load": readers (an indicator's observations, the city's latest ledger entries)
// and writers (one observation per write, through the service the observation form posts to) run
// for IDLE_S seconds alone — the same-run baseline — and then again while an import of
// BENCH_ROWS new rows runs. Prints read p95 during the import vs idle (goal ≤ 2×), failed reads and
// writes (goal 0), whether every acknowledged write is stored, the event loop's longest stall,
// and the write lock's hold time per merged chunk (p95, max; goal ~100 ms).
//
// Section "re-import": on a city that already holds BENCH_ROWS observations, imports BENCH_ROWS
// new rows of another indicator, then the same keys again with every value changed; prints both
// rates and their ratio (goal ≥ 0.5).
//
// Env: BENCH_ROWS (default 20,000; the 1,000,000 takes minutes), IDLE_S (default 3),
// BENCH_TIMEOUT_S (default 900). Set-up data (the city, indicators, the first rows) is made
// through the same services. Databases are temporary and removed at the end.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fmt, requireTypeStripping } from './bench-lib.js';

requireTypeStripping(import.meta.filename, 'bench-import-under-load');

const { createTestDatabase } = await import('../src/lib/server/testing/test-database.ts');
const { createCity } = await import('../src/lib/server/testing/factories.ts');
const { createTestIndicator, indicatorActor } = await import('../src/lib/server/testing/indicator-factories.ts');
const { systemActor } = await import('../src/lib/server/accounts/index.ts');
const { importObservations } = await import('../src/lib/server/indicators/import/import.service.ts');
const { listObservations, recordObservation } = await import('../src/lib/server/indicators/observations.service.ts');

const ROWS = Number(process.env.BENCH_ROWS ?? 20_000);
const IDLE_S = Number(process.env.IDLE_S ?? 3);
const TIMEOUT_S = Number(process.env.BENCH_TIMEOUT_S ?? 900);
const DISTRICTS = Array.from({ length: 100 }, (_, i) => `d${String(i + 1).padStart(3, '0')}`);

setTimeout(() => {
	console.error(`bench-import-under-load: stopped after ${TIMEOUT_S} s (BENCH_TIMEOUT_S)`);
	process.exit(1);
}, TIMEOUT_S * 1000).unref();

const count = (value) => Math.round(value).toLocaleString('en');
const percentile = (values, p) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

/** A long-format CSV of `rows` observations of `code` (days from 1900-01-01 × 100 districts). */
function csv(code, rows, shift) {
	let text = 'indicator,period,disaggregation,value\n';
	for (let i = 0; i < rows; i++) {
		const day = new Date(Date.UTC(1900, 0, 1 + Math.floor(i / DISTRICTS.length))).toISOString().slice(0, 10);
		text += `${code},${day},district=${DISTRICTS[i % DISTRICTS.length]},${(i % 997) + shift}\n`;
	}
	return text;
}

function source(name, text) {
	const bytes = new TextEncoder().encode(text);
	let offset = 0;
	return {
		name,
		stream: new ReadableStream({
			pull(controller) {
				if (offset >= bytes.length) return controller.close();
				controller.enqueue(bytes.subarray(offset, offset + (1 << 16)));
				offset += 1 << 16;
			}
		})
	};
}

async function timedImport(db, actor, cityId, name, text, options = {}) {
	const started = performance.now();
	const result = await importObservations(db, actor, cityId, [source(name, text)], { format: 'long', ...options });
	if (!result.ok) throw new Error(`${name}: ${result.errors.slice(0, 3).map((error) => error.message).join('; ')}`);
	return { ms: performance.now() - started, file: result.files[0] };
}

async function setUp(dialect) {
	const database = await createTestDatabase(dialect);
	const city = await createCity(database.db);
	const admin = await indicatorActor(database.db, city.id);
	const dimensions = `district: ${DISTRICTS.join(', ')}`;
	for (const code of ['bench.base', 'bench.new', 'bench.load']) await createTestIndicator(database.db, admin, city.id, { code, unit: 'count', dimensions });
	await createTestIndicator(database.db, admin, city.id, { code: 'bench.form', unit: 'count' });
	return { database, city, admin };
}

/** Readers and writers until `stop()`; latencies and failures. */
function siteLoad(db, admin, cityId, firstYear) {
	let running = true;
	const reads = [];
	const writes = [];
	let readErrors = 0;
	let writeErrors = 0;
	let year = firstYear;
	const firstError = [];
	const reader = async () => {
		while (running) {
			const started = performance.now();
			try {
				await listObservations(db, cityId, 'bench.form');
				await db.selectFrom('ledger_entry').select(['seq', 'entity_ref']).where('city_id', '=', cityId).orderBy('seq', 'desc').limit(20).execute();
				reads.push(performance.now() - started);
			} catch (error) {
				readErrors += 1;
				firstError.push(error);
			}
			await new Promise((resolve) => setTimeout(resolve, 5));
		}
	};
	const writer = async () => {
		while (running) {
			const period = new Date(Date.UTC(1900, 0, 1 + year++)).toISOString().slice(0, 10);
			const started = performance.now();
			try {
				await recordObservation(db, admin, cityId, 'bench.form', { period, group: {}, value: 1 });
				writes.push(performance.now() - started);
			} catch (error) {
				writeErrors += 1;
				firstError.push(error);
			}
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
	};
	const loops = [reader(), reader(), reader(), writer(), writer()];
	return {
		nextYear: () => year,
		async stop() {
			running = false;
			await Promise.all(loops);
			return { reads, writes, readErrors, writeErrors, firstError: firstError[0] };
		}
	};
}

async function underLoad(dialect) {
	const { database, city, admin } = await setUp(dialect);
	try {
		const db = database.db;
		// Idle: the site alone.
		const idle = siteLoad(db, admin, city.id, 0);
		await new Promise((resolve) => setTimeout(resolve, IDLE_S * 1000));
		const idleResult = await idle.stop();
		// The same load while an import runs.
		const text = csv('bench.load', ROWS, 0);
		const delay = monitorEventLoopDelay({ resolution: 5 });
		const busy = siteLoad(db, admin, city.id, idle.nextYear());
		const chunks = [];
		delay.enable();
		const imported = await timedImport(db, systemActor('cli', [city.id]), city.id, 'load.csv', text, { onChunk: (chunk) => void chunks.push(chunk.lockMs) });
		delay.disable();
		const busyResult = await busy.stop();
		const acknowledged = idleResult.writes.length + busyResult.writes.length;
		const stored = (await listObservations(db, city.id, 'bench.form')).length;
		const idleP95 = percentile(idleResult.reads, 95);
		const busyP95 = percentile(busyResult.reads, 95);
		console.log(`  import of ${count(ROWS)} new rows next to 3 readers and 2 writers: ${(imported.ms / 1000).toFixed(2)} s (${count((ROWS * 1000) / imported.ms)} rows/s), ${chunks.length} chunks`);
		console.log(`  reads: idle p95 ${fmt(idleP95, 1)} ms (${idleResult.reads.length}), during the import p95 ${fmt(busyP95, 1)} ms (${busyResult.reads.length}); ratio ${fmt(busyP95 / idleP95, 2)}× (goal ≤ 2×)`);
		console.log(
			`  writes: idle p95 ${fmt(percentile(idleResult.writes, 95), 1)} ms (${idleResult.writes.length}), during the import p95 ${fmt(percentile(busyResult.writes, 95), 1)} ms (${busyResult.writes.length}); failed reads ${idleResult.readErrors + busyResult.readErrors}, failed writes ${idleResult.writeErrors + busyResult.writeErrors} (goal 0)`
		);
		console.log(`  acknowledged writes ${acknowledged}, stored ${stored}: ${acknowledged === stored ? 'all stored' : 'MISSING WRITES'}`);
		console.log(`  write lock per chunk: p95 ${fmt(percentile(chunks, 95), 1)} ms, max ${fmt(Math.max(...chunks), 1)} ms (goal ~100 ms); event loop: longest stall ${fmt(delay.max / 1e6, 1)} ms, p99 ${fmt(delay.percentile(99) / 1e6, 1)} ms (goal ~50 ms)`);
		const failure = idleResult.firstError ?? busyResult.firstError;
		if (failure) console.log(`  first failure: ${failure instanceof Error ? failure.message : String(failure)}`);
	} finally {
		await database.cleanup();
	}
}

async function reimport(dialect) {
	const { database, city, admin } = await setUp(dialect);
	try {
		const db = database.db;
		await timedImport(db, systemActor('cli', [city.id]), city.id, 'base.csv', csv('bench.base', ROWS, 0));
		const fresh = await timedImport(db, systemActor('cli', [city.id]), city.id, 'new.csv', csv('bench.new', ROWS, 0));
		const changed = await timedImport(db, systemActor('cli', [city.id]), city.id, 'changed.csv', csv('bench.new', ROWS, 1));
		if (fresh.file.new !== ROWS || changed.file.changed !== ROWS) throw new Error(`unexpected counts: ${JSON.stringify([fresh.file, changed.file])}`);
		const freshRate = (ROWS * 1000) / fresh.ms;
		const changedRate = (ROWS * 1000) / changed.ms;
		console.log(`  city holding ${count(ROWS)} observations: ${count(ROWS)} new rows ${count(freshRate)} rows/s (${(fresh.ms / 1000).toFixed(2)} s); the same rows changed ${count(changedRate)} rows/s (${(changed.ms / 1000).toFixed(2)} s)`);
		console.log(`  changed / new: ${fmt(changedRate / freshRate, 2)} (goal ≥ 0.50)`);
	} finally {
		await database.cleanup();
	}
}

const dialects = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
const total = performance.now();
for (const dialect of dialects) {
	console.log(`${dialect}: under load`);
	await underLoad(dialect);
	console.log(`${dialect}: re-import`);
	await reimport(dialect);
}
console.log(`Total time: ${((performance.now() - total) / 1000).toFixed(1)} s`);
process.exit(0);
