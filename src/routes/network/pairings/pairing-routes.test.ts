// The pairing's pages in process: asking (a city cannot pair with itself or twice), and the two
// cities' work on a pairing — goals added and marked reached, meetings whose notes only the two
// cities read, the end on a date — refused to another city's admin and to nobody signed in.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '#lib/server/accounts/index.ts';
import { createCity } from '#lib/server/testing/factories.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '#lib/server/testing/test-database.ts';
import { memberCity, networkAdmin, personWith } from '#lib/server/testing/network-factories.ts';
import { acceptPairing, getPairing, listMeetings, requestPairing } from '#lib/server/network/pairing.service.ts';
import { outcome, routeEvent } from '../route-testing.ts';
import { actions as listActions } from './+page.server.ts';
import { actions, load } from './[ref]/+page.server.ts';

describe.each(DIALECTS)('pairing routes on %s', (dialect) => {
	let database: TestDatabase;
	beforeEach(async () => {
		database = await createTestDatabase(dialect);
	});
	afterEach(() => database.cleanup());

	async function world() {
		const { db } = database;
		const admin = await networkAdmin(db);
		const newtown = await memberCity(db, admin, { name: 'Newtown' });
		const lund = await memberCity(db, admin, { name: 'Lund' });
		const stranger = await personWith(db, [{ cityId: (await createCity(db, { name: 'Elsewhere' })).id, role: 'city_admin' }]);
		return { db, admin, newtown, lund, stranger };
	}

	it('refuses a city pairing with itself or twice, with the reason next to the field; nothing is asked', async () => {
		const { db, newtown, lund } = await world();
		const ask = (mentorCityId: string) =>
			outcome(() => listActions.ask(routeEvent(db, '/network/pairings', newtown.cityAdmin, { form: [['menteeCityId', newtown.city.id], ['mentorCityId', mentorCityId], ['message', 'Help'], ['endsOn', '']] })));
		expect(await ask(newtown.city.id)).toMatchObject({ status: 400, errors: { mentorCityId: 'pairing_self' } });
		expect(await ask(lund.city.id)).toMatchObject({ status: 303, location: expect.stringMatching(/^\/network\/pairings\?asked=/) });
		expect(await ask(lund.city.id)).toMatchObject({ status: 409, errors: { form: 'pairing_exists' } });
		// The other way round is the same two cities.
		const back = await outcome(() => listActions.ask(routeEvent(db, '/network/pairings', lund.cityAdmin, { form: [['menteeCityId', lund.city.id], ['mentorCityId', newtown.city.id], ['message', ''], ['endsOn', '']] })));
		expect(back).toMatchObject({ status: 409, errors: { form: 'pairing_exists' } });
	});

	it('the two cities add goals, mark them reached, record meetings and end the pairing on a date; another city and nobody signed in may not', async () => {
		const { db, admin, newtown, lund, stranger } = await world();
		const proposed = await requestPairing(db, newtown.cityAdmin, { menteeCityId: newtown.city.id, mentorCityId: lund.city.id, message: '', endsOn: null });
		await acceptPairing(db, lund.cityAdmin, proposed.id, proposed.version, { today: '2026-01-15' });
		const ref = proposed.ref;
		const act = (actor: Actor | null, action: 'goal' | 'goalStatus' | 'meeting' | 'end', form: [string, string][]) => outcome(() => actions[action](routeEvent(db, `/network/pairings/${ref}`, actor, { params: { ref }, form })));

		expect(await act(null, 'goal', [['text', 'An action plan']])).toMatchObject({ status: 303, location: expect.stringMatching(/^\/signin/) });
		expect(await act(stranger, 'goal', [['text', 'An action plan']])).toMatchObject({ status: 403 });
		expect(await act(newtown.cityAdmin, 'goal', [['text', '  ']])).toMatchObject({ status: 400, errors: { text: 'required' } });
		expect(await act(newtown.cityAdmin, 'goal', [['text', 'x'.repeat(501)]])).toMatchObject({ status: 400, errors: { text: 'too_long' } });
		expect((await getPairing(db, ref)).goals).toEqual([]);
		expect(await act(newtown.cityAdmin, 'goal', [['text', 'An action plan']])).toMatchObject({ status: 303, location: `/network/pairings/${ref}#goals` });
		const [goal] = (await getPairing(db, ref)).goals;
		expect(await act(stranger, 'goalStatus', [['goalId', goal!.id], ['status', 'achieved']])).toMatchObject({ status: 403 });
		expect(await act(lund.cityAdmin, 'goalStatus', [['goalId', goal!.id], ['status', 'finished']])).toMatchObject({ status: 400, errors: { status: 'choice_invalid' } });
		expect(await act(lund.cityAdmin, 'goalStatus', [['goalId', 'no-such-goal'], ['status', 'achieved']])).toMatchObject({ status: 404, errors: { form: 'goal_not_found' } });
		expect(await act(lund.cityAdmin, 'goalStatus', [['goalId', goal!.id], ['status', 'achieved']])).toMatchObject({ status: 303 });
		expect((await getPairing(db, ref)).goals).toMatchObject([{ text: 'An action plan', status: 'achieved' }]);

		const meeting = (overrides: Record<string, string> = {}): [string, string][] => Object.entries({ heldOn: '2026-02-01', mode: 'online', summary: 'Kick-off', notes: 'Budget worries', ...overrides });
		expect(await act(stranger, 'meeting', meeting())).toMatchObject({ status: 403 });
		expect(await act(lund.cityAdmin, 'meeting', meeting({ heldOn: '2026-02-30', mode: 'carrier pigeon', summary: '' }))).toMatchObject({ status: 400, errors: { heldOn: 'date_invalid', mode: 'choice_invalid', summary: 'required' } });
		expect(await act(lund.cityAdmin, 'meeting', meeting())).toMatchObject({ status: 303, location: `/network/pairings/${ref}#meetings` });
		const pairing = await getPairing(db, ref);
		// The notes are the two cities': not the network admin's, not another city's, not the public's.
		expect((await listMeetings(db, newtown.cityAdmin, pairing))[0]).toMatchObject({ summary: 'Kick-off', notes: 'Budget worries' });
		for (const reader of [admin, stranger, null]) expect((await listMeetings(db, reader, pairing))[0]).toMatchObject({ summary: 'Kick-off', notes: '' });
		const page = (await load(routeEvent(db, `/network/pairings/${ref}`, stranger, { params: { ref } }))) as unknown as { works: boolean; meetings: { notes: string }[] };
		expect(page).toMatchObject({ works: false, meetings: [{ notes: '' }] });

		const end = (overrides: Record<string, string> = {}): [string, string][] => Object.entries({ version: String(pairing.version), note: 'Goals reached', endedOn: '2026-06-30', ...overrides });
		expect(await act(stranger, 'end', end())).toMatchObject({ status: 403 });
		expect(await act(lund.cityAdmin, 'end', end({ note: '' }))).toMatchObject({ status: 400, errors: { note: 'required' } });
		expect(await act(lund.cityAdmin, 'end', end({ endedOn: '2999-01-01' }))).toMatchObject({ status: 400, errors: { endedOn: 'date_future' } });
		expect(await act(lund.cityAdmin, 'end', end({ endedOn: '2025-12-31' }))).toMatchObject({ status: 400, errors: { endedOn: 'ended_before_start' } });
		expect(await act(lund.cityAdmin, 'end', end({ endedOn: 'soon' }))).toMatchObject({ status: 400, errors: { endedOn: 'date_invalid' } });
		expect((await getPairing(db, ref)).status).toBe('active');
		expect(await act(lund.cityAdmin, 'end', end())).toMatchObject({ status: 303, location: `/network/pairings/${ref}` });
		expect(await getPairing(db, ref)).toMatchObject({ status: 'ended', endedOn: '2026-06-30', endNote: { en: 'Goals reached' } });
		expect(await act(newtown.cityAdmin, 'end', end({ version: String(pairing.version + 1) }))).toMatchObject({ status: 409, errors: { form: 'pairing_closed' } });
	});
});
