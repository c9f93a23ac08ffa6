/**
 * The running app's shared pieces: configuration, the open database, the evidence file store
 * and the housekeeping job. Created once by the server's `init` hook; routes reach them through
 * `locals` (see hooks.server.ts and http/app-context.ts). `stopApp` ends the job, then closes
 * the database.
 */
import path from 'node:path';
import { loadConfig, type Config } from './config/config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { localFileStore, type FileStore } from './commitments/file-store.ts';
import { startHousekeeping, type Housekeeping, type HousekeepingOptions } from './housekeeping.ts';

export interface App {
	readonly config: Config;
	readonly database: Database;
	/** Evidence files (`<DATA_DIR>/files`), outside the database. */
	readonly files: FileStore;
	/** Deletes expired sessions, links and rate-limit counters every few minutes. */
	readonly housekeeping: Housekeeping;
}

let app: Promise<App> | undefined;

/** Opens the database and applies pending migrations; the same promise for every caller. */
export function startApp(env: Record<string, string | undefined> = process.env, options: { housekeeping?: HousekeepingOptions } = {}): Promise<App> {
	app ??= (async () => {
		const config = loadConfig(env);
		const database = await openDatabase(config.database);
		await migrateToLatest(database.db);
		const files = localFileStore(path.join(config.dataDir, 'files'));
		return { config, database, files, housekeeping: startHousekeeping(database.db, options.housekeeping) };
	})();
	return app;
}

export async function stopApp(): Promise<void> {
	const current = app;
	app = undefined;
	if (!current) return;
	const { housekeeping, database } = await current;
	await housekeeping.stop();
	await database.close();
}
