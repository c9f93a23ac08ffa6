import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ical, { type CalendarComponent, type VEvent } from 'node-ical';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../testing/test-database.ts';
import { memberCity, networkAdmin, personWith } from '../testing/network-factories.ts';
import { readOutbox } from '../accounts/index.ts';
import { isDomainError } from '../errors.ts';
import { ANONYMOUS } from './network.policy.ts';
import { viewerOf } from './membership.service.ts';
import { cancelRegistration, createEvent, eventCalendar, eventsCalendar, getEvent, listEvents, register } from './events.service.ts';
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

	it('writes one event’s iCalendar file by RFC 5545: CRLF, 75-octet folds inside no character, escaped commas and semicolons, UID, DTSTAMP, TZID', async () => {
		const { db } = database;
		const admin = await viewerOf(db, await networkAdmin(db));
		const title = '세계인권도시포럼, 광주; 인권도시 실무자 워크숍 — 주거권과 참여 예산의 지표를 함께 만드는 사흘';
		const event = await createEvent(db, admin, forum({ title: { ko: title, en: 'Forum' }, description: { ko: '첫째 줄\n둘째 줄, 쉼표; 세미콜론' } }));
		const document = await eventCalendar(db, ANONYMOUS, event.ref, { origin: 'https://rights.example.org', locale: 'ko', name: '네트워크 행사', now: '2030-01-02T03:04:05.678Z' });
		expect(document.endsWith('\r\n')).toBe(true);
		const lines = document.slice(0, -2).split('\r\n');
		// No bare CR or LF anywhere; no physical line over 75 octets; the Korean title did need folding.
		for (const line of lines) {
			expect(line).not.toMatch(/[\r\n]/);
			expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
		}
		const summaryAt = lines.findIndex((line) => line.startsWith('SUMMARY:'));
		expect(lines[summaryAt + 1]!.startsWith(' ')).toBe(true);
		// Folding never split a character: every physical line is valid UTF-8 on its own.
		for (const line of lines) expect(new TextDecoder('utf-8', { fatal: true }).decode(new TextEncoder().encode(line))).toBe(line);
		const unfolded = document.replace(/\r\n /g, '').split('\r\n');
		expect(unfolded).toContain('SUMMARY:세계인권도시포럼\\, 광주\\; 인권도시 실무자 워크숍 — 주거권과 참여 예산의 지표를 함께 만드는 사흘');
		expect(unfolded).toContain('DESCRIPTION:첫째 줄\\n둘째 줄\\, 쉼표\\; 세미콜론');
		expect(unfolded).toContain(`UID:${event.id}@rightscity`);
		expect(unfolded).toContain('DTSTAMP:20300102T030405Z');
		expect(unfolded).toContain('DTSTART;TZID=Asia/Seoul:20301014T093000');
		expect(unfolded).toContain('BEGIN:VTIMEZONE');
		const [parsed] = Object.values(ical.sync.parseICS(document)).filter((item): item is VEvent => (item as CalendarComponent | undefined)?.type === 'VEVENT');
		expect(parsed!.summary).toBe(title);
		expect(parsed!.description).toBe('첫째 줄\n둘째 줄, 쉼표; 세미콜론');
		expect(parsed!.start.toISOString()).toBe('2030-10-14T00:30:00.000Z');
		// A practitioners' event has no file for the public.
		const closed = await createEvent(db, admin, forum({ audience: 'practitioners', title: { en: 'Closed meeting' } }));
		expect(await failure(eventCalendar(db, ANONYMOUS, closed.ref, { origin: 'https://rights.example.org', locale: 'en', name: 'x' }))).toBe('event_not_found');
	});
});
