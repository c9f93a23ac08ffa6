import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../testing/test-database.ts';
import { createCity } from '../testing/factories.ts';
import { cityRequest, memberCity, networkAdmin, personWith } from '../testing/network-factories.ts';
import { readOutbox } from '../accounts/index.ts';
import { historyOf, NETWORK_CHAIN, readLedgerPage, verifyLedger } from '../ledger/index.ts';
import { isDomainError } from '../errors.ts';
import { changeMembershipStatus, decideRequest, getRequest, grantPractitioner, listMembers, listRequests, membershipOfCity, requestMembership, revokePractitioner, viewerOf, withdrawRequest } from './membership.service.ts';

/** The code (and rule) a promise fails with. */
async function failure(promise: Promise<unknown>): Promise<string> {
	try {
		await promise;
	} catch (error) {
		if (isDomainError(error)) return typeof error.details?.rule === 'string' && error.code !== 'forbidden' ? `${error.code}:${error.details.rule}` : error.code;
		throw error;
	}
	throw new Error('expected a failure');
}

describe.each(DIALECTS)('membership on %s', (dialect) => {
	let database: TestDatabase;
	beforeEach(async () => {
		database = await createTestDatabase(dialect);
	});
	afterEach(() => database.cleanup());

	it('a city asks to join, the network admin accepts with a reason: a member, in the network ledger, the requester told by mail', async () => {
		const { db } = database;
		const admin = await networkAdmin(db);
		const city = await createCity(db, { name: 'Newtown', country_code: 'FI' });
		const cityAdmin = await personWith(db, [{ cityId: city.id, role: 'city_admin' }], { preferredLocale: 'sv' });
		const request = await requestMembership(db, cityAdmin, cityRequest(city.id, { contactEmail: 'secret-contact@example.org' }));
		expect(request).toMatchObject({ status: 'pending', name: 'Newtown', applicant: 'city', level: 'member' });
		expect((await listMembers(db)).map((member) => member.name)).not.toContain('Newtown');

		const decided = await decideRequest(db, admin, request.id, request.version, { decision: 'accept', reason: 'Council declaration seen', lang: 'en' });
		expect(decided).toMatchObject({ status: 'accepted', decisionReason: { en: 'Council declaration seen' } });
		const member = await membershipOfCity(db, city.id);
		expect(member).toMatchObject({ name: 'Newtown', level: 'member', status: 'active', statusReason: { en: 'Council declaration seen' } });
		expect((await listMembers(db)).map((entry) => entry.ref)).toContain(member!.ref);

		// The chain: the request, then the membership and the decision; verifiable; no contact in it.
		const { entries } = await readLedgerPage(db, NETWORK_CHAIN, {});
		expect(entries.map((entry) => [entry.entity_type, entry.action]).reverse()).toEqual([
			['network_request', 'create'],
			['network_membership', 'create'],
			['network_request', 'update']
		]);
		expect(entries[0]!.change).toMatchObject({ status: ['pending', 'accepted'], decision_reason: [{}, { en: 'Council declaration seen' }] });
		expect(entries.every((entry) => entry.actor_role === (entry.entity_type === 'network_request' && entry.action === 'create' ? 'city_admin' : 'network_admin'))).toBe(true);
		expect(JSON.stringify(entries)).not.toContain('secret-contact');
		expect(await verifyLedger(db, NETWORK_CHAIN)).toMatchObject({ ok: true, entries: 3 });

		// Told in the language they chose (Swedish).
		const mail = await readOutbox(db, cityAdmin.email);
		expect(mail).toHaveLength(1);
		expect(mail[0]!.body).toContain('Council declaration seen');
		expect(mail[0]!.subject).toContain('Newtown');
		expect(mail[0]!.subject).toMatch(/medlem/i);
	});

	it('refuses a second request while one is pending, a request by a member, and a request by someone who is not the city’s admin', async () => {
		const { db } = database;
		const admin = await networkAdmin(db);
		const city = await createCity(db);
		const cityAdmin = await personWith(db, [{ cityId: city.id, role: 'city_admin' }]);
		const other = await createCity(db);
		const otherAdmin = await personWith(db, [{ cityId: other.id, role: 'city_admin' }]);
		const officer = await personWith(db, [{ cityId: city.id, role: 'officer' }]);
		const resident = await personWith(db, [{ cityId: city.id, role: 'resident' }]);
		expect(await failure(requestMembership(db, null, cityRequest(city.id)))).toBe('unauthenticated');
		expect(await failure(requestMembership(db, otherAdmin, cityRequest(city.id)))).toBe('forbidden');
		expect(await failure(requestMembership(db, officer, cityRequest(city.id)))).toBe('forbidden');
		expect(await failure(requestMembership(db, resident, cityRequest(city.id)))).toBe('forbidden');

		const first = await requestMembership(db, cityAdmin, cityRequest(city.id));
		expect(await failure(requestMembership(db, cityAdmin, cityRequest(city.id, { level: 'guest' })))).toBe('conflict:request_pending');
		await decideRequest(db, admin, first.id, first.version, { decision: 'accept', reason: 'Welcome', lang: 'en' });
		expect(await failure(requestMembership(db, cityAdmin, cityRequest(city.id)))).toBe('conflict:already_member');
		// A decided request is not decided again.
		expect(await failure(decideRequest(db, admin, first.id, first.version + 1, { decision: 'decline', reason: 'No', lang: 'en' }))).toBe('conflict:request_decided');
	});

	it('checks every field of a request and of a decision, and only the network admin decides', async () => {
		const { db } = database;
		const admin = await networkAdmin(db);
		const city = await createCity(db);
		const cityAdmin = await personWith(db, [{ cityId: city.id, role: 'city_admin' }]);
		expect(await failure(requestMembership(db, cityAdmin, cityRequest(city.id, { level: 'associate' })))).toBe('invalid_input:choice_invalid');
		expect(await failure(requestMembership(db, cityAdmin, cityRequest(city.id, { contactEmail: 'not an address' })))).toBe('invalid_input:email_invalid');
		expect(await failure(requestMembership(db, cityAdmin, cityRequest(city.id, { declaration: '   ' })))).toBe('invalid_input:required');
		expect(await failure(requestMembership(db, cityAdmin, cityRequest(city.id, { declarationUrl: 'javascript:alert(1)' })))).toBe('invalid_input:url_invalid');
		expect(await failure(requestMembership(db, cityAdmin, cityRequest(city.id, { languages: ['english'] })))).toBe('invalid_input:language_invalid');
		expect(await failure(requestMembership(db, cityAdmin, cityRequest(city.id, { population: -5 })))).toBe('invalid_input:number_invalid');
		const request = await requestMembership(db, cityAdmin, cityRequest(city.id));
		expect(await failure(decideRequest(db, cityAdmin, request.id, request.version, { decision: 'accept', reason: 'Welcome', lang: 'en' }))).toBe('forbidden');
		expect(await failure(decideRequest(db, null, request.id, request.version, { decision: 'accept', reason: 'Welcome', lang: 'en' }))).toBe('unauthenticated');
		expect(await failure(decideRequest(db, admin, request.id, request.version, { decision: 'decline', reason: ' ', lang: 'en' }))).toBe('invalid_input:required');
		expect(await failure(decideRequest(db, admin, request.id, request.version, { decision: 'accept', reason: 'ok', lang: 'en', level: 'associate' }))).toBe('invalid_input:level_mismatch');
		// Nothing changed.
		expect((await getRequest(db, admin, request.ref)).status).toBe('pending');
		expect(await membershipOfCity(db, city.id)).toBeUndefined();
	});

	it('declines with a public reason; the requester may withdraw a pending request; only the requester and the network admin see contacts', async () => {
		const { db } = database;
		const admin = await networkAdmin(db);
		const city = await createCity(db);
		const cityAdmin = await personWith(db, [{ cityId: city.id, role: 'city_admin' }]);
		const stranger = await personWith(db);
		const request = await requestMembership(db, cityAdmin, cityRequest(city.id));
		expect(await failure(getRequest(db, stranger, request.ref))).toBe('request_not_found');
		expect((await listRequests(db, stranger)).length).toBe(0);
		expect((await listRequests(db, admin, 'pending')).map((item) => item.ref)).toEqual([request.ref]);
		expect(await failure(withdrawRequest(db, stranger, request.id, request.version))).toBe('request_not_found');
		const declined = await decideRequest(db, admin, request.id, request.version, { decision: 'decline', reason: 'No declaration yet', lang: 'en' });
		expect(declined.status).toBe('declined');
		expect(await membershipOfCity(db, city.id)).toBeUndefined();
		// A new request after a decline is fine, and can be withdrawn.
		const again = await requestMembership(db, cityAdmin, cityRequest(city.id));
		const withdrawn = await withdrawRequest(db, cityAdmin, again.id, again.version);
		expect(withdrawn.status).toBe('withdrawn');
		expect(await verifyLedger(db, NETWORK_CHAIN)).toMatchObject({ ok: true });
	});

	it('suspends and reinstates members with a public reason (network admin), a city leaves by its own admin; staff of a suspended city are no longer practitioners', async () => {
		const { db } = database;
		const admin = await networkAdmin(db);
		const { city, cityAdmin } = await memberCity(db, admin);
		const officer = await personWith(db, [{ cityId: city.id, role: 'officer' }]);
		const other = await memberCity(db, admin);
		expect((await viewerOf(db, officer)).practitioner).toBe(true);
		const member = (await membershipOfCity(db, city.id))!;
		expect(await failure(changeMembershipStatus(db, cityAdmin, member.id, member.version, { status: 'suspended', reason: 'x', lang: 'en' }))).toBe('forbidden');
		expect(await failure(changeMembershipStatus(db, other.cityAdmin, member.id, member.version, { status: 'left', reason: 'x', lang: 'en' }))).toBe('forbidden');
		expect(await failure(changeMembershipStatus(db, admin, member.id, member.version, { status: 'suspended', reason: '', lang: 'en' }))).toBe('invalid_input:required');

		const suspended = await changeMembershipStatus(db, admin, member.id, member.version, { status: 'suspended', reason: 'No report for three years', lang: 'en' });
		expect(suspended).toMatchObject({ status: 'suspended', statusReason: { en: 'No report for three years' } });
		expect((await viewerOf(db, officer)).practitioner).toBe(false);
		expect(await failure(changeMembershipStatus(db, admin, member.id, member.version, { status: 'active', reason: 'stale', lang: 'en' }))).toBe('conflict:conflict');
		const back = await changeMembershipStatus(db, admin, member.id, suspended.version, { status: 'active', reason: 'Report received', lang: 'en' });
		expect((await viewerOf(db, officer)).practitioner).toBe(true);
		const left = await changeMembershipStatus(db, cityAdmin, member.id, back.version, { status: 'left', reason: 'Council decision to leave', lang: 'en' });
		expect(left.status).toBe('left');
		expect(await membershipOfCity(db, city.id)).toBeUndefined();
		expect((await listMembers(db, { includeFormer: true })).find((entry) => entry.id === member.id)?.statusReason).toEqual({ en: 'Council decision to leave' });
		const history = await historyOf(db, NETWORK_CHAIN, [member.id]);
		expect(history.map((entry) => (entry.change.status as unknown[] | undefined)?.[1] ?? 'active')).toEqual(['active', 'suspended', 'active', 'left']);
	});

	it('an organisation joins as associate member; its requester becomes a practitioner; the network admin grants and revokes practitioner access', async () => {
		const { db } = database;
		const admin = await networkAdmin(db);
		const adminViewer = await viewerOf(db, admin);
		const researcher = await personWith(db);
		const orgRequest = { applicant: 'organisation' as const, orgName: 'Institute of Local Rights', orgKind: 'university' as const, countryCode: 'se', website: 'https://example.org', level: 'associate' as const, process: 'informal' as const, declaration: 'Research on local human rights', motivation: 'Share research', languages: ['en'], contactName: 'A', contactRole: 'B', contactEmail: 'c@example.org' };
		expect(await failure(requestMembership(db, researcher, { ...orgRequest, level: 'member' } as never))).toBe('invalid_input:choice_invalid');
		const request = await requestMembership(db, researcher, orgRequest);
		expect(await failure(requestMembership(db, await personWith(db), { ...orgRequest, orgName: '  institute of LOCAL rights ', countryCode: 'SE' }))).toBe('conflict:request_pending');
		expect((await viewerOf(db, researcher)).practitioner).toBe(false);
		await decideRequest(db, admin, request.id, request.version, { decision: 'accept', reason: 'Welcome', lang: 'en' });
		expect((await viewerOf(db, researcher)).practitioner).toBe(true);
		const members = await listMembers(db);
		expect(members.find((member) => member.kind === 'organisation')).toMatchObject({ name: 'Institute of Local Rights', orgKind: 'university', level: 'associate', countryCode: 'SE' });

		const someone = await personWith(db);
		expect(await failure(grantPractitioner(db, await viewerOf(db, researcher), { email: someone.email }))).toBe('forbidden');
		expect(await failure(grantPractitioner(db, adminViewer, { email: 'nobody@example.org' }))).toBe('invalid_input:person_unknown');
		await grantPractitioner(db, adminViewer, { email: someone.email.toUpperCase(), note: 'Researcher' });
		expect((await viewerOf(db, someone)).practitioner).toBe(true);
		expect(await failure(grantPractitioner(db, adminViewer, { email: someone.email }))).toBe('invalid_input:already_granted');
		await revokePractitioner(db, adminViewer, someone.personId);
		expect((await viewerOf(db, someone)).practitioner).toBe(false);
	});
});
