// A module lands as a folder and one line in the module list: this test adds a tiny example
// module (petitions, defined here and not shipped) to the installed list and shows that it gets
// its table from its migration, its ledger entity type, its error code's HTTP status, its CLI
// command and its demo seed — with no other central file edited. The builders it calls are the
// ones migrate.ts, modules.ts, the CLI and the web edge call with the installed list.
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from './db/database.ts';
import { nowIso, uuidv7 } from './db/ids.ts';
import { migrateToLatest } from './db/migrate.ts';
import { seedDemo } from './demo/seed-demo.ts';
import { CORE_ERRORS } from './errors.ts';
import { commandsOf, errorStatusesOf, ledgerEntityTypesOf, tableTypes, type ModuleManifest } from './module.ts';
import { modules } from './modules.ts';
import { ledgered, ledgeredRow, readLedgerPage, verifyLedger } from './ledger/index.ts';
import { systemActor, type MaybeActor } from './accounts/index.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from './testing/test-database.ts';
import { createCity } from './testing/factories.ts';
import { message } from '../i18n/messages.ts';
import { LOCALES } from '../i18n/locales.ts';

// ——— The example module: what would be src/lib/server/petitions/index.ts and its files ———

interface PetitionTable {
	city_id: string;
	id: string;
	title: string;
	created_at: string;
}
interface PetitionTables {
	petition: PetitionTable;
}
interface Petition {
	id: string;
	title: string;
}

const petitionsMigration = {
	up: async (db: Kysely<any>) => {
		await db.schema
			.createTable('petition')
			.addColumn('city_id', 'text', (c) => c.notNull())
			.addColumn('id', 'text', (c) => c.notNull())
			.addColumn('title', 'text', (c) => c.notNull())
			.addColumn('created_at', 'text', (c) => c.notNull())
			.addPrimaryKeyConstraint('petition_pk', ['city_id', 'id'])
			.execute();
	}
};

const petitionRow = ledgeredRow<Petition>({ entityType: 'petition', snapshot: (petition) => ({ title: petition.title }) });

/** The module's one use case: a petition, in the city's ledger. */
async function startPetition(db: Db, actor: MaybeActor, cityId: string, title: string): Promise<Petition> {
	return ledgered.create(db, petitionRow, { cityId, actor }, {
		insert: async (trx) => {
			const petition = { id: uuidv7(), title };
			await (trx as unknown as Kysely<PetitionTables>).insertInto('petition').values({ city_id: cityId, ...petition, created_at: nowIso() }).execute();
			return petition;
		}
	});
}

const ERRORS = { petition_not_found: 404 } as const;
const petitions: ModuleManifest<PetitionTables, keyof typeof ERRORS> = {
	name: 'petitions',
	tables: tableTypes<PetitionTables>(),
	migrations: { '20270101T0900-petitions': petitionsMigration },
	ledgerEntityTypes: [{ type: 'petition', page: 'petitions' }],
	errors: ERRORS,
	seedDemo: async (db) => {
		const city = await db.selectFrom('city').select('id').where('slug', '=', 'york').executeTakeFirst();
		if (city) await startPetition(db, systemActor('demo', [city.id]), city.id, 'A bench in every park');
	},
	commands: () => [{ name: 'count-petitions', summary: 'Count the petitions', options: [], run: async () => 0 }]
};

// ——— "One line in the module list" ———
const withPetitions = [...modules, petitions] as const;

describe.each(DIALECTS)('a module added as a folder and one line in the list, on %s', (dialect) => {
	let database: TestDatabase;
	beforeEach(async () => (database = await createTestDatabase(dialect)));
	afterEach(() => database.cleanup());

	it('gets its table from its migration, and writes to the city ledger with its own entity type', async () => {
		const applied = await migrateToLatest(database.db, database.schema, withPetitions);
		expect(applied).toEqual(['20270101T0900-petitions']);
		const city = await createCity(database.db, { slug: 'petitionville' });
		const petition = await startPetition(database.db, systemActor('cli', [city.id]), city.id, 'Open the library on Sundays');
		const { entries } = await readLedgerPage(database.db, city.id, {});
		expect(entries).toMatchObject([{ entity_type: 'petition', entity_id: petition.id, action: 'create', actor_role: 'cli', change: { title: [null, 'Open the library on Sundays'] } }]);
		expect(await verifyLedger(database.db, city.id)).toMatchObject({ ok: true, entries: 1 });
	});

	it('seeds its demo data after the modules it builds on, through its own use case', async () => {
		await migrateToLatest(database.db, database.schema, withPetitions);
		await seedDemo(database.db, { modules: withPetitions });
		const titles = await (database.db as unknown as Kysely<PetitionTables>).selectFrom('petition').select('title').execute();
		expect(titles).toEqual([{ title: 'A bench in every park' }]);
	}, 60_000); // the whole demo network: seconds on a busy machine
});

describe('the central lists built from the module list', () => {
	it('take the new module’s ledger type, error status and CLI command', () => {
		expect(ledgerEntityTypesOf(withPetitions).map((spec) => spec.type)).toContain('petition');
		expect(errorStatusesOf(withPetitions, CORE_ERRORS).get('petition_not_found')).toBe(404);
		expect(commandsOf(withPetitions).map((command) => command.name)).toContain('count-petitions');
	});

	it('refuse a second owner of a ledger type, an error code or a command name', () => {
		const clash = { ...petitions, name: 'clash' };
		expect(() => ledgerEntityTypesOf([...withPetitions, clash])).toThrow('"petition" is declared by both petitions and clash');
		expect(() => errorStatusesOf([...withPetitions, clash], CORE_ERRORS)).toThrow('petition_not_found');
		expect(() => commandsOf([...withPetitions, clash])).toThrow('count-petitions');
		expect(() => ledgerEntityTypesOf([...modules, { ...petitions, ledgerEntityTypes: [{ type: 'action' }] }])).toThrow('"action" is declared by both commitments and petitions');
	});
});

describe('the installed modules', () => {
	it('name every ledger entity type they declare in every language (their catalogue’s ledger_type_<type>)', () => {
		for (const { type } of ledgerEntityTypesOf(modules)) {
			for (const locale of LOCALES) expect(message(`ledger_type_${type}`, {}, { locale }), `${type} in ${locale}`).not.toBe(`ledger_type_${type}`);
		}
	});
});
