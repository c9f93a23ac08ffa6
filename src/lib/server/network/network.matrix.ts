/**
 * The network module's part of the authorization matrix: the expected status of each of its
 * routes under /network for every kind of user, and a pending membership request (of a city made
 * for the run, asked by the CLI's system actor) that the network admin decides.
 *
 * With the demo (the test server seeds it; PR-1 and T-1 are its first pairing and thread), York — city A — is a member already: its admin and
 * the network admin get a conflict (409) when they ask for it to join, everyone else 403.
 */
import { systemActor, type Actor } from '../accounts/index.ts';
import { findCityBySlug, insertCity, newCityRow } from '../cities/index.ts';
import { all, CITY_B, signedIn, type Expectation, type MatrixWorldBase, type MatrixWorldContext, type Statuses } from '../testing/matrix.ts';
import { decideRequest, requestMembership } from './membership.service.ts';
import { requestPairing } from './pairing.service.ts';
import type { RequestInput } from './network.schema.ts';
import { communityExpectations, communityWorld, type CommunityWorld } from './community.matrix.ts';
import { practiceExpectations, practiceWorld, type PracticesWorld } from './practices.matrix.ts';

export interface NetworkWorld {
	/** A pending request of a new city: its id and version. */
	request: { id: string; version: number };
	/** City B's id (city A asks it to be its mentor). */
	cityIdB: string;
	/** A new member city asked York (city A) to be its mentor: York has still to accept. */
	pairing: { id: string; ref: string; version: number };
	/** The dialogue's, the pairing work's and the membership screens' objects (community.matrix.ts). */
	community: CommunityWorld;
	/** The knowledge centre's writing pages (practices.matrix.ts). */
	practices: PracticesWorld;
}

const request = (cityId: string): RequestInput => ({
	applicant: 'city',
	cityId,
	level: 'guest',
	process: 'informal',
	declaration: 'Matrix test request',
	motivation: 'Matrix test',
	languages: ['fi'],
	population: 50_000,
	contactName: 'Matrix',
	contactRole: 'Test',
	contactEmail: 'matrix@example.org'
});

export async function world(context: MatrixWorldContext): Promise<NetworkWorld> {
	const { db, cityIdA, run } = context;
	const joining = newCityRow({ name: `Matrix Joinville ${run}`, countryCode: 'FI', latitude: 60.17, longitude: 24.94, year: 2026, process: 'informal' });
	const mentee = newCityRow({ name: `Matrix Newtown ${run}`, countryCode: 'FI', latitude: 61.5, longitude: 23.76, year: 2026, process: 'informal' });
	await insertCity(db, joining, []);
	await insertCity(db, mentee, []);
	const pending = await requestMembership(db, systemActor('cli', [joining.id]), request(joining.id));
	// The CLI acting as the network admin and as the new member's city admin.
	const operator: Actor = { ...systemActor('cli', [mentee.id]), networkAdmin: true };
	const asked = await requestMembership(db, operator, request(mentee.id));
	await decideRequest(db, operator, asked.id, asked.version, { decision: 'accept', reason: 'Matrix', lang: 'en' });
	const pairing = await requestPairing(db, operator, { menteeCityId: mentee.id, mentorCityId: cityIdA, message: 'Matrix', endsOn: null });
	const cityB = await findCityBySlug(db, CITY_B);
	if (!cityB) throw new Error(`The matrix needs the demo city ${CITY_B}`);
	return {
		request: { id: pending.id, version: pending.version },
		cityIdB: cityB.id,
		pairing: { id: pairing.id, ref: pairing.ref, version: pairing.version },
		community: await communityWorld({ db, run }),
		practices: await practiceWorld(context)
	};
}

/** The event form's fields (as posted), a year ahead. */
function eventFields(title: string): Record<string, string> {
	const year = new Date().getUTCFullYear() + 1;
	return {
		kind: 'workshop',
		audience: 'public',
		lang: 'en',
		title,
		description: 'Matrix',
		startsLocal: `${year}-06-01T10:00`,
		endsLocal: `${year}-06-01T12:00`,
		timeZone: 'Europe/Helsinki',
		mode: 'online',
		place: '',
		onlineUrl: 'https://example.org/matrix',
		languages: 'en',
		capacity: '',
		registrationClosesLocal: '',
		hostCityId: ''
	};
}


/** The demo's first pairing (Piteå with its mentor Lund) and first thread (public, on monitoring). */
export const DEMO_PAIRING_REF = 'PR-1';
export const DEMO_THREAD_REF = 'T-1';
/** The demo's events: the forum (public, in two months) and a public workshop the matrix cancels. */
export const DEMO_EVENT = 'E-1';
export const DEMO_EVENT_TO_CANCEL = 'E-3';
/** The demo's first good practice (Gwangju's, public). */
export const DEMO_PRACTICE = 'gwangju/GP-1';

const networkAdminOnly = (ok: number): Statuses => ({ anonymous: 303, residentA: 403, officerA: 403, adminA: 403, adminB: 403, networkAdmin: ok });
const networkWorld = (base: MatrixWorldBase) => base.modules.network as NetworkWorld;

