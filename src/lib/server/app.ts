/**
 * The running app's shared pieces: configuration, the open database, the evidence file store
 * and the modules' scheduled jobs. Created once by the server's `init` hook; routes reach them
 * through `locals` (see hooks.server.ts and http/app-context.ts). `stopApp` ends the jobs, then
 * closes the database.
 */
import path from 'node:path';
import { loadConfig, type Config } from './config/config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { localFileStore, type FileStore } from './files/file-store.ts';
import { startJobs, type JobOptions, type Jobs } from './jobs.ts';
import { jobsOf } from './module.ts';
import { modules } from './modules.ts';

export interface App {
	readonly config: Config;
	readonly database: Database;
	/** Evidence files (`<DATA_DIR>/files`), outside the database. */
	readonly files: FileStore;
	/** The modules' scheduled jobs (e.g. deleting expired sessions). */
	readonly jobs: Jobs;
}

let app: Promise<App> | undefined;

/** Opens the database and applies pending migrations; the same promise for every caller. */
export function startApp(env: Record<string, string | undefined> = process.env, options: { jobs?: JobOptions } = {}): Promise<App> {
	app ??= (async () => {
		const config = loadConfig(env);
		const database = await openDatabase(config.database);
		await migrateToLatest(database.db);
		const files = localFileStore(path.join(config.dataDir, 'files'));
		return { config, database, files, jobs: startJobs(database.db, jobsOf(modules), options.jobs) };
	})();
	return app;
}

export async function stopApp(): Promise<void> {
	const current = app;
	app = undefined;
	if (!current) return;
	const { jobs, database } = await current;
	await jobs.stop();
	await database.close();
}
