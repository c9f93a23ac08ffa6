// What the event pages show of an event, in the reader's language: its title, when (in the
// event's own time zone, with the zone named, and in UTC for machines), where, in which languages.
import { pickText } from '#lib/i18n/localized-text.ts';
import type { NetworkEvent } from '#lib/server/network/events.service.ts';

/** `2026-10-14T09:30` in its zone, as the reader's locale writes a date and time. */
function wallClock(local: string, locale: string): string {
	// The wall-clock time is formatted as if it were UTC, so no zone shifts it.
	return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(`${local}:00Z`));
}

export function eventCard(event: NetworkEvent, locale: string) {
	const title = pickText(event.title, locale) ?? { text: event.ref, lang: 'en' };
	return {
		ref: event.ref,
		kind: event.kind,
		audience: event.audience,
		title,
		startsAt: event.startsAt,
		endsAt: event.endsAt,
		starts: wallClock(event.startsLocal, locale),
		ends: wallClock(event.endsLocal, locale),
		timeZone: event.timeZone,
		mode: event.mode,
		place: event.place,
		languages: event.languages,
		cancelled: event.cancelled,
		host: event.host
	};
}

export function eventDetails(event: NetworkEvent, locale: string) {
	return {
		...eventCard(event, locale),
		id: event.id,
		version: event.version,
		description: pickText(event.description, locale) ?? null,
		onlineUrl: event.onlineUrl,
		capacity: event.capacity,
		registered: event.registered,
		waitlisted: event.waitlisted,
		myStatus: event.myStatus,
		registrationClosesAt: event.registrationClosesAt
	};
}
