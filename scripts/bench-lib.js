// Shared by the HTTP benchmarks (`scripts/bench*.js`): a free loopback port, waiting for a server,
// the build, the node:http hello-world baseline, and load with wrk (p50/p95/p99 through a Lua
// `done` hook, since wrk's own report has no p95) or, without wrk, a bounded keep-alive loop in
// Node. Everything is bounded in time and stays on the loopback interface.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';

export const root = path.resolve(import.meta.dirname, '..');
export const host = '127.0.0.1';

/**
 * Scripts that import the project's TypeScript need Node's type stripping (22.18+): on an older
 * node, run the calling script again with the project's own Node 24 and exit with its status.
 */
export function requireTypeStripping(scriptFile, name) {
	const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
	if (major > 23 || (major === 23 && minor >= 6) || (major === 22 && minor >= 18)) return;
	const local = path.join(root, 'node_modules/node/bin/node');
	if (!fs.existsSync(local)) {
		console.error(`${name}: Node ${process.versions.node} is too old (22.18 or later is needed); run "npm install".`);
		process.exit(1);
	}
	const child = spawnSync(local, [scriptFile, ...process.argv.slice(2)], { stdio: 'inherit' });
	process.exit(child.status ?? 1);
}

/** A port nobody listens on right now (the kernel's choice). */
export function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, host, () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** Polls `url` until it answers 2xx; fails early when `child` (the server) has exited. */
export async function waitFor(url, child, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child && child.exitCode !== null) throw new Error(`${url}: the server stopped (exit ${child.exitCode}) before answering`);
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			// not up yet
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
}

/**
 * Builds the app into `buildDir` when it has no build yet, or with `whenStale` also when the
 * sources changed since (what `npm start` does, through scripts/ensure-build.js). False when the
 * build failed.
 */
export function ensureBuild(buildDir = 'build', { whenStale = false } = {}) {
	const env = { ...process.env, BUILD_DIR: buildDir };
	if (whenStale) return spawnSync(process.execPath, [path.join(root, 'scripts/ensure-build.js')], { cwd: root, stdio: 'inherit', timeout: 600_000, env }).status === 0;
	if (fs.existsSync(path.join(root, buildDir, 'handler.js'))) return true;
	console.log(`No build in ${buildDir}/: building the app first…`);
	return spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', timeout: 600_000, env }).status === 0;
}

/** The bare node:http hello-world every app route is compared with. */
export function startBaseline(port) {
	return spawn(
		process.execPath,
		['-e', `require('node:http').createServer((q, s) => { s.setHeader('content-type', 'text/plain'); s.end('Hello, world\\n'); }).listen(${port}, '${host}')`],
		{ stdio: 'inherit' }
	);
}

/** Sends SIGTERM and waits (at most `timeoutMs`) for the process to exit. */
export async function stop(child, timeoutMs = 15_000) {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill('SIGTERM');
	await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
	if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

const clockTicks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;

/**
 * CPU time (user + system, ms) a process has used so far, from /proc; NaN where there is none.
 * Divided by the requests served, it is a cost per request that other load on the machine
 * barely changes (unlike latency on a shared machine).
 */
export function cpuMs(pid) {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
	} catch {
		return NaN;
	}
}

export function hasWrk() {
	return spawnSync('wrk', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).error === undefined;
}

const WRK_DONE_HOOK =
	'done = function(summary, latency, requests)\n' +
	'  io.write(string.format("PCT %d %d %d\\n", latency:percentile(50), latency:percentile(95), latency:percentile(99)))\n' +
	'  io.write(string.format("RPS %.2f\\n", summary.requests / (summary.duration / 1e6)))\n' +
	'  io.write(string.format("REQ %d\\n", summary.requests))\n' +
	'  io.write(string.format("ERR %d\\n", summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))\n' +
	'end\n';

/**
 * A load function `(url) => Promise<{ rps, p50, p95, p99, errors }>` (latencies in ms): wrk when
 * installed, else a keep-alive loop in Node. `scratchDir` receives wrk's Lua hook.
 */
