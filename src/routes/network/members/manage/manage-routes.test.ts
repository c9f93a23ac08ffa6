// The membership screens in process: an organisation asks to join as an associate member (once
// while pending) and is decided like a city; the network admin suspends and reinstates a member
// with a public reason and grants and withdraws practitioner access; the public member list shows
// each kind. Another city's admin gets 403, nobody signed in goes to sign in.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '#lib/server/accounts/index.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '#lib/server/testing/test-database.ts';
import { memberCity, networkAdmin, personWith } from '#lib/server/testing/network-factories.ts';
import { decideRequest, listRequests, membershipOfCity, viewerOf } from '#lib/server/network/membership.service.ts';
import { outcome, routeEvent } from '../../route-testing.ts';
import { actions, load } from './+page.server.ts';
import { actions as organisationActions } from '../../join/organisation/+page.server.ts';
import { load as membersLoad } from '../+page.server.ts';

describe.each(DIALECTS)('membership screens on %s', (dialect) => {
	let database: TestDatabase;
	beforeEach(async () => {
		database = await createTestDatabase(dialect);
	});
	afterEach(() => database.cleanup());

	const organisation = (overrides: Record<string, string> = {}): [string, string][] =>
		Object.entries({
			orgName: 'Asociación de Municipios',
			orgKind: 'association',
			countryCode: 'es',
			website: 'https://example.org',
			process: 'informal',
			declaration: 'Statutes on human rights',
			declarationUrl: '',
			declaredOn: '',
			motivation: 'To learn with cities',
			languages: 'es, en',
			contactName: 'Ana',
			contactRole: 'Secretary',
			contactEmail: 'ana@example.org',
			...overrides
		});

	it('an organisation asks to join as an associate member once, with field errors for bad input; the network admin accepts; the public list shows its kind', async () => {
		const { db } = database;
		const admin = await networkAdmin(db);
		const requester = await personWith(db);
		const ask = (actor: Actor | null, form: [string, string][]) => outcome(() => organisationActions.request(routeEvent(db, '/network/join/organisation', actor, { form })));
		expect(await ask(null, organisation())).toMatchObject({ status: 303, location: expect.stringMatching(/^\/signin/) });
		expect(await ask(requester, organisation({ orgName: '', orgKind: 'club', countryCode: 'Spain', website: 'javascript:alert(1)', contactEmail: 'ana' }))).toMatchObject({
			status: 400,
			errors: { orgName: 'required', orgKind: 'choice_invalid', countryCode: 'country_invalid', website: 'url_invalid', contactEmail: 'email_invalid' }
		});
		expect(await listRequests(db, admin)).toHaveLength(0);
		expect(await ask(requester, organisation())).toMatchObject({ status: 303, location: expect.stringMatching(/^\/network\/join\?sent=/) });
		// The same organisation again (another spelling), by anyone, while the first waits.
		expect(await ask(await personWith(db), organisation({ orgName: ' asociación de  MUNICIPIOS ', countryCode: 'ES' }))).toMatchObject({ status: 409, errors: { form: 'request_pending' } });
		const [request] = await listRequests(db, admin);
		expect(request).toMatchObject({ applicant: 'organisation', level: 'associate', orgKind: 'association', countryCode: 'ES' });
		await decideRequest(db, admin, request!.id, request!.version, { decision: 'accept', reason: 'Bienvenida', lang: 'es' });
		expect(await ask(requester, organisation())).toMatchObject({ status: 409, errors: { form: 'already_member' } });
		const city = await memberCity(db, admin, { name: 'Lund' }, { level: 'guest' });
		const list = (await membersLoad(routeEvent(db, '/network/members', null))) as unknown as { current: { name: string; level: string }[]; associates: { name: string; orgKind: string }[] };
		expect(list.current).toMatchObject([{ name: city.city.name, level: 'guest' }]);
		expect(list.associates).toMatchObject([{ name: 'Asociación de Municipios', orgKind: 'association' }]);
	});

	it('the network admin suspends and reinstates a member with a public reason; others may not; a reason is required', async () => {
		const { db } = database;
		const admin = await networkAdmin(db);
		const york = await memberCity(db, admin, { name: 'York' });
		const graz = await memberCity(db, admin, { name: 'Graz' });
		const member = (await membershipOfCity(db, york.city.id))!;
		const change = (actor: Actor | null, form: Record<string, string>) => outcome(() => actions.status(routeEvent(db, '/network/members/manage', actor, { form: Object.entries(form) })));
		const suspend = { id: member.id, version: String(member.version), status: 'suspended', reason: 'No report for three years' };

		expect(await outcome(() => load(routeEvent(db, '/network/members/manage', null)))).toMatchObject({ status: 303 });
		expect(await outcome(() => load(routeEvent(db, '/network/members/manage', graz.cityAdmin)))).toEqual({ status: 403 });
		expect(await change(null, suspend)).toMatchObject({ status: 303, location: expect.stringMatching(/^\/signin/) });
		expect(await change(graz.cityAdmin, suspend)).toEqual({ status: 403 });
		expect(await change(york.cityAdmin, suspend)).toEqual({ status: 403 });
		expect(await change(admin, { ...suspend, reason: '' })).toMatchObject({ status: 400, errors: { reason: 'required' } });
		expect(await change(admin, { ...suspend, status: 'left' })).toMatchObject({ status: 400, errors: { status: 'choice_invalid' } });
		expect(await change(admin, { ...suspend, version: 'x' })).toMatchObject({ status: 400, errors: { form: 'invalid_input' } });
		expect((await membershipOfCity(db, york.city.id))!.status).toBe('active');

		expect(await change(admin, suspend)).toMatchObject({ status: 303, location: '/network/members/manage?done=status' });
		const suspended = (await membershipOfCity(db, york.city.id))!;
		expect(suspended).toMatchObject({ status: 'suspended', statusReason: { en: 'No report for three years' } });
		expect((await viewerOf(db, york.cityAdmin)).practitioner).toBe(false);
		expect(await change(admin, { ...suspend, version: String(suspended.version) })).toMatchObject({ status: 409, errors: { form: 'already_suspended' } });
		const list = (await membersLoad(routeEvent(db, '/network/members', null))) as unknown as { current: { name: string; status: string; reason: { text: string } | null }[] };
		expect(list.current.find((row) => row.name === 'York')).toMatchObject({ status: 'suspended', reason: { text: 'No report for three years' } });

		expect(await change(admin, { id: member.id, version: String(suspended.version), status: 'active', reason: 'Report received' })).toMatchObject({ status: 303 });
		expect((await viewerOf(db, york.cityAdmin)).practitioner).toBe(true);
		const page = (await load(routeEvent(db, '/network/members/manage', admin))) as unknown as { members: { name: string; status: string }[] };
		expect(page.members.map((row) => [row.name, row.status])).toEqual([
			['Graz', 'active'],
			['York', 'active']
		]);
	});

	it('the network admin grants and withdraws practitioner access by e-mail; unknown and repeated grants are refused', async () => {
		const { db } = database;
		const admin = await networkAdmin(db);
		const graz = await memberCity(db, admin, { name: 'Graz' });
		const researcher = await personWith(db);
		const grant = (actor: Actor | null, email: string) => outcome(() => actions.grant(routeEvent(db, '/network/members/manage', actor, { form: [['email', email], ['note', 'Researcher, University of Graz']] })));
		const revoke = (actor: Actor | null, personId: string) => outcome(() => actions.revoke(routeEvent(db, '/network/members/manage', actor, { form: [['personId', personId]] })));
		expect(await grant(null, researcher.email)).toMatchObject({ status: 303, location: expect.stringMatching(/^\/signin/) });
		expect(await grant(graz.cityAdmin, researcher.email)).toEqual({ status: 403 });
		expect(await grant(admin, 'not an address')).toMatchObject({ status: 400, errors: { email: 'email_invalid' } });
		expect(await grant(admin, 'nobody@example.org')).toMatchObject({ status: 400, errors: { email: 'person_unknown' } });
		expect((await viewerOf(db, researcher)).practitioner).toBe(false);
		expect(await grant(admin, researcher.email)).toMatchObject({ status: 303, location: '/network/members/manage?done=granted' });
		expect((await viewerOf(db, researcher)).practitioner).toBe(true);
		expect(await grant(admin, researcher.email)).toMatchObject({ status: 400, errors: { email: 'already_granted' } });
		const page = (await load(routeEvent(db, '/network/members/manage', admin))) as unknown as { grants: { email: string; note: string }[] };
		expect(page.grants).toMatchObject([{ email: researcher.email, note: 'Researcher, University of Graz' }]);

		expect(await revoke(graz.cityAdmin, researcher.personId)).toEqual({ status: 403 });
		expect(await revoke(admin, researcher.personId)).toMatchObject({ status: 303, location: '/network/members/manage?done=withdrawn' });
		expect((await viewerOf(db, researcher)).practitioner).toBe(false);
		expect(await revoke(admin, researcher.personId)).toMatchObject({ status: 404, errors: { form: 'grant_not_found' } });
	});
});
