/**
 * SQLite for a busy web server: reads never wait for writes, writes never stall the event loop
 * for long, and small writes share their disk flush.
 *
 * - **Readers.** Statements outside a transaction that only read (better-sqlite3 knows:
 *   `statement.readonly`) run on reader connections. In WAL mode a reader sees the last commit
 *   and never waits for the writer, so pages keep flowing while an import merges.
 * - **One writer, group commit.** Transactions and writes outside a transaction go to the one
 *   writer connection through `GroupWriter` (group-commit.ts): each in its own savepoint of a
 *   shared `BEGIN IMMEDIATE` transaction, acknowledged after the group's COMMIT (`synchronous=FULL`).
 * - **The write lock up front, waited for without blocking.** `busy_timeout` would sleep inside
 *   SQLite, freezing the whole process; the writer uses 0 and retries `BEGIN IMMEDIATE` on a
 *   timer instead, up to the bounded wait, then fails with `DatabaseBusyError` (→ 503).
 * - **Breathing.** Before each statement `breather()` lets other work run once the current turn of
 *   the event loop is 20 ms old (event-loop.ts). A transaction holding the write lock pauses only
 *   after 20 ms of its own work (`member.breather`), so short ones never keep the lock while the
 *   rest of a busy turn runs.
 * - **Checkpoints off the main thread.** Automatic checkpoints would copy the WAL into the
 *   database (and flush it) in whichever request committed; a small worker thread with its own
 *   connection does it instead.
 * - **Prepared statements are kept** (a bounded cache per connection): preparing costs more than
 *   running most of our statements.
 *
 * `openSqliteSolo` gives one connection for everything: an import's own connection (its staging
 * tables are temporary tables of that connection), whose short transactions compete for the
 * write lock like another process would.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import {
	CompiledQuery,
	SqliteAdapter,
	SqliteIntrospector,
	SqliteQueryCompiler,
	type DatabaseConnection,
	type Dialect,
	type Driver,
	type Kysely,
	type QueryResult
} from 'kysely';
import { DatabaseBusyError } from './busy.ts';
import { breather, sleep } from './event-loop.ts';
import { GroupWriter, type GroupMember } from './group-commit.ts';
import { GroupDriver, SavepointDriver, type GroupConnection } from './driver-base.ts';

export interface SqliteOptions {
	/** How long a write waits for the write lock before `DatabaseBusyError` (ms). */
	writeWaitMs?: number;
}

export const DEFAULT_WRITE_WAIT_MS = 8000;
const STATEMENT_CACHE = 400;
const MAX_READERS = 8;
/** A group holds the write lock at most this long before it commits. */
const MAX_GROUP_MS = 40;
const MAX_GROUP_MEMBERS = 500;
/** Checkpoint once the WAL is this large; the file is cut back to this size after a reset. */
const CHECKPOINT_BYTES = 8 << 20;
const CHECKPOINT_EVERY_MS = 200;

type Statement = SQLite.Statement<unknown[], unknown>;

/** Applies the settings every connection shares; `busyMs` is how long SQLite itself may wait (and block). */
export function configureConnection(connection: SQLite.Database, busyMs: number): void {
	connection.pragma(`busy_timeout = ${busyMs}`);
	connection.pragma('journal_mode = WAL');
	// FULL: a commit is on disk before it is acknowledged, also across a power cut.
	connection.pragma('synchronous = FULL');
	connection.pragma('foreign_keys = ON');
	// Checkpoints are the checkpointer thread's work (see below), not a committing request's.
	connection.pragma('wal_autocheckpoint = 0');
	connection.pragma(`journal_size_limit = ${CHECKPOINT_BYTES}`);
}

/** Prepared statements of one connection, least recently used first out. */
class Statements {
	readonly #connection: SQLite.Database;
	readonly #cache = new Map<string, Statement>();

	constructor(connection: SQLite.Database) {
		this.#connection = connection;
	}

