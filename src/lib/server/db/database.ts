/**
 * Opens the database named by the configuration: embedded SQLite (WAL, one file) or PostgreSQL.
 * Start-up problems (corrupt or unwritable file, unreachable server) become one `DatabaseOpenError`
 * with a single readable line, so the CLI can print it and stop.
 *
 * @example
 *   const database = await openDatabase(config.database);
 *   await database.db.selectFrom('city').select('slug').execute();
 *   await database.close();
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { type Config, describeDatabase } from '../config/config.ts';
import type { TablesOf, UnionToIntersection } from '../module.ts';
import type { Modules } from '../modules.ts';

/** Every installed module's tables (their manifests' `tables`), as one Kysely database type. */
export type Tables = UnionToIntersection<TablesOf<Modules[number]>>;
export type Db = Kysely<Tables>;
export type Dialect = 'sqlite' | 'postgres';

export interface Database {
	readonly db: Db;
	readonly dialect: Dialect;
	readonly description: string;
	close(): Promise<void>;
}

export class DatabaseOpenError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'DatabaseOpenError';
	}
}

function reason(error: unknown): string {
	if (error instanceof AggregateError && error.errors.length > 0) return reason(error.errors[0]);
	if (error instanceof Error) {
		const code = (error as { code?: string }).code;
		return code && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
	}
	return String(error);
}

function openSqlite(file: string): Database {
	const description = describeDatabase({ dialect: 'sqlite', path: file });
	let connection: SQLite.Database;
	try {
		fs.mkdirSync(path.dirname(file), { recursive: true });
		connection = new SQLite(file);
	} catch (error) {
		throw new DatabaseOpenError(`Cannot open ${description}: ${reason(error)}`);
	}
	try {
		connection.pragma('busy_timeout = 5000');
		connection.pragma('journal_mode = WAL');
		// FULL: a commit is on disk before it is acknowledged, also across a power cut.
		connection.pragma('synchronous = FULL');
		connection.pragma('foreign_keys = ON');
		connection.prepare('select count(*) from sqlite_master').get();
		// Take and release the write lock, so a read-only file fails now rather than at the first write.
		connection.exec('begin immediate; rollback');
	} catch (error) {
		connection.close();
		const message = reason(error);
		const hint = /not a database|malformed/i.test(message)
			? 'the file is not a SQLite database or is corrupt'
			: /readonly|read-only|permission/i.test(message)
				? 'the file or its folder is not writable'
				: message;
		throw new DatabaseOpenError(`Cannot use ${description}: ${hint}`);
	}
	const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: connection }) });
	return {
		db,
		dialect: 'sqlite',
		description,
		close: () => db.destroy()
	};
}

async function openPostgres(url: string, searchPath?: string): Promise<Database> {
	const description = describeDatabase({ dialect: 'postgres', url });
	const pool = new pg.Pool({
		connectionString: url,
		max: 10,
		connectionTimeoutMillis: 5000,
		...(searchPath ? { options: `-c search_path=${searchPath}` } : {})
	});
	// An idle client that loses its server must not crash the process.
	pool.on('error', (error) => console.error(`PostgreSQL connection error: ${reason(error)}`));
	try {
		const client = await pool.connect();
		try {
			await client.query('select 1');
		} finally {
			client.release();
		}
	} catch (error) {
		await pool.end().catch(() => {});
		throw new DatabaseOpenError(`Cannot connect to ${description}: ${reason(error)}`);
	}
	const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
	return { db, dialect: 'postgres', description, close: () => db.destroy() };
}

export async function openDatabase(
	database: Config['database'],
	options: { searchPath?: string } = {}
): Promise<Database> {
	return database.dialect === 'sqlite' ? openSqlite(database.path) : openPostgres(database.url, options.searchPath);
}

/** True when the database answers a trivial query (for /healthz). */
export async function pingDatabase(db: Db): Promise<boolean> {
	try {
		await sql`select 1`.execute(db);
		return true;
	} catch {
		return false;
	}
}
