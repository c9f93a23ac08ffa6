import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/** Each test starts the CLI as a process, several times: generous on a busy machine (it is not a speed check). */
const CLI_TEST_TIMEOUT = 90_000;

const bin = path.resolve('bin/rightscity.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rightscity-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(args: string[], env: Record<string, string> = {}) {
	const result = spawnSync(process.execPath, [bin, ...args], {
		cwd: dir,
		env: { PATH: process.env.PATH ?? '', DATA_DIR: path.join(dir, 'data'), ...env },
		encoding: 'utf8',
		timeout: 30_000
	});
	return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('rightscity CLI', { timeout: CLI_TEST_TIMEOUT }, () => {
	it('lists its commands with --help', () => {
		const { code, stdout } = run(['--help']);
		expect(code).toBe(0);
		for (const command of ['migrate', 'seed-demo', 'serve', 'create-admin']) expect(stdout).toContain(command);
	});

	it('shows the options of each command with --help', () => {
		const { code, stdout } = run(['serve', '--help']);
		expect(code).toBe(0);
		expect(stdout).toContain('--port <number>');
	});

	it('migrates, then seeds the demo network exactly once', () => {
		expect(run(['migrate']).stdout).toMatch(/^Applied \d+ migration\(s\) to SQLite .*: 20261123T0900-frameworks, 20261123T0910-cities/);
		expect(run(['migrate', '--status']).stdout).toContain('is up to date');
		expect(run(['seed-demo']).stdout).toContain('Seeded 39 demo cities');
		expect(run(['seed-demo']).stdout).toContain('already has data; nothing seeded');
	});

	it('stops with one line naming a bad PORT', () => {
		const { code, stderr } = run(['migrate'], { PORT: 'eighty' });
		expect(code).toBe(1);
		expect(stderr.trim()).toBe('rightscity migrate: PORT: must be a whole number from 1 to 65535 (got "eighty")');
	});

	it('stops with one line naming a bad DATABASE_URL', () => {
		const { code, stderr } = run(['migrate'], { DATABASE_URL: 'mysql://db/x' });
		expect(code).toBe(1);
		expect(stderr.trim().split('\n')).toHaveLength(1);
		expect(stderr).toContain('DATABASE_URL: must start with postgres:// or sqlite:');
	});

	it('stops with one line for an unreachable PostgreSQL', () => {
		const { code, stderr } = run(['serve'], { DATABASE_URL: 'postgres://u:p@127.0.0.1:1/none' });
		expect(code).toBe(1);
		expect(stderr.trim()).toMatch(/^rightscity serve: Cannot connect to PostgreSQL 127\.0\.0\.1:1\/none: .*ECONNREFUSED/);
	});

	it('stops with one line for a corrupt SQLite file', () => {
		const file = path.join(dir, 'corrupt.sqlite');
		fs.writeFileSync(file, 'x'.repeat(4096));
		const { code, stderr } = run(['serve'], { DATABASE_URL: `sqlite:${file}` });
		expect(code).toBe(1);
		expect(stderr.trim()).toBe(`rightscity serve: Cannot use SQLite ${file}: the file is not a SQLite database or is corrupt`);
	});

	it('rejects an unknown command and an unknown option', () => {
		expect(run(['frobnicate']).code).toBe(2);
		const { code, stderr } = run(['migrate', '--everything']);
		expect(code).toBe(2);
		expect(stderr).toContain("Unknown option '--everything'");
	});
});
