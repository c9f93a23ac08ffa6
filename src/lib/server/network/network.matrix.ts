/**
 * The network module's part of the authorization matrix: the expected status of each of its
 * routes under /network for every kind of user, and a pending membership request (of a city made
 * for the run, asked by the CLI's system actor) that the network admin decides.
 *
 * With the demo (the test server seeds it), York — city A — is a member already: its admin and
 * the network admin get a conflict (409) when they ask for it to join, everyone else 403.
 */
import { systemActor } from '../accounts/index.ts';
import { insertCity, newCityRow } from '../cities/index.ts';
import { all, signedIn, type Expectation, type MatrixWorldBase, type MatrixWorldContext, type Statuses } from '../testing/matrix.ts';
import { requestMembership } from './membership.service.ts';

export interface NetworkWorld {
	/** A pending request of a new city: its id and version. */
	request: { id: string; version: number };
}

export async function world({ db, run }: MatrixWorldContext): Promise<NetworkWorld> {
	const city = newCityRow({ name: `Matrix Joinville ${run}`, countryCode: 'FI', latitude: 60.17, longitude: 24.94, year: 2026, process: 'informal' });
	await insertCity(db, city, []);
	const request = await requestMembership(db, systemActor('cli', [city.id]), {
		applicant: 'city',
		cityId: city.id,
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
	return { request: { id: request.id, version: request.version } };
}

const networkAdminOnly = (ok: number): Statuses => ({ anonymous: 303, residentA: 403, officerA: 403, adminA: 403, adminB: 403, networkAdmin: ok });
const networkWorld = (base: MatrixWorldBase) => base.modules.network as NetworkWorld;

export const expectations: Record<string, Expectation> = {
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
	}
};
