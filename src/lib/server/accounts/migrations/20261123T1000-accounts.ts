/** Accounts, sessions, roles per city, verification, census, password resets, outbox, audit, rate limits. */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('instance_secret')
		.addColumn('name', 'text', (c) => c.primaryKey())
		.addColumn('value', 'text', (c) => c.notNull())
		.execute();
	await db
		.insertInto('instance_secret')
		.values([{ name: 'hmac', value: randomBytes(32).toString('base64url') }])
		.execute();

	await db.schema
		.createTable('person')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('email', 'text', (c) => c.notNull().unique())
		.addColumn('display_name', 'text', (c) => c.notNull())
		.addColumn('password_hash', 'text', (c) => c.notNull())
		.addColumn('preferred_locale', 'text')
		.addColumn('network_admin', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('email_verified_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('session')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('person_id', 'text', (c) => c.notNull().references('person.id').onDelete('cascade'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('last_seen_at', 'text', (c) => c.notNull())
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.addColumn('ip_hash', 'text')
		.addColumn('user_agent', 'text')
		.execute();
	await db.schema.createIndex('session_person').on('session').column('person_id').execute();

	await db.schema
		.createTable('city_role')
		.addColumn('city_id', 'text', (c) => c.notNull().references('city.id').onDelete('cascade'))
		.addColumn('person_id', 'text', (c) => c.notNull().references('person.id').onDelete('cascade'))
		.addColumn('role', 'text', (c) => c.notNull())
		.addColumn('department', 'text')
		.addColumn('granted_by', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('city_role_pk', ['city_id', 'person_id', 'role'])
		.execute();
	await db.schema.createIndex('city_role_person').on('city_role').columns(['person_id', 'city_id']).execute();

	await db.schema
		.createTable('verification')
		.addColumn('city_id', 'text', (c) => c.notNull().references('city.id').onDelete('cascade'))
		.addColumn('person_id', 'text', (c) => c.notNull().references('person.id').onDelete('cascade'))
		.addColumn('level', 'text', (c) => c.notNull())
		.addColumn('verified_by', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('verification_pk', ['city_id', 'person_id', 'level'])
		.execute();

	await db.schema
		.createTable('census_batch')
		.addColumn('city_id', 'text', (c) => c.notNull().references('city.id').onDelete('cascade'))
		.addColumn('id', 'text', (c) => c.notNull())
		.addColumn('entries', 'integer', (c) => c.notNull())
		.addColumn('uploaded_by', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('census_batch_pk', ['city_id', 'id'])
		.execute();
	await db.schema
		.createTable('census_entry')
		.addColumn('city_id', 'text', (c) => c.notNull().references('city.id').onDelete('cascade'))
		.addColumn('identifier_hash', 'text', (c) => c.notNull())
		.addColumn('batch_id', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('census_entry_pk', ['city_id', 'identifier_hash'])
		.execute();

	await db.schema
		.createTable('account_token')
		.addColumn('token_hash', 'text', (c) => c.primaryKey())
		.addColumn('person_id', 'text', (c) => c.notNull().references('person.id').onDelete('cascade'))
		.addColumn('purpose', 'text', (c) => c.notNull())
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.addColumn('used_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('outbox')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('to_address', 'text', (c) => c.notNull())
		.addColumn('subject', 'text', (c) => c.notNull())
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('outbox_to').on('outbox').columns(['to_address', 'created_at']).execute();

	await db.schema
		.createTable('audit_log')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('city_id', 'text')
		.addColumn('at', 'text', (c) => c.notNull())
		.addColumn('actor_id', 'text')
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('target', 'text')
		.addColumn('details', 'text', (c) => c.notNull())
		.addColumn('ip_hash', 'text')
		.execute();
	await db.schema.createIndex('audit_log_city_at').on('audit_log').columns(['city_id', 'at']).execute();

	await db.schema
		.createTable('rate_limit')
		.addColumn('key', 'text', (c) => c.notNull())
		.addColumn('window_start', 'integer', (c) => c.notNull())
		.addColumn('hits', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('rate_limit_pk', ['key', 'window_start'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of ['rate_limit', 'audit_log', 'outbox', 'account_token', 'census_entry', 'census_batch', 'verification', 'city_role', 'session', 'person', 'instance_secret']) {
		await db.schema.dropTable(table).execute();
	}
}
