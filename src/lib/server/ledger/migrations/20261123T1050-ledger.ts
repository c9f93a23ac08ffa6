/**
 * The ledger's tables: the entries of every chain, and each chain's head (its last seq and hash;
 * appends update it first, which serialises them). A chain is keyed by `city_id` — a city's id,
 * or `network` — with no foreign key: the ledger knows no other module's tables.
 *
 * Databases made before the ledger was a module of its own got these tables from the
 * commitments migration; migrate.ts records this migration as done for them (see
 * `adoptLegacyMigrations`) and 20261207T0900-ledger-chains drops their old key to `city`.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('ledger_entry')
		.addColumn('city_id', 'text', (c) => c.notNull())
		.addColumn('seq', 'integer', (c) => c.notNull())
		.addColumn('at', 'text', (c) => c.notNull())
		.addColumn('actor_role', 'text', (c) => c.notNull())
		.addColumn('actor_id', 'text')
		.addColumn('entity_type', 'text', (c) => c.notNull())
		.addColumn('entity_id', 'text', (c) => c.notNull())
		.addColumn('entity_ref', 'text')
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('change', 'text', (c) => c.notNull())
		.addColumn('prev_hash', 'text', (c) => c.notNull())
		.addColumn('hash', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('ledger_entry_pk', ['city_id', 'seq'])
		.execute();
	await db.schema.createIndex('ledger_entry_by_entity').on('ledger_entry').columns(['city_id', 'entity_id', 'seq']).execute();
	await db.schema.createIndex('ledger_entry_by_type').on('ledger_entry').columns(['city_id', 'entity_type', 'seq']).execute();
	// The history of one action (its milestones and updates carry its reference) and the ref filter.
	await db.schema.createIndex('ledger_entry_by_ref').on('ledger_entry').columns(['city_id', 'entity_ref', 'seq']).execute();

	await db.schema
		.createTable('ledger_head')
		.addColumn('city_id', 'text', (c) => c.primaryKey())
		.addColumn('seq', 'integer', (c) => c.notNull())
		.addColumn('hash', 'text', (c) => c.notNull())
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('ledger_head').execute();
	await db.schema.dropTable('ledger_entry').execute();
}
