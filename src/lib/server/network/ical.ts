/**
 * The events as an iCalendar feed (RFC 5545): each event with its start and end in its own time
 * zone (`DTSTART;TZID=Asia/Seoul:20261014T093000`) and a VTIMEZONE for every zone used, built from
 * the zone's real offsets (Intl) around the events' dates — so a calendar shows the Gwangju forum
 * at 09:30 in Gwangju and at the right hour wherever the reader is. Text is escaped and lines are
 * folded at 75 octets without splitting a character; lines end in CRLF. `SEQUENCE` is the event's
 * version, so calendars take changes and cancellations (`STATUS:CANCELLED`).
 *
 * @example icalendar({ name: 'Human Rights Cities Network', events: [{ uid, title: 'World Human Rights Cities Forum', … }] })
 */
import { offsetTransitions, offsetMinutes, utcToZoned } from './time-zone.ts';

export interface CalendarEvent {
	uid: string;
	title: string;
	description: string;
	/** UTC instants (ISO). */
	startsAt: string;
	endsAt: string;
	timeZone: string;
	location: string;
	url: string;
	cancelled: boolean;
	sequence: number;
	/** Last change (ISO, UTC). */
	updatedAt: string;
	categories: string[];
}

/** TEXT value escaping (RFC 5545 3.3.11). */
export function escapeText(text: string): string {
	return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

const encoder = new TextEncoder();

/** A content line folded at 75 octets (continuation lines start with a space), never inside a character. */
export function foldLine(line: string): string {
	if (encoder.encode(line).length <= 75) return line;
	const pieces: string[] = [];
	let current = '';
	let size = 0;
	for (const char of line) {
		const bytes = encoder.encode(char).length;
		const limit = pieces.length === 0 ? 75 : 74;
		if (size + bytes > limit) {
			pieces.push(current);
			current = '';
			size = 0;
		}
		current += char;
		size += bytes;
	}
	pieces.push(current);
	return pieces.join('\r\n ');
}

/** `20261014T003000Z` */
function utcStamp(iso: string): string {
	return new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** `20261014T093000` in the zone. */
function localStamp(iso: string, zone: string): string {
	return `${utcToZoned(iso, zone).replace(/[-:]/g, '')}00`;
}

function offsetText(minutes: number): string {
	const sign = minutes < 0 ? '-' : '+';
	const absolute = Math.abs(minutes);
	return `${sign}${String(Math.floor(absolute / 60)).padStart(2, '0')}${String(absolute % 60).padStart(2, '0')}`;
}

/**
 * A VTIMEZONE for the zone, correct from a year before the first event to a year after the
 * last: one observance per offset change in that span (or one STANDARD for a zone without changes).
 */
export function vtimezone(zone: string, fromMs: number, toMs: number): string[] {
	const start = Date.UTC(new Date(fromMs).getUTCFullYear() - 1, 0, 1);
	const end = Date.UTC(new Date(toMs).getUTCFullYear() + 2, 0, 1);
	const transitions = offsetTransitions(start, end, zone);
	const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
	if (transitions.length === 0) {
		const offset = offsetText(offsetMinutes(start, zone));
		lines.push('BEGIN:STANDARD', 'DTSTART:19700101T000000', `TZOFFSETFROM:${offset}`, `TZOFFSETTO:${offset}`, 'END:STANDARD');
	} else {
		for (const change of transitions) {
			const kind = change.to > change.from ? 'DAYLIGHT' : 'STANDARD';
			// DTSTART is the local time of the change, counted in the offset before it.
			const local = new Date(change.at + change.from * 60_000).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, '');
			lines.push(`BEGIN:${kind}`, `DTSTART:${local}`, `TZOFFSETFROM:${offsetText(change.from)}`, `TZOFFSETTO:${offsetText(change.to)}`, `END:${kind}`);
		}
	}
	lines.push('END:VTIMEZONE');
	return lines;
}

export function icalendar(calendar: { name: string; events: readonly CalendarEvent[]; now?: string }): string {
	const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Rights City//Network events//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${escapeText(calendar.name)}`];
	const zones = new Map<string, { from: number; to: number }>();
	for (const event of calendar.events) {
		const span = zones.get(event.timeZone) ?? { from: Infinity, to: -Infinity };
		zones.set(event.timeZone, { from: Math.min(span.from, Date.parse(event.startsAt)), to: Math.max(span.to, Date.parse(event.endsAt)) });
	}
	for (const [zone, span] of [...zones].sort(([a], [b]) => (a < b ? -1 : 1))) lines.push(...vtimezone(zone, span.from, span.to));
	for (const event of calendar.events) {
		lines.push(
			'BEGIN:VEVENT',
			`UID:${event.uid}`,
			`DTSTAMP:${utcStamp(calendar.now ?? event.updatedAt)}`,
			`LAST-MODIFIED:${utcStamp(event.updatedAt)}`,
			`SEQUENCE:${event.sequence}`,
			`DTSTART;TZID=${event.timeZone}:${localStamp(event.startsAt, event.timeZone)}`,
			`DTEND;TZID=${event.timeZone}:${localStamp(event.endsAt, event.timeZone)}`,
			`SUMMARY:${escapeText(event.title)}`,
			...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
			...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
			`URL:${event.url}`,
			...(event.categories.length ? [`CATEGORIES:${event.categories.map(escapeText).join(',')}`] : []),
			`STATUS:${event.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
			'TRANSP:OPAQUE',
			'END:VEVENT'
		);
	}
	lines.push('END:VCALENDAR');
	return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
