/** What a CLI command is, and the helper that opens the configured database for one. */
import { loadConfig } from '../lib/server/config/config.ts';
import { openDatabase } from '../lib/server/db/database.ts';

export interface CommandOption {
	name: string;
	type: 'string' | 'boolean';
	description: string;
	placeholder?: string;
}

export interface Command {
	name: string;
	summary: string;
	details?: string;
	positional?: string;
	options: CommandOption[];
	run(options: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number>;
}

export async function withDatabase<T>(work: (database: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
	const config = loadConfig();
	const database = await openDatabase(config.database);
	try {
		return await work(database);
	} finally {
		await database.close();
	}
}
