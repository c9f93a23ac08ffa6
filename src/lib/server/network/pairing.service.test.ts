import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../testing/test-database.ts';
import { createCity } from '../testing/factories.ts';
import { memberCity, networkAdmin, personWith } from '../testing/network-factories.ts';
import { NETWORK_CHAIN, readLedgerPage, verifyLedger } from '../ledger/index.ts';
import { isDomainError } from '../errors.ts';
import { acceptPairing, activePairingsOf, addGoal, addMeeting, closePairing, listMeetings, pairingBetween, pairingsOfCity, requestPairing, suggestMentors } from './pairing.service.ts';

/** The code (and rule or field problem) a promise fails with. */
async function failure(promise: Promise<unknown>): Promise<string> {
	try {
		await promise;
	} catch (error) {
		if (!isDomainError(error)) throw error;
		const details = error.details ?? {};
		if (typeof details.field === 'string' && details.field !== 'form') return `${details.field}:${String(details.rule ?? error.message)}`;
		return typeof details.rule === 'string' && error.code !== 'forbidden' ? `${error.code}:${details.rule}` : error.code;
	}
	throw new Error('expected a failure');
}

describe.each(DIALECTS)('pairing on %s', (dialect) => {
	let database: TestDatabase;
	beforeEach(async () => {
		database = await createTestDatabase(dialect);
	});
	afterEach(() => database.cleanup());

	it('suggests full members as mentors, best first, each with the reasons shown; never the city itself, a guest or a non-member', async () => {
		const { db } = database;
		const admin = await networkAdmin(db);
		const { city: newtown } = await memberCity(db, admin, { name: 'Newtown', country_code: 'FI', region: 'europe', year: 2026 }, { languages: ['sv', 'en'], population: 100_000 });
		const { city: lund } = await memberCity(db, admin, { name: 'Lund', country_code: 'SE', region: 'europe', year: 2012 }, { languages: ['sv', 'en'], population: 130_000 });
		const { city: bogota } = await memberCity(db, admin, { name: 'Bogotá', country_code: 'CO', region: 'americas', year: 2025 }, { languages: ['es'], population: 7_900_000 });
		await memberCity(db, admin, { name: 'Guestville', country_code: 'SE', region: 'europe' }, { level: 'guest', languages: ['sv'], population: 100_000 });
		await createCity(db, { name: 'Outsider', country_code: 'SE', region: 'europe' });

		const suggestions = await suggestMentors(db, newtown.id, { today: '2026-12-08' });
		expect(suggestions.map((suggestion) => suggestion.city.name)).toEqual(['Lund', 'Bogotá']);
		const [best, other] = suggestions;
		expect(best!.city).toMatchObject({ id: lund.id, slug: lund.slug, region: 'europe' });
		expect(best!.reasons).toEqual(
			expect.arrayContaining([
				{ code: 'same_region', region: 'europe' },
				{ code: 'shared_languages', languages: ['sv', 'en'] },
				{ code: 'similar_size', mentee: 100_000, mentor: 130_000 },
				{ code: 'experience_years', years: 14 },
				{ code: 'formal_process' }
			])
		);
		expect(other!.city.id).toBe(bogota.id);
		expect(other!.reasons.map((reason) => reason.code)).not.toContain('same_region');
		expect(other!.reasons.map((reason) => reason.code)).not.toContain('shared_languages');
		expect(best!.score).toBeGreaterThan(other!.score);

		// A city outside the network gets no suggestions.
		const outsider = await createCity(db, { name: 'Outside again' });
		expect(await failure(suggestMentors(db, outsider.id))).toBe('conflict:not_member');
	});

	it('a new city asks a mentor, the mentor accepts: active on both profiles, in the network ledger; goals and meetings follow', async () => {
		const { db } = database;
		const admin = await networkAdmin(db);
		const { city: newtown, cityAdmin: newtownAdmin } = await memberCity(db, admin, { name: 'Newtown', region: 'europe' }, { languages: ['en'], population: 90_000 });
		const { city: lund, cityAdmin: lundAdmin } = await memberCity(db, admin, { name: 'Lund', region: 'europe' }, { languages: ['en'], population: 120_000 });

		const proposed = await requestPairing(db, newtownAdmin, { menteeCityId: newtown.id, mentorCityId: lund.id, message: 'Please help us start', endsOn: '2027-12-31' }, { today: '2026-12-08' });
		expect(proposed).toMatchObject({ status: 'proposed', proposedBy: 'mentee', mentee: { id: newtown.id }, mentor: { id: lund.id }, startedOn: null });
		expect(proposed.reasons.map((reason) => reason.code)).toEqual(expect.arrayContaining(['same_region', 'shared_languages', 'similar_size']));
		// The asking city cannot accept for the mentor; another city's admin cannot accept at all.
		expect(await failure(acceptPairing(db, newtownAdmin, proposed.id, proposed.version))).toBe('conflict:pairing_already_accepted');
		const stranger = await personWith(db, [{ cityId: (await createCity(db)).id, role: 'city_admin' }]);
		expect(await failure(acceptPairing(db, stranger, proposed.id, proposed.version))).toBe('forbidden');
		expect(await failure(acceptPairing(db, null, proposed.id, proposed.version))).toBe('unauthenticated');

		const active = await acceptPairing(db, lundAdmin, proposed.id, proposed.version, { today: '2026-12-09' });
		expect(active).toMatchObject({ status: 'active', startedOn: '2026-12-09' });
		expect((await activePairingsOf(db, newtown.id)).map((pairing) => pairing.ref)).toEqual([active.ref]);
		expect((await pairingsOfCity(db, lund.id)).map((pairing) => pairing.ref)).toEqual([active.ref]);
		expect((await pairingBetween(db, lund.id, newtown.id))?.ref).toBe(active.ref);

		await addGoal(db, newtownAdmin, active.id, { text: 'A first action plan', lang: 'en' });
		await addMeeting(db, lundAdmin, active.id, { heldOn: '2027-01-10', mode: 'online', summary: 'Kick-off', notes: 'Only for the two cities', lang: 'en' });
		expect(await failure(addGoal(db, stranger, active.id, { text: 'Not mine', lang: 'en' }))).toBe('forbidden');
		// Meeting notes are for the participants; the public reads the summary.
		const pairing = (await pairingBetween(db, newtown.id, lund.id))!;
		expect((await listMeetings(db, lundAdmin, pairing))[0]).toMatchObject({ summary: 'Kick-off', notes: 'Only for the two cities' });
		expect((await listMeetings(db, null, pairing))[0]).toMatchObject({ summary: 'Kick-off', notes: '' });
		expect(pairing.goals.map((goal) => goal.text)).toEqual(['A first action plan']);

		const ended = await closePairing(db, lundAdmin, pairing.id, pairing.version, { note: 'Goals reached', lang: 'en' }, { today: '2027-06-30' });
		expect(ended).toMatchObject({ status: 'ended', endedOn: '2027-06-30', endNote: { en: 'Goals reached' } });
		expect(await activePairingsOf(db, newtown.id)).toEqual([]);

		const { entries } = await readLedgerPage(db, NETWORK_CHAIN, {});
		const pairingEntries = entries.filter((entry) => entry.entity_type === 'pairing').reverse();
		expect(pairingEntries.map((entry) => entry.action)).toEqual(['create', 'update', 'update']);
		expect(pairingEntries[1]!.change).toMatchObject({ status: ['proposed', 'active'] });
		expect(JSON.stringify(pairingEntries)).not.toContain('Only for the two cities');
		expect((await verifyLedger(db, NETWORK_CHAIN)).ok).toBe(true);
	});

	it('refuses a city pairing with itself or twice, a mentor that is not a full member, a past end date, and someone not the city’s admin', async () => {
		const { db } = database;
		const admin = await networkAdmin(db);
		const { city: newtown, cityAdmin: newtownAdmin } = await memberCity(db, admin, { name: 'Newtown' });
		const { city: lund } = await memberCity(db, admin, { name: 'Lund' });
		const { city: guest } = await memberCity(db, admin, { name: 'Guestville' }, { level: 'guest' });
		const outsider = await createCity(db, { name: 'Outsider' });
		const ask = (mentorCityId: string, extra: Record<string, unknown> = {}) =>
			requestPairing(db, newtownAdmin, { menteeCityId: newtown.id, mentorCityId, message: '', endsOn: null, ...extra }, { today: '2026-12-08' });

		expect(await failure(ask(newtown.id))).toBe('mentorCityId:pairing_self');
		expect(await failure(ask(guest.id))).toBe('mentorCityId:mentor_not_member');
		expect(await failure(ask(outsider.id))).toBe('mentorCityId:mentor_not_member');
		expect(await failure(ask(lund.id, { endsOn: '2026-01-01' }))).toBe('endsOn:date_past');
		expect(await failure(ask(lund.id, { endsOn: 'tomorrow' }))).toMatch(/^endsOn:/);
		const lundAdmin = await personWith(db, [{ cityId: lund.id, role: 'city_admin' }]);
		expect(await failure(requestPairing(db, lundAdmin, { menteeCityId: newtown.id, mentorCityId: lund.id, message: '', endsOn: null }))).toBe('forbidden');
		expect(await failure(requestPairing(db, null, { menteeCityId: newtown.id, mentorCityId: lund.id, message: '', endsOn: null }))).toBe('unauthenticated');

		await ask(lund.id);
		expect(await failure(ask(lund.id))).toBe('conflict:pairing_exists');
		// Already asked: Lund is no longer suggested to Newtown.
		expect((await suggestMentors(db, newtown.id)).map((suggestion) => suggestion.city.id)).not.toContain(lund.id);
		const { entries } = await readLedgerPage(db, NETWORK_CHAIN, {});
		expect(entries.filter((entry) => entry.entity_type === 'pairing')).toHaveLength(1);
	});
});
