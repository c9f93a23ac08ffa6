#!/usr/bin/env node
// `npm run bench:concerns`: the concerns module with many cases. Makes a temporary SQLite database
// with one city ("Benchville", ten districts, a city admin) and BENCH_CASES rights-concern cases
// (default 20,000 for a quick run; the issue's figure is BENCH_CASES=500000) received over the last
// two years. The cases are written with bulk inserts (one prepared statement, large transactions,
// in order of receipt), not through the report service: it would take an hour and fill the ledger. Their personal data is still real ciphertext
// of the module's own format (AES-256-GCM through crypto.ts's key ring, the key the server is
// started with), and the statistics tallies are the module's own `tallyChanges` of every row, so
// the pages read what they would read after as many real reports.
//
// Then it serves the production build on a free loopback port and measures, next to a bare
// node:http hello-world in the same run, uncached (none of these pages is in the render cache:
// the queue is signed in, the statistics page and Open311 do not opt in):
//
//   - the triage queue /admin/benchville/concerns, signed in as the city admin (a session made in
//     the database, sent as its cookie);
//   - the public statistics page /cities/benchville/concerns/stats;
//   - Open311 GET /open311/v2/requests.json over the default window (the last 90 days);
//
// with req/s, p50/p95/p99, the ratios to the baseline and the server's CPU time per request.
// Goal: p95 ≤ 30 ms at 32 connections.
//
// Bounded: BENCH_SECONDS per target (default 5), BENCH_CONNECTIONS (default 32), loopback only; a
// watchdog ends everything after BENCH_TIMEOUT seconds (default 900). The server is stopped and
// the data removed on exit. BUILD_DIR picks the build (built first when missing or stale).
// BENCH_PROFILE=<dir> runs the server with --cpu-prof and leaves its .cpuprofile there.
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cpuMs, ensureBuild, fmt, freePort, host, loadTool, printResults, requireTypeStripping, root, startBaseline, stop, waitFor } from './bench-lib.js';

requireTypeStripping(import.meta.filename, 'bench-concerns');

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const caseCount = Number(process.env.BENCH_CASES ?? 20_000);
const timeoutSeconds = Number(process.env.BENCH_TIMEOUT ?? 900);
const buildDir = process.env.BUILD_DIR || 'build';
const slug = 'benchville';
const GOAL_MS = 30;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rightscity-bench-concerns-'));
const children = [];

function cleanup() {
	for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
	fs.rmSync(dataDir, { recursive: true, force: true });
}
process.on('exit', cleanup);
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));
setTimeout(() => {
	console.error(`bench-concerns: stopped after ${timeoutSeconds}s (BENCH_TIMEOUT).`);
	process.exit(124);
}, timeoutSeconds * 1000).unref();

function fail(message) {
	console.error(`bench-concerns: ${message}`);
	process.exit(1);
}

const count = (value) => value.toLocaleString('en');
const key = { id: 'bench', key: randomBytes(32) };
const concernsKeys = `${key.id}:${key.key.toString('base64')}`;

// ——— 1. The data ———
const started = performance.now();
const { openDatabase } = await import('../src/lib/server/db/database.ts');
const { migrateToLatest } = await import('../src/lib/server/db/migrate.ts');
const { uuidv7 } = await import('../src/lib/server/db/ids.ts');
const { createCity } = await import('../src/lib/server/testing/factories.ts');
const { staffActor } = await import('../src/lib/server/testing/commitment-factories.ts');
const { startSession } = await import('../src/lib/server/accounts/sessions.service.ts');
const { keyRing } = await import('../src/lib/server/concerns/crypto.ts');
const { sealJson, tallyChanges } = await import('../src/lib/server/concerns/case-record.ts');
const { hashTracking, addDays } = await import('../src/lib/server/concerns/report.service.ts');
const { CATEGORY_CODES, AFFECTED_GROUPS, ANSWER_DAYS, APPEAL_DAYS } = await import('../src/lib/server/concerns/vocabulary.ts');

const ring = keyRing({ source: 'configured', keys: [key] });
const districts = ['centre', 'north', 'south', 'east', 'west', 'harbour', 'old-town', 'hill', 'river', 'airport'];
const DAY = 86_400_000;
const SPAN_DAYS = 730;

let seed = 7;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = (list) => list[Math.floor(random() * list.length)];

