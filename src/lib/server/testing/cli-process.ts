/**
 * The CLI as its users start it: a process (`bin/rightscity.js`) in a folder of its own, with the
 * database of its choice by DATABASE_URL. For the CLI commands' tests; each file makes one workspace.
 *
 * @example
 *   const cli = cliWorkspace('plan-cli');
 *   expect(cli.run(['seed-demo']).code).toBe(0);
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
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
