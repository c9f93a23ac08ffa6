// The network's front page in process: its figures count what is current (a suspended or departed
// member is not counted, a guest city is counted as a guest), coming events and new practices
// are the ones the reader may see, and the page is publicly cacheable only for anonymous readers.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '#lib/server/accounts/index.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '#lib/server/testing/test-database.ts';
import { memberCity, networkAdmin, practiceInput } from '#lib/server/testing/network-factories.ts';
import { requestEvent } from '#lib/server/testing/request-event.ts';
import { changeMembershipStatus, membershipOfCity, viewerOf } from '#lib/server/network/membership.service.ts';
import { createPractice, setPracticeStatus } from '#lib/server/network/practices.service.ts';
import { createEvent } from '#lib/server/network/events.service.ts';
import type { EventInput } from '#lib/server/network/network.schema.ts';
import { load } from './+page.server.ts';

/** What the page is given (the route's load is typed loosely by PageServerLoad). */
interface Home {
	counts: Record<string, number>;
	events: { title: { text: string } }[];
	practices: { title: { text: string } }[];
}

describe.each(DIALECTS)('the network front page on %s', (dialect) => {
	let database: TestDatabase;
	let admin: Actor;
	beforeEach(async () => {
		database = await createTestDatabase(dialect);
		admin = await networkAdmin(database.db);
	});
	afterEach(() => database.cleanup());

	async function home(actor: Actor | null): Promise<{ data: Home; headers: Record<string, string> }> {
		const { event, headers } = requestEvent('https://example.org/network', { locals: { db: database.db, actor, locale: 'en' } as Partial<App.Locals> });
		const data = (await load(event as never)) as Home;
		return { data, headers };
	}

	it('counts current members by kind, active pairings and published practices; lists coming events and new practices', async () => {
		const lund = await memberCity(database.db, admin, { name: 'Lund' });
		await memberCity(database.db, admin, { name: 'Graz' });
		await memberCity(database.db, admin, { name: 'Thiès' }, { level: 'guest' });
		const gone = await memberCity(database.db, admin, { name: 'Gone' });
		const membership = (await membershipOfCity(database.db, gone.city.id))!;
		await changeMembershipStatus(database.db, admin, membership.id, membership.version, { status: 'suspended', reason: 'No report for three years', lang: 'en' });

		const draft = await createPractice(database.db, lund.cityAdmin, lund.city.id, practiceInput({ title: { en: 'Housing advice at the counter' } }));
		await createPractice(database.db, lund.cityAdmin, lund.city.id, practiceInput({ title: { en: 'A draft nobody sees' } }));
		await setPracticeStatus(database.db, lund.cityAdmin, lund.city.id, draft.id, draft.version, 'published');
		const viewer = await viewerOf(database.db, admin);
		const workshop = { kind: 'workshop', audience: 'public', description: {}, timeZone: 'Europe/Stockholm', mode: 'online', place: '', onlineUrl: 'https://example.org/live', languages: ['en'], capacity: null, registrationClosesLocal: null, hostCityId: null } satisfies Partial<EventInput>;
		await createEvent(database.db, viewer, { ...workshop, title: { en: 'Housing indicators workshop' }, startsLocal: '2031-05-20T10:00', endsLocal: '2031-05-20T16:30' });
		await createEvent(database.db, viewer, { ...workshop, title: { en: 'A workshop long past' }, startsLocal: '2020-05-20T10:00', endsLocal: '2020-05-20T16:30' });

		const { data, headers } = await home(null);
		expect(data.counts).toEqual({ memberCities: 2, guestCities: 1, associates: 0, pairings: 0, practices: 1 });
		expect(data.practices.map((practice) => practice.title.text)).toEqual(['Housing advice at the counter']);
		expect(data.events.map((event) => event.title.text)).toEqual(['Housing indicators workshop']);
		expect(headers['cache-control']).toMatch(/public/);
	});

	it('is rendered afresh for a signed-in reader (no public caching)', async () => {
		const { headers } = await home(admin);
		expect(headers['cache-control']).toBeUndefined();
	});
});
