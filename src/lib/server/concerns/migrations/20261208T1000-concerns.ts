/**
 * Rights concerns: cases (personal data sealed), their messages, reference counters, the
 * statistics tallies, Open311 API keys and tokens. Every key leads with `city_id`.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('concern_case')
		.addColumn('city_id', 'text', (c) => c.notNull().references('city.id').onDelete('cascade'))
		.addColumn('id', 'text', (c) => c.notNull())
		.addColumn('ref', 'text', (c) => c.notNull())
		.addColumn('tracking_hash', 'text', (c) => c.notNull())
		.addColumn('category', 'text', (c) => c.notNull())
		.addColumn('district', 'text')
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('is_open', 'integer', (c) => c.notNull())
		.addColumn('locale', 'text', (c) => c.notNull())
		.addColumn('source', 'text', (c) => c.notNull())
		.addColumn('api_key_id', 'text')
		.addColumn('anonymous', 'integer', (c) => c.notNull())
		.addColumn('has_email', 'integer', (c) => c.notNull())
		.addColumn('public_listing', 'integer', (c) => c.notNull())
		.addColumn('received_at', 'text', (c) => c.notNull())
		.addColumn('handler_id', 'text')
		.addColumn('referred_to', 'text')
		.addColumn('due_on', 'text', (c) => c.notNull())
		.addColumn('closed_at', 'text')
		.addColumn('appeal_until', 'text')
		.addColumn('appealed_at', 'text')
		.addColumn('linked_type', 'text')
		.addColumn('linked_id', 'text')
		.addColumn('linked_ref', 'text')
		.addColumn('key_id', 'text')
		.addColumn('details_enc', 'text')
		.addColumn('contact_enc', 'text')
		.addColumn('erased_at', 'text')
		.addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('concern_case_pk', ['city_id', 'id'])
		.addUniqueConstraint('concern_case_ref', ['city_id', 'ref'])
		.addUniqueConstraint('concern_case_tracking', ['city_id', 'tracking_hash'])
		.execute();
	// The triage queue (open first, by deadline), a handler's queue, Open311's public list, links, retention, rotation.
	await db.schema.createIndex('concern_case_queue').on('concern_case').columns(['city_id', 'is_open', 'due_on', 'id']).execute();
	await db.schema.createIndex('concern_case_handler').on('concern_case').columns(['city_id', 'handler_id', 'is_open', 'due_on']).execute();
	await db.schema.createIndex('concern_case_listed').on('concern_case').columns(['city_id', 'public_listing', 'received_at']).execute();
	await db.schema.createIndex('concern_case_linked').on('concern_case').columns(['city_id', 'linked_type', 'linked_id']).execute();
	await db.schema.createIndex('concern_case_closed').on('concern_case').columns(['city_id', 'erased_at', 'closed_at']).execute();
	await db.schema.createIndex('concern_case_key').on('concern_case').columns(['city_id', 'key_id']).execute();

	await db.schema
		.createTable('concern_message')
		.addColumn('city_id', 'text', (c) => c.notNull())
		.addColumn('id', 'text', (c) => c.notNull())
		.addColumn('case_id', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('author_id', 'text')
		.addColumn('status', 'text')
		.addColumn('body_enc', 'text')
		.addColumn('key_id', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('concern_message_pk', ['city_id', 'id'])
		.addForeignKeyConstraint('concern_message_case', ['city_id', 'case_id'], 'concern_case', ['city_id', 'id'], (fk) => fk.onDelete('cascade'))
		.execute();
	await db.schema.createIndex('concern_message_by_case').on('concern_message').columns(['city_id', 'case_id', 'created_at']).execute();

	await db.schema
		.createTable('concern_counter')
		.addColumn('city_id', 'text', (c) => c.notNull().references('city.id').onDelete('cascade'))
		.addColumn('year', 'integer', (c) => c.notNull())
		.addColumn('last', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('concern_counter_pk', ['city_id', 'year'])
		.execute();

	await db.schema
		.createTable('concern_tally')
		.addColumn('city_id', 'text', (c) => c.notNull().references('city.id').onDelete('cascade'))
		.addColumn('dimension', 'text', (c) => c.notNull())
		.addColumn('key', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('count', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('concern_tally_pk', ['city_id', 'dimension', 'key', 'status'])
		.execute();

	await db.schema
		.createTable('concern_api_key')
		.addColumn('city_id', 'text', (c) => c.notNull().references('city.id').onDelete('cascade'))
		.addColumn('id', 'text', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('key_hash', 'text', (c) => c.notNull())
		.addColumn('key_hint', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('created_by', 'text')
		.addColumn('revoked_at', 'text')
		.addColumn('last_used_at', 'text')
		.addPrimaryKeyConstraint('concern_api_key_pk', ['city_id', 'id'])
		.addUniqueConstraint('concern_api_key_hash', ['city_id', 'key_hash'])
		.execute();

	await db.schema
		.createTable('concern_token')
		.addColumn('city_id', 'text', (c) => c.notNull())
		.addColumn('token', 'text', (c) => c.notNull())
		.addColumn('case_id', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('concern_token_pk', ['city_id', 'token'])
		.addForeignKeyConstraint('concern_token_case', ['city_id', 'case_id'], 'concern_case', ['city_id', 'id'], (fk) => fk.onDelete('cascade'))
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of ['concern_token', 'concern_api_key', 'concern_tally', 'concern_counter', 'concern_message', 'concern_case']) {
		await db.schema.dropTable(table).execute();
	}
}
