/**
 * The authorization matrix's vocabulary, shared by the browser test that walks every route
 * (tests/e2e/authorization-matrix.spec.ts) and by each module's `<module>.matrix.ts`, which its
 * manifest names: the kinds of user, the status each gets, and the objects a module's forms need.
 *
 * @example
 *   // src/lib/server/petitions/petitions.matrix.ts
 *   export const expectations: Record<string, Expectation> = {
 *     'GET /cities/[slug=slug]/petitions': { path: `/cities/${CITY_A}/petitions`, expect: all(200) }
 *   };
 */
import type { Db } from '../db/database.ts';
import type { Actor } from '../accounts/index.ts';

/** City A (where residentA, officerA and adminA hold their roles) and city B (adminB's). */
export const CITY_A = 'york';
export const CITY_B = 'graz';
export const ACTORS = ['anonymous', 'residentA', 'officerA', 'adminA', 'adminB', 'networkAdmin'] as const;
export type ActorName = (typeof ACTORS)[number];
/** officerA's department in York (the demo plan's housing department). */
export const OFFICER_A_DEPARTMENT = 'housing';

export type Statuses = Record<ActorName, number>;

/** What the tests know before the modules build their objects. */
export interface MatrixWorldBase {
	tokens: Record<ActorName, string | null>;
	/** The person behind each signed-in actor. */
	personIds: Partial<Record<ActorName, string>>;
	cityIdA: string;
	/** A resident of city B to grant roles to. */
	someoneEmail: string;
	someoneId: string;
	/** What each module's `world` made, by module name. */
	modules: Record<string, unknown>;
}

export interface Expectation<W = MatrixWorldBase> {
	/**
	 * Concrete path for the route pattern (defaults to the pattern itself); a function of the world
	 * when the object is one the world made (each browser-test worker makes its own).
	 */
	path?: string | ((world: W) => string);
	/** Valid form fields for an action, so the answer is about who asks, not what they sent. */
	form?: (actor: ActorName, world: W) => Record<string, string>;
	/** A file upload form: the file field's name and content. */
	file?: { field: string; name: string; mimeType: string; content: string };
	/** Ends the actor's session (sign out): runs after everything else for that actor. */
	last?: boolean;
	expect: Statuses;
}

/** What a module's world builder gets: the database of the server under test, city A, its admin. */
export interface MatrixWorldContext {
	db: Db;
	cityIdA: string;
	adminA: Actor;
	/** Unique per test run (for names). */
	run: number;
	/** Where the server keeps its files. */
	dataDir: string;
}

/** A module's part of the matrix: its routes' expectations and, optionally, objects its forms need. */
export interface MatrixModule<W = unknown> {
	expectations: Record<string, Expectation<MatrixWorldBase & { modules: Record<string, W> }>>;
	world?: (context: MatrixWorldContext) => Promise<W>;
}

export const all = (status: number): Statuses => ({ anonymous: status, residentA: status, officerA: status, adminA: status, adminB: status, networkAdmin: status });
export const anonymousOnly = (status: number, signedIn: number): Statuses => ({ ...all(signedIn), anonymous: status });
export const signedIn = (status: number, anonymous = 303): Statuses => ({ ...all(status), anonymous });
export const cityAdminOnly = (ok: number): Statuses => ({ anonymous: 303, residentA: 403, officerA: 403, adminA: ok, adminB: 403, networkAdmin: ok });
/** A city's staff area: its admins, its officers and the network admin. */
export const staffArea = (ok: number): Statuses => ({ ...cityAdminOnly(ok), officerA: ok });

/** The concrete path an expectation is checked at, in `world`. */
export function concretePath<W>(expectation: Pick<Expectation<W>, 'path'>, world: W, route: string): string {
	const path = expectation.path;
	return (typeof path === 'function' ? path(world) : path) ?? route;
}
