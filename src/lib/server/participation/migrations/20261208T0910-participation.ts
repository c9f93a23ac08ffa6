/**
 * Participation: processes with phases, proposals (tags, supports, flags), per-person counters,
 * participatory budgets (projects, ballots), consultations on a draft plan (comments, supports,
 * clusters with the city's response), the human rights council (members, meetings,
 * recommendations), following and notifications, and the bookkeeping of the jobs (ledger cursor,
 * idempotency keys, reference counters). Every key leads with `city_id`; references stay inside
 * one city (composite keys), and other modules' rows (actions, plans, people) are named by id only.
 */
import type { CreateTableBuilder, Kysely } from 'kysely';

function owned(table: CreateTableBuilder<any, any>): CreateTableBuilder<any, any> {
	return table.addColumn('city_id', 'text', (c) => c.notNull().references('city.id').onDelete('cascade')).addColumn('id', 'text', (c) => c.notNull());
}

function versioned(table: CreateTableBuilder<any, any>): CreateTableBuilder<any, any> {
	return table
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addColumn('deleted_at', 'text');
}

export async function up(db: Kysely<any>): Promise<void> {
	await versioned(
		owned(db.schema.createTable('participatory_process'))
			.addColumn('ref', 'text', (c) => c.notNull())
			.addColumn('title', 'text', (c) => c.notNull())
			.addColumn('description', 'text', (c) => c.notNull().defaultTo('{}'))
			.addColumn('districts', 'text', (c) => c.notNull().defaultTo('[]'))
			.addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
			.addColumn('propose_level', 'text', (c) => c.notNull())
			.addColumn('support_level', 'text', (c) => c.notNull())
			.addColumn('vote_level', 'text', (c) => c.notNull())
			.addColumn('moderation', 'text', (c) => c.notNull())
			.addColumn('support_limit', 'integer')
			.addColumn('threshold_kind', 'text', (c) => c.notNull())
			.addColumn('threshold_value', 'integer')
			.addColumn('threshold_supports', 'integer')
			.addColumn('census_basis', 'integer')
			.addColumn('census_counted_at', 'text')
			.addColumn('budget_amount', 'integer')
			.addColumn('budget_currency', 'text')
			.addColumn('plan_id', 'text')
			.addColumn('active_phase_id', 'text')
			.addColumn('results_published_at', 'text')
			.addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
	)
		.addPrimaryKeyConstraint('participatory_process_pk', ['city_id', 'id'])
		.addUniqueConstraint('participatory_process_ref', ['city_id', 'ref'])
		.execute();

	await owned(db.schema.createTable('process_phase'))
		.addColumn('process_id', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('starts_on', 'text', (c) => c.notNull())
		.addColumn('ends_on', 'text', (c) => c.notNull())
		.addColumn('position', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('process_phase_pk', ['city_id', 'id'])
		.addForeignKeyConstraint('process_phase_process', ['city_id', 'process_id'], 'participatory_process', ['city_id', 'id'], (fk) => fk.onDelete('cascade'))
		.execute();
	await db.schema.createIndex('process_phase_order').on('process_phase').columns(['city_id', 'process_id', 'position']).execute();

	await owned(db.schema.createTable('proposal'))
		.addColumn('ref', 'text', (c) => c.notNull())
		.addColumn('process_id', 'text', (c) => c.notNull())
		.addColumn('author_id', 'text')
		.addColumn('author_role', 'text', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('lang', 'text', (c) => c.notNull())
		.addColumn('district', 'text')
		.addColumn('latitude', 'real')
		.addColumn('longitude', 'real')
		.addColumn('place', 'text')
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('moderation_reason', 'text')
		.addColumn('supports_count', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('flags_count', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('shuffle', 'integer', (c) => c.notNull())
		.addColumn('qualified_at', 'text')
		.addColumn('answer', 'text')
		.addColumn('answer_text', 'text')
		.addColumn('answered_at', 'text')
		.addColumn('action_id', 'text')
		.addColumn('content_digest', 'text', (c) => c.notNull())
		.addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('proposal_pk', ['city_id', 'id'])
		.addUniqueConstraint('proposal_ref', ['city_id', 'ref'])
		.addForeignKeyConstraint('proposal_process', ['city_id', 'process_id'], 'participatory_process', ['city_id', 'id'])
		.execute();
	// The list's three orders (most supported, newest, shuffled) within a process and status, as keysets.
	await db.schema.createIndex('proposal_by_supports').on('proposal').columns(['city_id', 'process_id', 'status', 'supports_count', 'id']).execute();
	await db.schema.createIndex('proposal_by_newest').on('proposal').columns(['city_id', 'process_id', 'status', 'id']).execute();
	await db.schema.createIndex('proposal_by_shuffle').on('proposal').columns(['city_id', 'process_id', 'status', 'shuffle', 'id']).execute();
	await db.schema.createIndex('proposal_by_author').on('proposal').columns(['city_id', 'author_id', 'id']).execute();
	await db.schema.createIndex('proposal_by_action').on('proposal').columns(['city_id', 'action_id']).execute();

	await db.schema
		.createTable('proposal_tag')
		.addColumn('city_id', 'text', (c) => c.notNull())
		.addColumn('proposal_id', 'text', (c) => c.notNull())
		.addColumn('tag', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('proposal_tag_pk', ['city_id', 'proposal_id', 'tag'])
		.addForeignKeyConstraint('proposal_tag_proposal', ['city_id', 'proposal_id'], 'proposal', ['city_id', 'id'], (fk) => fk.onDelete('cascade'))
		.execute();
	await db.schema.createIndex('proposal_tag_by_tag').on('proposal_tag').columns(['city_id', 'tag', 'proposal_id']).execute();

	// Supports are private: no ledger entry, never listed one by one. The key is one person, one support.
	await db.schema
		.createTable('proposal_support')
		.addColumn('city_id', 'text', (c) => c.notNull())
		.addColumn('proposal_id', 'text', (c) => c.notNull())
		.addColumn('person_id', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('proposal_support_pk', ['city_id', 'proposal_id', 'person_id'])
		.execute();
	await db.schema.createIndex('proposal_support_by_person').on('proposal_support').columns(['city_id', 'person_id', 'proposal_id']).execute();

	await db.schema
		.createTable('proposal_flag')
		.addColumn('city_id', 'text', (c) => c.notNull())
		.addColumn('proposal_id', 'text', (c) => c.notNull())
		.addColumn('person_id', 'text', (c) => c.notNull())
		.addColumn('reason', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('proposal_flag_pk', ['city_id', 'proposal_id', 'person_id'])
		.execute();

	// One row per person and process: the supports they have given (the per-person limit, checked atomically).
	await db.schema
		.createTable('participant')
		.addColumn('city_id', 'text', (c) => c.notNull())
		.addColumn('process_id', 'text', (c) => c.notNull())
		.addColumn('person_id', 'text', (c) => c.notNull())
		.addColumn('supports_used', 'integer', (c) => c.notNull().defaultTo(0))
		.addPrimaryKeyConstraint('participant_pk', ['city_id', 'process_id', 'person_id'])
		.execute();

	await versioned(
		owned(db.schema.createTable('budget_project'))
			.addColumn('ref', 'text', (c) => c.notNull())
			.addColumn('process_id', 'text', (c) => c.notNull())
			.addColumn('title', 'text', (c) => c.notNull())
			.addColumn('description', 'text', (c) => c.notNull().defaultTo('{}'))
			.addColumn('cost', 'integer', (c) => c.notNull())
			.addColumn('district', 'text')
			.addColumn('proposal_id', 'text')
			.addColumn('status', 'text', (c) => c.notNull())
			.addColumn('votes', 'integer')
			.addColumn('rank', 'integer')
			.addColumn('action_id', 'text')
	)
		.addPrimaryKeyConstraint('budget_project_pk', ['city_id', 'id'])
		.addUniqueConstraint('budget_project_ref', ['city_id', 'ref'])
		.addForeignKeyConstraint('budget_project_process', ['city_id', 'process_id'], 'participatory_process', ['city_id', 'id'])
		.execute();
	await db.schema.createIndex('budget_project_by_process').on('budget_project').columns(['city_id', 'process_id', 'ref']).execute();

	await db.schema
		.createTable('budget_ballot')
		.addColumn('city_id', 'text', (c) => c.notNull())
		.addColumn('process_id', 'text', (c) => c.notNull())
		.addColumn('person_id', 'text', (c) => c.notNull())
		.addColumn('total', 'integer', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('budget_ballot_pk', ['city_id', 'process_id', 'person_id'])
		.execute();
	await db.schema
		.createTable('budget_ballot_item')
		.addColumn('city_id', 'text', (c) => c.notNull())
		.addColumn('process_id', 'text', (c) => c.notNull())
		.addColumn('person_id', 'text', (c) => c.notNull())
		.addColumn('project_id', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('budget_ballot_item_pk', ['city_id', 'process_id', 'person_id', 'project_id'])
		.execute();
	await db.schema.createIndex('budget_ballot_item_by_project').on('budget_ballot_item').columns(['city_id', 'process_id', 'project_id']).execute();

	await versioned(
		owned(db.schema.createTable('comment_cluster'))
			.addColumn('ref', 'text', (c) => c.notNull())
			.addColumn('process_id', 'text', (c) => c.notNull())
			.addColumn('action_id', 'text', (c) => c.notNull())
			.addColumn('title', 'text', (c) => c.notNull())
			.addColumn('response', 'text', (c) => c.notNull().defaultTo('{}'))
			.addColumn('responded_at', 'text')
	)
		.addPrimaryKeyConstraint('comment_cluster_pk', ['city_id', 'id'])
		.addUniqueConstraint('comment_cluster_ref', ['city_id', 'ref'])
		.execute();
	await db.schema.createIndex('comment_cluster_by_action').on('comment_cluster').columns(['city_id', 'process_id', 'action_id']).execute();

	await owned(db.schema.createTable('consultation_comment'))
		.addColumn('process_id', 'text', (c) => c.notNull())
		.addColumn('action_id', 'text', (c) => c.notNull())
		.addColumn('parent_id', 'text')
		.addColumn('author_id', 'text')
		.addColumn('author_role', 'text', (c) => c.notNull())
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('lang', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('moderation_reason', 'text')
		.addColumn('supports_count', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('cluster_id', 'text')
		.addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('consultation_comment_pk', ['city_id', 'id'])
		.execute();
	await db.schema.createIndex('consultation_comment_by_action').on('consultation_comment').columns(['city_id', 'process_id', 'action_id', 'id']).execute();

	await db.schema
		.createTable('comment_support')
		.addColumn('city_id', 'text', (c) => c.notNull())
		.addColumn('comment_id', 'text', (c) => c.notNull())
		.addColumn('person_id', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('comment_support_pk', ['city_id', 'comment_id', 'person_id'])
		.execute();

	await versioned(
		owned(db.schema.createTable('council_member'))
			.addColumn('name', 'text', (c) => c.notNull())
			.addColumn('seat', 'text', (c) => c.notNull())
			.addColumn('organisation', 'text')
			.addColumn('term_start', 'text', (c) => c.notNull())
			.addColumn('term_end', 'text')
	)
		.addPrimaryKeyConstraint('council_member_pk', ['city_id', 'id'])
		.execute();

	await versioned(
		owned(db.schema.createTable('council_meeting'))
			.addColumn('ref', 'text', (c) => c.notNull())
			.addColumn('title', 'text', (c) => c.notNull())
			.addColumn('held_on', 'text', (c) => c.notNull())
			.addColumn('place', 'text')
			.addColumn('agenda', 'text', (c) => c.notNull().defaultTo('{}'))
			.addColumn('minutes', 'text', (c) => c.notNull().defaultTo('{}'))
			.addColumn('status', 'text', (c) => c.notNull())
	)
		.addPrimaryKeyConstraint('council_meeting_pk', ['city_id', 'id'])
		.addUniqueConstraint('council_meeting_ref', ['city_id', 'ref'])
		.execute();

	await versioned(
		owned(db.schema.createTable('council_recommendation'))
			.addColumn('ref', 'text', (c) => c.notNull())
			.addColumn('meeting_id', 'text')
			.addColumn('title', 'text', (c) => c.notNull())
			.addColumn('body', 'text', (c) => c.notNull().defaultTo('{}'))
			.addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
			.addColumn('issued_on', 'text', (c) => c.notNull())
			.addColumn('status', 'text', (c) => c.notNull())
			.addColumn('response', 'text', (c) => c.notNull().defaultTo('{}'))
			.addColumn('responded_on', 'text')
			.addColumn('action_id', 'text')
	)
		.addPrimaryKeyConstraint('council_recommendation_pk', ['city_id', 'id'])
		.addUniqueConstraint('council_recommendation_ref', ['city_id', 'ref'])
		.execute();
	await db.schema.createIndex('council_recommendation_by_action').on('council_recommendation').columns(['city_id', 'action_id']).execute();

	await db.schema
		.createTable('follow')
		.addColumn('city_id', 'text', (c) => c.notNull())
		.addColumn('person_id', 'text', (c) => c.notNull())
		.addColumn('target_type', 'text', (c) => c.notNull())
		.addColumn('target_id', 'text', (c) => c.notNull())
		.addColumn('mail', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('follow_pk', ['city_id', 'person_id', 'target_type', 'target_id'])
		.execute();
	await db.schema.createIndex('follow_by_target').on('follow').columns(['city_id', 'target_type', 'target_id']).execute();

	await owned(db.schema.createTable('notification'))
		.addColumn('person_id', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('target_type', 'text', (c) => c.notNull())
		.addColumn('target_id', 'text', (c) => c.notNull())
		.addColumn('target_ref', 'text', (c) => c.notNull())
		.addColumn('params', 'text', (c) => c.notNull().defaultTo('{}'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('read_at', 'text')
		.addPrimaryKeyConstraint('notification_pk', ['city_id', 'id'])
		.execute();
	await db.schema.createIndex('notification_by_person').on('notification').columns(['city_id', 'person_id', 'id']).execute();

	// Where the notification job has read the city's ledger to.
	await db.schema
		.createTable('participation_cursor')
		.addColumn('city_id', 'text', (c) => c.notNull().primaryKey())
		.addColumn('ledger_seq', 'integer', (c) => c.notNull())
		.execute();

	// A form's one-time key: the same submission sent twice has one effect.
	await db.schema
		.createTable('submission_key')
		.addColumn('city_id', 'text', (c) => c.notNull())
		.addColumn('person_id', 'text', (c) => c.notNull())
		.addColumn('key', 'text', (c) => c.notNull())
		.addColumn('outcome', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('submission_key_pk', ['city_id', 'person_id', 'key'])
		.execute();
	await db.schema.createIndex('submission_key_age').on('submission_key').columns(['city_id', 'created_at']).execute();

	await db.schema
		.createTable('participation_counter')
		.addColumn('city_id', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('last', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('participation_counter_pk', ['city_id', 'kind'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'participation_counter',
		'submission_key',
		'participation_cursor',
		'notification',
		'follow',
		'council_recommendation',
		'council_meeting',
		'council_member',
		'comment_support',
		'consultation_comment',
		'comment_cluster',
		'budget_ballot_item',
		'budget_ballot',
		'budget_project',
		'participant',
		'proposal_flag',
		'proposal_support',
		'proposal_tag',
		'proposal',
		'process_phase',
		'participatory_process'
	]) {
		await db.schema.dropTable(table).execute();
	}
}
