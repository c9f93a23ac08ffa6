import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseOpenError, openDatabase, pingDatabase } from './database.ts';
import { migrateToLatest, pendingMigrations } from './migrate.ts';
import { createTestDatabase, DIALECTS } from '../testing/test-database.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rightscity-db-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('openDatabase', () => {
	it('creates the SQLite file and its folder, in WAL mode', async () => {
		const file = path.join(dir, 'nested', 'new.sqlite');
		const database = await openDatabase({ dialect: 'sqlite', path: file });
		expect(await pingDatabase(database.db)).toBe(true);
		await database.close();
		expect(fs.existsSync(file)).toBe(true);
		expect(fs.existsSync(`${file}-wal`) || fs.readFileSync(file).subarray(18, 20).equals(Buffer.from([2, 2]))).toBe(true);
	});

	it('refuses a corrupt SQLite file with one clear line', async () => {
		const file = path.join(dir, 'corrupt.sqlite');
		fs.writeFileSync(file, 'this is not a database, just text that is long enough to have a header'.repeat(20));
		const error = await openDatabase({ dialect: 'sqlite', path: file }).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(DatabaseOpenError);
		expect((error as Error).message).toBe(`Cannot use SQLite ${file}: the file is not a SQLite database or is corrupt`);
	});

	it('refuses a path whose folder cannot be created', async () => {
		const blocker = path.join(dir, 'a-file');
		fs.writeFileSync(blocker, '');
		const error = await openDatabase({ dialect: 'sqlite', path: path.join(blocker, 'db.sqlite') }).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(DatabaseOpenError);
		expect((error as Error).message).toMatch(/^Cannot open SQLite .*a-file\/db\.sqlite: /);
	});

	it('reports an unreachable PostgreSQL server by host and port, never the password', async () => {
		const error = await openDatabase({ dialect: 'postgres', url: 'postgres://u:topsecret@127.0.0.1:1/nothing' }).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(DatabaseOpenError);
		expect((error as Error).message).toMatch(/^Cannot connect to PostgreSQL 127\.0\.0\.1:1\/nothing: .*ECONNREFUSED/);
		expect((error as Error).message).not.toContain('topsecret');
	});
});

describe.each(DIALECTS)('migrations on %s', (dialect) => {
	it('seed the reference frameworks and are idempotent', async () => {
		const database = await createTestDatabase(dialect);
		try {
			expect(await pendingMigrations(database.db)).toEqual([]);
			expect(await migrateToLatest(database.db)).toEqual([]);
			const counts = await database.db
				.selectFrom('framework_entry')
				.select(['scheme', (eb) => eb.fn.countAll<string | number>().as('n')])
				.groupBy('scheme')
				.orderBy('scheme')
				.execute();
			expect(Object.fromEntries(counts.map((row) => [row.scheme, Number(row.n)]))).toEqual({
				duty: 3,
				gwangju: 10,
				ground: 10,
				norm: 4,
				ohchr: 3,
				sdg: 17 + 169,
				udhr: 30
			});
			const target = await database.db.selectFrom('framework_entry').selectAll().where('code', '=', 'sdg:11.1').executeTakeFirstOrThrow();
			expect(target.parent_code).toBe('sdg:11');
			const unconfirmed = await database.db
				.selectFrom('framework_entry')
				.select('code')
				.where('scheme', '=', 'gwangju')
				.where('confirmed', '=', 0)
				.orderBy('position')
				.execute();
			expect(unconfirmed.map((row) => row.code)).toEqual(['gwangju:5', 'gwangju:6', 'gwangju:9', 'gwangju:10']);
		} finally {
			await database.cleanup();
		}
	});
});
