#!/usr/bin/env node
// `npm run bench`: requests/s and latency of the built app for its public pages, next to a bare
// node:http hello-world measured in the same run (the ratio is what to compare across machines):
// each page for an anonymous visitor (from the render cache), revalidated with If-None-Match
// (304), and rendered afresh (as for a signed-in visitor: a session cookie skips the cache), with
// the server's CPU time per uncached request; and the bytes a first visit to / transfers.
//
// Bounded: BENCH_SECONDS per target (default 5), BENCH_CONNECTIONS (default 10), loopback only.
// Uses wrk when installed (p95 through a Lua hook), else a small keep-alive load loop in Node; the
// helpers are shared with the other benchmarks in bench-lib.js. BUILD_DIR picks the build (built
// first when it is missing or older than the sources, as `npm start` does).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { cpuMs, ensureBuild, host, loadTool, printResults, root, startBaseline, stop, waitFor } from './bench-lib.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
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

// Build if needed, then start both servers.
if (!ensureBuild(process.env.BUILD_DIR || 'build', { whenStale: true })) process.exit(1);
const app = spawn(process.execPath, [path.join(root, 'bin/rightscity.js'), 'serve'], {
	cwd: root,
	env: { ...process.env, PORT: String(appPort), HOST: host, DATA_DIR: dataDir, DATABASE_URL: process.env.BENCH_DATABASE_URL ?? '' },
	stdio: ['ignore', 'ignore', 'inherit']
});
children.push(app);
const baseline = startBaseline(basePort);
children.push(baseline);
await waitFor(`http://${host}:${appPort}/healthz`, app);
await waitFor(`http://${host}:${basePort}/`, baseline);

const load = loadTool({ connections, seconds, scratchDir: dataDir });
console.log(`Load: ${load.name}, ${connections} connections, ${seconds}s per target, Node ${process.versions.node}, ${os.cpus().length} CPUs`);
const app$ = (pathname) => `http://${host}:${appPort}${pathname}`;
// One retry: a kept-alive socket the server closed while idle fails the first use.
const get = (url, headers = {}) => fetch(url, { headers }).catch(() => fetch(url, { headers }));
const indicatorsPage = await (await get(app$('/cities/york/indicators'))).text();
const indicator = /href="(\/cities\/york\/indicators\/[^"?#]+)"/.exec(indicatorsPage)?.[1];
const pages = ['/', '/cities', '/cities/york', '/cities/york/commitments', ...(indicator ? [indicator] : []), '/cities/york/ledger'];
// An unknown session token: the visitor is treated as signed out, but the cache is skipped (as for a signed-in visitor).
const UNCACHED = { cookie: 'session=bench-uncached' };
// Warm up each page once (first render compiles templates, fills caches).
for (const page of pages) {
	for (const headers of [{ 'accept-encoding': 'gzip' }, UNCACHED]) {
		const response = await get(app$(page), headers).catch((error) => {
			throw new Error(`warm-up GET ${page} ${JSON.stringify(headers)} failed: ${error.cause?.message ?? error.message}`);
		});
		await response.arrayBuffer();
	}
}
const results = [['hello world (node:http baseline)', await load.run(`http://${host}:${basePort}/`)]];
for (const page of pages) {
	results.push([`${page} (cached)`, await load.run(app$(page))]);
	const before = cpuMs(app.pid);
	const uncached = await load.run(app$(page), UNCACHED);
	uncached.cpuPerRequest = (cpuMs(app.pid) - before) / uncached.requests;
	results.push([`${page} (uncached render)`, uncached]);
}
const etag = (await get(app$('/cities/york'), { 'accept-encoding': 'gzip' })).headers.get('etag');
if (etag) results.push(['/cities/york (304 revalidation)', await load.run(app$('/cities/york'), { 'if-none-match': etag })]);
printResults(results);

console.log('\nFirst visit to / (bytes on the wire, with Accept-Encoding: br, gzip):');
let total = 0;
let totalRaw = 0;
for (const [kind, href, wire, raw] of await transferredSize(`http://${host}:${appPort}`)) {
	total += wire.bytes;
	totalRaw += raw;
	console.log(`  ${kind.padEnd(5)} ${String(wire.bytes).padStart(7)} B (${wire.encoding}; ${raw} B uncompressed)  ${href}`);
}
console.log(`  total ${String(total).padStart(7)} B transferred (${totalRaw} B uncompressed)`);

// The children keep the event loop alive: stop them (bounded) and leave.
await stop(app);
await stop(baseline);
process.exit(0);
