#!/usr/bin/env node
// `npm run bench:commitments`: the commitments module under load. Makes a temporary SQLite
// database with the demo network plus a city "Benchville" whose action plan has 5,000 actions
// (three levels of parents, one or two departments each, tagged commitments) and whose public
// ledger has 50,000 real entries (the import's creations, then progress updates, each appended by
// the ledger code in the transaction of its change). Then it serves the production build on a free
// loopback port and measures, next to a bare node:http hello-world measured in the same run:
//
//   - p50/p95/p99 latency and requests/s of the public commitments page, the ledger page (newest and
//     an old page), an action page and the plan page; routes that do not exist yet are listed as
//     missing, not measured; each also rendered afresh (as for a signed-in visitor: a session
//     cookie skips the render cache), with the server's CPU time per request;
//   - `rightscity verify-ledger` on the 50,000-entry chain (wall time), the same check in process,
//     and a baseline: SHA-256 of exactly the bytes the chain hashes, in a bare loop.
//
// Bounded: BENCH_SECONDS per target (default 5), BENCH_CONNECTIONS (default 10), BENCH_ACTIONS
// (5000) and BENCH_LEDGER (50000); loopback only; a watchdog ends everything after BENCH_TIMEOUT
// seconds (default 900); the server and the baseline are stopped (and the data removed) on exit.
// BUILD_DIR picks the build (default build/; built first when missing or older than the sources).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { cpuMs } from './bench-lib.js';

const root = path.resolve(import.meta.dirname, '..');

// The TypeScript modules need Node's type stripping (22.18+); an older node hands over to the project's own.
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (!(major > 23 || (major === 23 && minor >= 6) || (major === 22 && minor >= 18))) {
	const local = path.join(root, 'node_modules/node/bin/node');
	if (!fs.existsSync(local)) {
		console.error(`bench-commitments: Node ${process.versions.node} is too old (22.18 or later is needed); run "npm install".`);
		process.exit(1);
	}
	const child = spawnSync(local, [import.meta.filename, ...process.argv.slice(2)], { stdio: 'inherit' });
	process.exit(child.status ?? 1);
}

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const actionCount = Number(process.env.BENCH_ACTIONS ?? 5000);
const ledgerTarget = Number(process.env.BENCH_LEDGER ?? 50_000);
const timeoutSeconds = Number(process.env.BENCH_TIMEOUT ?? 900);
const buildDir = process.env.BUILD_DIR || 'build';
const host = '127.0.0.1';
const slug = 'benchville';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rightscity-bench-commitments-'));
const children = [];

function cleanup() {
	for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
	fs.rmSync(dataDir, { recursive: true, force: true });
}
process.on('exit', cleanup);
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));
setTimeout(() => {
	console.error(`bench-commitments: stopped after ${timeoutSeconds}s (BENCH_TIMEOUT).`);
	process.exit(124);
}, timeoutSeconds * 1000).unref();

const fmt = (value, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const count = (value) => value.toLocaleString('en');
const elapsed = (since) => (performance.now() - since) / 1000;

function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, host, () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

async function waitFor(url, child, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`${url}: the server stopped (exit ${child.exitCode}) before answering`);
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			// not up yet
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
}

// ——— 1. The data ———
const started = performance.now();
const { openDatabase } = await import('../src/lib/server/db/database.ts');
const { migrateToLatest } = await import('../src/lib/server/db/migrate.ts');
const { seedDemo } = await import('../src/lib/server/demo/seed-demo.ts');
const { insertCity } = await import('../src/lib/server/cities/cities.repository.ts');
const { newCityRow } = await import('../src/lib/server/cities/city-row.ts');
const { createBenchPlan } = await import('../src/lib/server/testing/commitments-bench-data.ts');
const { verifyLedger } = await import('../src/lib/server/ledger/ledger.service.ts');
const { streamEntries } = await import('../src/lib/server/ledger/ledger.repository.ts');
const { canonicalJson } = await import('../src/lib/server/ledger/ledger-hash.ts');

const database = await openDatabase({ dialect: 'sqlite', path: path.join(dataDir, 'rightscity.sqlite') });
await migrateToLatest(database.db);
await seedDemo(database.db);
const city = newCityRow({ name: 'Benchville', slug, countryCode: 'SE', latitude: 59.33, longitude: 18.07, year: 2020, process: 'formal', notes: { en: 'Benchmark city' } });
await insertCity(database.db, city, []);
console.log(`Making ${count(actionCount)} actions and ${count(ledgerTarget)} ledger entries in ${slug}…`);
const bench = await createBenchPlan(database.db, city.id, { actions: actionCount, ledgerEntries: ledgerTarget, onProgress: (step) => console.log(`  ${step}`) });
console.log(`Data ready in ${fmt(elapsed(started), 1)} s: plan ${bench.planRef}, ${count(bench.ledgerEntries)} ledger entries.`);

