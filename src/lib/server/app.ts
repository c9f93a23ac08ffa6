/**
 * The running app's shared pieces: configuration, the open database and the evidence file store.
 * Created once by the server's `init` hook; routes reach them through `locals` (see
 * hooks.server.ts and http/app-context.ts).
 */
import path from 'node:path';
import { loadConfig, type Config } from './config/config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { localFileStore, type FileStore } from './commitments/file-store.ts';

export interface App {
	readonly config: Config;
	readonly database: Database;
	/** Evidence files (`<DATA_DIR>/files`), outside the database. */
	readonly files: FileStore;
}

let app: Promise<App> | undefined;

/** Opens the database and applies pending migrations; the same promise for every caller. */
export function startApp(env: Record<string, string | undefined> = process.env): Promise<App> {
	app ??= (async () => {
		const config = loadConfig(env);
		const database = await openDatabase(config.database);
		await migrateToLatest(database.db);
		return { config, database, files: localFileStore(path.join(config.dataDir, 'files')) };
	})();
	return app;
}

export async function stopApp(): Promise<void> {
	const current = app;
	app = undefined;
	if (current) await (await current).database.close();
}
