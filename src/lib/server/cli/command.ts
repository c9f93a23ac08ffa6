/**
 * What a CLI command is, for the modules that declare commands in their manifest: its options,
 * and helpers to open the configured database and find a city by its slug.
 */
import { loadConfig } from '../config/config.ts';
import { openDatabase, type Database, type Db } from '../db/database.ts';
import { getCity, type City } from '../cities/index.ts';
import { isDomainError } from '../errors.ts';
import { CliError } from './cli-error.ts';

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

/**
 * Opens the configured database for one command (migrated first when `migrate` is set) and
 * closes it afterwards.
 */
export async function withDatabase<T>(work: (database: Database) => Promise<T>, options: { migrate?: boolean } = {}): Promise<T> {
	const config = loadConfig();
	const database = await openDatabase(config.database);
	try {
		if (options.migrate) {
			// Loaded when needed: the migration list imports every module, and modules import this file.
			const { migrateToLatest } = await import('../db/migrate.ts');
			await migrateToLatest(database.db);
		}
		return await work(database);
	} finally {
		await database.close();
	}
}

/** The city with this slug, or a one-line error saying where slugs are found. */
export async function requireCity(db: Db, slug: string): Promise<City> {
	try {
		return await getCity(db, slug);
	} catch (error) {
		if (isDomainError(error, 'city_not_found')) throw new CliError(`no city with the slug "${slug}" (the slugs are in the addresses of the directory, /cities/<slug>)`);
		throw error;
	}
}