export const expectations: Record<string, Expectation> = {
	...practiceExpectations,
	'GET /network/members': { expect: all(200) },
	'GET /network/join': { expect: signedIn(200) },
	'POST /network/join?/request': {
		path: '/network/join',
		form: (_actor, base) => ({
			cityId: base.cityIdA,
			level: 'member',
			process: 'formal',
			declaration: 'Council decision',
			motivation: 'To learn and share',
			languages: 'en',
			population: '200000',
			contactName: 'Office',
			contactRole: 'Coordinator',
			contactEmail: 'office@example.org'
		}),
		expect: { anonymous: 303, residentA: 403, officerA: 403, adminA: 409, adminB: 403, networkAdmin: 409 }
	},
	'GET /network/requests': { expect: networkAdminOnly(200) },
	'POST /network/requests?/decide': {
		path: '/network/requests',
		form: (_actor, base) => ({ id: networkWorld(base).request.id, version: String(networkWorld(base).request.version), decision: 'accept', reason: 'Matrix decision' }),
		expect: networkAdminOnly(303)
	},
	'GET /network/pairings': { expect: all(200) },
	'GET /network/practices': { path: '/network/practices?q=housing', expect: all(200) },
	'GET /network/practices/[city=slug]/[ref]': { path: `/network/practices/${DEMO_PRACTICE}`, expect: all(200) },
	'POST /network/pairings?/ask': {
		path: '/network/pairings',
		form: (_actor, base) => ({ menteeCityId: base.cityIdA, mentorCityId: networkWorld(base).cityIdB, message: 'Matrix', endsOn: '' }),
		// York's admin asks Graz; the network admin, after, finds the request open already.
		expect: { anonymous: 303, residentA: 403, officerA: 403, adminA: 303, adminB: 403, networkAdmin: 409 }
	},
	'POST /network/pairings?/accept': {
		path: '/network/pairings',
		form: (_actor, base) => ({ id: networkWorld(base).pairing.id, version: String(networkWorld(base).pairing.version) }),
		// York, the mentor, accepts through its own admin; the network admin does not accept for a city.
		expect: { anonymous: 303, residentA: 403, officerA: 403, adminA: 303, adminB: 403, networkAdmin: 403 }
	},
	'GET /network/pairings/[ref]': { path: `/network/pairings/${DEMO_PAIRING_REF}`, expect: all(200) },
	'POST /network/pairings/[ref]?/thread': {
		path: `/network/pairings/${DEMO_PAIRING_REF}`,
		form: () => ({ topic: 'general', title: 'Matrix pairing thread', body: 'Hello' }),
		// The pairing's participants (Piteå's and Lund's staff) and the network admin.
		expect: networkAdminOnly(303)
	},
	'GET /network/dialogue/[ref]': { path: `/network/dialogue/${DEMO_THREAD_REF}`, expect: all(200) },
	'POST /network/dialogue/[ref]?/reply': {
		path: `/network/dialogue/${DEMO_THREAD_REF}`,
		form: () => ({ body: 'Matrix reply' }),
		// Practitioners: staff of member cities and the network admin.
		expect: { anonymous: 303, residentA: 403, officerA: 303, adminA: 303, adminB: 303, networkAdmin: 303 }
	},
	'POST /network/practices/[city=slug]/[ref]?/adopt': {
		path: `/network/practices/${DEMO_PRACTICE}`,
		form: (_actor, base) => ({ cityId: base.cityIdA, commitmentRef: 'C-1', note: 'Matrix adoption' }),
		// York's admin takes Gwangju's practice up with York's C-1; only a city's own admin may.
		expect: { anonymous: 303, residentA: 403, officerA: 403, adminA: 303, adminB: 403, networkAdmin: 403 }
	},
	'GET /network/ledger': { path: '/network/ledger?type=pairing', expect: all(200) },
	'GET /network': { expect: all(200) },
	'GET /network/events': { expect: all(200) },
	'GET /network/events.ics': { expect: all(200) },
	'GET /network/events/[ref]': { path: `/network/events/${DEMO_EVENT}`, expect: all(200) },
	'GET /network/events/[ref].ics': { path: `/network/events/${DEMO_EVENT}.ics`, expect: all(200) },
	'GET /network/events/new': { expect: networkAdminOnly(200) },
	'POST /network/events/new': { form: () => eventFields('Matrix new event'), expect: networkAdminOnly(303) },
	'GET /network/events/[ref]/edit': { path: `/network/events/${DEMO_EVENT}/edit`, expect: networkAdminOnly(200) },
	'POST /network/events/[ref]/edit?/save': {
		path: `/network/events/${DEMO_EVENT}/edit`,
		// The demo's forum, as the seed left it (version 1).
		form: () => ({ ...eventFields('Matrix forum, changed'), version: '1' }),
		expect: networkAdminOnly(303)
	},
	'POST /network/events/[ref]/edit?/cancel': {
		// The demo's third event (a public workshop), as the seed left it.
		path: `/network/events/${DEMO_EVENT_TO_CANCEL}/edit`,
		form: () => ({ version: '1' }),
		expect: networkAdminOnly(303)
	},
	// Anyone signed in may register for a public event (no city owns it). The matrix gives up a
	// place before it registers (routes in name order): nobody has one yet, so that is a conflict.
	'POST /network/events/[ref]?/register': { path: `/network/events/${DEMO_EVENT}`, form: () => ({}), expect: signedIn(303) },
	'POST /network/events/[ref]?/cancel': { path: `/network/events/${DEMO_EVENT}`, form: () => ({}), expect: { anonymous: 303, residentA: 409, officerA: 409, adminA: 409, adminB: 409, networkAdmin: 409 } },
	// The network as a community: dialogue, pairing work, membership screens (community.matrix.ts).
	...communityExpectations
};
