/**
 * The outbox becomes a durable mail queue: each mail has a delivery state (`pending` until the
 * delivery job sends it, `sending` while a job holds its lease, then `sent`, `failed` after a
 * permanent refusal or the last retry, or `expired` when it waited too long), the attempts made,
 * when to try next and the last error. Mails already in the outbox become pending, due at once.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	// One column per statement: SQLite adds columns one at a time.
	await db.schema.alterTable('outbox').addColumn('status', 'text', (c) => c.notNull().defaultTo('pending')).execute();
	await db.schema.alterTable('outbox').addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0)).execute();
	await db.schema.alterTable('outbox').addColumn('next_attempt_at', 'text').execute();
	await db.schema.alterTable('outbox').addColumn('lease_until', 'text').execute();
	await db.schema.alterTable('outbox').addColumn('sent_at', 'text').execute();
	await db.schema.alterTable('outbox').addColumn('last_error', 'text').execute();
	await sql`update outbox set next_attempt_at = created_at`.execute(db);
	await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('outbox_due').execute();
	for (const column of ['last_error', 'sent_at', 'lease_until', 'next_attempt_at', 'attempts', 'status']) await db.schema.alterTable('outbox').dropColumn(column).execute();
}
