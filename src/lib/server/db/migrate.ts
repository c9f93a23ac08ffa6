/**
 * Runs the migrations (TypeScript, timestamped, portable between SQLite and PostgreSQL).
 *
 * @example
 *   const applied = await migrateToLatest(db); // ['20261123T0900-frameworks', …]
 */
import { Migrator, type MigrationProvider } from 'kysely/migration';
import type { Db } from './database.ts';
import { migrations } from './migrations/index.ts';

const provider: MigrationProvider = { getMigrations: async () => migrations };

export class MigrationError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'MigrationError';
	}
}

/**
 * Applies every pending migration; returns the names applied now. `schema` (PostgreSQL) keeps
 * the migration bookkeeping in that schema: Kysely looks for its tables in every schema, so
 * databases sharing a server in separate schemas (tests) must say which is theirs.
 */
export async function migrateToLatest(db: Db, schema?: string): Promise<string[]> {
	const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
	const { error, results } = await migrator.migrateToLatest();
	const failed = results?.find((result) => result.status === 'Error');
	if (error) {
		const message = error instanceof Error ? error.message : String(error);
		throw new MigrationError(`Migration ${failed?.migrationName ?? ''} failed: ${message}`.replace('  ', ' '));
	}
	return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}

export async function pendingMigrations(db: Db): Promise<string[]> {
	const migrator = new Migrator({ db, provider });
	const all = await migrator.getMigrations();
	return all.filter((migration) => !migration.executedAt).map((migration) => migration.name);
}
