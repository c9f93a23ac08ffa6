/**
 * The CLI for the CLI commands' tests, in a folder of its own, with the database of its choice by
 * DATABASE_URL; each file makes one workspace. `run` starts it as its users do, a process
 * (`bin/rightscity.js`): a few tests per command, for what only a process shows (the exit status,
 * the streams, the start-up). `exec` runs the same `main` in the test's process with the same
 * environment and captured streams — seconds cheaper per call, for everything else.
 *
 * @example
 *   const cli = cliWorkspace('plan-cli');
 *   expect(cli.run(['seed-demo']).code).toBe(0);
 *   expect((await cli.exec(['verify-ledger', '--city', 'york'])).code).toBe(0);
 */
import { spawnSync } from 'node:child_process';
import { format } from 'node:util';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, vi } from 'vitest';
import { openDatabase, type Database, type Dialect } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { adminQuery } from './postgres-admin.ts';
import { copyPostgresTemplate, copySqliteTemplate } from './template-databases.ts';

/** Each test starts the CLI as a process, several times: generous on a busy machine (it is not a speed check). */
export const CLI_TEST_TIMEOUT = 90_000;

const bin = path.resolve('bin/rightscity.js');

export interface CliRun {
	code: number | null;
	stdout: string;
	stderr: string;
}

export interface CliWorkspace {
	/** The folder the CLI runs in; its default SQLite database is under `dataDir`. */
	dir: string;
	dataDir: string;
	run(args: string[], env?: Record<string, string>): CliRun;
	/** The same command line run in this process (see above): the environment as `run` gives it, stdout and stderr captured. */
	exec(args: string[], env?: Record<string, string>): Promise<CliRun>;
	/** The CLI's own default database (DATA_DIR), opened for checks and for what the CLI cannot do. */
	withDb<T>(work: (db: Database['db']) => Promise<T>): Promise<T>;
	/** A fresh database the CLI can open by DATABASE_URL: a SQLite file, or a schema on the test PostgreSQL. */
	openCliDatabase(dialect: Dialect): Promise<{ database: Database; url: string; drop: () => Promise<void> }>;
}

/** A temporary folder for the CLI, removed after the test file. */
export function cliWorkspace(name: string): CliWorkspace {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), `rightscity-${name}-`));
	const dataDir = path.join(dir, 'data');
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
	return {
		dir,
		dataDir,
		run(args, env = {}) {
			const result = spawnSync(process.execPath, [bin, ...args], {
				cwd: dir,
				env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, ...env },
				encoding: 'utf8',
				timeout: 60_000
			});
			return { code: result.status, stdout: result.stdout, stderr: result.stderr };
		},
		async exec(args, env = {}) {
			return execInProcess(args, { DATA_DIR: dataDir, ...env });
		},
		async withDb(work) {
			const database = await openDatabase({ dialect: 'sqlite', path: path.join(dataDir, 'rightscity.sqlite') });
			try {
				return await work(database.db);
			} finally {
				await database.close();
			}
		},
		async openCliDatabase(dialect) {
			if (dialect === 'sqlite') {
				const file = path.join(dir, `${name}-${randomBytes(4).toString('hex')}.sqlite`);
				const copied = copySqliteTemplate(file);
				const database = await openDatabase({ dialect: 'sqlite', path: file });
				if (!copied) await migrateToLatest(database.db);
				return { database, url: `sqlite:${file}`, drop: async () => {} };
			}
			const base = process.env.TEST_DATABASE_URL!;
			const copy = await copyPostgresTemplate(base);
			if (copy) {
				const database = await openDatabase({ dialect: 'postgres', url: copy.url });
				return { database, url: copy.url, drop: copy.drop };
			}
			const schema = `test_${randomBytes(6).toString('hex')}`;
			await adminQuery(base, `create schema ${schema}`);
			const database = await openDatabase({ dialect: 'postgres', url: base }, { searchPath: schema });
			await migrateToLatest(database.db, schema);
			const url = `${base}${base.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
			return {
				database,
				url,
				drop: async () => void (await adminQuery(base, `drop schema ${schema} cascade`))
			};
		}
	};
}

/**
 * The variables the CLI reads (config.ts): the in-process run sees only those the test gives, as a
 * process started with a clean environment does.
 */
const CLI_VARIABLES = ['DATABASE_URL', 'PORT', 'HOST', 'DATA_DIR', 'TRUST_PROXY', 'SEED_DEMO', 'EXPOSE_OUTBOX', 'CONCERNS_KEYS', 'NODE_ENV', 'PUBLIC_ORIGIN', 'SMTP_URL', 'MAIL_FROM'];

async function execInProcess(args: string[], env: Record<string, string>): Promise<CliRun> {
	const { main } = await import('../../../cli/main.ts');
	const saved = new Map(CLI_VARIABLES.map((name) => [name, process.env[name]]));
	for (const name of new Set([...CLI_VARIABLES, ...Object.keys(env)])) {
		if (!saved.has(name)) saved.set(name, process.env[name]);
		if (env[name] === undefined) delete process.env[name];
		else process.env[name] = env[name];
	}
	let stdout = '';
	let stderr = '';
	const toOut = (chunk: string | Uint8Array) => ((stdout += String(chunk)), true);
	const toErr = (chunk: string | Uint8Array) => ((stderr += String(chunk)), true);
	const spies = [
		vi.spyOn(process.stdout, 'write').mockImplementation(toOut),
		vi.spyOn(process.stderr, 'write').mockImplementation(toErr),
		vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void toOut(`${format(...parts)}\n`)),
		vi.spyOn(console, 'info').mockImplementation((...parts: unknown[]) => void toOut(`${format(...parts)}\n`)),
		vi.spyOn(console, 'warn').mockImplementation((...parts: unknown[]) => void toErr(`${format(...parts)}\n`)),
		vi.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => void toErr(`${format(...parts)}\n`))
	];
	try {
		const code = await main(args);
		return { code, stdout, stderr };
	} finally {
		for (const spy of spies) spy.mockRestore();
		for (const [name, value] of saved) {
			if (value === undefined) delete process.env[name];
			else process.env[name] = value;
		}
	}
}
