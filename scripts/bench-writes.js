#!/usr/bin/env node
// `npm run bench:writes` (issue 10, point 3): signed-in HTTP writers recording observations through
// the staff page's real form action (a plain form post, as a browser without JavaScript sends it,
// with the session and CSRF cookies), first on SQLite with one app process, then on PostgreSQL with
// two app processes on the same database (writers split between them). Printed per database:
// acknowledged writes/s, write latency p50/p95, and the p95 of anonymous GET /cities/york measured
// while the writers run next to the same page idle (same run). Then the crash check: the writers
// run again, the servers are killed with SIGKILL mid-run and restarted, and every write a client
// got a success for (200, or a 303 redirect) must be stored; `verify-ledger --city york` must pass.
//
// Setup (said so, as the benchmarks may): the bench opens the app's database itself to make a
// staff account with one session per writer, and picks a York indicator without groups.
// Bounded: BENCH_SECONDS of writing per database (default 30; e.g. 5 for a quick run),
// BENCH_WRITERS (64), BENCH_READERS (4 anonymous connections). PostgreSQL: a database made and
// dropped on the server of BENCH_PG_URL (default: the test server); BENCH_SKIP_PG=1 skips it;
// BENCH_CRASH=0 skips the kill -9 check (e.g. to profile the servers with
// BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof').
// Loopback only; every server is stopped at the end.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cleanUpOnExit, cpuMs, ensureBuild, fmt, freePort, host, requireTypeStripping, root, stop, waitFor } from './bench-lib.js';

requireTypeStripping(import.meta.filename, 'bench:writes');

const seconds = Number(process.env.BENCH_SECONDS ?? 30);
const writerCount = Number(process.env.BENCH_WRITERS ?? 64);
const readerCount = Number(process.env.BENCH_READERS ?? 4);
const idleSeconds = Math.min(5, Math.max(2, seconds / 3));
const crashSeconds = Math.min(10, Math.max(4, seconds / 2));
const pgAdminUrl = process.env.BENCH_PG_URL ?? 'postgres://rightscity:rightscity@127.0.0.1:5432/rightscity_test';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rightscity-bench-writes-'));
const children = new Set();

const { prepareWriters, readLoad, startServer: start, storedPeriods, timer, writeLoad } = await import('./write-load.js');
const { default: pg } = await import('pg');

cleanUpOnExit(children, dataDir);

const startServer = (port, env) => start(children, { port, dataDir, env });

