// A database made before the ledger was a module of its own: its ledger tables came with the
// commitments migration and referenced `city`. Migrating it records the ledger's own migration as
// done, drops the reference (keeping every entry and index), and then holds chains that are not
// cities — the network's.
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../db/migrate.ts';
import { modules } from '../../modules.ts';
import { appendLedger, NETWORK_CHAIN, readLedgerHead, verifyLedger } from '../index.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../testing/test-database.ts';
import { nowIso, uuidv7 } from '../../db/ids.ts';

const LEDGER_CHAINS = '20261207T0900-ledger-chains';

/** The ledger's tables as the commitments migration of 2026-11-23 made them (the fixture). */
async function createLegacyLedgerTables(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('ledger_entry')
		.addColumn('city_id', 'text', (c) => c.notNull().references('city.id'))
		.addColumn('seq', 'integer', (c) => c.notNull())
		.addColumn('at', 'text', (c) => c.notNull())
		.addColumn('actor_role', 'text', (c) => c.notNull())
		.addColumn('actor_id', 'text')
		.addColumn('entity_type', 'text', (c) => c.notNull())
		.addColumn('entity_id', 'text', (c) => c.notNull())
		.addColumn('entity_ref', 'text')
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('change', 'text', (c) => c.notNull())
		.addColumn('prev_hash', 'text', (c) => c.notNull())
		.addColumn('hash', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('ledger_entry_pk', ['city_id', 'seq'])
		.execute();
	await db.schema.createIndex('ledger_entry_by_entity').on('ledger_entry').columns(['city_id', 'entity_id', 'seq']).execute();
	await db.schema.createIndex('ledger_entry_by_type').on('ledger_entry').columns(['city_id', 'entity_type', 'seq']).execute();
	await db.schema.createIndex('ledger_entry_by_ref').on('ledger_entry').columns(['city_id', 'entity_ref', 'seq']).execute();
	await db.schema.createTable('ledger_head').addColumn('city_id', 'text', (c) => c.primaryKey().references('city.id')).addColumn('seq', 'integer', (c) => c.notNull()).addColumn('hash', 'text', (c) => c.notNull()).execute();
}

async function referencesToCity(database: TestDatabase): Promise<number> {
	if (database.dialect === 'sqlite') {
		const rows = await sql<{ table: string }>`select "table" from pragma_foreign_key_list('ledger_entry') union all select "table" from pragma_foreign_key_list('ledger_head')`.execute(database.db);
		return rows.rows.filter((row) => row.table === 'city').length;
	}
	const rows = await sql<{ name: string }>`select constraint_name as name from information_schema.table_constraints where table_schema = current_schema() and table_name in ('ledger_entry', 'ledger_head') and constraint_type = 'FOREIGN KEY'`.execute(database.db);
	return rows.rows.length;
}

describe.each(DIALECTS)('the ledger becoming a module of its own, on %s', (dialect) => {
	let database: TestDatabase;
	beforeEach(async () => {
		database = await createTestDatabase(dialect, { migrate: false });
	});
	afterEach(() => database.cleanup());

	it('adopts the old tables, drops their key to city, keeps every entry, and then holds the network chain', async () => {
		// The old database: every migration older than the ledger's own (the ledger had none then),
		// and the ledger tables the commitments migration made.
		const before = modules
			.filter((module) => module.name !== 'ledger')
			.map((module) => ({ name: module.name, migrations: Object.fromEntries(Object.entries(module.migrations).filter(([name]) => name < LEDGER_CHAINS)) }));
		await migrateToLatest(database.db, database.schema, before);
		await createLegacyLedgerTables(database.db);
		// A city row as the cities table had it then (the factory writes today's columns).
		const city = { id: uuidv7(), slug: 'oldtown' };
		await sql`insert into city (id, slug, name, display_name, country_code, region, latitude, longitude, process, created_at, updated_at) values (${city.id}, ${city.slug}, 'Oldtown', 'Oldtown', 'SE', 'Europe', 59.3, 18.1, 'formal', ${nowIso()}, ${nowIso()})`.execute(database.db);
		for (let index = 0; index < 3; index += 1) await appendLedger(database.db, { cityId: city.id, actor: null, actorRole: 'cli', entityType: 'action', entityId: `a${index}`, entityRef: `A-2025-00${index + 1}`, action: 'create', change: { title: [null, `Action ${index}`] } });
		expect(await referencesToCity(database)).toBeGreaterThan(0);
		const head = await readLedgerHead(database.db, city.id);

		const applied = await migrateToLatest(database.db, database.schema);
		expect(applied[0]).toBe(LEDGER_CHAINS);
		expect(applied.every((name) => name >= LEDGER_CHAINS)).toBe(true);
		expect(await referencesToCity(database)).toBe(0);
		expect(await readLedgerHead(database.db, city.id)).toEqual(head);
		expect(await verifyLedger(database.db, city.id)).toMatchObject({ ok: true, entries: 3 });

		await appendLedger(database.db, { cityId: NETWORK_CHAIN, actor: null, actorRole: 'network_admin', entityType: 'membership', entityId: city.id, action: 'create', change: { status: [null, 'member'] } });
		expect(await verifyLedger(database.db, NETWORK_CHAIN)).toMatchObject({ ok: true, entries: 1 });
		// Running again changes nothing.
		expect(await migrateToLatest(database.db, database.schema)).toEqual([]);
	});

	it('makes the chains without a key to city on a new database', async () => {
		await migrateToLatest(database.db, database.schema);
		expect(await referencesToCity(database)).toBe(0);
	});
});
