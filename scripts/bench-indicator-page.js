#!/usr/bin/env node
// `npm run bench:indicator-page`: latency of a heavily disaggregated indicator page. Makes a
// temporary SQLite database with the demo network, gives one city (York) an indicator with a
// `district` dimension of 50 groups and 20 years of observations for the total and every group
// (1,020 observations, imported through the real long-format CSV import, so they are validated
// and ledgered like any import), serves the production build on a free loopback port, and
// measures next to a bare node:http hello-world in the same run:
//
//   - req/s, p50/p95/p99 latency and the server's CPU time per request of the indicator page
//     /cities/york/indicators/<code>, of the city's indicator list and of the baseline, with the
//     ratios to the baseline (wrk reports no p95: a Lua `done` hook prints it, see bench-lib.js);
//   - the indicator page's size: as rendered, as sent with Accept-Encoding: gzip, and gzipped here.
//
// Bounded: BENCH_SECONDS per target (default 8), BENCH_CONNECTIONS (default 10), loopback only; a
// watchdog ends everything after BENCH_TIMEOUT seconds (default 600). Exits 1 with a message when
// the indicator page does not answer 200 or fails under load. The server is stopped and the data
// removed on exit. BUILD_DIR picks the build (default build/; built first when it is missing or
// older than the sources, as `npm start` does). BENCH_PROFILE=<dir> runs the server with
// --cpu-prof and leaves its .cpuprofile there (open it in Chrome DevTools or speedscope).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { cpuMs, ensureBuild, fmt, freePort, host, loadTool, pageSize, printResults, requireTypeStripping, root, startBaseline, stop, waitFor } from './bench-lib.js';

requireTypeStripping(import.meta.filename, 'bench-indicator-page');

const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const timeoutSeconds = Number(process.env.BENCH_TIMEOUT ?? 600);
const buildDir = process.env.BUILD_DIR || 'build';
const slug = 'york';
const code = 'bench.overcrowding-by-district';
const YEARS = 20;
const GROUPS = 50;
const firstYear = 2005;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rightscity-bench-indicator-page-'));
const children = [];

function cleanup() {
	for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
	fs.rmSync(dataDir, { recursive: true, force: true });
}
process.on('exit', cleanup);
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));
setTimeout(() => {
	console.error(`bench-indicator-page: stopped after ${timeoutSeconds}s (BENCH_TIMEOUT).`);
	process.exit(124);
}, timeoutSeconds * 1000).unref();

function fail(message) {
	console.error(`bench-indicator-page: ${message}`);
	process.exit(1);
}

// ——— 1. The data ———
const started = performance.now();
const { openDatabase } = await import('../src/lib/server/db/database.ts');
const { migrateToLatest } = await import('../src/lib/server/db/migrate.ts');
const { seedDemo } = await import('../src/lib/server/demo/seed-demo.ts');
const { getCity } = await import('../src/lib/server/cities/cities.service.ts');
const { indicatorActor, createTestIndicator } = await import('../src/lib/server/testing/indicator-factories.ts');
const { importObservations } = await import('../src/lib/server/indicators/import/import.service.ts');

const districts = Array.from({ length: GROUPS }, (_, i) => `district-${String(i + 1).padStart(2, '0')}`);
const years = Array.from({ length: YEARS }, (_, i) => String(firstYear + i));

/** Long-format CSV rows: a slowly falling total, and districts spread around it, some drifting away. */
function* csvLines() {
	yield 'indicator,period,disaggregation,value,status\n';
	let seed = 42;
	const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
	const offsets = districts.map(() => (random() - 0.5) * 6);
	const drifts = districts.map(() => (random() - 0.6) * 0.15);
	for (const [y, year] of years.entries()) {
		const total = 14 - y * 0.25;
		const status = y === YEARS - 1 ? 'provisional' : 'final';
		yield `${code},${year},,${total.toFixed(1)},${status}\n`;
		for (const [d, district] of districts.entries()) {
			const value = Math.max(0, total + offsets[d] + drifts[d] * y + (random() - 0.5) * 0.4);
			yield `${code},${year},district=${district},${value.toFixed(1)},${status}\n`;
		}
	}
}

/** The demo network, plus the indicator and its observations (through the services, as an admin would). */
async function makeData() {
	const database = await openDatabase({ dialect: 'sqlite', path: path.join(dataDir, 'rightscity.sqlite') });
	try {
		await migrateToLatest(database.db);
		await seedDemo(database.db);
		const city = await getCity(database.db, slug);
		const admin = await indicatorActor(database.db, city.id, 'city_admin');
		await createTestIndicator(database.db, admin, city.id, {
			code,
			title: 'Households in overcrowded housing, by district (benchmark)',
			description: 'Benchmark data: invented values, not official statistics.',
			unit: 'percent',
			direction: 'lower_is_better',
			dimensions: `district: ${districts.join(', ')}`,
			baselineValue: '14',
			baselinePeriod: String(firstYear),
			targetValue: '8',
			targetPeriod: '2030',
			source: 'Benchmark data (invented)'
		});
		// Bytes, as a file would stream them.
		const bytes = function* () {
			for (const line of csvLines()) yield Buffer.from(line, 'utf8');
		};
		const imported = await importObservations(database.db, admin, city.id, [{ name: 'bench.csv', stream: Readable.from(bytes()) }], { format: 'long' });
		if (!imported.ok) throw new Error(`the benchmark data did not import: ${imported.errors.map((error) => error.message).join('; ')}`);
		return imported.files[0].rows;
	} finally {
		await database.close();
	}
}

