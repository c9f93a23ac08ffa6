/**
 * Reference frameworks (network-level): schemes, entries and per-locale labels, seeded from the
 * project's data files so every database starts with the same codes.
 */
import type { Kysely } from 'kysely';
import { seedFrameworks } from '../frameworks.seed.ts';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('framework_scheme')
		.addColumn('code', 'text', (c) => c.primaryKey())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('source', 'text', (c) => c.notNull())
		.addColumn('confirmed', 'integer', (c) => c.notNull())
		.addColumn('note', 'text')
		.execute();
	await db.schema
		.createTable('framework_entry')
		.addColumn('code', 'text', (c) => c.primaryKey())
		.addColumn('scheme', 'text', (c) => c.notNull().references('framework_scheme.code'))
		.addColumn('parent_code', 'text', (c) => c.references('framework_entry.code'))
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('label', 'text', (c) => c.notNull())
		.addColumn('description', 'text')
		.addColumn('confirmed', 'integer', (c) => c.notNull())
		.addColumn('note', 'text')
		.execute();
	await db.schema.createIndex('framework_entry_scheme_position').on('framework_entry').columns(['scheme', 'position']).execute();
	await db.schema
		.createTable('framework_label')
		.addColumn('code', 'text', (c) => c.notNull().references('framework_entry.code'))
		.addColumn('locale', 'text', (c) => c.notNull())
		.addColumn('label', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('framework_label_pk', ['code', 'locale'])
		.execute();
	await seedFrameworks(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('framework_label').execute();
	await db.schema.dropTable('framework_entry').execute();
	await db.schema.dropTable('framework_scheme').execute();
}