/** The `index`th case of `total` (in order of receipt, over two years): older cases are mostly closed, recent ones mostly open. */
function caseRow(cityId, index, total, now, adminId) {
	const received = new Date(now - SPAN_DAYS * DAY + ((index + random()) / total) * SPAN_DAYS * DAY);
	const receivedAt = received.toISOString();
	const ageDays = (now - received.getTime()) / DAY;
	const open = ageDays < 45 ? random() < 0.8 : random() < 0.03;
	const status = open ? pick(['received', 'under_review', 'under_review', 'referred']) : pick(['resolved', 'resolved', 'not_upheld', 'withdrawn']);
	const closedAt = open ? null : new Date(Math.min(now, received.getTime() + (1 + random() * 120) * DAY)).toISOString();
	const id = uuidv7(received.getTime());
	const year = received.getUTCFullYear();
	const withEmail = random() < 0.5;
	const details = { description: `Benchmark case ${index}: what happened, in the reporter's words (invented).`, occurredOn: receivedAt.slice(0, 10), address: null, lat: null, long: null, groups: [pick(AFFECTED_GROUPS)] };
	const contact = withEmail ? { name: null, email: `reporter${index}@example.org`, phone: null } : null;
	return {
		year,
		row: {
			city_id: cityId,
			id,
			ref: '',
			tracking_hash: hashTracking(`bench-token-${index}`),
			category: pick(CATEGORY_CODES),
			district: random() < 0.9 ? pick(districts) : null,
			status,
			is_open: open ? 1 : 0,
			locale: 'en',
			source: random() < 0.2 ? 'open311' : 'web',
			api_key_id: null,
			anonymous: withEmail ? 0 : 1,
			has_email: withEmail ? 1 : 0,
			public_listing: random() < 0.6 ? 1 : 0,
			received_at: receivedAt,
			handler_id: open && random() < 0.5 ? adminId : null,
			referred_to: status === 'referred' ? 'body:ombudsperson' : null,
			due_on: addDays(receivedAt.slice(0, 10), ANSWER_DAYS),
			closed_at: closedAt,
			appeal_until: closedAt && status !== 'withdrawn' ? addDays(closedAt.slice(0, 10), APPEAL_DAYS) : null,
			appealed_at: null,
			linked_type: null,
			linked_id: null,
			linked_ref: null,
			key_id: key.id,
			details_enc: sealJson(ring, details, cityId, id, 'details'),
			contact_enc: contact ? sealJson(ring, contact, cityId, id, 'contact') : null,
			erased_at: null,
			demo: 0,
			version: 1,
			created_at: receivedAt,
			updated_at: closedAt ?? receivedAt
		}
	};
}

const queryReport = [];

async function makeData() {
	const file = path.join(dataDir, 'rightscity.sqlite');
	const database = await openDatabase({ dialect: 'sqlite', path: file });
	let city;
	let admin;
	let session;
	try {
		const { db } = database;
		await migrateToLatest(db);
		city = await createCity(db, { slug, name: 'Benchville', display_name: 'Benchville' });
		await db
			.insertInto('city_district')
			.values(districts.map((code, position) => ({ city_id: city.id, code, name: JSON.stringify({ en: code }), position })))
			.execute();
		admin = await staffActor(db, city.id, 'city_admin');
		session = await startSession(db, admin.personId, { ip: host, userAgent: 'bench-concerns' });
	} finally {
		await database.close();
	}
	// The cases through better-sqlite3 directly: one prepared statement, 50,000 rows a transaction.
	const { default: SQLite } = await import('better-sqlite3');
	const raw = new SQLite(file);
	try {
		raw.pragma('journal_mode = WAL');
		raw.pragma('synchronous = OFF');
		const now = Date.now();
		const tallies = new Map();
		const refs = new Map();
		let insert;
		const BATCH = 50_000;
		for (let done = 0; done < caseCount; done += BATCH) {
			raw.transaction(() => {
				for (let index = done; index < Math.min(caseCount, done + BATCH); index++) {
					const { year, row } = caseRow(city.id, index, caseCount, now, admin.personId);
					const number = (refs.get(year) ?? 0) + 1;
					refs.set(year, number);
					row.ref = `R-${year}-${String(number).padStart(4, '0')}`;
					for (const change of tallyChanges(null, row)) {
						const name = `${change.dimension}\u0000${change.key}\u0000${change.status}`;
						tallies.set(name, { ...change, delta: (tallies.get(name)?.delta ?? 0) + change.delta });
					}
					const columns = Object.keys(row);
					insert ??= raw.prepare(`insert into concern_case (${columns.join(', ')}) values (${columns.map((column) => `@${column}`).join(', ')})`);
					insert.run(row);
				}
			})();
			if (done + BATCH < caseCount) console.log(`  ${count(done + BATCH)} cases…`);
		}
		const tally = raw.prepare('insert into concern_tally (city_id, dimension, key, status, count) values (?, ?, ?, ?, ?)');
		const counter = raw.prepare('insert into concern_counter (city_id, year, last) values (?, ?, ?)');
		raw.transaction(() => {
			for (const change of tallies.values()) tally.run(city.id, change.dimension, change.key, change.status, change.delta);
			for (const [year, last] of refs) counter.run(city.id, year, last);
		})();
		raw.pragma('wal_checkpoint(TRUNCATE)');
		// The three pages' queries as the repository sends them: their plans (each must search an
		// index that starts with city_id, never scan the table) and their time alone, in this process.
		const from = new Date(now - 90 * DAY).toISOString();
		const queries = [
			['triage queue', "select id, ref, category, district, status, received_at, due_on, handler_id, referred_to, appealed_at, source, demo, erased_at from concern_case where city_id = ? and is_open = ? order by due_on, id limit ?", [city.id, 1, 51]],
			['statistics', 'select dimension, key, status, count from concern_tally where city_id = ? and count > ?', [city.id, 0]],
			['Open311 requests', 'select id, ref, category, status, is_open, received_at, updated_at, closed_at, due_on, referred_to from concern_case where city_id = ? and public_listing = ? and received_at >= ? and received_at <= ? order by received_at desc, id desc limit ?', [city.id, 1, from, new Date(now).toISOString(), 1000]]
		];
		for (const [name, text, parameters] of queries) {
			const statement = raw.prepare(text);
			const plan = raw.prepare(`explain query plan ${text}`).all(...parameters).map((step) => step.detail).join('; ');
			const times = [];
			for (let run = 0; run < 15; run++) {
				const begun = performance.now();
				statement.all(...parameters);
				times.push(performance.now() - begun);
			}
			times.sort((a, b) => a - b);
			queryReport.push(`  ${name}: ${fmt(times[7], 2)} ms (median of 15) — ${plan}`);
		}
	} finally {
		raw.close();
	}
	return { token: session.token };
}

