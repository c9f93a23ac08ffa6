/**
 * The network: associate member organisations, membership requests and memberships, practitioner
 * grants, pairings (goals, meetings, notes), good practices (tags, links, attachments, adoptions)
 * with their search documents, dialogue (threads, posts, follows, digests) and events
 * (registrations, materials).
 *
 * The full-text index is the one dialect-specific part (search.repository.ts queries it):
 * - SQLite: two FTS5 tables over `practice_doc` kept by triggers — `practice_fts` with the
 *   trigram tokenizer (substrings of three characters or more, in any script, case- and
 *   diacritic-insensitive) and `practice_words` with unicode61 (whole words and prefixes, for
 *   the one- and two-character terms a trigram cannot find, such as Korean 인권; and the tags as
 *   words, which "similar practices" ranks by BM25, so that rare shared tags count most).
 * - PostgreSQL: a stored tsvector per document built with the document language's configuration
 *   (english, spanish, french, swedish, arabic; simple for Korean), and — when the `pg_trgm`
 *   extension can be created — a trigram index for substring matches where stemming cannot help.
 *   Without `pg_trgm` the same queries run, the substring part unindexed (slower, never wrong).
 */
import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import { dialectOf } from '../../db/dialect.ts';

const LANGUAGE_CONFIGS: Record<string, string> = { en: 'english', es: 'spanish', fr: 'french', sv: 'swedish', ar: 'arabic' };

function stamped(table: CreateTableBuilder<any, any>): CreateTableBuilder<any, any> {
	return table.addColumn('created_at', 'text', (c) => c.notNull()).addColumn('updated_at', 'text', (c) => c.notNull());
}

/** `column in ('a', 'b')` for a CHECK constraint; values are constants of this file, never input. */
function oneOf(column: string, values: readonly string[]) {
	return sql.raw(`${column} in (${values.map((value) => `'${value}'`).join(', ')})`);
}

