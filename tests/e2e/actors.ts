// The people of the authorization tests, made directly in the e2e server's database:
// anonymous, a resident, an officer and the admin of city A (York), the admin of city B (Graz),
// and a network admin. Each signed-in actor gets a real session token for the `session` cookie.
import path from 'node:path';
import { openDatabase } from '../../src/lib/server/db/database.ts';
import { createAdmin } from '../../src/lib/server/accounts/roles.service.ts';
import { loadActor, startSession } from '../../src/lib/server/accounts/sessions.service.ts';
import { commitmentsWorld, type CommitmentsWorld } from './matrix/commitments-world.ts';

export const CITY_A = 'york';
export const CITY_B = 'graz';
export const ACTORS = ['anonymous', 'residentA', 'officerA', 'adminA', 'adminB', 'networkAdmin'] as const;
export type ActorName = (typeof ACTORS)[number];

export interface MatrixWorld {
	tokens: Record<ActorName, string | null>;
	/** The person behind each signed-in actor (for a fresh session: see `freshToken`). */
	personIds: Partial<Record<ActorName, string>>;
	/** Ids the forms need (city ids, a person to grant roles to). */
	cityIdA: string;
	someoneEmail: string;
	someoneId: string;
	/** York objects for the commitments admin routes (matrix/commitments-world.ts). */
	commitments: CommitmentsWorld;
}

/** officerA's department in York (the demo plan's housing department). */
export const OFFICER_A_DEPARTMENT = 'housing';

let world: Promise<MatrixWorld> | undefined;

/** Session tokens per actor (null for anonymous) and the ids forms need; made once per test run. */
export function matrixWorld(): Promise<MatrixWorld> {
	world ??= (async () => {
		const database = await openDatabase({ dialect: 'sqlite', path: path.join(process.env.E2E_DATA_DIR!, 'rightscity.sqlite') });
		try {
			const run = Date.now();
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
			const commitments = await commitmentsWorld(database.db, city.id, (await loadActor(database.db, people.adminA!))!, run);
			return { tokens, personIds: people as Partial<Record<ActorName, string>>, cityIdA: city.id, someoneEmail, someoneId: someone.personId, commitments };
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
	const database = await openDatabase({ dialect: 'sqlite', path: path.join(process.env.E2E_DATA_DIR!, 'rightscity.sqlite') });
	try {
		return (await startSession(database.db, personIds[name]!, { ip: '127.0.0.1', userAgent: 'e2e' })).token;
	} finally {
		await database.close();
	}
}
