/**
 * A version on each city's profile, counted up by every profile edit: the render cache keeps a
 * city's public pages until their city's ledger head or this version moves.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('city').addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('city').dropColumn('version').execute();
}
