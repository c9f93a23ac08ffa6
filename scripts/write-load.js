// Shared by `npm run bench:writes` and `npm run soak`: app servers on a scratch data folder,
// signed-in writers recording observations through the staff page's real form action (a plain
// form post with the session and CSRF cookies, as a browser without JavaScript sends it), and
// anonymous readers of public pages. Imports the project's TypeScript (for the setup in the
// database): callers run `requireTypeStripping` from bench-lib.js first, then import this file.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { host, root } from './bench-lib.js';
import { openDatabase } from '../src/lib/server/db/database.ts';
import { createAdmin, startSession } from '../src/lib/server/accounts/index.ts';

/** `rightscity serve` on `port` with the data folder `dataDir`; kept in `children` until it exits. */
export function startServer(children, { port, dataDir, env = {} }) {
	const nodeArgs = process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : [];
	const child = spawn(process.execPath, [...nodeArgs, path.join(root, 'bin/rightscity.js'), 'serve'], {
		cwd: root,
		env: { ...process.env, PORT: String(port), HOST: host, DATA_DIR: dataDir, ...env },
		stdio: ['ignore', 'ignore', 'inherit']
	});
	children.add(child);
	child.once('exit', () => children.delete(child));
	return child;
}

/** One day per write: a period no other write of this run uses (1900-01-01 to 2100-12-31). */
let nextDay = 0;
const DAY0 = Date.UTC(1900, 0, 1);
const MAX_DAYS = Math.floor((Date.UTC(2100, 11, 31) - DAY0) / 86_400_000);
export const nextPeriod = () => (nextDay < MAX_DAYS ? new Date(DAY0 + nextDay++ * 86_400_000).toISOString().slice(0, 10) : null);

/**
 * Setup made directly in the database (said so in the benchmarks' output): a staff account of
 * York with one session per writer, and a York indicator without groups to record values of.
 */
export async function prepareWriters(databaseConfig, writerCount) {
	const database = await openDatabase(databaseConfig);
	try {
		const { db } = database;
		const city = await db.selectFrom('city').select('id').where('slug', '=', 'york').executeTakeFirstOrThrow();
		const indicator = await db
			.selectFrom('indicator')
			.select(['id', 'code'])
			.where('city_id', '=', city.id)
			.where('dimensions', 'in', ['{}', '[]'])
			.where('deleted_at', 'is', null)
			.where('unit', 'in', ['percent', 'per_100k', 'per_1000', 'count', 'index', 'ratio'])
			.orderBy('code')
			.executeTakeFirstOrThrow();
		const { personId } = await createAdmin(db, { email: `bench-writer-${Date.now()}@example.org`, role: 'city_admin', citySlug: 'york', displayName: 'Bench writer' });
		const tokens = [];
		for (let i = 0; i < writerCount; i++) tokens.push((await startSession(db, personId, { ip: '127.0.0.1', userAgent: 'bench-writes' })).token);
		return { cityId: city.id, indicator, tokens };
	} finally {
		await database.close();
	}
}

/** The periods stored for the indicator. */
export async function storedPeriods(databaseConfig, cityId, indicatorId) {
	const database = await openDatabase(databaseConfig);
	try {
		const rows = await database.db.selectFrom('observation').select('period').where('city_id', '=', cityId).where('indicator_id', '=', indicatorId).execute();
		return new Set(rows.map((row) => row.period));
	} finally {
		await database.close();
	}
}

function request(agent, url, { method = 'GET', headers = {}, body } = {}) {
	return new Promise((resolve) => {
		const begun = performance.now();
		const req = http.request(url, { method, agent, headers, timeout: 30_000 }, (response) => {
			response.resume();
			response.on('end', () => resolve({ status: response.statusCode, ms: performance.now() - begun, retryAfter: Number(response.headers['retry-after']) }));
		});
		req.on('timeout', () => req.destroy(new Error('timeout')));
		req.on('error', () => resolve({ status: 0, ms: performance.now() - begun }));
		req.end(body);
	});
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const sortedOf = (values) => Float64Array.from(values).sort();

/** Waits what is left of `intervalMs` since `begun` (pacing a connection to a rate; 0 = as fast as it can). */
const pace = (begun, intervalMs) => (intervalMs > 0 ? sleep(Math.max(0, intervalMs - (performance.now() - begun))) : undefined);

/**
 * `connections` anonymous readers of `paths` (a list taken in turn, or a function of the request's
 * number) over `bases` until `until()`, each at most one request per `intervalMs`, asking for
 * `languages` in turn (Accept-Language, as browsers do): requests, p50/p95, errors.
 */
export async function readLoad(bases, until, { connections = 4, paths = ['/cities/york'], intervalMs = 0, languages = ['en'] } = {}) {
	const pathOf = typeof paths === 'function' ? paths : (n) => paths[n % paths.length];
	const latencies = [];
	let errors = 0;
	await Promise.all(
		Array.from({ length: connections }, async (_, i) => {
			const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
			let n = i;
			while (!until()) {
				const begun = performance.now();
				const language = languages[Math.floor(n / 7) % languages.length];
				const result = await request(agent, `${bases[i % bases.length]}${pathOf(n++)}`, { headers: { 'accept-encoding': 'gzip', 'accept-language': language } });
				if (result.status === 200 || result.status === 304) latencies.push(result.ms);
				else {
					errors++;
					await sleep(20);
				}
				await pace(begun, intervalMs);
			}
			agent.destroy();
		})
	);
	const sorted = sortedOf(latencies);
	return { requests: latencies.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), errors };
}

/**
 * One writer per session token, each posting one observation at a time through `?/record` until
 * `until()` (at most one per `intervalMs`). A 503 (the write lock was busy past its bound) is
 * retried after its Retry-After, as a person would. Returns the acknowledged periods (answer 200,
 * or the 303 of post/redirect/get), their latencies and the other answers by status.
 */
export async function writeLoad(bases, setup, until, { intervalMs = 0 } = {}) {
	const acknowledged = [];
	const latencies = [];
	const other = new Map();
	await Promise.all(
		setup.tokens.map(async (token, i) => {
			const base = bases[i % bases.length];
			const csrf = randomBytes(24).toString('base64url');
			const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
			const url = `${base}/admin/york/indicators/${encodeURIComponent(setup.indicator.code)}?/record`;
			let period = nextPeriod();
			while (!until() && period) {
				const begun = performance.now();
				const body = new URLSearchParams({ _csrf: csrf, period, value: String((i * 7919 + nextDay) % 1000), status: 'final' }).toString();
				const result = await request(agent, url, {
					method: 'POST',
					body,
					headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), cookie: `session=${token}; csrf=${csrf}`, origin: base, accept: 'text/html' }
				});
				if (result.status === 200 || result.status === 303) {
					acknowledged.push(period);
					latencies.push(result.ms);
					period = nextPeriod();
					await pace(begun, intervalMs);
					continue;
				}
				other.set(result.status, (other.get(result.status) ?? 0) + 1);
				// Busy (503): wait as told; no answer (the server is down): a short pause.
				await sleep(result.status === 503 ? Math.min(2000, (result.retryAfter || 1) * 1000) : 50);
				if (result.status === 400) period = nextPeriod(); // a refused input is not sent again
			}
			agent.destroy();
		})
	);
	const sorted = sortedOf(latencies);
	return { acknowledged, p50: percentile(sorted, 50), p95: percentile(sorted, 95), other };
}

/** A deadline `ms` from now, as the `until` of the loads. */
export const timer = (ms) => {
	const end = Date.now() + ms;
	return () => Date.now() >= end;
};
