/**
 * Standards: published framework versions, the installation's Ed25519 signing key (made here, as
 * the accounts migration makes the installation's HMAC key), reviewer appointments and published
 * results (network-level); assessments, ratings, reviews, review ratings and positions
 * (city-owned: `city_id` leads every key; references stay inside one city).
 */
import type { Kysely } from 'kysely';
import { newSigningKey } from '../signing.ts';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('standards_framework_version')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('framework', 'text', (c) => c.notNull())
		.addColumn('version', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('document', 'text', (c) => c.notNull())
		.addColumn('document_hash', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('published_at', 'text')
		.addColumn('retired_at', 'text')
		.addUniqueConstraint('standards_framework_version_key', ['framework', 'version'])
		.execute();

	await db.schema
		.createTable('standards_signing_key')
		.addColumn('kid', 'text', (c) => c.primaryKey())
		.addColumn('public_jwk', 'text', (c) => c.notNull())
		.addColumn('private_pkcs8', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('retired_at', 'text')
		.execute();
	await db.insertInto('standards_signing_key').values(newSigningKey(new Date().toISOString())).execute();

	await db.schema
		.createTable('standards_appointment')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('reviewed_city_id', 'text', (c) => c.notNull().references('city.id').onDelete('cascade'))
		.addColumn('reviewer_city_id', 'text', (c) => c.notNull().references('city.id').onDelete('cascade'))
		.addColumn('review_id', 'text', (c) => c.notNull())
		.addColumn('source', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('withdrawn_at', 'text')
		.execute();
	await db.schema.createIndex('standards_appointment_reviewer').on('standards_appointment').columns(['reviewer_city_id', 'created_at']).execute();
	await db.schema.createIndex('standards_appointment_reviewed').on('standards_appointment').columns(['reviewed_city_id', 'review_id']).execute();

	await db.schema
		.createTable('standards_result')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('city_id', 'text', (c) => c.notNull().references('city.id').onDelete('cascade'))
		.addColumn('framework', 'text', (c) => c.notNull())
		.addColumn('framework_version_id', 'text', (c) => c.notNull().references('standards_framework_version.id'))
		.addColumn('year', 'integer', (c) => c.notNull())
		.addColumn('review_id', 'text', (c) => c.notNull())
		.addColumn('level', 'integer', (c) => c.notNull())
		.addColumn('ratings', 'text', (c) => c.notNull())
		.addColumn('statement', 'text', (c) => c.notNull())
		.addColumn('signature', 'text', (c) => c.notNull())
		.addColumn('kid', 'text', (c) => c.notNull())
		.addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('published_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('standards_result_review', ['city_id', 'review_id'])
		.execute();
	await db.schema.createIndex('standards_result_by_framework').on('standards_result').columns(['framework', 'city_id', 'year']).execute();

	await db.schema
		.createTable('standards_assessment')
		.addColumn('city_id', 'text', (c) => c.notNull().references('city.id').onDelete('cascade'))
		.addColumn('id', 'text', (c) => c.notNull())
		.addColumn('ref', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('framework_version_id', 'text', (c) => c.notNull().references('standards_framework_version.id'))
		.addColumn('document_hash', 'text', (c) => c.notNull())
		.addColumn('year', 'integer', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('self_key', 'text')
		.addColumn('organisation', 'text')
		.addColumn('author_id', 'text', (c) => c.references('person.id').onDelete('set null'))
		.addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('submitted_at', 'text')
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addColumn('deleted_at', 'text')
		.addPrimaryKeyConstraint('standards_assessment_pk', ['city_id', 'id'])
		.addUniqueConstraint('standards_assessment_ref', ['city_id', 'ref'])
		.addUniqueConstraint('standards_assessment_self', ['city_id', 'self_key'])
		.execute();

	await db.schema
		.createTable('standards_rating')
		.addColumn('city_id', 'text', (c) => c.notNull())
		.addColumn('assessment_id', 'text', (c) => c.notNull())
		.addColumn('criterion', 'text', (c) => c.notNull())
		.addColumn('rating', 'text', (c) => c.notNull())
		.addColumn('justification', 'text', (c) => c.notNull())
		.addColumn('evidence', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('standards_rating_pk', ['city_id', 'assessment_id', 'criterion'])
		.addForeignKeyConstraint('standards_rating_assessment', ['city_id', 'assessment_id'], 'standards_assessment', ['city_id', 'id'], (fk) => fk.onDelete('cascade'))
		.execute();

	await db.schema
		.createTable('standards_review')
		.addColumn('city_id', 'text', (c) => c.notNull().references('city.id').onDelete('cascade'))
		.addColumn('id', 'text', (c) => c.notNull())
		.addColumn('ref', 'text', (c) => c.notNull())
		.addColumn('assessment_id', 'text', (c) => c.notNull())
		// The reviewer city is a row of the network registry (not another city's own data).
		.addColumn('reviewer_city_id', 'text', (c) => c.notNull().references('city.id'))
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('submitted_at', 'text')
		.addColumn('city_confirmed_at', 'text')
		.addColumn('reviewer_confirmed_at', 'text')
		.addColumn('published_at', 'text')
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addColumn('deleted_at', 'text')
		.addPrimaryKeyConstraint('standards_review_pk', ['city_id', 'id'])
		.addUniqueConstraint('standards_review_ref', ['city_id', 'ref'])
		.addForeignKeyConstraint('standards_review_assessment', ['city_id', 'assessment_id'], 'standards_assessment', ['city_id', 'id'])
		.execute();

	await db.schema
		.createTable('standards_review_rating')
		.addColumn('city_id', 'text', (c) => c.notNull())
		.addColumn('review_id', 'text', (c) => c.notNull())
		.addColumn('criterion', 'text', (c) => c.notNull())
		.addColumn('rating', 'text', (c) => c.notNull())
		.addColumn('comment', 'text', (c) => c.notNull())
		.addColumn('evidence', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('standards_review_rating_pk', ['city_id', 'review_id', 'criterion'])
		.addForeignKeyConstraint('standards_review_rating_review', ['city_id', 'review_id'], 'standards_review', ['city_id', 'id'], (fk) => fk.onDelete('cascade'))
		.execute();

	await db.schema
		.createTable('standards_position')
		.addColumn('city_id', 'text', (c) => c.notNull())
		.addColumn('review_id', 'text', (c) => c.notNull())
		.addColumn('criterion', 'text', (c) => c.notNull())
		.addColumn('side', 'text', (c) => c.notNull())
		.addColumn('rating', 'text', (c) => c.notNull())
		.addColumn('note', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('standards_position_pk', ['city_id', 'review_id', 'criterion', 'side'])
		.addForeignKeyConstraint('standards_position_review', ['city_id', 'review_id'], 'standards_review', ['city_id', 'id'], (fk) => fk.onDelete('cascade'))
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of ['standards_position', 'standards_review_rating', 'standards_review', 'standards_rating', 'standards_assessment', 'standards_result', 'standards_appointment', 'standards_signing_key', 'standards_framework_version']) {
		await db.schema.dropTable(table).execute();
	}
}