console.log(`Making ${count(caseCount)} cases in ${slug} (bulk inserts; personal data sealed with AES-256-GCM by the module's key ring)…`);
const { token } = await makeData().catch((error) => fail(`making the data failed: ${error.stack ?? error.message}`));
const fileMb = fs.statSync(path.join(dataDir, 'rightscity.sqlite')).size / 1e6;
console.log(`Data ready in ${fmt((performance.now() - started) / 1000, 1)} s (${fmt(fileMb, 0)} MB database).`);
console.log(`The queries alone (better-sqlite3, no server):\n${queryReport.join('\n')}`);

// ——— 2. The server and the baseline ———
if (!ensureBuild(buildDir, { whenStale: true })) fail('the build failed');
const appPort = await freePort();
const basePort = await freePort();
const profileDir = process.env.BENCH_PROFILE ? path.resolve(process.env.BENCH_PROFILE) : null;
const app = spawn(process.execPath, [...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), path.join(root, 'bin/rightscity.js'), 'serve', '--no-seed'], {
	cwd: root,
	env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', PORT: String(appPort), HOST: host, BUILD_DIR: buildDir, CONCERNS_KEYS: concernsKeys },
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
const signedIn = { cookie: `session=${token}` };
const targets = [
	['hello world (node:http baseline)', `http://${host}:${basePort}/`, {}],
	['triage queue (admin, signed in)', `${appBase}/admin/${slug}/concerns`, signedIn],
	['statistics page', `${appBase}/cities/${slug}/concerns/stats`, {}],
	['Open311 GET requests.json (90 days)', `${appBase}/open311/v2/requests.json?jurisdiction_id=${slug}`, {}]
];
// Each route answers 200 before it is measured (the first request also warms it up).
let listed = 0;
for (const [name, url, headers] of targets.slice(1)) {
	const response = await fetch(url, { headers });
	const body = await response.text();
	if (response.status !== 200) {
		await stop(app);
		fail(`${name} (${url}) answered ${response.status}: ${body.slice(0, 300)}`);
	}
	if (url.includes('requests.json')) listed = JSON.parse(body).length;
	if (url.includes('/admin/') && !body.includes('R-')) fail(`${name}: the queue shows no case (is the session accepted?)`);
}

// ——— 3. Load ———
const load = loadTool({ connections, seconds, scratchDir: dataDir });
console.log(`\nLoad: ${load.name}, ${connections} connections, ${seconds}s per target, Node ${process.versions.node}, ${os.cpus().length} CPUs, ${count(caseCount)} cases`);
const results = [];
for (const [name, url, headers] of targets) {
	const server = url.startsWith(appBase) ? app : baseline;
	const before = cpuMs(server.pid);
	const result = await load.run(url, headers);
	result.cpuPerRequest = (cpuMs(server.pid) - before) / result.requests;
	results.push([name, result]);
}
printResults(results);
console.log('(CPU ms/req: the server process’s CPU time over the requests it answered; other load on the machine changes it far less than latency.)');
console.log(`Open311 requests.json returned ${count(listed)} requests (the last 90 days' publicly listed cases, at most 1,000).`);
for (const [name, result] of results.slice(1)) console.log(`  ${name}: p95 ${fmt(result.p95, 1)} ms — ${result.p95 <= GOAL_MS ? 'meets' : 'misses'} the ${GOAL_MS} ms goal (baseline p95 ${fmt(results[0][1].p95, 1)} ms)`);
const failed = results.filter(([, result]) => result.errors !== 0);
await stop(app);
await stop(baseline);
if (failed.length) fail(`failed requests under load: ${failed.map(([name, result]) => `${name} ${result.errors}`).join(', ')}`);
process.exit(0);
