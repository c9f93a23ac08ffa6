// The event routes in process: the network admin's form (create, edit, cancel) refuses everyone
// else and reports bad input next to its field, changing nothing; the .ics routes answer an
// iCalendar document with CRLF lines.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isHttpError, isRedirect } from '@sveltejs/kit';
import type { Actor } from '#lib/server/accounts/index.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '#lib/server/testing/test-database.ts';
import { memberCity, networkAdmin } from '#lib/server/testing/network-factories.ts';
import { formOf, requestEvent } from '#lib/server/testing/request-event.ts';
import { viewerOf } from '#lib/server/network/membership.service.ts';
import { getEvent, listEvents } from '#lib/server/network/events.service.ts';
import { ANONYMOUS } from '#lib/server/network/network.policy.ts';
import { actions as createActions } from './new/+page.server.ts';
import { actions as editActions } from './[ref]/edit/+page.server.ts';
import { actions as eventActions } from './[ref]/+page.server.ts';
import { GET as oneCalendar } from './[ref].ics/+server.ts';
import { GET as feed } from '../events.ics/+server.ts';

const valid: [string, string][] = [
	['kind', 'workshop'],
	['audience', 'public'],
	['lang', 'ar'],
	['title', 'مؤشرات السكن, ورشة عمل; عمّان'],
	['description', 'سطر أول\nسطر ثان'],
	['startsLocal', '2031-05-20T10:00'],
	['endsLocal', '2031-05-20T16:30'],
	['timeZone', 'Asia/Amman'],
	['mode', 'hybrid'],
	['place', 'Amman'],
	['onlineUrl', 'https://example.org/live'],
	['languages', 'ar, en'],
	['capacity', '40'],
	['registrationClosesLocal', ''],
	['hostCityId', '']
];

const withField = (name: string, value: string): [string, string][] => valid.map(([key, old]) => [key, key === name ? value : old]);

