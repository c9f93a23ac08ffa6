/**
 * PostgreSQL with the same write path as SQLite (see sqlite-driver.ts):
 *
 * - **Group commit.** This process's transactions run one at a time on one pooled client, each in
 *   a savepoint of a shared transaction, and commit together (`GroupWriter`). A city's ledger
 *   chain is serialised by its head row, so without grouping every write to one city would wait
 *   for the commit (and disk flush) of the one before it.
 * - **Bounded waits.** Waiting for the turn, for a pooled client, or for a row lock
 *   (`lock_timeout`) ends in `DatabaseBusyError` (→ 503), never a 500.
 * - **Change notices.** A group or a solo connection that wrote sends `NOTIFY rightscity_changes`
 *   in its transaction, delivered at commit to every app process on the database; each keeps a
 *   listening connection and counts the notices (`changeMark`), which the page cache compares.
 *
 * Reads outside a transaction take any pooled client, so they never wait for the writer.
 */
import pg from 'pg';
import { CompiledQuery, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql, type DatabaseConnection, type DatabaseMetadataOptions, type Dialect, type Driver, type Kysely, type QueryResult, type TableMetadata } from 'kysely';
import { DatabaseBusyError } from './busy.ts';
import { sleep } from './event-loop.ts';
import { GroupWriter, type GroupMember } from './group-commit.ts';
import { GroupDriver, SavepointDriver, type GroupConnection } from './driver-base.ts';
import { DEFAULT_WRITE_WAIT_MS } from './sqlite-driver.ts';

export const CHANGES_CHANNEL = 'rightscity_changes';
const NOTIFY_IF_WRITTEN = `select pg_notify('${CHANGES_CHANNEL}', '') where txid_current_if_assigned() is not null`;
/** A statement that cannot change anything (anything else counts as a change once it ran outside a transaction). */
const READ_ONLY = /^\s*(select|show|explain)\b/i;
const MAX_GROUP_MS = 40;
const MAX_GROUP_MEMBERS = 500;

/** A pg error that means "waited too long" becomes a DatabaseBusyError. */
function busyOr(error: unknown): unknown {
	const code = (error as { code?: string } | null)?.code;
	const message = error instanceof Error ? error.message : '';
	if (code === '55P03' || code === '40P01' || /timeout exceeded when trying to connect/i.test(message)) return new DatabaseBusyError(undefined, 2);
	return error;
}

async function query<R>(client: pg.PoolClient | pg.Client, compiled: CompiledQuery): Promise<QueryResult<R>> {
	let result: pg.QueryResult;
	try {
		result = await client.query(compiled.sql, compiled.parameters as unknown[]);
	} catch (error) {
		throw busyOr(error);
	}
	const { command, rowCount, rows } = result;
	return {
		numAffectedRows: command === 'INSERT' || command === 'UPDATE' || command === 'DELETE' || command === 'MERGE' ? BigInt(rowCount ?? 0) : undefined,
		rows: (rows ?? []) as R[]
	};
}

async function connect(pool: pg.Pool): Promise<pg.PoolClient> {
	try {
		return await pool.connect();
	} catch (error) {
		throw busyOr(error);
	}
}

/** A pooled client, or DatabaseBusyError once `deadline` (performance.now()) has passed. */
async function connectBy(pool: pg.Pool, deadline: number): Promise<pg.PoolClient> {
	const pending = connect(pool);
	let timer: ReturnType<typeof setTimeout> | undefined;
	const late = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new DatabaseBusyError()), Math.max(0, deadline - performance.now()));
	});
	try {
		return await Promise.race([pending, late]);
	} catch (error) {
		// A client that arrives after the deadline goes straight back.
		pending.then((client) => client.release(), () => {});
		throw error;
	} finally {
		clearTimeout(timer);
	}
}

/** Counts change notices on its own connection; reconnects when it is lost. */
class ChangeListener {
	readonly #config: pg.ClientConfig;
	#client: pg.Client | undefined;
	#notices = 0;
	#listening = false;
	#closed = false;

	constructor(config: pg.ClientConfig) {
		this.#config = config;
		void this.#connect();
	}

