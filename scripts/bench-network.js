#!/usr/bin/env node
// `npm run bench:network`: the knowledge centre under load. Makes a temporary SQLite database with
// the demo network plus BENCH_PRACTICES published good practices (default 50,000) spread over the
// demo's member cities and written in the six UI languages (en, es, fr, ko, sv, ar: one language
// each, invented text from a small vocabulary per language), bulk-loaded through
// `importPractices` (the practices and their search documents in one transaction per city — a
// setup shortcut, not the path a practitioner's form takes). Then it serves the production build
// on a free loopback port and measures, next to a bare node:http hello-world in the same run:
//
//   - full-text search of the knowledge centre with a Latin (Spanish), a Korean and an Arabic
//     query, and a query of two words;
//   - a practice page (with its similar practices);
//   - the members page (with the members map);
//
// as an anonymous reader, uncached: each URL carries a `bench=1` parameter no page reads, and
// this build keeps no rendered pages (should a render cache keyed on the full address come, the
// parameter keeps it from answering for the first request only — say so when reading numbers). Reports req/s, p50/p95/p99 and the server's CPU time per
// request, with the ratio to the baseline.
//
// Bounded: BENCH_SECONDS per target (default 5), BENCH_CONNECTIONS (default 10), loopback only; a
// watchdog ends everything after BENCH_TIMEOUT seconds (default 900). The server is stopped and
// the data removed on exit. BUILD_DIR picks the build (default build/; built first when missing
// or older than the sources).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cpuMs, ensureBuild, fmt, freePort, host, loadTool, pageSize, printResults, requireTypeStripping, root, startBaseline, stop, waitFor } from './bench-lib.js';

requireTypeStripping(import.meta.filename, 'bench-network');

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const practiceCount = Number(process.env.BENCH_PRACTICES ?? 50_000);
const timeoutSeconds = Number(process.env.BENCH_TIMEOUT ?? 900);
const buildDir = process.env.BUILD_DIR || 'build';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rightscity-bench-network-'));
const children = [];

function cleanup() {
	for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
	fs.rmSync(dataDir, { recursive: true, force: true });
}
process.on('exit', cleanup);
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));
setTimeout(() => {
	console.error(`bench-network: stopped after ${timeoutSeconds}s (BENCH_TIMEOUT).`);
	process.exit(124);
}, timeoutSeconds * 1000).unref();

function fail(message) {
	console.error(`bench-network: ${message}`);
	process.exit(1);
}

// ——— 1. The data ———
/** A few words per language, from which the invented titles and texts are drawn. */
const WORDS = {
	en: ['housing', 'advice', 'tenants', 'library', 'council', 'rights', 'children', 'migrants', 'participation', 'budget', 'report', 'equality', 'disability', 'school', 'health'],
	es: ['vivienda', 'asesoría', 'inquilinos', 'biblioteca', 'ayuntamiento', 'derechos', 'infancia', 'migrantes', 'participación', 'presupuesto', 'informe', 'igualdad', 'discapacidad', 'escuela', 'salud'],
	fr: ['logement', 'conseil', 'locataires', 'bibliothèque', 'mairie', 'droits', 'enfance', 'migrants', 'participation', 'budget', 'rapport', 'égalité', 'handicap', 'école', 'santé'],
	ko: ['인권', '주거', '상담', '세입자', '도서관', '시의회', '아동', '이주민', '참여', '예산', '보고서', '평등', '장애', '학교', '건강'],
	sv: ['bostad', 'rådgivning', 'hyresgäster', 'bibliotek', 'kommun', 'rättigheter', 'barn', 'migranter', 'delaktighet', 'budget', 'rapport', 'jämlikhet', 'funktionsnedsättning', 'skola', 'hälsa'],
	ar: ['السكن', 'الاستشارة', 'المستأجرين', 'المكتبة', 'البلدية', 'الحقوق', 'الأطفال', 'المهاجرين', 'المشاركة', 'الميزانية', 'التقرير', 'المساواة', 'الإعاقة', 'المدرسة', 'الصحة']
};
const LOCALES = Object.keys(WORDS);
const TAGS = ['udhr:25', 'udhr:26', 'udhr:2', 'udhr:21', 'gwangju:3', 'gwangju:6', 'sdg:11.1', 'sdg:4.5', 'sdg:10.2', 'sdg:16.7'];
const GROUPS = ['low_income', 'children', 'migrants_refugees', 'persons_with_disabilities', 'older_persons', 'women'];

let seed = 7;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = (list) => list[Math.floor(random() * list.length)];
const sentence = (words, length) => Array.from({ length }, () => pick(words)).join(' ');

