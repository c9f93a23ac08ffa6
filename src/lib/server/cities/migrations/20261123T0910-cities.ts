/** The network registry of human rights cities and the instruments each adopted. */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('city')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('slug', 'text', (c) => c.notNull().unique())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('display_name', 'text', (c) => c.notNull())
		.addColumn('country_code', 'text', (c) => c.notNull())
		.addColumn('region', 'text', (c) => c.notNull())
		.addColumn('latitude', 'double precision', (c) => c.notNull())
		.addColumn('longitude', 'double precision', (c) => c.notNull())
		.addColumn('coords_checked', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('year', 'integer')
		.addColumn('process', 'text', (c) => c.notNull().check(sqlIn('process', ['formal', 'informal'])))
		.addColumn('process_confirmed', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('notes', 'text', (c) => c.notNull().defaultTo('{}'))
		.addColumn('evidence', 'text')
		.addColumn('time_zone', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	// Directory sorts and filters: by name, by country, by year; each ends in id for keyset paging.
	await db.schema.createIndex('city_name_id').on('city').columns(['name', 'id']).execute();
	await db.schema.createIndex('city_country_name').on('city').columns(['country_code', 'name', 'id']).execute();
	await db.schema.createIndex('city_year_name').on('city').columns(['year', 'name', 'id']).execute();
	await db.schema
		.createTable('city_instrument')
		.addColumn('city_id', 'text', (c) => c.notNull().references('city.id').onDelete('cascade'))
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('text', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('city_instrument_pk', ['city_id', 'position'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('city_instrument').execute();
	await db.schema.dropTable('city').execute();
}

/** `column in ('a', 'b')` for a CHECK constraint; values are constants of this file, never input. */
function sqlIn(column: string, values: string[]) {
	return sql.raw(`${column} in (${values.map((value) => `'${value}'`).join(', ')})`);
}