export async function up(db: Kysely<any>): Promise<void> {
	const postgres = dialectOf(db) === 'postgres';

	// ——— Membership ———
	await stamped(
		db.schema
			.createTable('network_organisation')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('ref', 'text', (c) => c.notNull().unique())
			.addColumn('name', 'text', (c) => c.notNull())
			.addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', ['municipality', 'association', 'cso', 'university', 'international'])))
			.addColumn('country_code', 'text')
			.addColumn('website', 'text')
	).execute();

	await stamped(
		db.schema
			.createTable('network_request')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('ref', 'text', (c) => c.notNull().unique())
			.addColumn('applicant_key', 'text', (c) => c.notNull())
			.addColumn('city_id', 'text')
			.addColumn('org_name', 'text')
			.addColumn('org_kind', 'text')
			.addColumn('country_code', 'text')
			.addColumn('website', 'text')
			.addColumn('level', 'text', (c) => c.notNull().check(oneOf('level', ['member', 'guest', 'associate'])))
			.addColumn('process', 'text', (c) => c.notNull())
			.addColumn('declaration', 'text', (c) => c.notNull())
			.addColumn('declaration_url', 'text')
			.addColumn('declared_on', 'text')
			.addColumn('motivation', 'text', (c) => c.notNull())
			.addColumn('languages', 'text', (c) => c.notNull().defaultTo('[]'))
			.addColumn('population', 'integer')
			.addColumn('contact_name', 'text', (c) => c.notNull())
			.addColumn('contact_role', 'text', (c) => c.notNull())
			.addColumn('contact_email', 'text', (c) => c.notNull())
			.addColumn('requested_by', 'text', (c) => c.notNull())
			.addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', ['pending', 'accepted', 'declined', 'withdrawn'])))
			.addColumn('decision_reason', 'text', (c) => c.notNull().defaultTo('{}'))
			.addColumn('decided_by', 'text')
			.addColumn('decided_at', 'text')
			.addColumn('membership_id', 'text')
			.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
	).execute();
	// One pending request per applicant, also against two requests sent at the same moment.
	await db.schema.createIndex('network_request_pending').on('network_request').column('applicant_key').unique().where(sql.ref('status'), '=', 'pending').execute();
	await db.schema.createIndex('network_request_status').on('network_request').columns(['status', 'created_at']).execute();
	await db.schema.createIndex('network_request_requester').on('network_request').columns(['requested_by', 'created_at']).execute();

	await stamped(
		db.schema
			.createTable('network_membership')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('ref', 'text', (c) => c.notNull().unique())
			.addColumn('city_id', 'text')
			.addColumn('organisation_id', 'text', (c) => c.references('network_organisation.id'))
			.addColumn('level', 'text', (c) => c.notNull().check(oneOf('level', ['member', 'guest', 'associate'])))
			.addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', ['active', 'suspended', 'left'])))
			.addColumn('since', 'text', (c) => c.notNull())
			.addColumn('status_reason', 'text', (c) => c.notNull().defaultTo('{}'))
			.addColumn('status_changed_at', 'text')
			.addColumn('process', 'text', (c) => c.notNull())
			.addColumn('declaration', 'text', (c) => c.notNull().defaultTo(''))
			.addColumn('declaration_url', 'text')
			.addColumn('declared_on', 'text')
			.addColumn('languages', 'text', (c) => c.notNull().defaultTo('[]'))
			.addColumn('population', 'integer')
			.addColumn('request_id', 'text')
			.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
			.addCheckConstraint('network_membership_one_member', sql`(city_id is null) <> (organisation_id is null)`)
	).execute();
	// A city (or organisation) has at most one membership that has not ended.
	await db.schema.createIndex('network_membership_city').on('network_membership').column('city_id').unique().where(sql<boolean>`status <> 'left' and city_id is not null`).execute();
	await db.schema.createIndex('network_membership_org').on('network_membership').column('organisation_id').unique().where(sql<boolean>`status <> 'left' and organisation_id is not null`).execute();
	await db.schema.createIndex('network_membership_status').on('network_membership').columns(['status', 'level']).execute();

	await db.schema
		.createTable('practitioner_grant')
		.addColumn('person_id', 'text', (c) => c.primaryKey())
		.addColumn('granted_by', 'text', (c) => c.notNull())
		.addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('organisation_id', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();

	// ——— Pairing ———
	await stamped(
		db.schema
			.createTable('pairing')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('ref', 'text', (c) => c.notNull().unique())
			.addColumn('pair_key', 'text', (c) => c.notNull())
			.addColumn('mentee_city_id', 'text', (c) => c.notNull())
			.addColumn('mentor_city_id', 'text', (c) => c.notNull())
			.addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', ['proposed', 'active', 'declined', 'withdrawn', 'ended'])))
			.addColumn('proposed_by', 'text', (c) => c.notNull())
			.addColumn('message', 'text', (c) => c.notNull().defaultTo(''))
			.addColumn('reasons', 'text', (c) => c.notNull().defaultTo('[]'))
			.addColumn('mentee_accepted_at', 'text')
			.addColumn('mentor_accepted_at', 'text')
			.addColumn('started_on', 'text')
			.addColumn('ends_on', 'text')
			.addColumn('ended_on', 'text')
			.addColumn('end_note', 'text', (c) => c.notNull().defaultTo('{}'))
			.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
			.addCheckConstraint('pairing_two_cities', sql`mentee_city_id <> mentor_city_id`)
	).execute();
	// Two cities have at most one pairing that is proposed or under way.
	await db.schema.createIndex('pairing_open').on('pairing').column('pair_key').unique().where(sql<boolean>`status in ('proposed', 'active')`).execute();
	await db.schema.createIndex('pairing_mentee').on('pairing').columns(['mentee_city_id', 'status']).execute();
	await db.schema.createIndex('pairing_mentor').on('pairing').columns(['mentor_city_id', 'status']).execute();

	await stamped(
		db.schema
			.createTable('pairing_goal')
			.addColumn('pairing_id', 'text', (c) => c.notNull().references('pairing.id').onDelete('cascade'))
			.addColumn('id', 'text', (c) => c.notNull())
			.addColumn('position', 'integer', (c) => c.notNull())
			.addColumn('text', 'text', (c) => c.notNull())
			.addColumn('lang', 'text', (c) => c.notNull())
			.addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', ['open', 'achieved', 'dropped'])))
			.addPrimaryKeyConstraint('pairing_goal_pk', ['pairing_id', 'id'])
	).execute();
	await db.schema
		.createTable('pairing_meeting')
		.addColumn('pairing_id', 'text', (c) => c.notNull().references('pairing.id').onDelete('cascade'))
		.addColumn('id', 'text', (c) => c.notNull())
		.addColumn('held_on', 'text', (c) => c.notNull())
		.addColumn('mode', 'text', (c) => c.notNull())
		.addColumn('summary', 'text', (c) => c.notNull())
		.addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('lang', 'text', (c) => c.notNull())
		.addColumn('created_by', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('pairing_meeting_pk', ['pairing_id', 'id'])
		.execute();
	await db.schema
		.createTable('pairing_note')
		.addColumn('pairing_id', 'text', (c) => c.notNull().references('pairing.id').onDelete('cascade'))
		.addColumn('id', 'text', (c) => c.notNull())
		.addColumn('author_id', 'text')
		.addColumn('author_city_id', 'text')
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('lang', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('pairing_note_pk', ['pairing_id', 'id'])
		.execute();

	// ——— Knowledge centre (city-owned) ———
	await stamped(
		db.schema
			.createTable('practice')
			.addColumn('city_id', 'text', (c) => c.notNull().references('city.id').onDelete('cascade'))
			.addColumn('id', 'text', (c) => c.notNull())
			.addColumn('ref', 'text', (c) => c.notNull())
			.addColumn('layer', 'text', (c) => c.notNull().check(oneOf('layer', ['public', 'practitioners'])))
			.addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', ['draft', 'published', 'archived'])))
			.addColumn('original_locale', 'text', (c) => c.notNull())
			.addColumn('title', 'text', (c) => c.notNull())
			.addColumn('summary', 'text', (c) => c.notNull().defaultTo('{}'))
			.addColumn('body', 'text', (c) => c.notNull().defaultTo('{}'))
			.addColumn('results', 'text', (c) => c.notNull().defaultTo('{}'))
			.addColumn('budget_amount', 'double precision')
			.addColumn('budget_currency', 'text')
			.addColumn('started_year', 'integer')
			.addColumn('groups', 'text', (c) => c.notNull().defaultTo('[]'))
			.addColumn('contact', 'text', (c) => c.notNull().defaultTo('{}'))
			.addColumn('practitioner_notes', 'text', (c) => c.notNull().defaultTo('{}'))
			.addColumn('published_at', 'text')
			.addColumn('created_by', 'text')
			.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
			.addColumn('deleted_at', 'text')
			.addPrimaryKeyConstraint('practice_pk', ['city_id', 'id'])
			.addUniqueConstraint('practice_ref', ['city_id', 'ref'])
	).execute();
	// The knowledge centre's list without a search: newest published first.
	await db.schema.createIndex('practice_published').on('practice').columns(['city_id', 'status', 'published_at']).execute();

	await db.schema
		.createTable('practice_tag')
		.addColumn('city_id', 'text', (c) => c.notNull())
		.addColumn('practice_id', 'text', (c) => c.notNull())
		.addColumn('code', 'text', (c) => c.notNull())
		.addColumn('implied', 'integer', (c) => c.notNull().defaultTo(0))
		.addPrimaryKeyConstraint('practice_tag_pk', ['city_id', 'practice_id', 'code'])
		.addForeignKeyConstraint('practice_tag_practice', ['city_id', 'practice_id'], 'practice', ['city_id', 'id'], (c) => c.onDelete('cascade'))
		.execute();
	// Filters and "similar practices": the practices with a tag (city_id first, then the tag).
	await db.schema.createIndex('practice_tag_code').on('practice_tag').columns(['city_id', 'code', 'practice_id']).execute();

	await db.schema
		.createTable('practice_link')
		.addColumn('city_id', 'text', (c) => c.notNull())
		.addColumn('practice_id', 'text', (c) => c.notNull())
		.addColumn('id', 'text', (c) => c.notNull())
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('target_type', 'text', (c) => c.notNull().check(oneOf('target_type', ['commitment', 'action', 'indicator', 'url'])))
		.addColumn('target', 'text')
		.addColumn('url', 'text')
		.addColumn('label', 'text', (c) => c.notNull().defaultTo(''))
		.addPrimaryKeyConstraint('practice_link_pk', ['city_id', 'practice_id', 'id'])
		.addForeignKeyConstraint('practice_link_practice', ['city_id', 'practice_id'], 'practice', ['city_id', 'id'], (c) => c.onDelete('cascade'))
		.execute();

	await db.schema
		.createTable('practice_attachment')
		.addColumn('city_id', 'text', (c) => c.notNull())
		.addColumn('practice_id', 'text', (c) => c.notNull())
		.addColumn('id', 'text', (c) => c.notNull())
		.addColumn('layer', 'text', (c) => c.notNull().check(oneOf('layer', ['public', 'practitioners'])))
		.addColumn('file_key', 'text', (c) => c.notNull())
		.addColumn('file_name', 'text', (c) => c.notNull())
		.addColumn('content_type', 'text', (c) => c.notNull())
		.addColumn('size', 'integer', (c) => c.notNull())
		.addColumn('sha256', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('practice_attachment_pk', ['city_id', 'practice_id', 'id'])
		.addForeignKeyConstraint('practice_attachment_practice', ['city_id', 'practice_id'], 'practice', ['city_id', 'id'], (c) => c.onDelete('cascade'))
		.execute();

	await stamped(
		db.schema
			.createTable('practice_adoption')
			.addColumn('city_id', 'text', (c) => c.notNull().references('city.id').onDelete('cascade'))
			.addColumn('id', 'text', (c) => c.notNull())
			.addColumn('ref', 'text', (c) => c.notNull())
			.addColumn('practice_city_id', 'text', (c) => c.notNull())
			.addColumn('practice_id', 'text', (c) => c.notNull())
			.addColumn('commitment_id', 'text', (c) => c.notNull())
			.addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
			.addColumn('lang', 'text', (c) => c.notNull())
			.addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', ['active', 'withdrawn'])))
			.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
			.addPrimaryKeyConstraint('practice_adoption_pk', ['city_id', 'id'])
			.addUniqueConstraint('practice_adoption_ref', ['city_id', 'ref'])
	).execute();
	// A city adopts a practice once (while its adoption stands).
	await db.schema
		.createIndex('practice_adoption_once')
		.on('practice_adoption')
		.columns(['city_id', 'practice_city_id', 'practice_id'])
		.unique()
		.where(sql.ref('status'), '=', 'active')
		.execute();
	// "Adopted by" on the practice's page: the adoptions of one practice, across cities.
	await db.schema.createIndex('practice_adoption_practice').on('practice_adoption').columns(['practice_city_id', 'practice_id']).execute();

	// ——— Search documents and the full-text index ———
	if (postgres) {
		const configOf = `case locale ${Object.entries(LANGUAGE_CONFIGS)
			.map(([locale, config]) => `when '${locale}' then '${config}'::regconfig`)
			.join(' ')} else 'simple'::regconfig end`;
		await sql
			.raw(
				`create table practice_doc (
					doc_id bigint generated by default as identity primary key,
					city_id text not null,
					practice_id text not null,
					locale text not null,
					layer text not null,
					region text not null,
					title text not null,
					content text not null,
					tags text not null default '',
					tsv tsvector generated always as (setweight(to_tsvector(${configOf}, title), 'A') || setweight(to_tsvector(${configOf}, content), 'B') || setweight(to_tsvector('simple', tags), 'D')) stored
				)`
			)
			.execute(db);
		await sql`create index practice_doc_tsv on practice_doc using gin (tsv)`.execute(db);
		const trigram = await trigramSchema(db);
		if (trigram) {
			await sql.raw(`create index practice_doc_trgm on practice_doc using gin ((title || ' ' || content) ${quoteIdent(trigram)}.gin_trgm_ops)`).execute(db);
		} else {
			console.warn('network: the pg_trgm extension could not be created; practice search matches substrings without an index (slower on large networks).');
		}
	} else {
		await sql`create table practice_doc (
			doc_id integer primary key autoincrement,
			city_id text not null,
			practice_id text not null,
			locale text not null,
			layer text not null,
			region text not null,
			title text not null,
			content text not null,
			tags text not null default ''
		)`.execute(db);
		await sql`create virtual table practice_fts using fts5(title, content, content='practice_doc', content_rowid='doc_id', tokenize='trigram remove_diacritics 1')`.execute(db);
		await sql`create virtual table practice_words using fts5(title, content, tags, content='practice_doc', content_rowid='doc_id', tokenize='unicode61 remove_diacritics 2')`.execute(db);
		await sql`create trigger practice_doc_ai after insert on practice_doc begin
			insert into practice_fts (rowid, title, content) values (new.doc_id, new.title, new.content);
			insert into practice_words (rowid, title, content, tags) values (new.doc_id, new.title, new.content, new.tags);
		end`.execute(db);
		await sql`create trigger practice_doc_ad after delete on practice_doc begin
			insert into practice_fts (practice_fts, rowid, title, content) values ('delete', old.doc_id, old.title, old.content);
			insert into practice_words (practice_words, rowid, title, content, tags) values ('delete', old.doc_id, old.title, old.content, old.tags);
		end`.execute(db);
	}
	await db.schema.createIndex('practice_doc_practice').on('practice_doc').columns(['city_id', 'practice_id']).execute();

	// ——— Dialogue ———
	await stamped(
		db.schema
			.createTable('thread')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('ref', 'text', (c) => c.notNull().unique())
			.addColumn('scope', 'text', (c) => c.notNull().check(oneOf('scope', ['topic', 'pairing', 'practice'])))
			.addColumn('topic', 'text', (c) => c.notNull())
			.addColumn('pairing_id', 'text')
			.addColumn('practice_city_id', 'text')
			.addColumn('practice_id', 'text')
			.addColumn('layer', 'text', (c) => c.notNull().check(oneOf('layer', ['public', 'practitioners', 'participants'])))
			.addColumn('title', 'text', (c) => c.notNull())
			.addColumn('lang', 'text', (c) => c.notNull())
			.addColumn('created_by', 'text')
			.addColumn('created_city_id', 'text')
			.addColumn('locked_at', 'text')
			.addColumn('post_count', 'integer', (c) => c.notNull().defaultTo(0))
			.addColumn('last_post_at', 'text', (c) => c.notNull())
			.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
	).execute();
	await db.schema.createIndex('thread_recent').on('thread').columns(['layer', 'last_post_at']).execute();
	await db.schema.createIndex('thread_topic').on('thread').columns(['topic', 'last_post_at']).execute();
	await db.schema.createIndex('thread_pairing').on('thread').columns(['pairing_id']).execute();
	await db.schema.createIndex('thread_practice').on('thread').columns(['practice_city_id', 'practice_id']).execute();

	await db.schema
		.createTable('thread_post')
		.addColumn('thread_id', 'text', (c) => c.notNull().references('thread.id').onDelete('cascade'))
		.addColumn('id', 'text', (c) => c.notNull())
		.addColumn('author_id', 'text')
		.addColumn('author_city_id', 'text')
		.addColumn('author_role', 'text', (c) => c.notNull())
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('lang', 'text', (c) => c.notNull())
		.addColumn('reports', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('hidden_at', 'text')
		.addColumn('hidden_by', 'text')
		.addColumn('hidden_reason', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('thread_post_pk', ['thread_id', 'id'])
		.execute();
	// The digest and the moderation queue read posts by time.
	await db.schema.createIndex('thread_post_time').on('thread_post').columns(['created_at']).execute();

	await db.schema
		.createTable('network_follow')
		.addColumn('person_id', 'text', (c) => c.notNull())
		.addColumn('target_type', 'text', (c) => c.notNull().check(oneOf('target_type', ['thread', 'topic'])))
		.addColumn('target', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('network_follow_pk', ['person_id', 'target_type', 'target'])
		.execute();
	await db.schema.createIndex('network_follow_target').on('network_follow').columns(['target_type', 'target']).execute();

	await db.schema
		.createTable('digest_sent')
		.addColumn('person_id', 'text', (c) => c.notNull())
		.addColumn('week', 'text', (c) => c.notNull())
		.addColumn('items', 'integer', (c) => c.notNull())
		.addColumn('sent_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('digest_sent_pk', ['person_id', 'week'])
		.execute();

	// ——— Events ———
	await stamped(
		db.schema
			.createTable('network_event')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('ref', 'text', (c) => c.notNull().unique())
			.addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', ['forum', 'workshop', 'webinar', 'meeting'])))
			.addColumn('audience', 'text', (c) => c.notNull().check(oneOf('audience', ['public', 'practitioners'])))
			.addColumn('title', 'text', (c) => c.notNull())
			.addColumn('description', 'text', (c) => c.notNull().defaultTo('{}'))
			.addColumn('starts_at', 'text', (c) => c.notNull())
			.addColumn('ends_at', 'text', (c) => c.notNull())
			.addColumn('time_zone', 'text', (c) => c.notNull())
			.addColumn('mode', 'text', (c) => c.notNull().check(oneOf('mode', ['in_person', 'online', 'hybrid'])))
			.addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
			.addColumn('online_url', 'text')
			.addColumn('languages', 'text', (c) => c.notNull().defaultTo('[]'))
			.addColumn('capacity', 'integer')
			.addColumn('registration_closes_at', 'text')
			.addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', ['scheduled', 'cancelled'])))
			.addColumn('host_city_id', 'text')
			.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
			.addColumn('created_by', 'text')
	).execute();
	await db.schema.createIndex('network_event_start').on('network_event').columns(['starts_at']).execute();

	await stamped(
		db.schema
			.createTable('network_event_registration')
			.addColumn('event_id', 'text', (c) => c.notNull().references('network_event.id').onDelete('cascade'))
			.addColumn('person_id', 'text', (c) => c.notNull())
			.addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', ['registered', 'waitlisted', 'cancelled'])))
			.addPrimaryKeyConstraint('network_event_registration_pk', ['event_id', 'person_id'])
	).execute();
	await db.schema.createIndex('network_event_registration_queue').on('network_event_registration').columns(['event_id', 'status', 'created_at']).execute();
	await db.schema.createIndex('network_event_registration_person').on('network_event_registration').columns(['person_id']).execute();

	await db.schema
		.createTable('network_event_material')
		.addColumn('event_id', 'text', (c) => c.notNull().references('network_event.id').onDelete('cascade'))
		.addColumn('id', 'text', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('url', 'text')
		.addColumn('file_key', 'text')
		.addColumn('file_name', 'text')
		.addColumn('content_type', 'text')
		.addColumn('size', 'integer')
		.addColumn('sha256', 'text')
		.addColumn('layer', 'text', (c) => c.notNull().check(oneOf('layer', ['public', 'practitioners'])))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('network_event_material_pk', ['event_id', 'id'])
		.execute();
}

function quoteIdent(name: string): string {
	return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Makes sure `pg_trgm` is there (in `public`, so that dropping one schema never drops it for the
 * others sharing the database) and returns the schema it lives in; undefined when it cannot be
 * created (no privilege, not installed on the server). Runs in a savepoint so that a refusal does
 * not abort the migration's transaction, and under an advisory lock so that two databases
 * migrating at once on one server do not race to create it.
 */
async function trigramSchema(db: Kysely<any>): Promise<string | undefined> {
	const find = async () =>
		(await sql<{ schema: string }>`select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`.execute(db)).rows[0]?.schema;
	const existing = await find();
	if (existing) return existing;
	await sql`savepoint network_trgm`.execute(db);
	try {
		await sql`select pg_advisory_xact_lock(hashtext('rightscity:pg_trgm'))`.execute(db);
		await sql`create extension if not exists pg_trgm schema public`.execute(db);
		await sql`release savepoint network_trgm`.execute(db);
	} catch {
		await sql`rollback to savepoint network_trgm`.execute(db);
		return undefined;
	}
	return find();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'network_event_material',
		'network_event_registration',
		'network_event',
		'digest_sent',
		'network_follow',
		'thread_post',
		'thread',
		'practice_adoption',
		'practice_attachment',
		'practice_link',
		'practice_tag'
	]) {
		await db.schema.dropTable(table).execute();
	}
	if (dialectOf(db) === 'sqlite') {
		await sql`drop table practice_words`.execute(db);
		await sql`drop table practice_fts`.execute(db);
	}
	for (const table of ['practice_doc', 'practice', 'pairing_note', 'pairing_meeting', 'pairing_goal', 'pairing', 'practitioner_grant', 'network_membership', 'network_request', 'network_organisation']) {
		await db.schema.dropTable(table).execute();
	}
}
