/**
 * The authorization matrix of the network as a community (part of network.matrix.ts): the
 * dialogue's list and moderation, the work on a pairing, the associate members' request and the
 * network admin's membership screen.
 *
 * A route's path is fixed, so the forms work on the demo's objects: the public thread T-4
 * (moderated), the pairing Bandung–Gwangju PR-2 (goals and meetings: neither York nor Graz takes
 * part) and the proposal Eugene–Seattle PR-4 (declined by the network admin). The world adds a
 * member city whose membership the network admin suspends and a person with practitioner access
 * to withdraw. Actors run one after the other (anonymous … networkAdmin), each through every route.
 */
import { insertPerson, systemActor, type Actor } from '../accounts/index.ts';
import { insertCity, newCityRow } from '../cities/index.ts';
import { nowIso, uuidv7 } from '../db/ids.ts';
import type { Expectation, MatrixWorldBase, MatrixWorldContext, Statuses } from '../testing/matrix.ts';
import { all, signedIn } from '../testing/matrix.ts';
import { getThread } from './dialogue.service.ts';
import { decideRequest, grantPractitioner, membershipOfCity, requestMembership, viewerOf } from './membership.service.ts';
import { getPairing } from './pairing.service.ts';

/** The demo's objects the forms work on (see the module comment). */
export const DEMO_MODERATED_THREAD = 'T-4';
export const DEMO_WORKED_PAIRING = 'PR-2';
export const DEMO_DECLINED_PAIRING = 'PR-4';

export interface CommunityWorld {
	run: number;
	/** The first post of the moderated thread. */
	postId: string;
	/** A goal of the worked pairing. */
	goalId: string;
	/** The declined proposal's version. */
	closingVersion: number;
	/** The membership of a new member city, which the network admin suspends. */
	membership: { id: string; version: number };
	/** A person with practitioner access, which the network admin withdraws. */
	grantedPersonId: string;
}

async function newMember(context: Pick<MatrixWorldContext, 'db' | 'run'>, operator: Actor, name: string) {
	const city = newCityRow({ name: `${name} ${context.run}`, countryCode: 'FI', latitude: 62.6, longitude: 29.76, year: 2026, process: 'informal' });
	await insertCity(context.db, city, []);
	const cityOperator: Actor = { ...operator, roles: [{ cityId: city.id, role: 'city_admin', department: null }] };
	const asked = await requestMembership(context.db, cityOperator, {
		applicant: 'city',
		cityId: city.id,
		level: 'member',
		process: 'informal',
		declaration: 'Matrix',
		motivation: 'Matrix',
		contactName: 'Matrix',
		contactRole: 'Test',
		contactEmail: 'matrix@example.org'
	});
	await decideRequest(context.db, operator, asked.id, asked.version, { decision: 'accept', reason: 'Matrix', lang: 'en' });
	return city;
}

export async function communityWorld(context: Pick<MatrixWorldContext, 'db' | 'run'>): Promise<CommunityWorld> {
	const { db } = context;
	// The CLI acting as the network admin.
	const operator: Actor = { ...systemActor('cli', []), networkAdmin: true };
	const viewer = await viewerOf(db, operator);
	const post = (await getThread(db, viewer, DEMO_MODERATED_THREAD)).posts[0];
	const goal = (await getPairing(db, DEMO_WORKED_PAIRING)).goals[0];
	if (!post || !goal) throw new Error('The matrix needs the demo network (its thread T-4 and pairing PR-2)');
	const closing = await getPairing(db, DEMO_DECLINED_PAIRING);
	const member = await newMember(context, operator, 'Matrix Suspendville');
	const membership = (await membershipOfCity(db, member.id))!;
	const personId = uuidv7();
	const now = nowIso();
	const email = `matrix-practitioner-${context.run}@example.org`;
	await insertPerson(db, { id: personId, email, display_name: 'Matrix practitioner', password_hash: '', preferred_locale: null, network_admin: 0, email_verified_at: now, created_at: now, updated_at: now });
	await grantPractitioner(db, viewer, { email, note: 'Matrix' });
	return { run: context.run, postId: post.id, goalId: goal.id, closingVersion: closing.version, membership: { id: membership.id, version: membership.version }, grantedPersonId: personId };
}

