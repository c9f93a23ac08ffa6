// What the authorization matrix expects of one route: its concrete path, a valid form, and the
// status for each kind of user. Modules keep their own expectations beside this file.
import type { ActorName, MatrixWorld } from '../actors.ts';

export type Statuses = Record<ActorName, number>;
export interface Expectation {
	/** Concrete path for the route pattern (defaults to the pattern itself). */
	path?: string;
	/** Valid form fields for an action, so the answer is about who asks, not what they sent. */
	form?: (actor: ActorName, world: MatrixWorld) => Record<string, string>;
	/** A file upload form: the file field's name and content. */
	file?: { field: string; name: string; mimeType: string; content: string };
	/** Ends the actor's session (sign out): runs after everything else for that actor. */
	last?: boolean;
	expect: Statuses;
}

export const anonymousOnly = (status: number, signedIn: number): Statuses => ({ ...all(signedIn), anonymous: status });
export const all = (status: number): Statuses => ({ anonymous: status, residentA: status, officerA: status, adminA: status, adminB: status, networkAdmin: status });
export const signedIn = (status: number, anonymous = 303): Statuses => ({ ...all(status), anonymous });
export const cityAdminOnly = (ok: number): Statuses => ({ anonymous: 303, residentA: 403, officerA: 403, adminA: ok, adminB: 403, networkAdmin: ok });

