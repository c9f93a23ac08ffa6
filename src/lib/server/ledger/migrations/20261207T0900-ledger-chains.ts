/**
 * Chains without a key to `city`: databases made before the ledger was a module of its own have
 * `ledger_entry.city_id` and `ledger_head.city_id` referencing `city(id)`. The ledger keeps one
 * chain per city and one for the network (`network`, not a city), and knows no other module's
 * tables, so the reference goes. Databases made since never had it: nothing to do there.
 */
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../../db/dialect.ts';

const TABLES = ['ledger_entry', 'ledger_head'] as const;

async function sqliteHasCityKey(db: Kysely<any>, table: string): Promise<boolean> {
	const keys = await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${table})`.execute(db);
	return keys.rows.some((key) => key.table === 'city');
}

/** SQLite cannot drop a constraint: copy the table into one made without it. */
async function rebuildWithoutKey(db: Kysely<any>, table: (typeof TABLES)[number]): Promise<void> {
	const created = await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = ${table}`.execute(db);
	const ddl = created.rows[0]!.sql.replace(/\s+references\s+"?city"?\s*\("?id"?\)/gi, '').replace(new RegExp(`create table "?${table}"?`, 'i'), `create table "${table}_rebuilt"`);
	const indexes = await sql<{ sql: string }>`select sql from sqlite_master where type = 'index' and tbl_name = ${table} and sql is not null`.execute(db);
	await sql.raw(ddl).execute(db);
	await sql.raw(`insert into "${table}_rebuilt" select * from "${table}"`).execute(db);
	await sql.raw(`drop table "${table}"`).execute(db);
	await sql.raw(`alter table "${table}_rebuilt" rename to "${table}"`).execute(db);
	for (const index of indexes.rows) await sql.raw(index.sql).execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
	if (dialectOf(db) === 'postgres') {
		for (const table of TABLES) {
			const keys = await sql<{ name: string }>`
				select constraint_name as name from information_schema.table_constraints
				where table_schema = current_schema() and table_name = ${table} and constraint_type = 'FOREIGN KEY'`.execute(db);
			for (const key of keys.rows) await sql`alter table ${sql.table(table)} drop constraint ${sql.ref(key.name)}`.execute(db);
		}
		return;
	}
	for (const table of TABLES) if (await sqliteHasCityKey(db, table)) await rebuildWithoutKey(db, table);
}

export async function down(): Promise<void> {
	// Nothing to restore: the chains never needed the key.
}
