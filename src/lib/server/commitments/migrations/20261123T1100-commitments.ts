/**
 * Commitments: declarations, departments, action plans, commitments and their tags, actions,
 * milestones, progress updates with evidence (the ledger's tables are the ledger module's). Every
 * key leads with `city_id`; references stay inside one city (composite keys), so a city can later be sharded.
 */
import type { CreateTableBuilder, Kysely } from 'kysely';

function owned(table: CreateTableBuilder<any, any>): CreateTableBuilder<any, any> {
	return table
		.addColumn('city_id', 'text', (c) => c.notNull().references('city.id').onDelete('cascade'))
		.addColumn('id', 'text', (c) => c.notNull());
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
		owned(db.schema.createTable('declaration'))
			.addColumn('ref', 'text', (c) => c.notNull())
			.addColumn('title', 'text', (c) => c.notNull())
			.addColumn('adopted_on', 'text')
			.addColumn('adopted_by', 'text', (c) => c.notNull())
			.addColumn('process', 'text', (c) => c.notNull())
			.addColumn('instruments', 'text', (c) => c.notNull().defaultTo('[]'))
			.addColumn('full_text', 'text', (c) => c.notNull().defaultTo('{}'))
			.addColumn('source_url', 'text')
	)
		.addPrimaryKeyConstraint('declaration_pk', ['city_id', 'id'])
		.addUniqueConstraint('declaration_ref', ['city_id', 'ref'])
		.execute();

	await versioned(
		owned(db.schema.createTable('department'))
			.addColumn('code', 'text', (c) => c.notNull())
			.addColumn('name', 'text', (c) => c.notNull())
	)
		.addPrimaryKeyConstraint('department_pk', ['city_id', 'id'])
		.addUniqueConstraint('department_code', ['city_id', 'code'])
		.execute();

	await versioned(
		owned(db.schema.createTable('action_plan'))
			.addColumn('ref', 'text', (c) => c.notNull())
			.addColumn('declaration_id', 'text')
			.addColumn('title', 'text', (c) => c.notNull())
			.addColumn('period_start', 'integer', (c) => c.notNull())
			.addColumn('period_end', 'integer', (c) => c.notNull())
			.addColumn('rollup', 'text', (c) => c.notNull().defaultTo('weighted'))
	)
		.addPrimaryKeyConstraint('action_plan_pk', ['city_id', 'id'])
		.addUniqueConstraint('action_plan_ref', ['city_id', 'ref'])
		.addForeignKeyConstraint('action_plan_declaration', ['city_id', 'declaration_id'], 'declaration', ['city_id', 'id'])
		.execute();

	await versioned(
		owned(db.schema.createTable('commitment'))
			.addColumn('ref', 'text', (c) => c.notNull())
			.addColumn('declaration_id', 'text')
			.addColumn('plan_id', 'text')
			.addColumn('title', 'text', (c) => c.notNull())
			.addColumn('description', 'text', (c) => c.notNull().defaultTo('{}'))
			.addColumn('duty', 'text')
			.addColumn('groups', 'text', (c) => c.notNull().defaultTo('[]'))
			.addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
	)
		.addPrimaryKeyConstraint('commitment_pk', ['city_id', 'id'])
		.addUniqueConstraint('commitment_ref', ['city_id', 'ref'])
		.addForeignKeyConstraint('commitment_declaration', ['city_id', 'declaration_id'], 'declaration', ['city_id', 'id'])
		.addForeignKeyConstraint('commitment_plan', ['city_id', 'plan_id'], 'action_plan', ['city_id', 'id'])
		.execute();

	await db.schema
		.createTable('commitment_tag')
		.addColumn('city_id', 'text', (c) => c.notNull())
		.addColumn('commitment_id', 'text', (c) => c.notNull())
		.addColumn('code', 'text', (c) => c.notNull())
		.addColumn('implied', 'integer', (c) => c.notNull().defaultTo(0))
		.addPrimaryKeyConstraint('commitment_tag_pk', ['city_id', 'commitment_id', 'code'])
		.addForeignKeyConstraint('commitment_tag_commitment', ['city_id', 'commitment_id'], 'commitment', ['city_id', 'id'], (fk) => fk.onDelete('cascade'))
		.execute();
	await db.schema.createIndex('commitment_tag_code').on('commitment_tag').columns(['city_id', 'code']).execute();

	await versioned(
		owned(db.schema.createTable('action'))
			.addColumn('ref', 'text', (c) => c.notNull())
			.addColumn('plan_id', 'text', (c) => c.notNull())
			.addColumn('commitment_id', 'text')
			.addColumn('parent_id', 'text')
			.addColumn('title', 'text', (c) => c.notNull())
			.addColumn('description', 'text', (c) => c.notNull().defaultTo('{}'))
			.addColumn('lead_officer_id', 'text', (c) => c.references('person.id').onDelete('set null'))
			.addColumn('budget_amount', 'real')
			.addColumn('budget_currency', 'text')
			.addColumn('start_date', 'text')
			.addColumn('due_date', 'text')
			.addColumn('status', 'text', (c) => c.notNull().defaultTo('planned'))
			.addColumn('status_reason', 'text', (c) => c.notNull().defaultTo('{}'))
			.addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
			.addColumn('weight', 'real', (c) => c.notNull().defaultTo(1))
			.addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
	)
		.addPrimaryKeyConstraint('action_pk', ['city_id', 'id'])
		.addUniqueConstraint('action_ref', ['city_id', 'ref'])
		.addForeignKeyConstraint('action_plan_fk', ['city_id', 'plan_id'], 'action_plan', ['city_id', 'id'])
		.addForeignKeyConstraint('action_commitment_fk', ['city_id', 'commitment_id'], 'commitment', ['city_id', 'id'])
		.addForeignKeyConstraint('action_parent_fk', ['city_id', 'parent_id'], 'action', ['city_id', 'id'])
		.execute();
	await db.schema.createIndex('action_by_plan').on('action').columns(['city_id', 'plan_id', 'position']).execute();
	await db.schema.createIndex('action_by_commitment').on('action').columns(['city_id', 'commitment_id']).execute();
	await db.schema.createIndex('action_by_parent').on('action').columns(['city_id', 'parent_id']).execute();
	await db.schema.createIndex('action_by_due').on('action').columns(['city_id', 'due_date']).execute();

	await db.schema
		.createTable('action_department')
		.addColumn('city_id', 'text', (c) => c.notNull())
		.addColumn('action_id', 'text', (c) => c.notNull())
		.addColumn('department_id', 'text', (c) => c.notNull())
		.addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
		.addPrimaryKeyConstraint('action_department_pk', ['city_id', 'action_id', 'department_id'])
		.addForeignKeyConstraint('action_department_action', ['city_id', 'action_id'], 'action', ['city_id', 'id'], (fk) => fk.onDelete('cascade'))
		.addForeignKeyConstraint('action_department_department', ['city_id', 'department_id'], 'department', ['city_id', 'id'])
		.execute();
	await db.schema.createIndex('action_department_by_department').on('action_department').columns(['city_id', 'department_id']).execute();

	await owned(db.schema.createTable('milestone'))
		.addColumn('action_id', 'text', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('due_date', 'text', (c) => c.notNull())
		.addColumn('done_on', 'text')
		.addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addColumn('deleted_at', 'text')
		.addPrimaryKeyConstraint('milestone_pk', ['city_id', 'id'])
		.addForeignKeyConstraint('milestone_action', ['city_id', 'action_id'], 'action', ['city_id', 'id'])
		.execute();
	await db.schema.createIndex('milestone_by_action').on('milestone').columns(['city_id', 'action_id']).execute();

	await owned(db.schema.createTable('progress_update'))
		.addColumn('action_id', 'text', (c) => c.notNull())
		.addColumn('author_id', 'text', (c) => c.references('person.id').onDelete('set null'))
		.addColumn('author_role', 'text', (c) => c.notNull())
		.addColumn('text', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('progress', 'integer', (c) => c.notNull())
		.addColumn('reported_on', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('deleted_at', 'text')
		.addPrimaryKeyConstraint('progress_update_pk', ['city_id', 'id'])
		.addForeignKeyConstraint('progress_update_action', ['city_id', 'action_id'], 'action', ['city_id', 'id'])
		.execute();
	await db.schema.createIndex('progress_update_by_action').on('progress_update').columns(['city_id', 'action_id', 'reported_on']).execute();

	await owned(db.schema.createTable('evidence'))
		.addColumn('update_id', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('url', 'text')
		.addColumn('label', 'text', (c) => c.notNull())
		.addColumn('file_key', 'text')
		.addColumn('file_name', 'text')
		.addColumn('content_type', 'text')
		.addColumn('size', 'integer')
		.addColumn('sha256', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('evidence_pk', ['city_id', 'id'])
		.addForeignKeyConstraint('evidence_update', ['city_id', 'update_id'], 'progress_update', ['city_id', 'id'])
		.execute();
	await db.schema.createIndex('evidence_by_update').on('evidence').columns(['city_id', 'update_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of ['evidence', 'progress_update', 'milestone', 'action_department', 'action', 'commitment_tag', 'commitment', 'action_plan', 'department', 'declaration']) {
		await db.schema.dropTable(table).execute();
	}
}
