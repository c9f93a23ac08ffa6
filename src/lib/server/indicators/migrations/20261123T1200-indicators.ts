/**
 * Indicators: the network indicator library (network-level reference rows, seeded from the
 * project's data file), each city's indicator definitions, their links to commitments/actions,
 * and observations (indicator × period × disaggregation group → value). City-owned keys and
 * indexes lead with `city_id`; references stay inside one city (composite keys).
 * Observation values are `double precision` (PostgreSQL `real` keeps only ~6 digits).
 */
import type { Kysely } from 'kysely';
import { libraryRows } from '../library.ts';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('indicator_library')
		.addColumn('code', 'text', (c) => c.primaryKey())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('description', 'text', (c) => c.notNull().defaultTo('{}'))
		.addColumn('type', 'text', (c) => c.notNull())
		.addColumn('right_code', 'text')
		.addColumn('attribute', 'text')
		.addColumn('sdg_targets', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('principles', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('unit', 'text', (c) => c.notNull())
		.addColumn('direction', 'text', (c) => c.notNull())
		.addColumn('dimensions', 'text', (c) => c.notNull().defaultTo('{}'))
		.addColumn('source', 'text', (c) => c.notNull())
		.addColumn('methodology', 'text', (c) => c.notNull().defaultTo('{}'))
		.addColumn('comparability', 'text', (c) => c.notNull().defaultTo('{}'))
		.addColumn('confirmed', 'integer', (c) => c.notNull())
		.addColumn('position', 'integer', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('indicator_library_position').on('indicator_library').columns(['position']).execute();

	await db.schema
		.createTable('indicator')
		.addColumn('city_id', 'text', (c) => c.notNull().references('city.id').onDelete('cascade'))
		.addColumn('id', 'text', (c) => c.notNull())
		.addColumn('code', 'text', (c) => c.notNull())
		.addColumn('library_code', 'text', (c) => c.references('indicator_library.code'))
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('description', 'text', (c) => c.notNull().defaultTo('{}'))
		.addColumn('type', 'text', (c) => c.notNull())
		.addColumn('right_code', 'text')
		.addColumn('attribute', 'text')
		.addColumn('sdg_targets', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('principles', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('unit', 'text', (c) => c.notNull())
		.addColumn('currency', 'text')
		.addColumn('direction', 'text', (c) => c.notNull())
		.addColumn('band_low', 'double precision')
		.addColumn('band_high', 'double precision')
		.addColumn('dimensions', 'text', (c) => c.notNull().defaultTo('{}'))
		.addColumn('baseline_value', 'double precision')
		.addColumn('baseline_period', 'text')
		.addColumn('target_value', 'double precision')
		.addColumn('target_period', 'text')
		.addColumn('source', 'text')
		.addColumn('methodology', 'text', (c) => c.notNull().defaultTo('{}'))
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addColumn('deleted_at', 'text')
		.addPrimaryKeyConstraint('indicator_pk', ['city_id', 'id'])
		.addUniqueConstraint('indicator_code', ['city_id', 'code'])
		.execute();
	// Joint evaluation finds every city's indicator of one library code.
	await db.schema.createIndex('indicator_by_library_code').on('indicator').columns(['city_id', 'library_code']).execute();
	await db.schema.createIndex('indicator_by_right').on('indicator').columns(['city_id', 'right_code']).execute();

	await db.schema
		.createTable('indicator_link')
		.addColumn('city_id', 'text', (c) => c.notNull())
		.addColumn('indicator_id', 'text', (c) => c.notNull())
		.addColumn('target_type', 'text', (c) => c.notNull())
		.addColumn('target_id', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('indicator_link_pk', ['city_id', 'indicator_id', 'target_type', 'target_id'])
		.addForeignKeyConstraint('indicator_link_indicator', ['city_id', 'indicator_id'], 'indicator', ['city_id', 'id'], (fk) => fk.onDelete('cascade'))
		.execute();
	await db.schema.createIndex('indicator_link_by_target').on('indicator_link').columns(['city_id', 'target_type', 'target_id']).execute();

	await db.schema
		.createTable('observation')
		.addColumn('city_id', 'text', (c) => c.notNull().references('city.id').onDelete('cascade'))
		.addColumn('id', 'text', (c) => c.notNull())
		.addColumn('indicator_id', 'text', (c) => c.notNull())
		.addColumn('period', 'text', (c) => c.notNull())
		.addColumn('group_key', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('value', 'double precision')
		.addColumn('status', 'text', (c) => c.notNull().defaultTo('final'))
		.addColumn('source', 'text')
		.addColumn('note', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('observation_pk', ['city_id', 'id'])
		// Imports upsert by this key; it also serves every "observations of an indicator" read.
		.addUniqueConstraint('observation_key', ['city_id', 'indicator_id', 'period', 'group_key'])
		.addForeignKeyConstraint('observation_indicator', ['city_id', 'indicator_id'], 'indicator', ['city_id', 'id'], (fk) => fk.onDelete('cascade'))
		.execute();

	const rows = libraryRows();
	for (let start = 0; start < rows.length; start += 50) {
		await db.insertInto('indicator_library').values(rows.slice(start, start + 50)).execute();
	}
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('observation').execute();
	await db.schema.dropTable('indicator_link').execute();
	await db.schema.dropTable('indicator').execute();
	await db.schema.dropTable('indicator_library').execute();
}
