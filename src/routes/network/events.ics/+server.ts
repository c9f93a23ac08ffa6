// The network's public events as an iCalendar feed (RFC 5545) that calendar applications
// subscribe to; titles in the language asked (`?lang=ko`), else the reader's.
import type { RequestHandler } from './$types';
import { isLocale } from '#lib/i18n/locales.ts';
import { message } from '#lib/i18n/messages.ts';
import { loadConfig } from '#lib/server/config/config.ts';
import { eventsCalendar } from '#lib/server/network/events.service.ts';

export const GET: RequestHandler = async ({ locals, url }) => {
	const asked = url.searchParams.get('lang');
	const locale = isLocale(asked) ? asked : locals.locale;
	const body = await eventsCalendar(locals.db, { origin: loadConfig().publicOrigin, locale, name: message('network_events_calendar_name', {}, { locale }) });
	return new Response(body, {
		headers: { 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': 'inline; filename="network-events.ics"', 'Cache-Control': 'public, max-age=300' }
	});
};
