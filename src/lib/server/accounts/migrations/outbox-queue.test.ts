// The outbox of before the mail queue: its mails become pending and due at once, so a server
// given SMTP_URL afterwards delivers them (or lets old ones expire).
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../db/migrate.ts';
import { modules } from '../../modules.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../testing/test-database.ts';

const QUEUE = '20261208T0900-outbox-queue';

describe.each(DIALECTS)('the outbox becoming a queue, on %s', (dialect) => {
	let database: TestDatabase;
	beforeEach(async () => (database = await createTestDatabase(dialect, { migrate: false })));
	afterEach(() => database.cleanup());

	it('keeps every mail and makes each pending, due at the time it was written', async () => {
		// Every module's migrations from before the queue (later ones, of any module, run after it).
		const before = modules.map((module) => ({ ...module, migrations: Object.fromEntries(Object.entries(module.migrations).filter(([name]) => name < QUEUE)) }));
		await migrateToLatest(database.db, database.schema, before);
		await sql`insert into outbox (id, to_address, subject, body, created_at) values ('m1', 'amira@example.org', 'Reset', 'Link', '2026-12-01T10:00:00.000Z')`.execute(database.db);

		expect(await migrateToLatest(database.db, database.schema)).toContain(QUEUE);
		const rows = await database.db.selectFrom('outbox').selectAll().execute();
		expect(rows).toEqual([
			{ id: 'm1', to_address: 'amira@example.org', subject: 'Reset', body: 'Link', created_at: '2026-12-01T10:00:00.000Z', status: 'pending', attempts: 0, next_attempt_at: '2026-12-01T10:00:00.000Z', lease_until: null, sent_at: null, last_error: null }
		]);
	});
});
