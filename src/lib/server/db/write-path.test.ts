// The write path on both databases: a write that cannot get the lock in time fails with
// DatabaseBusyError (→ 503) and changes nothing, reads keep flowing meanwhile, concurrent
// transactions fail alone, and the change mark moves with every commit (also another process's).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { changeMarkOf, openDatabase, openSoloConnection, type Database } from './database.ts';
import { isDatabaseBusy } from './busy.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../testing/test-database.ts';

const postgresUrl = process.env.TEST_DATABASE_URL;

async function settle<T>(work: Promise<T>): Promise<T | Error> {
	return work.catch((error: unknown) => error as Error);
}

describe.each(DIALECTS)('the write path on %s', (dialect) => {
	let database: TestDatabase;
	const extra: Database[] = [];
	afterEach(async () => {
		for (const other of extra.splice(0)) await other.close();
		await database.cleanup();
	});

	async function openProbe(): Promise<Database> {
		database = await createTestDatabase(dialect);
		await sql`create table probe (id integer primary key, note text not null)`.execute(database.db);
		return database;
	}

	/** Holds the write lock (SQLite) or the probe table's lock (PostgreSQL) from outside, like another process. */
	async function holdLock(): Promise<() => Promise<void>> {
		if (dialect === 'sqlite') {
			const file = (database.description.match(/SQLite (.*)$/) ?? [])[1]!;
			const other = new SQLite(file);
			other.exec('begin immediate');
			return async () => {
				other.exec('rollback');
				other.close();
			};
		}
		const client = new pg.Client({ connectionString: database.url, options: `-c search_path=${database.schema}` });
		await client.connect();
		await client.query('begin');
		await client.query('lock table probe in exclusive mode');
		return async () => {
			await client.query('rollback');
			await client.end();
		};
	}

	it('answers a write that waited past its bound with DatabaseBusyError, changes nothing, and lets reads through', async () => {
		await openProbe();
		const busyDb = dialect === 'sqlite' ? await openDatabase({ dialect: 'sqlite', path: (database.description.match(/SQLite (.*)$/) ?? [])[1]! }, { writeWaitMs: 150 }) : await openDatabase({ dialect: 'postgres', url: database.url! }, { searchPath: database.schema!, writeWaitMs: 150 });
		extra.push(busyDb);
		const release = await holdLock();
		try {
			const started = performance.now();
			const error = await settle(busyDb.db.transaction().execute((trx) => sql`insert into probe (id, note) values (1, 'x')`.execute(trx)));
			expect(isDatabaseBusy(error)).toBe(true);
			expect(performance.now() - started).toBeLessThan(3000);
			// Reads do not wait for the lock.
			const read = await sql<{ n: number }>`select count(*) as n from probe`.execute(busyDb.db);
			expect(Number(read.rows[0]!.n)).toBe(0);
		} finally {
			await release();
		}
		// Once the lock is free, the same write works.
		await busyDb.db.transaction().execute((trx) => sql`insert into probe (id, note) values (1, 'x')`.execute(trx));
		const rows = await sql<{ note: string }>`select note from probe`.execute(database.db);
		expect(rows.rows).toEqual([{ note: 'x' }]);
	});

	it('commits concurrent transactions together, each failing alone', async () => {
		await openProbe();
		const results = await Promise.allSettled(
			Array.from({ length: 20 }, (_, index) =>
				database.db.transaction().execute(async (trx) => {
					await sql`insert into probe (id, note) values (${index}, ${`n${index}`})`.execute(trx);
					if (index % 5 === 0) throw new Error(`refused ${index}`);
				})
			)
		);
		expect(results.filter((result) => result.status === 'rejected')).toHaveLength(4);
		const rows = await sql<{ id: number }>`select id from probe order by id`.execute(database.db);
		expect(rows.rows.map((row) => Number(row.id))).toEqual(Array.from({ length: 20 }, (_, index) => index).filter((index) => index % 5 !== 0));
		// A statement that fails inside a transaction fails its own transaction only.
		const duplicate = await settle(database.db.transaction().execute((trx) => sql`insert into probe (id, note) values (1, 'again')`.execute(trx)));
		expect(duplicate).toBeInstanceOf(Error);
		await database.db.transaction().execute((trx) => sql`insert into probe (id, note) values (100, 'after')`.execute(trx));
		expect((await sql`select id from probe where id = 100`.execute(database.db)).rows).toHaveLength(1);
	});

	it('moves the change mark after a commit of this process, outside a transaction too, and of another connection', async () => {
		await openProbe();
		// PostgreSQL listens for other connections' changes on a connection of its own, which
		// takes a moment to open (longer on a busy machine): until then every call is a change.
		const listening = Date.now() + 10_000;
		while (changeMarkOf(database.db) !== changeMarkOf(database.db) && Date.now() < listening) await new Promise((resolve) => setTimeout(resolve, 20));
		const first = changeMarkOf(database.db);
		expect(changeMarkOf(database.db)).toBe(first);
		await database.db.transaction().execute((trx) => sql`insert into probe (id, note) values (1, 'a')`.execute(trx));
		const second = changeMarkOf(database.db);
		expect(second).not.toBe(first);
		await sql`update probe set note = 'b'`.execute(database.db);
		const third = changeMarkOf(database.db);
		expect(third).not.toBe(second);
		// Another connection (an import's, or another process's).
		const solo = await openSoloConnection(database.db);
		try {
			await solo.db.transaction().execute((trx) => sql`insert into probe (id, note) values (2, 'c')`.execute(trx));
		} finally {
			await solo.close();
		}
		const deadline = Date.now() + 3000;
		while (changeMarkOf(database.db) === third && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
		expect(changeMarkOf(database.db)).not.toBe(third);
	});
});

describe('a SQLite write lock held by another process', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rightscity-lock-'));
	afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('does not block the event loop while a write waits for it', async () => {
		const file = path.join(dir, 'db.sqlite');
		const database = await openDatabase({ dialect: 'sqlite', path: file }, { writeWaitMs: 300 });
		await sql`create table t (x integer)`.execute(database.db);
		const other = new SQLite(file);
		other.exec('begin immediate');
		let ticks = 0;
		const timer = setInterval(() => (ticks += 1), 10);
		const error = await settle(sql`insert into t values (1)`.execute(database.db));
		clearInterval(timer);
		other.exec('rollback');
		other.close();
		expect(isDatabaseBusy(error)).toBe(true);
		// ~30 ticks of 10 ms fit in the 300 ms wait when nothing blocks.
		expect(ticks).toBeGreaterThan(10);
		await database.close();
	});
});
