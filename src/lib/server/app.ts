/**
 * The running app's shared pieces: configuration and the open database. Created once by the
 * server's `init` hook; routes reach them through `locals` (see hooks.server.ts).
 */
import { loadConfig, type Config } from './config/config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';

export interface App {
	readonly config: Config;
	readonly database: Database;
}

let app: Promise<App> | undefined;

/** Opens the database and applies pending migrations; the same promise for every caller. */
export function startApp(env: Record<string, string | undefined> = process.env): Promise<App> {
	app ??= (async () => {
		const config = loadConfig(env);
		const database = await openDatabase(config.database);
		await migrateToLatest(database.db);
		return { config, database };
	})();
	return app;
}

export async function stopApp(): Promise<void> {
	const current = app;
	app = undefined;
	if (current) await (await current).database.close();
}
