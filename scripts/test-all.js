#!/usr/bin/env node
// `npm test`: every suite, in order — unit and integration tests on SQLite and PostgreSQL
// (Vitest), type checks (svelte-check), the production build, and browser tests against the
// built server (Playwright + axe). Ends with one line: "N passed, N failed[, N skipped]".
//
// PostgreSQL: TEST_DATABASE_URL (default postgres://rightscity:rightscity@127.0.0.1:5432/rightscity_test).
// SKIP_POSTGRES=1 runs without it (the PostgreSQL half of the repository tests is then skipped).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const root = path.resolve(import.meta.dirname, '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rightscity-test-all-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
const rows = [];

function run(command, args, env = {}) {
	const started = Date.now();
	const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
	return { ok: result.status === 0, seconds: ((Date.now() - started) / 1000).toFixed(1) };
}

function record(suite, counts, seconds) {
	totals.passed += counts.passed;
	totals.failed += counts.failed;
	totals.skipped += counts.skipped;
	rows.push({ suite, ...counts, seconds });
}

function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

function heading(text) {
	console.log(`\n=== ${text} ===`);
}

// 1. Messages: compile the UI catalogs (the app imports the compiled messages).
heading('Compile UI messages');
const i18n = run('npm', ['run', '--silent', 'i18n']);
record('i18n compile', { passed: i18n.ok ? 1 : 0, failed: i18n.ok ? 0 : 1, skipped: 0 }, i18n.seconds);

// 2. PostgreSQL available?
const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://rightscity:rightscity@127.0.0.1:5432/rightscity_test';
let postgres = process.env.SKIP_POSTGRES !== '1';
if (postgres) {
	const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 5000 });
	try {
		await client.connect();
		await client.end();
	} catch (error) {
		console.error(`\nPostgreSQL is not reachable at ${new URL(postgresUrl).host}: ${error.message}`);
		console.error('Start it (see README: Tests) or run with SKIP_POSTGRES=1 to test on SQLite only.');
		record('postgres connection', { passed: 0, failed: 1, skipped: 0 }, '0');
		postgres = false;
	}
}

// 3. Unit and integration tests (repository tests run once per dialect).
heading(`Unit and integration tests (SQLite${postgres ? ' and PostgreSQL' : ''})`);
const vitestReport = path.join(tmp, 'vitest.json');
const vitest = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`], {
	...(postgres ? { TEST_DATABASE_URL: postgresUrl, REQUIRE_POSTGRES: '1' } : { TEST_DATABASE_URL: '' })
});
const unit = readJson(vitestReport);
if (unit) {
	record('unit + integration', { passed: unit.numPassedTests, failed: unit.numFailedTests + (vitest.ok || unit.numFailedTests ? 0 : 1), skipped: unit.numPendingTests + unit.numTodoTests }, vitest.seconds);
} else {
	record('unit + integration', { passed: 0, failed: 1, skipped: 0 }, vitest.seconds);
}
if (!postgres && process.env.SKIP_POSTGRES === '1') rows.at(-1).suite += ' (SQLite only)';

// 4. Type checks.
heading('Type checks (svelte-check)');
const check = run('npx', ['svelte-check', '--tsconfig', './tsconfig.json', '--fail-on-warnings', '--output', 'human']);
record('svelte-check', { passed: check.ok ? 1 : 0, failed: check.ok ? 0 : 1, skipped: 0 }, check.seconds);

// 5. Production build.
heading('Production build');
const build = run('npx', ['vite', 'build']);
record('build', { passed: build.ok ? 1 : 0, failed: build.ok ? 0 : 1, skipped: 0 }, build.seconds);

// 6. Browser tests against the built server.
heading('Browser tests (Playwright + axe, Chromium)');
if (build.ok) {
	const e2eReport = path.join(tmp, 'playwright.json');
	const e2e = run('npx', ['playwright', 'test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport, E2E_DATA_DIR: path.join(tmp, 'e2e-data') });
	const report = readJson(e2eReport);
	if (report?.stats) {
		const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = report.stats;
		record('browser (e2e + axe)', { passed: expected + flaky, failed: unexpected + (e2e.ok || unexpected ? 0 : 1), skipped }, e2e.seconds);
	} else {
		record('browser (e2e + axe)', { passed: 0, failed: 1, skipped: 0 }, e2e.seconds);
	}
} else {
	record('browser (e2e + axe): not run, the build failed', { passed: 0, failed: 1, skipped: 0 }, '0');
}

fs.rmSync(tmp, { recursive: true, force: true });
heading('Summary');
for (const row of rows) {
	console.log(`${row.suite.padEnd(48)} ${String(row.passed).padStart(4)} passed ${String(row.failed).padStart(3)} failed ${String(row.skipped).padStart(3)} skipped  ${row.seconds}s`);
}
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exitCode = totals.failed > 0 ? 1 : 0;
