// The people of the authorization tests, made directly in the e2e server's database:
// anonymous, a resident, an officer and the admin of city A (York), the admin of city B (Graz),
// and a network admin. Each signed-in actor gets a real session token for the `session` cookie.
// Every module with a `matrix` in its manifest adds its routes' expectations and, where its forms
// need them, its own objects (`world.modules.<name>`).
import path from 'node:path';
import { openDatabase } from '../../src/lib/server/db/database.ts';
import { createAdmin, loadActor, startSession } from '../../src/lib/server/accounts/index.ts';
import { modules } from '../../src/lib/server/modules.ts';
import { CITY_A, CITY_B, OFFICER_A_DEPARTMENT, type ActorName, type Expectation, type MatrixModule, type MatrixWorldBase } from '../../src/lib/server/testing/matrix.ts';

export { ACTORS, CITY_A, CITY_B, OFFICER_A_DEPARTMENT, type ActorName } from '../../src/lib/server/testing/matrix.ts';
export type MatrixWorld = MatrixWorldBase;

const dataDir = () => process.env.E2E_DATA_DIR!;
/**
 * The e2e server's own database (SQLite in E2E_DATA_DIR). The tests' writes share the write lock
 * with the server and with the other worker (each builds its matrix world at the same time), so
 * they wait for it longer than a web request would (a test that gives up fails for nothing).
 */
export const openServerDatabase = () => openDatabase({ dialect: 'sqlite', path: path.join(dataDir(), 'rightscity.sqlite') }, { writeWaitMs: 60_000 });

let loaded: Promise<{ name: string; matrix: MatrixModule }[]> | undefined;

/** Every module's matrix part, in module order. */
function matrixModules(): Promise<{ name: string; matrix: MatrixModule }[]> {
	loaded ??= Promise.all(modules.filter((module) => module.matrix).map(async (module) => ({ name: module.name, matrix: (await module.matrix!()) as unknown as MatrixModule })));
	return loaded;
}

/** The expectations of every module's routes; a route two modules claim is a mistake. */
export async function matrixExpectations(): Promise<Record<string, Expectation>> {
	const all: Record<string, Expectation> = {};
	for (const { name, matrix } of await matrixModules()) {
		for (const [key, expectation] of Object.entries(matrix.expectations)) {
			if (all[key]) throw new Error(`${key} is in the matrix of two modules (the second: ${name})`);
			all[key] = expectation as Expectation;
		}
	}
	return all;
}

let world: Promise<MatrixWorld> | undefined;

/** Session tokens per actor (null for anonymous) and the ids forms need; made once per test run. */
export function matrixWorld(): Promise<MatrixWorld> {
	world ??= (async () => {
		const database = await openServerDatabase();
		try {
			// Unique per run and per Playwright worker (each worker builds its own world).
			const run = Date.now() * 100 + Number(process.env.TEST_WORKER_INDEX ?? 0);
			const people: Partial<Record<string, string>> = {};
			const make = async (role: Parameters<typeof createAdmin>[1]['role'], city: string | undefined, name: string) => {
				const { personId } = await createAdmin(database.db, { email: `${name}-${run}@example.org`, role, citySlug: city, displayName: name });
				people[name] = personId;
				return (await startSession(database.db, personId, { ip: '127.0.0.1', userAgent: 'matrix' })).token;
			};
			const tokens = {
				anonymous: null,
				residentA: await make('resident', CITY_A, 'residentA'),
				officerA: await make('officer', CITY_A, 'officerA'),
				adminA: await make('city_admin', CITY_A, 'adminA'),
				adminB: await make('city_admin', CITY_B, 'adminB'),
				networkAdmin: await make('network_admin', undefined, 'networkAdmin')
			};
			const someoneEmail = `someone-${run}@example.org`;
			const someone = await createAdmin(database.db, { email: someoneEmail, role: 'resident', citySlug: CITY_B, displayName: 'someone' });
			const city = await database.db.selectFrom('city').select('id').where('slug', '=', CITY_A).executeTakeFirstOrThrow();
			// officerA serves in York's housing department (an officer's role names it by code).
			await database.db.updateTable('city_role').set({ department: OFFICER_A_DEPARTMENT }).where('person_id', '=', people.officerA!).where('role', '=', 'officer').execute();
			const adminA = (await loadActor(database.db, people.adminA!))!;
			const built: Record<string, unknown> = {};
			for (const { name, matrix } of await matrixModules()) {
				if (matrix.world) built[name] = await matrix.world({ db: database.db, cityIdA: city.id, adminA, run, dataDir: dataDir() });
			}
			return { tokens, personIds: people as Partial<Record<ActorName, string>>, cityIdA: city.id, someoneEmail, someoneId: someone.personId, modules: built };
		} finally {
			await database.close();
		}
	})();
	return world;
}

/**
 * A new session for one of the matrix actors. The matrix ends its actors' sessions at the end
 * (sign out, sign out everywhere), so a spec that runs after it must not reuse `tokens`.
 */
export async function freshToken(name: Exclude<ActorName, 'anonymous'>): Promise<string> {
	const { personIds } = await matrixWorld();
	const database = await openServerDatabase();
	try {
		return (await startSession(database.db, personIds[name]!, { ip: '127.0.0.1', userAgent: 'e2e' })).token;
	} finally {
		await database.close();
	}
}