const networkAdminOnly = (ok: number): Statuses => ({ anonymous: 303, residentA: 403, officerA: 403, adminA: 403, adminB: 403, networkAdmin: ok });
/** Practitioners: staff of member cities (York and Graz are members) and the network admin. */
const practitioners = (ok: number): Statuses => ({ anonymous: 303, residentA: 403, officerA: ok, adminA: ok, adminB: ok, networkAdmin: ok });
const moderated = `/network/dialogue/${DEMO_MODERATED_THREAD}`;
const worked = `/network/pairings/${DEMO_WORKED_PAIRING}`;
const community = (base: MatrixWorldBase) => (base.modules.network as { community: CommunityWorld }).community;

export const communityExpectations: Record<string, Expectation> = {
	'GET /network/dialogue': { path: '/network/dialogue?topic=general&page=1', expect: all(200) },
	'POST /network/dialogue?/start': { path: '/network/dialogue', form: () => ({ topic: 'general', layer: 'public', title: 'Matrix thread', body: 'Hello' }), expect: practitioners(303) },
	'POST /network/dialogue?/follow': { path: '/network/dialogue', form: () => ({ topic: 'housing' }), expect: signedIn(303) },
	'POST /network/dialogue?/unfollow': { path: '/network/dialogue', form: () => ({ topic: 'housing' }), expect: signedIn(303) },
	'POST /network/dialogue/[ref]?/follow': { path: '/network/dialogue/T-1', form: () => ({}), expect: signedIn(303) },
	'POST /network/dialogue/[ref]?/unfollow': { path: '/network/dialogue/T-1', form: () => ({}), expect: signedIn(303) },
	// The network admin moderates; a city's staff, a resident and nobody signed in may not.
	'POST /network/dialogue/[ref]?/hide': { path: moderated, form: (_actor, base) => ({ postId: community(base).postId, reason: 'Matrix moderation' }), expect: networkAdminOnly(303) },
	'POST /network/dialogue/[ref]?/unhide': { path: moderated, form: (_actor, base) => ({ postId: community(base).postId }), expect: networkAdminOnly(303) },
	'POST /network/dialogue/[ref]?/lock': { path: moderated, form: () => ({}), expect: networkAdminOnly(303) },
	'POST /network/dialogue/[ref]?/unlock': { path: moderated, form: () => ({}), expect: networkAdminOnly(303) },
	// Bandung's and Gwangju's pairing: York's and Graz's staff are another city's users here.
	'POST /network/pairings/[ref]?/goal': { path: worked, form: () => ({ text: 'Matrix goal' }), expect: networkAdminOnly(303) },
	'POST /network/pairings/[ref]?/goalStatus': { path: worked, form: (_actor, base) => ({ goalId: community(base).goalId, status: 'achieved' }), expect: networkAdminOnly(303) },
	'POST /network/pairings/[ref]?/meeting': { path: worked, form: () => ({ heldOn: '2026-12-01', mode: 'online', summary: 'Matrix meeting', notes: 'Matrix notes' }), expect: networkAdminOnly(303) },
	'POST /network/pairings/[ref]?/end': {
		path: `/network/pairings/${DEMO_DECLINED_PAIRING}`,
		form: (_actor, base) => ({ version: String(community(base).closingVersion), note: 'Matrix: not now' }),
		expect: networkAdminOnly(303)
	},
	'GET /network/join/organisation': { expect: signedIn(200) },
	'POST /network/join/organisation?/request': {
		form: (actor, base) => ({
			orgName: `Matrix association ${actor} ${community(base).run}`,
			orgKind: 'association',
			countryCode: 'FI',
			website: '',
			process: 'informal',
			declaration: 'Matrix',
			motivation: 'Matrix',
			languages: 'fi',
			contactName: 'Matrix',
			contactRole: 'Test',
			contactEmail: 'matrix@example.org'
		}),
		expect: signedIn(303)
	},
	'GET /network/members/manage': { expect: networkAdminOnly(200) },
	'POST /network/members/manage?/status': {
		form: (_actor, base) => ({ id: community(base).membership.id, version: String(community(base).membership.version), status: 'suspended', reason: 'Matrix suspension' }),
		expect: networkAdminOnly(303)
	},
	'POST /network/members/manage?/grant': { form: (_actor, base) => ({ email: base.someoneEmail, note: 'Matrix' }), expect: networkAdminOnly(303) },
	'POST /network/members/manage?/revoke': { form: (_actor, base) => ({ personId: community(base).grantedPersonId }), expect: networkAdminOnly(303) }
};
