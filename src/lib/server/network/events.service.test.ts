import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ical, { type CalendarComponent, type VEvent } from 'node-ical';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../testing/test-database.ts';
import { memberCity, networkAdmin, personWith } from '../testing/network-factories.ts';
import { readOutbox } from '../accounts/index.ts';
import { isDomainError } from '../errors.ts';
import { ANONYMOUS } from './network.policy.ts';
import { viewerOf } from './membership.service.ts';
import { cancelRegistration, createEvent, eventsCalendar, getEvent, listEvents, register } from './events.service.ts';
import type { EventInput } from './network.schema.ts';

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

const forum = (overrides: Partial<EventInput> = {}): EventInput => ({
	kind: 'forum',
	audience: 'public',
	title: { en: 'World Human Rights Cities Forum', ko: '세계인권도시포럼' },
	description: { en: 'The yearly forum' },
	startsLocal: '2030-10-14T09:30',
	endsLocal: '2030-10-16T18:00',
	timeZone: 'Asia/Seoul',
	mode: 'hybrid',
	place: 'Gwangju',
	onlineUrl: 'https://example.org/stream',
	languages: ['ko', 'en'],
	capacity: 1,
	registrationClosesLocal: null,
	hostCityId: null,
	...overrides
});

describe.each(DIALECTS)('events on %s', (dialect) => {
	let database: TestDatabase;
	beforeEach(async () => {
		database = await createTestDatabase(dialect);
	});
	afterEach(() => database.cleanup());

	it('registers up to the capacity, then on the waiting list; a freed place goes to the first waiting, told by mail', async () => {
		const { db } = database;
		const admin = await viewerOf(db, await networkAdmin(db));
		const event = await createEvent(db, admin, forum());
		expect(event).toMatchObject({ startsAt: '2030-10-14T00:30:00.000Z', endsAt: '2030-10-16T09:00:00.000Z', startsLocal: '2030-10-14T09:30', capacity: 1 });
		const first = await viewerOf(db, await personWith(db));
		const second = await viewerOf(db, await personWith(db, [], { preferredLocale: 'es' }));
		expect(await register(db, first, event.id)).toBe('registered');
		expect(await register(db, first, event.id)).toBe('registered');
		expect(await register(db, second, event.id)).toBe('waitlisted');
		expect(await failure(register(db, ANONYMOUS, event.id))).toBe('unauthenticated');
		expect(await getEvent(db, ANONYMOUS, event.ref)).toMatchObject({ registered: 1, waitlisted: 1, myStatus: null, onlineUrl: null });
		expect((await getEvent(db, first, event.ref)).onlineUrl).toBe('https://example.org/stream');

		await cancelRegistration(db, first, event.id);
		expect((await getEvent(db, second, event.ref)).myStatus).toBe('registered');
		const [mail] = await readOutbox(db, second.actor!.email);
		expect(mail!.subject).toContain('World Human Rights Cities Forum');
		expect(mail!.subject).toMatch(/plaza/);
		expect(await failure(cancelRegistration(db, first, event.id))).toBe('conflict:not_registered');
		// Registration closes when the event starts.
		expect(await failure(register(db, first, event.id, '2030-10-14T01:00:00.000Z'))).toBe('conflict:registration_closed');
	});

	it('keeps practitioners’ events from the public, checks every field, and only the network admin creates events', async () => {
		const { db } = database;
		const adminActor = await networkAdmin(db);
		const admin = await viewerOf(db, adminActor);
		const { cityAdmin } = await memberCity(db, adminActor, { name: 'York' });
		const practitioner = await viewerOf(db, cityAdmin);
		const resident = await viewerOf(db, await personWith(db));
		const webinar = await createEvent(db, admin, forum({ kind: 'webinar', audience: 'practitioners', mode: 'online', place: '', title: { en: 'Indicator webinar' } }));
		expect((await listEvents(db, ANONYMOUS, 'upcoming')).map((event) => event.ref)).not.toContain(webinar.ref);
		expect((await listEvents(db, practitioner, 'upcoming')).map((event) => event.ref)).toContain(webinar.ref);
		expect(await failure(getEvent(db, resident, webinar.ref))).toBe('event_not_found');
		expect(await failure(register(db, resident, webinar.id))).toBe('event_not_found');
		expect(await register(db, practitioner, webinar.id)).toBe('registered');

		expect(await failure(createEvent(db, practitioner, forum()))).toBe('forbidden');
		expect(await failure(createEvent(db, admin, forum({ timeZone: 'Mars/Olympus' })))).toBe('timeZone:timezone_invalid');
		expect(await failure(createEvent(db, admin, forum({ startsLocal: '14/10/2030' })))).toBe('startsLocal:datetime_invalid');
		expect(await failure(createEvent(db, admin, forum({ mode: 'in_person', place: '' })))).toBe('place:place_required');
		expect(await failure(createEvent(db, admin, forum({ mode: 'online', onlineUrl: null })))).toBe('onlineUrl:online_url_required');
		expect(await failure(createEvent(db, admin, forum({ capacity: 0 })))).toBe('capacity:number_invalid');
		expect(await failure(createEvent(db, admin, forum({ title: {} })))).toMatch(/^title:/);
	});

	it('publishes the public events as an iCalendar feed that a real parser reads, in the reader’s language', async () => {
		const { db } = database;
		const admin = await viewerOf(db, await networkAdmin(db));
		const event = await createEvent(db, admin, forum());
		await createEvent(db, admin, forum({ audience: 'practitioners', title: { en: 'Closed meeting' } }));
		const feed = await eventsCalendar(db, { origin: 'https://rights.example.org', locale: 'ko', name: 'Network events', now: '2030-01-01T00:00:00.000Z' });
		const events = Object.values(ical.sync.parseICS(feed)).filter((item): item is VEvent => (item as CalendarComponent | undefined)?.type === 'VEVENT');
		expect(events).toHaveLength(1);
		expect(events[0]!.summary).toBe('세계인권도시포럼');
		expect(events[0]!.start.toISOString()).toBe('2030-10-14T00:30:00.000Z');
		expect(events[0]!.end?.toISOString()).toBe('2030-10-16T09:00:00.000Z');
		expect(events[0]!.url).toBe(`https://rights.example.org/network/events/${event.ref}`);
		expect(feed).not.toContain('Closed meeting');
	});
});
