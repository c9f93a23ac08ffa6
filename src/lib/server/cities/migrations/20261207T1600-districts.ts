/**
 * A city's districts (wards, gu, arrondissements): the areas residents name when they report a
 * concern, that participatory processes and budgets are scoped to, and that indicators break
 * down by. Keyed by the city and a short code; names per locale.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('city_district')
		.addColumn('city_id', 'text', (c) => c.notNull().references('city.id').onDelete('cascade'))
		.addColumn('code', 'text', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('position', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('city_district_pk', ['city_id', 'code'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('city_district').execute();
}