describe.each(DIALECTS)('event routes on %s', (dialect) => {
	let database: TestDatabase;
	let admin: Actor;
	let otherCityAdmin: Actor;
	beforeEach(async () => {
		database = await createTestDatabase(dialect);
		admin = await networkAdmin(database.db);
		otherCityAdmin = (await memberCity(database.db, admin, { name: 'Graz' })).cityAdmin;
	});
	afterEach(() => database.cleanup());

	// A post as a browser sends it, by `actor` (null: nobody signed in).
	const post = (path: string, actor: Actor | null, entries: [string, string][], params: Record<string, string> = {}) => {
		const { event } = requestEvent(`https://example.org${path}`, { method: 'POST', body: formOf(entries), locals: { db: database.db, actor, locale: 'en' } as Partial<App.Locals> });
		(event as { params: unknown }).params = params;
		return event;
	};
	async function outcome(run: () => unknown): Promise<{ status: number; location?: string; data?: { errors: Record<string, string> } }> {
		try {
			const result = (await run()) as { status: number; data: { errors: Record<string, string> } };
			return { status: result.status, data: result.data };
		} catch (thrown) {
			if (isRedirect(thrown)) return { status: thrown.status, location: thrown.location };
			if (isHttpError(thrown)) return { status: thrown.status };
			throw thrown;
		}
	}
	const publicEvents = async () => listEvents(database.db, ANONYMOUS, 'upcoming', '2031-01-01T00:00:00.000Z');

	it('creates an event for the network admin only; another city’s admin gets 403 and nobody signed in goes to sign in', async () => {
		expect(await outcome(() => createActions.default(post('/network/events/new', null, valid) as never))).toMatchObject({ status: 303, location: expect.stringMatching(/^\/signin/) });
		expect(await outcome(() => createActions.default(post('/network/events/new', otherCityAdmin, valid) as never))).toEqual({ status: 403 });
		expect(await publicEvents()).toHaveLength(0);
		const created = await outcome(() => createActions.default(post('/network/events/new', admin, valid) as never));
		expect(created.status).toBe(303);
		const [event] = await publicEvents();
		expect(created.location).toBe(`/network/events/${event!.ref}`);
		expect(event).toMatchObject({ title: { ar: 'مؤشرات السكن, ورشة عمل; عمّان' }, startsAt: '2031-05-20T07:00:00.000Z', timeZone: 'Asia/Amman', languages: ['ar', 'en'], capacity: 40 });
	});

	it('reports bad input next to its field and creates nothing', async () => {
		const cases: [[string, string][], string, string][] = [
			[withField('timeZone', 'Mars/Olympus'), 'timeZone', 'timezone_invalid'],
			[withField('title', ''), 'title', 'required'],
			// Every problem at once, the title's with the others.
			[withField('title', '').map(([key, value]): [string, string] => [key, key === 'timeZone' ? 'Nowhere' : value]), 'timeZone', 'timezone_invalid'],
			[withField('endsLocal', '2031-05-20T09:00'), 'endsLocal', 'end_before_start'],
			[withField('startsLocal', 'tomorrow'), 'startsLocal', 'datetime_invalid'],
			[withField('capacity', 'forty'), 'capacity', 'number_invalid'],
			[withField('onlineUrl', 'javascript:alert(1)'), 'onlineUrl', 'url_invalid'],
			[withField('kind', 'party'), 'kind', 'choice_invalid'],
			[withField('hostCityId', 'no-such-city'), 'hostCityId', 'city_unknown'],
			[withField('title', 'x'.repeat(501)), 'title', 'too_long']
		];
		for (const [entries, field, rule] of cases) {
			const result = await outcome(() => createActions.default(post('/network/events/new', admin, entries) as never));
			expect(result.status, `${field}: ${rule}`).toBe(400);
			expect(result.data?.errors[field], `${field}: ${rule}`).toBe(rule);
		}
		expect(await publicEvents()).toHaveLength(0);
	});

	it('edits in one language keeping the others, refuses others and a stale version, and cancels it (registration then refused)', async () => {
		await createActions.default(post('/network/events/new', admin, valid) as never).catch(() => {});
		const [created] = await publicEvents();
		const params = { ref: created!.ref };
		const english: [string, string][] = [...withField('lang', 'en').map(([key, value]): [string, string] => [key, key === 'title' ? 'Housing indicators workshop' : value]), ['version', String(created!.version)]];
		expect(await outcome(() => editActions.save(post(`/network/events/${created!.ref}/edit`, otherCityAdmin, english, params) as never))).toEqual({ status: 403 });
		expect(await outcome(() => editActions.save(post(`/network/events/${created!.ref}/edit`, null, english, params) as never))).toMatchObject({ status: 303, location: expect.stringMatching(/^\/signin/) });
		expect(await outcome(() => editActions.cancel(post(`/network/events/${created!.ref}/edit`, otherCityAdmin, [['version', '1']], params) as never))).toEqual({ status: 403 });
		expect(await outcome(() => editActions.save(post(`/network/events/${created!.ref}/edit`, admin, english, params) as never))).toMatchObject({ status: 303 });
		const viewer = await viewerOf(database.db, admin);
		const saved = await getEvent(database.db, viewer, created!.ref);
		expect(saved.title).toEqual({ ar: 'مؤشرات السكن, ورشة عمل; عمّان', en: 'Housing indicators workshop' });
		// The same form again (its version is now old): nothing saved.
		const stale = await outcome(() => editActions.save(post(`/network/events/${created!.ref}/edit`, admin, withField('place', 'Irbid').concat([['version', String(created!.version)]]), params) as never));
		expect(stale.status).toBe(409);
		expect((await getEvent(database.db, viewer, created!.ref)).place).toBe('Amman');
		expect(await outcome(() => editActions.cancel(post(`/network/events/${created!.ref}/edit`, admin, [['version', String(saved.version)]], params) as never))).toMatchObject({ status: 303 });
		expect((await getEvent(database.db, viewer, created!.ref)).cancelled).toBe(true);
		// Registration on a cancelled event: a message, no registration.
		const refused = await outcome(() => eventActions.register(post(`/network/events/${created!.ref}`, otherCityAdmin, [], params) as never));
		expect(refused).toMatchObject({ status: 409, data: { errors: { form: 'event_cancelled' } } });
		expect(await outcome(() => eventActions.register(post(`/network/events/${created!.ref}`, null, [], params) as never))).toMatchObject({ status: 303, location: expect.stringMatching(/^\/signin/) });
	});

	it('answers the .ics of one event and of the list with CRLF lines, the event in both under one UID', async () => {
		await createActions.default(post('/network/events/new', admin, valid) as never).catch(() => {});
		const [created] = await publicEvents();
		const { event: one } = requestEvent(`https://example.org/network/events/${created!.ref}.ics?lang=ar`, { locals: { db: database.db, actor: null, locale: 'en' } as Partial<App.Locals> });
		(one as { params: unknown }).params = { ref: created!.ref };
		const response = await oneCalendar(one as never);
		expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
		const text = await response.text();
		expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
		expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
		expect(text.replace(/\r\n /g, '')).toContain('SUMMARY:مؤشرات السكن\\, ورشة عمل\\; عمّان\r\n');
		const uid = /UID:(.+)\r\n/.exec(text)![1];
		const { event: list } = requestEvent('https://example.org/network/events.ics', { locals: { db: database.db, actor: null, locale: 'en' } as Partial<App.Locals> });
		expect(await (await feed(list as never)).text()).toContain(`UID:${uid}\r\n`);
		const { event: missing } = requestEvent('https://example.org/network/events/E-999.ics', { locals: { db: database.db, actor: null, locale: 'en' } as Partial<App.Locals> });
		(missing as { params: unknown }).params = { ref: 'E-999' };
		expect(await outcome(() => oneCalendar(missing as never))).toEqual({ status: 404 });
	});
});
