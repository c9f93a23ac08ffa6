/**
 * The language an event's material is in (slides in Korean, a report in Spanish), so the event
 * page can say so and list the reader's language first; null for a material in several languages
 * or none (a photo album). Materials added before have none.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('network_event_material').addColumn('lang', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('network_event_material').dropColumn('lang').execute();
}