// verifyLedger in process, and the baseline: SHA-256 over the very bytes the chain hashes.
let inProcess = performance.now();
const verification = await verifyLedger(database.db, city.id);
inProcess = elapsed(inProcess);
const pieces = [];
const hashes = [];
for await (const row of streamEntries(database.db, city.id)) {
	const { prev_hash: prevHash, hash, actor_id: _actor, ...entry } = row;
	pieces.push([prevHash, canonicalJson({ ...entry, seq: Number(entry.seq), change: JSON.parse(entry.change) })]);
	hashes.push(hash);
}
// The bytes are right: they give the stored hashes.
for (const index of [0, pieces.length - 1]) {
	const [prevHash, json] = pieces[index];
	if (createHash('sha256').update(prevHash).update(json).digest('hex') !== hashes[index]) throw new Error('bench-commitments: the baseline does not hash what the ledger hashes');
}
let hashed = 0;
let bytes = 0;
let bare = performance.now();
for (const [prevHash, json] of pieces) {
	createHash('sha256').update(prevHash).update(json).digest('hex');
	bytes += prevHash.length + Buffer.byteLength(json);
	hashed += 1;
}
bare = elapsed(bare);
await database.close();

// ——— 2. verify-ledger at the command line ———
const cliEnv = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' };
let nodeStartup = performance.now();
spawnSync(process.execPath, ['-e', ''], { timeout: 30_000 });
nodeStartup = elapsed(nodeStartup);
let cliWall = performance.now();
const cli = spawnSync(process.execPath, [path.join(root, 'bin/rightscity.js'), 'verify-ledger', '--city', slug], { cwd: root, env: cliEnv, encoding: 'utf8', timeout: 300_000 });
cliWall = elapsed(cliWall);
const cliMissing = cli.status === 2 && /unknown command/.test(cli.stderr ?? '');

// ——— 3. The server and the baseline ———
// Builds when there is no build in BUILD_DIR or the sources are newer (a stale build would serve old routes).
if (spawnSync(process.execPath, [path.join(root, 'scripts/ensure-build.js')], { cwd: root, env: { ...process.env, BUILD_DIR: buildDir }, stdio: 'inherit', timeout: 600_000 }).status !== 0) process.exit(1);
const appPort = await freePort();
const basePort = await freePort();
const app = spawn(process.execPath, [path.join(root, 'bin/rightscity.js'), 'serve', '--no-seed'], {
	cwd: root,
	env: { ...cliEnv, PORT: String(appPort), HOST: host, BUILD_DIR: buildDir },
	stdio: ['ignore', 'ignore', 'inherit']
});
children.push(app);
const baseline = spawn(process.execPath, ['-e', `require('node:http').createServer((q, s) => { s.setHeader('content-type', 'text/plain'); s.end('Hello, world\\n'); }).listen(${basePort}, '${host}')`], { stdio: 'inherit' });
children.push(baseline);
await waitFor(`http://${host}:${appPort}/healthz`, app);
await waitFor(`http://${host}:${basePort}/`, baseline);

function hasWrk() {
	return spawnSync('wrk', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).error === undefined;
}

// wrk prints p50/p75/p90/p99 by itself; this script adds p95 (latencies in microseconds).
const lua = path.join(dataDir, 'percentiles.lua');
fs.writeFileSync(
	lua,
	'done = function(summary, latency, requests)\n' +
		'  io.write(string.format("PCT %d %d %d\\n", latency:percentile(50), latency:percentile(95), latency:percentile(99)))\n' +
		'  io.write(string.format("RPS %.2f\\n", summary.requests / (summary.duration / 1e6)))\n' +
		'  io.write(string.format("REQ %d\\n", summary.requests))\n' +
		'  io.write(string.format("ERR %d\\n", summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))\n' +
		'end\n'
);

