/**
 * Runs the migrations of every module (TypeScript, timestamped, portable between SQLite and
 * PostgreSQL), in the order of their names across modules — so a module's migration runs after
 * the older migrations of the modules it builds on.
 *
 * @example
 *   const applied = await migrateToLatest(db); // ['20261123T0900-frameworks', …]
 */
import { sql } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import type { Db } from './database.ts';
import type { ModuleManifest } from '../module.ts';
import { modules as installed } from '../modules.ts';

export class MigrationError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'MigrationError';
	}
}

/** Every module's migrations by name; two modules may not use one name. */
export function migrationsOf(modules: readonly Pick<ModuleManifest, 'name' | 'migrations'>[]): Record<string, Migration> {
	const all: Record<string, Migration> = {};
	const owner = new Map<string, string>();
	for (const module of modules) {
		for (const [name, migration] of Object.entries(module.migrations)) {
			if (owner.has(name)) throw new MigrationError(`Migration ${name} is declared by both ${owner.get(name)} and ${module.name}`);
			owner.set(name, module.name);
			all[name] = migration;
		}
	}
	return all;
}

/**
 * Migrations whose work an older migration already did, on databases made before a module was
 * split out: `[done by, recorded as]`. Recording them keeps the history in name order.
 */
const LEGACY: readonly [string, string][] = [['20261123T1100-commitments', '20261123T1050-ledger']];

async function adoptLegacyMigrations(db: Db, schema: string | undefined, known: Record<string, Migration>): Promise<void> {
	const table = schema ? sql.table(`${schema}.kysely_migration`) : sql.table('kysely_migration');
	let executed: Map<string, string>;
	try {
		executed = new Map((await sql<{ name: string; timestamp: string }>`select name, timestamp from ${table}`.execute(db)).rows.map((row) => [row.name, row.timestamp]));
	} catch {
		return; // a new database: no history yet
	}
	for (const [doneBy, recordedAs] of LEGACY) {
		if (!known[recordedAs] || !executed.has(doneBy) || executed.has(recordedAs)) continue;
		// The same time as the migration that did the work: Kysely orders the history by time, then name.
		await sql`insert into ${table} (name, timestamp) values (${recordedAs}, ${executed.get(doneBy)!})`.execute(db);
	}
}

function migratorFor(db: Db, modules: readonly Pick<ModuleManifest, 'name' | 'migrations'>[], schema?: string): { migrator: Migrator; all: Record<string, Migration> } {
	const all = migrationsOf(modules);
	const provider: MigrationProvider = { getMigrations: async () => all };
	return { migrator: new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) }), all };
}

/**
 * Applies every pending migration; returns the names applied now. `schema` (PostgreSQL) keeps
 * the migration bookkeeping in that schema: Kysely looks for its tables in every schema, so
 * databases sharing a server in separate schemas (tests) must say which is theirs.
 */
export async function migrateToLatest(db: Db, schema?: string, modules: readonly Pick<ModuleManifest, 'name' | 'migrations'>[] = installed): Promise<string[]> {
	const { migrator, all } = migratorFor(db, modules, schema);
	await adoptLegacyMigrations(db, schema, all);
	const { error, results } = await migrator.migrateToLatest();
	const failed = results?.find((result) => result.status === 'Error');
	if (error) {
		const message = error instanceof Error ? error.message : String(error);
		throw new MigrationError(`Migration ${failed?.migrationName ?? ''} failed: ${message}`.replace('  ', ' '));
	}
	return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}

export async function pendingMigrations(db: Db, modules: readonly Pick<ModuleManifest, 'name' | 'migrations'>[] = installed): Promise<string[]> {
	const { migrator } = migratorFor(db, modules);
	const all = await migrator.getMigrations();
	return all.filter((migration) => !migration.executedAt).map((migration) => migration.name);
}