const observations = await makeData().catch((error) => fail(`making the data failed: ${error.message}${error.details ? ` ${JSON.stringify(error.details)}` : ''}`));
console.log(`Data ready in ${fmt((performance.now() - started) / 1000, 1)} s: ${code} in ${slug}, ${YEARS} years × (total + ${GROUPS} districts) = ${observations.toLocaleString('en')} observations.`);

// ——— 2. The server and the baseline ———
if (!ensureBuild(buildDir, { whenStale: true })) fail('the build failed');
const appPort = await freePort();
const basePort = await freePort();
const profileDir = process.env.BENCH_PROFILE ? path.resolve(process.env.BENCH_PROFILE) : null;
const app = spawn(process.execPath, [...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), path.join(root, 'bin/rightscity.js'), 'serve', '--no-seed'], {
	cwd: root,
	env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', PORT: String(appPort), HOST: host, BUILD_DIR: buildDir },
	stdio: ['ignore', 'ignore', 'inherit']
});
children.push(app);
const baseline = startBaseline(basePort);
children.push(baseline);
try {
	await waitFor(`http://${host}:${appPort}/healthz`, app);
	await waitFor(`http://${host}:${basePort}/`, baseline);
} catch (error) {
	fail(error.message);
}

const appBase = `http://${host}:${appPort}`;
const pageRoute = `/cities/${slug}/indicators/${code}`;
const listRoute = `/cities/${slug}/indicators`;
// The first requests also warm the routes up (templates, caches).
const page = await pageSize(appBase + pageRoute).catch((error) => ({ status: String(error.cause?.code ?? error.message) }));
if (page.status !== 200) {
	await stop(app);
	fail(`${pageRoute} answered ${page.status}${page.status === 404 ? ' (is the indicator page built? check BUILD_DIR)' : ''}; nothing measured.`);
}
const list = await pageSize(appBase + listRoute).catch((error) => ({ status: String(error.cause?.code ?? error.message) }));
const bars = (page.html.match(/<rect/g) ?? []).length;
const tableRows = (page.html.match(/<tr/g) ?? []).length;

// ——— 3. Load ———
const load = loadTool({ connections, seconds, scratchDir: dataDir });
const targets = [
	['hello world (node:http baseline)', `http://${host}:${basePort}/`],
	[`indicator page ${pageRoute}`, appBase + pageRoute]
];
if (list.status === 200) targets.push([`indicator list ${listRoute}`, appBase + listRoute]);
console.log(`\nLoad: ${load.name}, ${connections} connections, ${seconds}s per target, Node ${process.versions.node}, ${os.cpus().length} CPUs`);
const results = [];
for (const [name, url] of targets) {
	const server = url.startsWith(appBase) ? app : baseline;
	const before = cpuMs(server.pid);
	const result = await load.run(url);
	result.cpuPerRequest = (cpuMs(server.pid) - before) / result.requests;
	results.push([name, result]);
}
printResults(results);
console.log('(CPU ms/req: the server process’s CPU time over the requests it answered; other load on the machine changes it far less than latency.)');
if (list.status !== 200) console.log(`\n${listRoute} answered ${list.status}: not measured.`);

const pageResult = results[1][1];
console.log(
	`\nIndicator page with ${YEARS} years × ${GROUPS} groups: p95 ${fmt(pageResult.p95, 1)} ms at ${connections} connections (p50 ${fmt(pageResult.p50, 1)} ms, ${fmt(pageResult.rps)} req/s, ${fmt(pageResult.cpuPerRequest, 1)} ms server CPU per request).`
);
const kb = (bytes) => `${fmt(bytes / 1024, 1)} KiB`;
console.log(`Indicator page size: ${kb(page.raw)} rendered; ${kb(page.wire)} sent with Accept-Encoding: gzip (${page.encoding}); ${kb(page.gzip)} gzipped here (level 6).`);
console.log(`  holds ${bars} SVG <rect> and ${tableRows} table rows (<tr>).`);
if (list.status === 200) console.log(`Indicator list size: ${kb(list.raw)} rendered; ${kb(list.wire)} sent (${list.encoding}).`);

if (pageResult.errors !== 0) fail(`the indicator page had ${pageResult.errors} failed request(s) under load (non-2xx, timeouts or socket errors).`);

await stop(app);
await stop(baseline);
if (profileDir) console.log(`\nServer CPU profile written to ${profileDir}/`);
process.exit(0);