function wrk(url, headers = {}) {
	const extra = Object.entries(headers).flatMap(([name, value]) => ['-H', `${name}: ${value}`]);
	const result = spawnSync('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '10s', '-s', lua, '-H', 'Accept-Encoding: gzip', ...extra, url], {
		encoding: 'utf8',
		timeout: (seconds + 30) * 1000,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const out = result.stdout ?? '';
	const [p50, p95, p99] = (/PCT (\d+) (\d+) (\d+)/.exec(out)?.slice(1) ?? []).map((us) => Number(us) / 1000);
	return { rps: Number(/RPS ([\d.]+)/.exec(out)?.[1] ?? NaN), requests: Number(/REQ (\d+)/.exec(out)?.[1] ?? NaN), p50, p95, p99, errors: Number(/ERR (\d+)/.exec(out)?.[1] ?? NaN) };
}

/** A keep-alive load loop in Node, for machines without wrk. */
async function nodeLoad(url, headers = {}) {
	const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
	const latencies = [];
	let errors = 0;
	const until = Date.now() + seconds * 1000;
	const one = () =>
		new Promise((resolve) => {
			const begun = performance.now();
			http
				.get(url, { agent, headers: { 'accept-encoding': 'gzip', ...headers }, timeout: 10_000 }, (response) => {
					response.resume();
					response.on('end', () => {
						if (response.statusCode !== 200) errors++;
						latencies.push(performance.now() - begun);
						resolve();
					});
				})
				.on('error', () => {
					errors++;
					resolve();
				});
		});
	await Promise.all(Array.from({ length: connections }, async () => {
		while (Date.now() < until) await one();
	}));
	agent.destroy();
	latencies.sort((a, b) => a - b);
	const at = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
	return { rps: latencies.length / seconds, requests: latencies.length, p50: at(50), p95: at(95), p99: at(99), errors };
}

const load = hasWrk() ? wrk : nodeLoad;
const appBase = `http://${host}:${appPort}`;
const wanted = [
	['commitments page', `/cities/${slug}/commitments`],
	['ledger page (newest)', `/cities/${slug}/ledger`],
	['ledger page (an old page)', `/cities/${slug}/ledger?before=${Math.floor(bench.ledgerEntries / 2)}`],
	['action page', `/cities/${slug}/actions/${bench.sampleActionRef}`],
	['plan page', `/cities/${slug}/plans/${bench.planRef}`]
];
const targets = [['hello world (node:http baseline)', `http://${host}:${basePort}/`]];
const missing = [];
for (const [name, route] of wanted) {
	// The first request also warms the route up (templates, caches).
	const response = await fetch(appBase + route, { headers: { 'accept-encoding': 'gzip' } }).catch((error) => ({ status: String(error.cause?.code ?? error.message) }));
	if (response.body) await response.arrayBuffer();
	if (response.status === 200) targets.push([`${name} ${route}`, appBase + route]);
	else missing.push(`${route} (${response.status === 404 ? '404: not built yet' : response.status})`);
}

console.log(`\nLoad: ${hasWrk() ? 'wrk' : 'node keep-alive loop'}, ${connections} connections, ${seconds}s per target, Node ${process.versions.node}, ${os.cpus().length} CPUs`);
// An unknown session token: the visitor is treated as signed out, but the cache is skipped (as for a signed-in visitor).
const UNCACHED = { cookie: 'session=bench-uncached' };
const results = [];
for (const [name, url] of targets) {
	results.push([name, await load(url)]);
	if (!url.startsWith(appBase)) continue;
	await (await fetch(url, { headers: UNCACHED })).arrayBuffer();
	const before = cpuMs(app.pid);
	const uncached = await load(url, UNCACHED);
	uncached.cpuPerRequest = (cpuMs(app.pid) - before) / uncached.requests;
	results.push([`${name} (uncached render)`, uncached]);
}
const base = results[0][1];
const width = Math.max(...results.map(([name]) => name.length)) + 2;
console.log(`\n${'target'.padEnd(width)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'req/s vs base'.padStart(15)}${'p95 vs base'.padStart(13)}${'CPU ms/req'.padStart(12)}  errors`);
for (const [name, result] of results) {
	console.log(
		`${name.padEnd(width)}${fmt(result.rps).padStart(9)}${fmt(result.p50, 2).padStart(9)}${fmt(result.p95, 2).padStart(9)}${fmt(result.p99, 2).padStart(9)}${fmt(result.rps / base.rps, 4).padStart(15)}${`${fmt(result.p95 / base.p95, 1)}×`.padStart(13)}${(result.cpuPerRequest === undefined ? '' : fmt(result.cpuPerRequest, 2)).padStart(12)}  ${result.errors}`
	);
}
if (missing.length) console.log(`\nMissing routes (not measured): ${missing.join(', ')}`);

console.log(`\nverify-ledger on ${count(bench.ledgerEntries)} entries (chain ${verification.ok ? 'intact' : `BROKEN at ${verification.firstBroken?.seq}`}):`);
if (cliMissing) console.log('  rightscity verify-ledger: not available yet (unknown command)');
else console.log(`  rightscity verify-ledger --city ${slug}: ${fmt(cliWall, 2)} s wall, exit ${cli.status} (a bare "node -e ''" starts in ${fmt(nodeStartup, 2)} s)`);
console.log(`  verifyLedger() in process:                  ${fmt(inProcess, 2)} s`);
console.log(`  baseline, SHA-256 of the same ${count(hashed)} entries (${fmt(bytes / 1e6, 1)} MB) in a bare loop: ${fmt(bare, 3)} s`);
console.log(`  in process / baseline: ${fmt(inProcess / bare, 1)}×${cliMissing ? '' : `; command line / baseline: ${fmt(cliWall / bare, 1)}×`}`);

// Stop the server and wait for it (bounded), then leave.
app.kill('SIGTERM');
baseline.kill('SIGTERM');
await Promise.race([new Promise((resolve) => app.once('exit', resolve)), new Promise((resolve) => setTimeout(resolve, 15_000))]);
process.exit(0);
