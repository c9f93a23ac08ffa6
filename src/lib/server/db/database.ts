/**
 * Opens the database named by the configuration: embedded SQLite (WAL, one file) or PostgreSQL.
 * Start-up problems (corrupt or unwritable file, unreachable server) become one `DatabaseOpenError`
 * with a single readable line, so the CLI can print it and stop.
 *
 * The drivers (sqlite-driver.ts, postgres-driver.ts) give both databases the same write path:
 * reads never wait for writes; transactions take the write lock up front, wait for it a bounded
 * time (then `DatabaseBusyError`), and commit in groups. `changeMarkOf(db)` tells the page cache
 * when anything may have changed; `openSoloConnection(db)` gives long work its own connection.
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
import { Kysely, sql } from 'kysely';
import { type Config, describeDatabase } from '../config/config.ts';
import { configureConnection, pooledSqlite, soloSqlite, type SqliteOptions } from './sqlite-driver.ts';
import { pooledPostgres, soloPostgres } from './postgres-driver.ts';
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

export interface OpenOptions {
	/** PostgreSQL: the schema to work in (tests). */
	searchPath?: string;
	/** How long a write waits for the write lock before DatabaseBusyError (ms; default 8 s). */
	writeWaitMs?: number;
}

/** What the helpers below need to know of an open database, found from any of its Kysely instances. */
interface Handle {
	changeMark(): number;
	solo(): Promise<{ db: Db; close(): Promise<void> }>;
}

// Keyed by the dialect adapter: a database's transactions and plugins share it.
const handles = new WeakMap<object, Handle>();

function handleOf(db: Db): Handle {
	const handle = handles.get(db.getExecutor().adapter);
	if (!handle) throw new Error('this Kysely instance was not opened by openDatabase');
	return handle;
}

/**
 * A number that changes whenever the database may have changed: after every commit of this
 * process, and after commits of other processes (SQLite: `PRAGMA data_version`; PostgreSQL:
 * `NOTIFY`). Cheap enough to call on every request.
 */
export function changeMarkOf(db: Db): number {
	return handleOf(db).changeMark();
}

/**
 * A connection of the database's own for long work spanning many short transactions (an
 * import: its temporary staging tables live on that connection). Its transactions take the
 * write lock like those of another process would. Close it when done.
 */
export function openSoloConnection(db: Db): Promise<{ db: Db; close(): Promise<void> }> {
	return handleOf(db).solo();
}

function openSqlite(file: string, options: SqliteOptions = {}): Database {
	const description = describeDatabase({ dialect: 'sqlite', path: file });
	let connection: SQLite.Database;
	try {
		fs.mkdirSync(path.dirname(file), { recursive: true });
		connection = new SQLite(file);
	} catch (error) {
		throw new DatabaseOpenError(`Cannot open ${description}: ${reason(error)}`);
	}
	try {
		// The writer never lets SQLite wait (and block the process) for the lock: see sqlite-driver.ts.
		// Opening does, briefly, so that a file in use by another process can still be opened.
		configureConnection(connection, 5000);
		connection.prepare('select count(*) from sqlite_master').get();
		// Take and release the write lock, so a read-only file fails now rather than at the first write.
		connection.exec('begin immediate; rollback');
		connection.pragma('busy_timeout = 0');
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
	let pooled: ReturnType<typeof pooledSqlite>;
	try {
		pooled = pooledSqlite(file, connection, options);
	} catch (error) {
		connection.close();
		throw new DatabaseOpenError(`Cannot use ${description}: ${reason(error)}`);
	}
	const db = new Kysely<Tables>({ dialect: pooled.dialect });
	handles.set(pooled.adapter, {
		changeMark: pooled.changeMark,
		solo: async () => {
			const solo = soloSqlite(file, options);
			const soloDb = new Kysely<Tables>({ dialect: solo.dialect });
			handles.set(solo.adapter, { changeMark: pooled.changeMark, solo: async () => ({ db: soloDb, close: async () => {} }) });
			return { db: soloDb, close: () => soloDb.destroy() };
		}
	});
	return {
		db,
		dialect: 'sqlite',
		description,
		close: () => db.destroy()
	};
}

async function openPostgres(url: string, options: OpenOptions = {}): Promise<Database> {
	const description = describeDatabase({ dialect: 'postgres', url });
	const writeWaitMs = options.writeWaitMs ?? 8000;
	// A write waiting for a row lock (another process's transaction on the same city's ledger) gives up too.
	const settings = [...(options.searchPath ? [`-c search_path=${options.searchPath}`] : []), `-c lock_timeout=${writeWaitMs}`].join(' ');
	const pool = new pg.Pool({
		connectionString: url,
		max: 10,
		connectionTimeoutMillis: 5000,
		options: settings
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
	const pooled = pooledPostgres(pool, { connectionString: url }, { writeWaitMs });
	const db = new Kysely<Tables>({ dialect: pooled.dialect });
	handles.set(pooled.adapter, {
		changeMark: pooled.changeMark,
		solo: async () => {
			const solo = await soloPostgres(pool);
			const soloDb = new Kysely<Tables>({ dialect: solo.dialect });
			handles.set(solo.adapter, { changeMark: pooled.changeMark, solo: async () => ({ db: soloDb, close: async () => {} }) });
			return { db: soloDb, close: () => soloDb.destroy() };
		}
	});
	return { db, dialect: 'postgres', description, close: () => db.destroy() };
}

export async function openDatabase(database: Config['database'], options: OpenOptions = {}): Promise<Database> {
	return database.dialect === 'sqlite' ? openSqlite(database.path, options) : openPostgres(database.url, options);
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
