import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_TEST_TIMEOUT, cliWorkspace } from '../lib/server/testing/cli-process.ts';

// `run` starts the CLI as a process (the help, and `serve`, which must stop before it listens);
// `exec` runs the same command line in this process.
const { dir, run, exec } = cliWorkspace('cli');

describe('rightscity CLI', { timeout: CLI_TEST_TIMEOUT }, () => {
	it('lists its commands with --help', () => {
		const { code, stdout } = run(['--help']);
		expect(code).toBe(0);
		for (const command of ['migrate', 'seed-demo', 'serve', 'create-admin']) expect(stdout).toContain(command);
	});

	it('shows the options of each command with --help', async () => {
		const { code, stdout } = await exec(['serve', '--help']);
		expect(code).toBe(0);
		expect(stdout).toContain('--port <number>');
	});

	it('migrates, then seeds the demo network exactly once', async () => {
		expect((await exec(['migrate'])).stdout).toMatch(/^Applied \d+ migration\(s\) to SQLite .*: 20261123T0900-frameworks, 20261123T0910-cities/);
		expect((await exec(['migrate', '--status'])).stdout).toContain('is up to date');
		expect((await exec(['seed-demo'])).stdout).toContain('Seeded 39 demo cities');
		expect((await exec(['seed-demo'])).stdout).toContain('already has data; nothing seeded');
	});

	it('stops with one line naming a bad PORT', async () => {
		const { code, stderr } = await exec(['migrate'], { PORT: 'eighty' });
		expect(code).toBe(1);
		expect(stderr.trim()).toBe('rightscity migrate: PORT: must be a whole number from 1 to 65535 (got "eighty")');
	});

	it('stops with one line naming a bad DATABASE_URL', async () => {
		const { code, stderr } = await exec(['migrate'], { DATABASE_URL: 'mysql://db/x' });
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

	it('rejects an unknown command and an unknown option', async () => {
		expect((await exec(['frobnicate'])).code).toBe(2);
		const { code, stderr } = await exec(['migrate', '--everything']);
		expect(code).toBe(2);
		expect(stderr).toContain("Unknown option '--everything'");
	});
});
