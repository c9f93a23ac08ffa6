/**
 * Peer review proposed from a pairing: when a city with a mentor submits its self-assessment the
 * platform proposes the mentor city as reviewer (a review `proposed`, its appointment's source
 * `pairing`); both cities accept before the review starts. When each accepted (null: not yet).
 * Existing reviews were appointed by the network admin and need no acceptance: left null.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('standards_review').addColumn('city_accepted_at', 'text').execute();
	await db.schema.alterTable('standards_review').addColumn('reviewer_accepted_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const column of ['reviewer_accepted_at', 'city_accepted_at']) await db.schema.alterTable('standards_review').dropColumn(column).execute();
}