async function runDatabase(label, { processes, serverEnv, databaseConfig }) {
	const ports = [];
	for (let i = 0; i < processes; i++) ports.push(await freePort());
	const bases = ports.map((port) => `http://${host}:${port}`);
	const launch = async () => {
		// The first process migrates and seeds; the others start on the ready database.
		const servers = [startServer(ports[0], serverEnv)];
		await waitFor(`${bases[0]}/healthz`, servers[0], 180_000);
		for (let i = 1; i < processes; i++) servers.push(startServer(ports[i], serverEnv));
		for (let i = 1; i < processes; i++) await waitFor(`${bases[i]}/healthz`, servers[i], 60_000);
		return servers;
	};
	let servers = await launch();
	const setup = await prepareWriters(databaseConfig, writerCount);
	// Warm up: a few writes per writer and page views, so templates are compiled and pools open.
	await writeLoad(bases, { ...setup, tokens: setup.tokens.slice(0, 8) }, timer(1500));
	await readLoad(bases, timer(1000), { connections: readerCount });

	const idle = await readLoad(bases, timer(idleSeconds * 1000), { connections: readerCount });
	const cpuBefore = servers.map((server) => cpuMs(server.pid));
	const begun = performance.now();
	let stopAt = Date.now() + seconds * 1000;
	const [writes, busyReads] = await Promise.all([writeLoad(bases, setup, () => Date.now() >= stopAt), readLoad(bases, () => Date.now() >= stopAt, { connections: readerCount })]);
	const elapsed = (performance.now() - begun) / 1000;
	const cpu = servers.reduce((sum, server, i) => sum + cpuMs(server.pid) - cpuBefore[i], 0);

	console.log(`\n${label}: ${writerCount} writers, ${readerCount} anonymous readers of /cities/york, ${fmt(elapsed, 1)} s`);
	console.log(`  acknowledged writes      ${String(writes.acknowledged.length).padStart(8)}  (${fmt(writes.acknowledged.length / elapsed)} writes/s; goal on SQLite ≥ 2000/s)`);
	console.log(`  write latency            p50 ${fmt(writes.p50, 1)} ms, p95 ${fmt(writes.p95, 1)} ms`);
	console.log(`  server CPU per write     ${fmt(cpu / Math.max(1, writes.acknowledged.length + busyReads.requests), 2)} ms per request (writes and reads together)`);
	console.log(`  other answers            ${[...writes.other].map(([status, count]) => `${status || 'no answer'}: ${count}`).join(', ') || 'none'}`);
	console.log(`  /cities/york p95 idle    ${fmt(idle.p95, 2)} ms (${idle.requests} requests, ${idle.errors} errors)`);
	console.log(`  /cities/york p95 writing ${fmt(busyReads.p95, 2)} ms (${busyReads.requests} requests, ${busyReads.errors} errors): ${fmt(busyReads.p95 / idle.p95, 2)}× idle (goal ≤ 2×)`);

	if (process.env.BENCH_CRASH === '0') {
		for (const server of servers) await stop(server);
		return { writesPerSecond: writes.acknowledged.length / elapsed, lost: 0, verified: true };
	}
	// The crash: writers again, every server SIGKILLed half-way, then restarted.
	stopAt = Date.now() + crashSeconds * 1000;
	const crashWrites = writeLoad(bases, setup, () => Date.now() >= stopAt);
	await new Promise((resolve) => setTimeout(resolve, (crashSeconds * 1000) / 2));
	for (const server of servers) server.kill('SIGKILL');
	await Promise.all(servers.map((server) => (server.exitCode === null && server.signalCode === null ? new Promise((resolve) => server.once('exit', resolve)) : undefined)));
	const crash = await crashWrites;
	servers = await launch();
	const stored = await storedPeriods(databaseConfig, setup.cityId, setup.indicator.id);
	const all = [...writes.acknowledged, ...crash.acknowledged];
	const lost = all.filter((period) => !stored.has(period));
	const verify = spawnSync(process.execPath, [path.join(root, 'bin/rightscity.js'), 'verify-ledger', '--city', 'york'], {
		cwd: root,
		env: { ...process.env, DATA_DIR: dataDir, ...serverEnv },
		encoding: 'utf8',
		timeout: 300_000
	});
	console.log(`  kill -9 mid-run          ${crash.acknowledged.length} writes acknowledged in the crash run; after restart, acknowledged writes lost: ${lost.length} of ${all.length}${lost.length ? ` (e.g. ${lost.slice(0, 3).join(', ')})` : ''}`);
	console.log(`  verify-ledger --city york ${verify.status === 0 ? 'passes' : `FAILS (exit ${verify.status}): ${(verify.stdout + verify.stderr).trim().split('\n').slice(-3).join(' / ')}`}`);
	for (const server of servers) await stop(server);
	return { writesPerSecond: writes.acknowledged.length / elapsed, lost: lost.length, verified: verify.status === 0 };
}

if (!ensureBuild(process.env.BUILD_DIR || 'build', { whenStale: true })) process.exit(1);
console.log(`bench:writes — Node ${process.versions.node}, ${os.cpus().length} CPUs, ${seconds} s of writing per database (BENCH_SECONDS), crash run ${crashSeconds} s`);

const results = [];
const sqliteFile = path.join(dataDir, 'rightscity.sqlite');
results.push(await runDatabase('SQLite, one app process', { processes: 1, serverEnv: { DATABASE_URL: '' }, databaseConfig: { dialect: 'sqlite', path: sqliteFile } }));

if (process.env.BENCH_SKIP_PG !== '1') {
	const name = `rightscity_bench_writes_${process.pid}`;
	const admin = async (text) => {
		const client = new pg.Client({ connectionString: pgAdminUrl });
		await client.connect();
		try {
			await client.query(text);
		} finally {
			await client.end();
		}
	};
	let made = false;
	try {
		await admin(`CREATE DATABASE ${name}`);
		made = true;
	} catch (error) {
		console.log(`\nPostgreSQL skipped: cannot make a database on ${new URL(pgAdminUrl).host} (${error.message}); set BENCH_PG_URL.`);
	}
	if (made) {
		const url = new URL(pgAdminUrl);
		url.pathname = `/${name}`;
		try {
			results.push(await runDatabase('PostgreSQL, two app processes', { processes: 2, serverEnv: { DATABASE_URL: url.href }, databaseConfig: { dialect: 'postgres', url: url.href } }));
		} finally {
			await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
		}
	}
}
const failed = results.some((result) => result.lost > 0 || !result.verified);
console.log(failed ? '\nFAIL: acknowledged writes were lost or the ledger does not verify.' : '\nNo acknowledged write lost; the ledger verifies.');
process.exit(failed ? 1 : 0);