export function loadTool({ connections, seconds, scratchDir }) {
	if (hasWrk()) {
		const lua = path.join(scratchDir, 'percentiles.lua');
		fs.writeFileSync(lua, WRK_DONE_HOOK);
		const run = async (url, headers = {}) => {
			const extra = Object.entries(headers).flatMap(([name, value]) => ['-H', `${name}: ${value}`]);
			const result = spawnSync('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '10s', '-s', lua, '-H', 'Accept-Encoding: gzip', ...extra, url], {
				encoding: 'utf8',
				timeout: (seconds + 30) * 1000,
				stdio: ['ignore', 'pipe', 'pipe']
			});
			const out = result.stdout ?? '';
			const [p50, p95, p99] = (/PCT (\d+) (\d+) (\d+)/.exec(out)?.slice(1) ?? []).map((us) => Number(us) / 1000);
			return {
				rps: Number(/RPS ([\d.]+)/.exec(out)?.[1] ?? NaN),
				requests: Number(/REQ (\d+)/.exec(out)?.[1] ?? NaN),
				p50,
				p95,
				p99,
				errors: Number(/ERR (\d+)/.exec(out)?.[1] ?? NaN)
			};
		};
		return { name: 'wrk', run };
	}
	return { name: 'node keep-alive loop', run: (url, headers = {}) => nodeLoad(url, connections, seconds, headers) };
}

async function nodeLoad(url, connections, seconds, headers = {}) {
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
						if (response.statusCode !== 200 && response.statusCode !== 304) errors++;
						latencies.push(performance.now() - begun);
						resolve();
					});
				})
				.on('error', () => {
					errors++;
					resolve();
				});
		});
	await Promise.all(
		Array.from({ length: connections }, async () => {
			while (Date.now() < until) await one();
		})
	);
	agent.destroy();
	latencies.sort((a, b) => a - b);
	const at = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
	return { rps: latencies.length / seconds, requests: latencies.length, p50: at(50), p95: at(95), p99: at(99), errors };
}

/**
 * One GET of `url`: the status, the decoded body's size, the bytes on the wire with
 * `Accept-Encoding: gzip` (and the encoding the server chose), and the body's size once gzipped
 * here (what a compressing proxy would send, when the server itself does not compress).
 */
export function pageSize(url) {
	const get = (headers) =>
		new Promise((resolve, reject) => {
			http
				.get(url, { headers, timeout: 30_000 }, (response) => {
					const chunks = [];
					response.on('data', (chunk) => chunks.push(chunk));
					response.on('end', () => resolve({ status: response.statusCode, encoding: response.headers['content-encoding'] ?? 'identity', body: Buffer.concat(chunks) }));
				})
				.on('error', reject);
		});
	return Promise.all([get({ 'accept-encoding': 'identity' }), get({ 'accept-encoding': 'gzip' })]).then(([plain, compressed]) => ({
		status: plain.status,
		raw: plain.body.length,
		wire: compressed.body.length,
		encoding: compressed.encoding,
		gzip: zlib.gzipSync(plain.body).length,
		html: plain.body.toString('utf8')
	}));
}

export const fmt = (value, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

/**
 * The results table: req/s, p50/p95/p99 and both ratios to the baseline (the first row), and the
 * server's CPU time per request where a result has `cpuPerRequest`.
 */
export function printResults(results) {
	const base = results[0][1];
	const withCpu = results.some(([, result]) => result.cpuPerRequest !== undefined);
	const width = Math.max(...results.map(([name]) => name.length)) + 2;
	console.log(
		`\n${'target'.padEnd(width)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'req/s vs base'.padStart(15)}${'p95 vs base'.padStart(13)}${withCpu ? 'CPU ms/req'.padStart(12) : ''}  errors`
	);
	for (const [name, result] of results) {
		const cpu = withCpu ? (result.cpuPerRequest === undefined ? '' : fmt(result.cpuPerRequest, 2)).padStart(12) : '';
		console.log(
			`${name.padEnd(width)}${fmt(result.rps).padStart(9)}${fmt(result.p50, 2).padStart(9)}${fmt(result.p95, 2).padStart(9)}${fmt(result.p99, 2).padStart(9)}${fmt(result.rps / base.rps, 4).padStart(15)}${`${fmt(result.p95 / base.p95, 1)}×`.padStart(13)}${cpu}  ${result.errors}`
		);
	}
}

/**
 * On exit (also after SIGINT/SIGTERM), kills the servers still in `children` (an array or a Set)
 * and removes the scratch folder `dataDir`.
 */
export function cleanUpOnExit(children, dataDir) {
	process.on('exit', () => {
		for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
		fs.rmSync(dataDir, { recursive: true, force: true });
	});
	process.on('SIGINT', () => process.exit(130));
	process.on('SIGTERM', () => process.exit(143));
}
