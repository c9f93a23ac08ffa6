/**
 * Indexes for the housekeeping job (accounts/purge.service.ts): it finds expired sessions and
 * one-time links and old rate-limit windows in small batches, without reading whole tables.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.createIndex('session_expires').on('session').column('expires_at').execute();
	await db.schema.createIndex('account_token_expires').on('account_token').column('expires_at').execute();
	await db.schema.createIndex('rate_limit_window').on('rate_limit').column('window_start').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const index of ['rate_limit_window', 'account_token_expires', 'session_expires']) await db.schema.dropIndex(index).execute();
}