	get(sql: string): Statement {
		let statement = this.#cache.get(sql);
		if (statement) {
			this.#cache.delete(sql);
		} else {
			statement = this.#connection.prepare(sql);
			if (this.#cache.size >= STATEMENT_CACHE) this.#cache.delete(this.#cache.keys().next().value!);
		}
		this.#cache.set(sql, statement);
		return statement;
	}
}

function run(statement: Statement, parameters: readonly unknown[]): QueryResult<unknown> {
	// An array binds the anonymous parameters in order (as Kysely's own driver passes them).
	if (statement.reader) return { rows: statement.all(parameters as unknown[]) };
	const { changes, lastInsertRowid } = statement.run(parameters as unknown[]);
	return { insertId: lastInsertRowid != null ? BigInt(lastInsertRowid) : undefined, numAffectedRows: changes != null ? BigInt(changes) : undefined, rows: [] };
}

function isBusy(error: unknown): boolean {
	const code = (error as { code?: string } | null)?.code;
	return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT' || code === 'SQLITE_LOCKED';
}

/**
 * `BEGIN IMMEDIATE`, retried on a timer while another connection (or process) holds the write
 * lock, until `deadline`: the waiting never blocks the event loop.
 */
export async function beginImmediate(connection: SQLite.Database, deadline: number): Promise<void> {
	let pause = 1;
	for (;;) {
		try {
			connection.exec('begin immediate');
			return;
		} catch (error) {
			if (!isBusy(error)) throw error;
			if (performance.now() >= deadline) throw new DatabaseBusyError();
			await sleep(Math.min(pause, Math.max(0, deadline - performance.now())));
			pause = Math.min(pause * 2, 16);
		}
	}
}

async function* iterate(statement: Statement, parameters: readonly unknown[], chunkSize: number): AsyncGenerator<QueryResult<unknown>> {
	let rows: unknown[] = [];
	for (const row of statement.iterate(parameters as unknown[])) {
		rows.push(row);
		if (rows.length >= chunkSize) {
			yield { rows };
			rows = [];
		}
	}
	if (rows.length) yield { rows };
}

const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 0');
db.pragma('synchronous = FULL');
db.pragma('wal_autocheckpoint = 0');
function check() {
	let size = 0;
	try { size = fs.statSync(workerData.file + '-wal').size; } catch { return; }
	if (size < workerData.bytes) return;
	try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
}
const timer = setInterval(check, workerData.every);
parentPort.on('message', (message) => {
	if (message === 'close') { clearInterval(timer); try { db.close(); } catch {} parentPort.close(); }
});
`;

interface Reader {
	connection: SQLite.Database;
	statements: Statements;
	/** A stream (statement.iterate) is open on it: the connection can run nothing else. */
	iterating: boolean;
}

/** The connections of one SQLite file in this process. */
class SqlitePool {
	readonly file: string;
	readonly writer: SQLite.Database;
	readonly #writerStatements: Statements;
	readonly #readers: Reader[] = [];
	/** SQL that must run on the writer: it writes, or names a temporary table of the writer. */
	readonly #writes = new Map<string, true>();
	readonly group: GroupWriter;
	readonly #dataVersion: Statement;
	readonly #checkpointer: Worker | undefined;
	#commits = 0;

	constructor(file: string, writer: SQLite.Database, options: SqliteOptions) {
		this.file = file;
		this.writer = writer;
		this.#writerStatements = new Statements(writer);
		const first = this.#openReader();
		this.#dataVersion = first.connection.prepare('pragma data_version').pluck() as Statement;
		const writeWaitMs = options.writeWaitMs ?? DEFAULT_WRITE_WAIT_MS;
		this.group = new GroupWriter(
			{
				begin: (deadline) => beginImmediate(writer, deadline),
				run: async (statement) => void writer.exec(statement),
				commit: async () => void writer.exec('commit'),
				rollback: async () => {
					if (writer.inTransaction) writer.exec('rollback');
				},
				inTransaction: () => writer.inTransaction
			},
			{ waitMs: writeWaitMs, maxGroupMs: MAX_GROUP_MS, maxMembers: MAX_GROUP_MEMBERS, onCommit: () => void (this.#commits += 1) }
		);
		if (file !== ':memory:') {
			this.#checkpointer = new Worker(CHECKPOINTER, {
				eval: true,
				workerData: { file, driver: createRequire(import.meta.url).resolve('better-sqlite3'), bytes: CHECKPOINT_BYTES, every: CHECKPOINT_EVERY_MS }
			});
			this.#checkpointer.unref();
			this.#checkpointer.on('error', (error) => console.error(`SQLite checkpointer: ${error.message}`));
		}
	}

	#openReader(): Reader {
		const connection = new SQLite(this.file);
		configureConnection(connection, 200);
		connection.pragma('query_only = 1');
		const reader = { connection, statements: new Statements(connection), iterating: false };
		this.#readers.push(reader);
		return reader;
	}

	/** A reader free to run a statement now (the first one never streams, so it always is). */
	#idleReader(forStream: boolean): Reader {
		if (!forStream) return this.#readers[0]!;
		const idle = this.#readers.find((reader, index) => index > 0 && !reader.iterating);
		if (idle) return idle;
		if (this.#readers.length >= MAX_READERS) throw new DatabaseBusyError('Too many database reads are streaming at once; try again in a moment.');
		return this.#openReader();
	}

	/** The statement prepared on a reader when it only reads; undefined when it must go to the writer. */
	readStatement(sql: string, forStream = false): { statement: Statement; reader: Reader } | undefined {
		if (this.#writes.has(sql)) return undefined;
		const reader = this.#idleReader(forStream);
		let statement: Statement;
		try {
			statement = forStream ? reader.connection.prepare(sql) : reader.statements.get(sql);
		} catch {
			// e.g. a temporary table that only the writer has: let the writer run (and report) it.
			this.#rememberWrite(sql);
			return undefined;
		}
		if (!statement.readonly) {
			this.#rememberWrite(sql);
			return undefined;
		}
		return { statement, reader };
	}

	#rememberWrite(sql: string): void {
		if (this.#writes.size >= STATEMENT_CACHE * 4) this.#writes.delete(this.#writes.keys().next().value!);
		this.#writes.set(sql, true);
	}

	onWriter(query: CompiledQuery): QueryResult<unknown> {
		return run(this.#writerStatements.get(query.sql), query.parameters);
	}

	/** A number that changes after every commit of any connection to the file (this process's or another's). */
	changeMark(): number {
		return (this.#dataVersion.get() as number) * 1e6 + (this.#commits % 1e6);
	}

	async close(): Promise<void> {
		await this.group.close();
		if (this.#checkpointer) {
			this.#checkpointer.postMessage('close');
			await Promise.race([new Promise((resolve) => this.#checkpointer!.once('exit', resolve)), sleep(2000)]);
			await this.#checkpointer.terminate().catch(() => {});
		}
		for (const reader of this.#readers) reader.connection.close();
		// A last full checkpoint leaves the data in the main file, as SQLite does when the last connection closes.
		try {
			this.writer.pragma('wal_checkpoint(TRUNCATE)');
		} catch {
			// another process still uses the file: it will checkpoint
		}
		this.writer.close();
	}
}

/** A connection as Kysely sees it: a transaction's savepoint on the writer, or reads and single writes. */
class PooledConnection implements GroupConnection {
	readonly #pool: SqlitePool;
	member: GroupMember | null = null;

	constructor(pool: SqlitePool) {
		this.#pool = pool;
	}

	async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
		if (this.member) {
			// Holding the write lock: pause for this transaction's own slice only.
			const pause = this.member.breather();
			if (pause) await pause;
			return this.#pool.onWriter(query) as QueryResult<R>;
		}
		const pause = breather();
		if (pause) await pause;
		const read = this.#pool.readStatement(query.sql);
		if (read) return run(read.statement, query.parameters) as QueryResult<R>;
		// A write outside a transaction: a transaction of its own, committed with its group.
		const member = await this.#pool.group.enter();
		try {
			const result = this.#pool.onWriter(query);
			await member.commit();
			return result as QueryResult<R>;
		} catch (error) {
			await member.rollback();
			throw error;
		}
	}

	async *streamQuery<R>(query: CompiledQuery, chunkSize: number): AsyncIterableIterator<QueryResult<R>> {
		if (this.member) {
			yield* iterate(this.#pool.writer.prepare(query.sql), query.parameters, chunkSize) as AsyncIterableIterator<QueryResult<R>>;
			return;
		}
		const read = this.#pool.readStatement(query.sql, true);
		if (!read) throw new Error('SQLite streams only reads outside a transaction');
		read.reader.iterating = true;
		try {
			yield* iterate(read.statement, query.parameters, chunkSize) as AsyncIterableIterator<QueryResult<R>>;
		} finally {
			read.reader.iterating = false;
		}
	}
}

class PooledDriver extends GroupDriver {
	readonly #pool: SqlitePool;

	protected readonly group: GroupWriter;

	constructor(pool: SqlitePool) {
		super();
		this.#pool = pool;
		this.group = pool.group;
	}

	async acquireConnection(): Promise<DatabaseConnection> {
		return new PooledConnection(this.#pool);
	}

	async destroy(): Promise<void> {
		await this.#pool.close();
	}
}

/** Kysely runs several connections at once on this adapter: the pool keeps them apart. */
export class PooledSqliteAdapter extends SqliteAdapter {
	override get supportsMultipleConnections(): boolean {
		return true;
	}
}

function dialectWith(adapter: SqliteAdapter, driver: Driver): Dialect {
	return {
		createAdapter: () => adapter,
		createDriver: () => driver,
		createQueryCompiler: () => new SqliteQueryCompiler(),
		createIntrospector: (db: Kysely<any>) => new SqliteIntrospector(db)
	};
}

export interface SqliteHandle {
	dialect: Dialect;
	adapter: SqliteAdapter;
	/** Changes after any commit to the file (see `SqlitePool.changeMark`). */
	changeMark(): number;
}

/** The pooled dialect over an open, configured writer connection. */
export function pooledSqlite(file: string, writer: SQLite.Database, options: SqliteOptions = {}): SqliteHandle {
	const pool = new SqlitePool(file, writer, options);
	const adapter = new PooledSqliteAdapter();
	return { dialect: dialectWith(adapter, new PooledDriver(pool)), adapter, changeMark: () => pool.changeMark() };
}

/** One connection for everything (see the module comment); Kysely's adapter serialises its users. */
class SoloConnection implements DatabaseConnection {
	readonly connection: SQLite.Database;
	readonly #statements: Statements;

	constructor(connection: SQLite.Database) {
		this.connection = connection;
		this.#statements = new Statements(connection);
	}

	async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
		const pause = breather();
		if (pause) await pause;
		return run(this.#statements.get(query.sql), query.parameters) as QueryResult<R>;
	}

	async *streamQuery<R>(query: CompiledQuery, chunkSize: number): AsyncIterableIterator<QueryResult<R>> {
		yield* iterate(this.connection.prepare(query.sql), query.parameters, chunkSize) as AsyncIterableIterator<QueryResult<R>>;
	}
}

class SoloDriver extends SavepointDriver {
	readonly #solo: SoloConnection;
	readonly #writeWaitMs: number;

	constructor(connection: SQLite.Database, writeWaitMs: number) {
		super();
		this.#solo = new SoloConnection(connection);
		this.#writeWaitMs = writeWaitMs;
	}
	async acquireConnection(): Promise<DatabaseConnection> {
		return this.#solo;
	}
	async beginTransaction(): Promise<void> {
		await beginImmediate(this.#solo.connection, performance.now() + this.#writeWaitMs);
	}
	async commitTransaction(): Promise<void> {
		this.#solo.connection.exec('commit');
	}
	async rollbackTransaction(): Promise<void> {
		if (this.#solo.connection.inTransaction) this.#solo.connection.exec('rollback');
	}
	async destroy(): Promise<void> {
		this.#solo.connection.close();
	}
}

/**
 * A connection of its own to the file (an import's): plain SQLite transactions that take the
 * write lock up front and wait for it on a timer.
 */
export function soloSqlite(file: string, options: SqliteOptions = {}): SqliteHandle {
	const connection = new SQLite(file);
	configureConnection(connection, 0);
	const adapter = new SqliteAdapter();
	return { dialect: dialectWith(adapter, new SoloDriver(connection, options.writeWaitMs ?? DEFAULT_WRITE_WAIT_MS)), adapter, changeMark: () => 0 };
}
