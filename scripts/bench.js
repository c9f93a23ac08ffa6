#!/usr/bin/env node
// `npm run bench`: requests/s and latency of the built app for /, /cities and a city page, next to
// a bare node:http hello-world measured in the same run (the ratio is what to compare across
// machines), and the bytes a first visit to / transfers (HTML + CSS + JS + map, compressed).
//
// Bounded: BENCH_SECONDS per target (default 5), BENCH_CONNECTIONS (default 10), loopback only.
// Uses wrk when installed, else a small keep-alive load loop in Node.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const host = '127.0.0.1';
const appPort = Number(process.env.BENCH_PORT ?? 4390);
const basePort = appPort + 1;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rightscity-bench-'));
const children = [];

function cleanup() {
	for (const child of children) child.kill('SIGTERM');
	fs.rmSync(dataDir, { recursive: true, force: true });
}
process.on('exit', cleanup);
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));

async function waitFor(url, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			// not up yet
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
}

function hasWrk() {
	return spawnSync('wrk', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).error === undefined;
}

function wrk(url) {
	const result = spawnSync(
		'wrk',
		['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', '-H', 'Accept-Encoding: gzip', url],
		{ encoding: 'utf8', timeout: (seconds + 30) * 1000, stdio: ['ignore', 'pipe', 'pipe'] }
	);
	const out = result.stdout ?? '';
	const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN);
	const toMs = (value, unit) => Number(value) * ({ us: 0.001, ms: 1, s: 1000 }[unit] ?? 1);
	const pct = (p) => {
		const match = new RegExp(`\\s${p}%\\s+([\\d.]+)(us|ms|s)`).exec(out);
		return match ? toMs(match[1], match[2]) : NaN;
	};
	const errors = /Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1];
	return { rps, p50: pct(50), p99: pct(99), errors: Number(errors ?? 0) };
}

/** A keep-alive load loop in Node, for machines without wrk. */
async function nodeLoad(url) {
	const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
	const latencies = [];
	let errors = 0;
	const until = Date.now() + seconds * 1000;
	const one = () =>
		new Promise((resolve) => {
			const started = performance.now();
			http
				.get(url, { agent, headers: { 'accept-encoding': 'gzip' } }, (response) => {
					response.resume();
					response.on('end', () => {
						if (response.statusCode !== 200) errors++;
						latencies.push(performance.now() - started);
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
	return { rps: latencies.length / seconds, p50: at(50), p99: at(99), errors };
}

async function transferredSize(base) {
	const get = async (url) => {
		const response = await fetch(url, { headers: { 'accept-encoding': 'br, gzip' } });
		const body = Buffer.from(await response.arrayBuffer());
		// fetch decodes the body; the wire size comes from a raw request below.
		return { response, body };
	};
	const wire = (url) =>
		new Promise((resolve, reject) => {
			http
				.get(url, { headers: { 'accept-encoding': 'br, gzip' } }, (response) => {
					let bytes = 0;
					response.on('data', (chunk) => (bytes += chunk.length));
					response.on('end', () => resolve({ bytes, encoding: response.headers['content-encoding'] ?? 'identity' }));
				})
				.on('error', reject);
		});
	const { body } = await get(`${base}/`);
	const html = body.toString('utf8');
	const assets = [
		...[...html.matchAll(/<link[^>]+rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => ['css', m[1]]),
		...[...html.matchAll(/<link[^>]+href="([^"]+)"[^>]*rel="stylesheet"/g)].map((m) => ['css', m[1]]),
		...[...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => ['js', m[1]]),
		...[...html.matchAll(/<link[^>]+rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => ['js', m[1]]),
		...[...html.matchAll(/<image[^>]+href="([^"]+)"/g)].map((m) => ['map', m[1].replaceAll('&amp;', '&')])
	];
	const rows = [['html', '/', await wire(`${base}/`), body.length]];
	for (const [href, kind] of new Map(assets.map(([kind, href]) => [href, kind]))) {
		const url = new URL(href, `${base}/`).href;
		const raw = (await get(url)).body.length;
		rows.push([kind, href, await wire(url), raw]);
	}
	return rows;
}

const fmt = (value, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

// Build if needed, then start both servers.
if (!fs.existsSync(path.join(root, 'build', 'handler.js'))) {
	console.log('Building the app first…');
	if (spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);
}
const app = spawn(process.execPath, [path.join(root, 'bin/rightscity.js'), 'serve'], {
	cwd: root,
	env: { ...process.env, PORT: String(appPort), HOST: host, DATA_DIR: dataDir, DATABASE_URL: process.env.BENCH_DATABASE_URL ?? '' },
	stdio: ['ignore', 'ignore', 'inherit']
});
children.push(app);
const baseline = spawn(
	process.execPath,
	['-e', `require('node:http').createServer((q, s) => { s.setHeader('content-type', 'text/plain'); s.end('Hello, world\\n'); }).listen(${basePort}, '${host}')`],
	{ stdio: 'inherit' }
);
children.push(baseline);
await waitFor(`http://${host}:${appPort}/healthz`);
await waitFor(`http://${host}:${basePort}/`);

const load = hasWrk() ? wrk : nodeLoad;
console.log(`Load: ${hasWrk() ? 'wrk' : 'node keep-alive loop'}, ${connections} connections, ${seconds}s per target, Node ${process.versions.node}, ${os.cpus().length} CPUs`);
const targets = [
	['hello world (node:http baseline)', `http://${host}:${basePort}/`],
	['/', `http://${host}:${appPort}/`],
	['/cities', `http://${host}:${appPort}/cities`],
	['/cities/york', `http://${host}:${appPort}/cities/york`]
];
// Warm up each app route once (first render compiles templates, fills caches).
for (const [, url] of targets) await fetch(url);
const results = [];
for (const [name, url] of targets) results.push([name, await load(url)]);
const base = results[0][1].rps;
console.log(`\n${'target'.padEnd(36)} ${'req/s'.padStart(9)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'vs baseline'.padStart(12)} errors`);
for (const [name, result] of results) {
	console.log(
		`${name.padEnd(36)} ${fmt(result.rps).padStart(9)} ${fmt(result.p50, 2).padStart(8)} ${fmt(result.p99, 2).padStart(8)} ${fmt(result.rps / base, 3).padStart(12)} ${result.errors}`
	);
}

console.log('\nFirst visit to / (bytes on the wire, with Accept-Encoding: br, gzip):');
let total = 0;
let totalRaw = 0;
for (const [kind, href, wire, raw] of await transferredSize(`http://${host}:${appPort}`)) {
	total += wire.bytes;
	totalRaw += raw;
	console.log(`  ${kind.padEnd(5)} ${String(wire.bytes).padStart(7)} B (${wire.encoding}; ${raw} B uncompressed)  ${href}`);
}
console.log(`  total ${String(total).padStart(7)} B transferred (${totalRaw} B uncompressed)`);
