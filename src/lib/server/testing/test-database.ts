/**
 * Test databases on every dialect: a fresh SQLite file, and — when TEST_DATABASE_URL names a
 * PostgreSQL server — a fresh schema on it. Repository tests loop over `DIALECTS`.
 *
 * @example
 *   describe.each(DIALECTS)('cities repository on %s', (dialect) => {
 *     let database: TestDatabase;
 *     beforeEach(async () => (database = await createTestDatabase(dialect)));
 *     afterEach(() => database.cleanup());
 *   });
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { openDatabase, type Database, type Dialect } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { seedDemo } from '../demo/seed-demo.ts';
import { adminQuery } from './postgres-admin.ts';
import { copyPostgresTemplate, copySqliteTemplate } from './template-databases.ts';

const postgresUrl = process.env.TEST_DATABASE_URL;
if (process.env.REQUIRE_POSTGRES === '1' && !postgresUrl) {
	throw new Error('REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set');
}

export const DIALECTS: Dialect[] = postgresUrl ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestDatabase extends Database {
	/** The PostgreSQL schema of this database (migrations keep their bookkeeping there); none on SQLite. */
	schema: string | undefined;
	/** PostgreSQL: how another connection opens this very database (with `{ searchPath: schema }`). */
	url: string | undefined;
	cleanup(): Promise<void>;
}

/** A fresh database, migrated (unless `migrate: false`) and optionally with the demo network. */
export async function createTestDatabase(dialect: Dialect, options: { seed?: boolean; migrate?: boolean } = {}): Promise<TestDatabase> {
	let database: Database;
	let schema: string | undefined;
	let url: string | undefined;
	let removeStorage: () => Promise<void>;
	// A migrated database starts as a copy of the run's template (global-setup.ts).
	let migrated = false;
	if (dialect === 'sqlite') {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rightscity-test-'));
		const file = path.join(dir, 'test.sqlite');
		migrated = options.migrate !== false && copySqliteTemplate(file);
		database = await openDatabase({ dialect: 'sqlite', path: file });
		removeStorage = async () => fs.rmSync(dir, { recursive: true, force: true });
	} else {
		if (!postgresUrl) throw new Error('TEST_DATABASE_URL is not set');
		const copy = options.migrate !== false ? await copyPostgresTemplate(postgresUrl) : null;
		if (copy) {
			migrated = true;
			schema = 'public';
			url = copy.url;
			database = await openDatabase({ dialect: 'postgres', url }, { searchPath: schema });
			removeStorage = copy.drop;
		} else {
			const name = `test_${randomBytes(6).toString('hex')}`;
			schema = name;
			url = postgresUrl;
			await adminQuery(postgresUrl, `create schema ${name}`);
			database = await openDatabase({ dialect: 'postgres', url: postgresUrl }, { searchPath: name });
			removeStorage = async () => void (await adminQuery(postgresUrl, `drop schema ${name} cascade`));
		}
	}
	if (options.migrate !== false && !migrated) await migrateToLatest(database.db, schema);
	if (options.seed) await seedDemo(database.db);
	return {
		...database,
		schema,
		url,
		cleanup: async () => {
			await database.close();
			await removeStorage();
		}
	};
}
