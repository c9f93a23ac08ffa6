import { describe, expect, it } from 'vitest';
import ical, { type CalendarComponent, type VEvent } from 'node-ical';
import { escapeText, foldLine, icalendar, type CalendarEvent } from './ical.ts';
import { offsetMinutes, utcToZoned, zonedToUtc } from './time-zone.ts';

const event = (overrides: Partial<CalendarEvent>): CalendarEvent => ({
	uid: 'e1@rightscity',
	title: 'World Human Rights Cities Forum',
	description: '',
	startsAt: '2026-10-14T00:30:00.000Z',
	endsAt: '2026-10-16T09:00:00.000Z',
	timeZone: 'Asia/Seoul',
	location: 'Gwangju',
	url: 'https://example.org/network/events/E-1',
	cancelled: false,
	sequence: 0,
	updatedAt: '2026-09-01T10:00:00.000Z',
	categories: ['forum'],
	...overrides
});

describe('time zones', () => {
	it('turns a wall-clock time in a zone into UTC and back, across daylight saving', () => {
		expect(zonedToUtc('2026-10-14T09:30', 'Asia/Seoul')).toBe('2026-10-14T00:30:00.000Z');
		expect(utcToZoned('2026-10-14T00:30:00.000Z', 'Asia/Seoul')).toBe('2026-10-14T09:30');
		expect(zonedToUtc('2026-07-01T14:00', 'Europe/London')).toBe('2026-07-01T13:00:00.000Z');
		expect(zonedToUtc('2026-12-01T14:00', 'Europe/London')).toBe('2026-12-01T14:00:00.000Z');
		expect(zonedToUtc('2026-03-08T12:00', 'America/Chicago')).toBe('2026-03-08T17:00:00.000Z');
		expect(offsetMinutes(Date.parse('2026-01-01T00:00:00Z'), 'Asia/Kolkata')).toBe(330);
	});

	it('refuses a time that does not exist (clocks going forward) and takes the first of a repeated one', () => {
		expect(zonedToUtc('2026-03-29T01:30', 'Europe/London')).toBeUndefined();
		expect(zonedToUtc('2026-10-25T01:30', 'Europe/London')).toBe('2026-10-25T00:30:00.000Z');
		expect(zonedToUtc('2026-02-30T10:00', 'UTC')).toBeUndefined();
	});
});

describe('iCalendar', () => {
	it('escapes text and folds long lines at 75 octets without breaking a character', () => {
		expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
		const folded = foldLine(`SUMMARY:${'세계인권도시포럼'.repeat(10)}`);
		for (const line of folded.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
		expect(folded.split('\r\n').map((line, index) => (index ? line.slice(1) : line)).join('')).toBe(`SUMMARY:${'세계인권도시포럼'.repeat(10)}`);
	});

	it('is read by a real iCalendar parser with the right instants, zones, text and status', () => {
		const document = icalendar({
			name: 'Network, events',
			events: [
				event({ description: 'Line one\nLine two, with; punctuation', title: '세계인권도시포럼 — World Forum, 2026' }),
				event({ uid: 'e2@rightscity', startsAt: '2026-03-28T13:00:00.000Z', endsAt: '2026-03-30T14:30:00.000Z', timeZone: 'Europe/London', cancelled: true, sequence: 3, title: 'Webinar across the clock change' })
			]
		});
		expect(document.endsWith('\r\n')).toBe(true);
		expect(document).toContain('DTSTART;TZID=Asia/Seoul:20261014T093000');
		expect(document).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/London');
		const parsed = ical.sync.parseICS(document);
		const events = Object.values(parsed).filter((item): item is VEvent => (item as CalendarComponent | undefined)?.type === 'VEVENT');
		expect(events).toHaveLength(2);
		const forum = events.find((item) => item.uid === 'e1@rightscity')!;
		expect(forum.start.toISOString()).toBe('2026-10-14T00:30:00.000Z');
		expect(forum.end?.toISOString()).toBe('2026-10-16T09:00:00.000Z');
		expect((forum.start as Date & { tz?: string }).tz).toBe('Asia/Seoul');
		expect(forum.summary).toBe('세계인권도시포럼 — World Forum, 2026');
		expect(forum.description).toBe('Line one\nLine two, with; punctuation');
		expect(forum.location).toBe('Gwangju');
		const webinar = events.find((item) => item.uid === 'e2@rightscity')!;
		// Starts in GMT, ends in BST: both instants exact.
		expect(webinar.start.toISOString()).toBe('2026-03-28T13:00:00.000Z');
		expect(webinar.end?.toISOString()).toBe('2026-03-30T14:30:00.000Z');
		expect(webinar.status).toBe('CANCELLED');
		expect(Number(webinar.sequence)).toBe(3);
	});
});