	async #connect(): Promise<void> {
		while (!this.#closed) {
			const client = new pg.Client(this.#config);
			try {
				client.on('notification', () => void (this.#notices += 1));
				client.on('error', () => this.#lost(client));
				client.on('end', () => this.#lost(client));
				await client.connect();
				await client.query(`listen ${CHANGES_CHANNEL}`);
				if (this.#closed) {
					await client.end().catch(() => {});
					return;
				}
				this.#client = client;
				this.#listening = true;
				// Whatever happened while nobody listened counts as a change.
				this.#notices += 1;
				return;
			} catch {
				await client.end().catch(() => {});
				await sleep(1000);
			}
		}
	}

	#lost(client: pg.Client): void {
		if (this.#client !== client) return;
		this.#client = undefined;
		this.#listening = false;
		if (!this.#closed) setTimeout(() => void this.#connect(), 200).unref();
	}

	/** Changes with every notice; while not listening, with every call (nothing can be trusted). */
	mark(): number {
		return this.#listening ? this.#notices : (this.#notices += 1);
	}

	async close(): Promise<void> {
		this.#closed = true;
		const client = this.#client;
		this.#client = undefined;
		await client?.end().catch(() => {});
	}
}

class PostgresPool {
	readonly pool: pg.Pool;
	readonly group: GroupWriter;
	readonly listener: ChangeListener;
	#client: pg.PoolClient | undefined;
	#commits = 0;

	constructor(pool: pg.Pool, listenConfig: pg.ClientConfig, writeWaitMs: number) {
		this.pool = pool;
		this.listener = new ChangeListener(listenConfig);
		this.group = new GroupWriter(
			{
				begin: async (deadline) => {
					const client = await connectBy(pool, deadline);
					try {
						await client.query('begin');
					} catch (error) {
						client.release(true);
						throw busyOr(error);
					}
					this.#client = client;
				},
				run: async (statement) => {
					await this.#writer().query(statement).catch((error: unknown) => {
						throw busyOr(error);
					});
				},
				commit: async () => {
					const client = this.#writer();
					await client.query(NOTIFY_IF_WRITTEN);
					const result = await client.query('commit');
					this.#client = undefined;
					client.release();
					// COMMIT of an aborted transaction answers ROLLBACK.
					if (result.command === 'ROLLBACK') throw new Error('the transaction was rolled back by the database');
				},
				rollback: async () => {
					const client = this.#client;
					this.#client = undefined;
					if (!client) return;
					try {
						await client.query('rollback');
						client.release();
					} catch {
						client.release(true);
					}
				},
				inTransaction: () => this.#client !== undefined
			},
			{ waitMs: writeWaitMs, maxGroupMs: MAX_GROUP_MS, maxMembers: MAX_GROUP_MEMBERS, onCommit: () => void (this.#commits += 1) }
		);
	}

	#writer(): pg.PoolClient {
		if (!this.#client) throw new Error('no group transaction is open');
		return this.#client;
	}

	onWriter<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
		return query<R>(this.#writer(), compiled);
	}

	/** A write committed outside the group (a statement of its own). */
	wrote(): void {
		this.#commits += 1;
	}

	changeMark(): number {
		return this.listener.mark() * 1e6 + (this.#commits % 1e6);
	}

	async close(): Promise<void> {
		await this.group.close();
		await this.listener.close();
		await this.pool.end();
	}
}

class PooledConnection implements GroupConnection {
	readonly #pool: PostgresPool;
	member: GroupMember | null = null;

	constructor(pool: PostgresPool) {
		this.#pool = pool;
	}

	async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
		if (this.member) return this.#pool.onWriter<R>(compiled);
		const client = await connect(this.#pool.pool);
		try {
			const result = await query<R>(client, compiled);
			// A write outside a transaction committed on its own: tell this process and the others.
			if (!READ_ONLY.test(compiled.sql)) {
				this.#pool.wrote();
				await client.query(`select pg_notify('${CHANGES_CHANNEL}', '')`);
			}
			return result;
		} finally {
			client.release();
		}
	}

	// eslint-disable-next-line require-yield
	async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
		throw new Error('streaming is not set up for PostgreSQL; read in keyset pages');
	}
}

class PooledDriver extends GroupDriver {
	readonly #pool: PostgresPool;

	protected readonly group: GroupWriter;

	constructor(pool: PostgresPool) {
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

/**
 * Tables of the schemas on this connection's search path only. Kysely's own introspector reads
 * every schema of the server, and the migrator asks it whether its bookkeeping tables exist: with
 * several databases side by side in one server (schemas being made and dropped, as in the tests), a
 * table dropped in another schema during that read failed our migration.
 */
class SearchPathIntrospector extends PostgresIntrospector {
	readonly #db: Kysely<any>;
	constructor(db: Kysely<any>) {
		super(db);
		this.#db = db;
	}
	override async getTables(options: DatabaseMetadataOptions = { withInternalKyselyTables: false }): Promise<TableMetadata[]> {
		const { rows } = await sql<{ schema: string; table: string; is_view: boolean; column: string; data_type: string; nullable: boolean; has_default: boolean }>`
			select c.table_schema as schema, c.table_name as table, t.table_type = 'VIEW' as is_view, c.column_name as column,
				c.data_type, c.is_nullable = 'YES' as nullable, c.column_default is not null as has_default
			from information_schema.columns c
			join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
			where c.table_schema = any(current_schemas(false))
			order by c.table_schema, c.table_name, c.ordinal_position`.execute(this.#db);
		const tables = new Map<string, TableMetadata & { columns: TableMetadata['columns'][number][] }>();
		for (const row of rows) {
			if (!options.withInternalKyselyTables && row.table.startsWith('kysely_migration')) continue;
			const key = `${row.schema}.${row.table}`;
			const table = tables.get(key) ?? { name: row.table, schema: row.schema, isView: row.is_view, isForeign: false, columns: [] };
			tables.set(key, table);
			table.columns.push({ name: row.column, dataType: row.data_type, isNullable: row.nullable, hasDefaultValue: row.has_default, isAutoIncrementing: false });
		}
		return [...tables.values()];
	}
}

function dialectWith(adapter: PostgresAdapter, driver: Driver): Dialect {
	return {
		createAdapter: () => adapter,
		createDriver: () => driver,
		createQueryCompiler: () => new PostgresQueryCompiler(),
		createIntrospector: (db: Kysely<any>) => new SearchPathIntrospector(db)
	};
}

export interface PostgresHandle {
	dialect: Dialect;
	adapter: PostgresAdapter;
	changeMark(): number;
}

/** The pooled dialect with group commit and change notices over `pool`. */
export function pooledPostgres(pool: pg.Pool, listenConfig: pg.ClientConfig, options: { writeWaitMs?: number } = {}): PostgresHandle {
	const state = new PostgresPool(pool, listenConfig, options.writeWaitMs ?? DEFAULT_WRITE_WAIT_MS);
	const adapter = new PostgresAdapter();
	return { dialect: dialectWith(adapter, new PooledDriver(state)), adapter, changeMark: () => state.changeMark() };
}

/** One client for everything (an import's own connection); serialised by `SoloAdapter`. */
class SoloConnection implements DatabaseConnection {
	readonly client: pg.PoolClient;
	constructor(client: pg.PoolClient) {
		this.client = client;
	}
	executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
		return query<R>(this.client, compiled);
	}
	// eslint-disable-next-line require-yield
	async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
		throw new Error('streaming is not set up for PostgreSQL; read in keyset pages');
	}
}

class SoloDriver extends SavepointDriver {
	readonly #solo: SoloConnection;
	constructor(client: pg.PoolClient) {
		super();
		this.#solo = new SoloConnection(client);
	}
	async acquireConnection(): Promise<DatabaseConnection> {
		return this.#solo;
	}
	async beginTransaction(): Promise<void> {
		await this.#solo.executeQuery(CompiledQuery.raw('begin'));
	}
	async commitTransaction(): Promise<void> {
		await this.#solo.executeQuery(CompiledQuery.raw(NOTIFY_IF_WRITTEN));
		const result = await this.#solo.client.query('commit');
		if (result.command === 'ROLLBACK') throw new Error('the transaction was rolled back by the database');
	}
	async rollbackTransaction(): Promise<void> {
		await this.#solo.client.query('rollback');
	}
	async destroy(): Promise<void> {
		this.#solo.client.release();
	}
}

/** Kysely serialises the users of a solo connection (one pg client runs one query at a time anyway). */
class SoloAdapter extends PostgresAdapter {
	override get supportsMultipleConnections(): boolean {
		return false;
	}
}

/** A client of its own from `pool`, for work that spans several transactions (an import). */
export async function soloPostgres(pool: pg.Pool): Promise<PostgresHandle> {
	const client = await connect(pool);
	const adapter = new SoloAdapter();
	return { dialect: dialectWith(adapter, new SoloDriver(client)), adapter, changeMark: () => 0 };
}