function practice(index) {
	const locale = LOCALES[index % LOCALES.length];
	const words = WORDS[locale];
	return {
		layer: index % 10 === 9 ? 'practitioners' : 'public',
		originalLocale: locale,
		title: { [locale]: `${sentence(words, 3)} ${index}` },
		summary: { [locale]: sentence(words, 20) },
		body: { [locale]: sentence(words, 120) },
		results: { [locale]: sentence(words, 30) },
		tags: [pick(TAGS), pick(TAGS)].filter((tag, i, all) => all.indexOf(tag) === i),
		groups: [pick(GROUPS)]
	};
}

const started = performance.now();
const { openDatabase } = await import('../src/lib/server/db/database.ts');
const { migrateToLatest } = await import('../src/lib/server/db/migrate.ts');
const { seedDemo } = await import('../src/lib/server/demo/seed-demo.ts');
const { systemActor } = await import('../src/lib/server/accounts/index.ts');
const { listMembers } = await import('../src/lib/server/network/membership.service.ts');
const { importPractices } = await import('../src/lib/server/network/practices.service.ts');

/** The demo, then the practices, shared out over the member cities in batches of 1,000. */
async function makeData() {
	const database = await openDatabase({ dialect: 'sqlite', path: path.join(dataDir, 'rightscity.sqlite') });
	try {
		await migrateToLatest(database.db);
		await seedDemo(database.db);
		const cities = (await listMembers(database.db)).filter((member) => member.cityId && member.status === 'active');
		let made = 0;
		while (made < practiceCount) {
			const city = cities[Math.floor(made / 1000) % cities.length];
			const count = Math.min(1000, practiceCount - made);
			await importPractices(database.db, systemActor('cli', [city.cityId]), city.cityId, Array.from({ length: count }, (_, i) => practice(made + i)));
			made += count;
		}
		return cities[0];
	} finally {
		await database.close();
	}
}

const firstCity = await makeData().catch((error) => fail(`making the data failed: ${error.message}${error.details ? ` ${JSON.stringify(error.details)}` : ''}`));
console.log(`Data ready in ${fmt((performance.now() - started) / 1000, 1)} s: ${practiceCount.toLocaleString('en')} practices in ${LOCALES.length} languages over the demo's member cities.`);

// ——— 2. The server and the baseline ———
if (!ensureBuild(buildDir, { whenStale: true })) fail('the build failed');
const appPort = await freePort();
const basePort = await freePort();
const app = spawn(process.execPath, [path.join(root, 'bin/rightscity.js'), 'serve', '--no-seed'], {
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
const practicePage = `/network/practices/${firstCity.slug}/GP-1`;
const routes = [
	['search, Latin (es: vivienda)', '/network/practices?q=vivienda'],
	['search, Korean (ko: 주거)', `/network/practices?q=${encodeURIComponent('주거')}`],
	['search, Arabic (ar: السكن)', `/network/practices?q=${encodeURIComponent('السكن')}`],
	['search, two words (en: housing tenants)', '/network/practices?q=housing+tenants'],
	[`practice page ${practicePage} (with similar practices)`, practicePage],
	['members page /network/members (with the map)', '/network/members']
];
for (const [name, route] of routes) {
	const first = await pageSize(appBase + route).catch((error) => ({ status: String(error.cause?.code ?? error.message) }));
	if (first.status !== 200) fail(`${name}: ${route} answered ${first.status}; nothing measured.`);
}

// ——— 3. Load ———
const load = loadTool({ connections, seconds, scratchDir: dataDir });
console.log(`\nLoad: ${load.name}, ${connections} connections, ${seconds}s per target, Node ${process.versions.node}, ${os.cpus().length} CPUs`);
const results = [];
const targets = [['hello world (node:http baseline)', `http://${host}:${basePort}/`], ...routes.map(([name, route]) => [name, appBase + route + (route.includes('?') ? '&' : '?') + 'bench=1'])];
for (const [name, url] of targets) {
	const server = url.startsWith(appBase) ? app : baseline;
	const before = cpuMs(server.pid);
	const result = await load.run(url);
	result.cpuPerRequest = (cpuMs(server.pid) - before) / result.requests;
	results.push([name, result]);
}
printResults(results);
console.log('(CPU ms/req: the server process’s CPU time over the requests it answered; other load on the machine changes it far less than latency.)');
const failed = results.filter(([, result]) => result.errors !== 0);
await stop(app);
await stop(baseline);
if (failed.length) fail(`${failed.map(([name]) => name).join(', ')} had failed requests under load.`);
process.exit(0);
