// One event as an iCalendar file (RFC 5545), to add to a calendar: the same entry as in the
// feed (same UID), so a calendar that has both keeps one.
import type { RequestHandler } from './$types';
import { isLocale } from '#lib/i18n/locales.ts';
import { message } from '#lib/i18n/messages.ts';
import { loadConfig } from '#lib/server/config/config.ts';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { viewerOf } from '#lib/server/network/membership.service.ts';
import { eventCalendar } from '#lib/server/network/events.service.ts';

export const GET: RequestHandler = async ({ locals, params, url }) => {
	const asked = url.searchParams.get('lang');
	const locale = isLocale(asked) ? asked : locals.locale;
	const viewer = await viewerOf(locals.db, locals.actor);
	const body = await orHttpError(() => eventCalendar(locals.db, viewer, params.ref, { origin: loadConfig().publicOrigin, locale, name: message('network_events_calendar_name', {}, { locale }) }));
	return new Response(body, {
		headers: {
			'Content-Type': 'text/calendar; charset=utf-8',
			'Content-Disposition': `attachment; filename="${params.ref.replace(/[^A-Za-z0-9-]/g, '')}.ics"`,
			// A practitioners' event is the viewer's own business.
			'Cache-Control': locals.actor ? 'private, no-cache' : 'public, max-age=300'
		}
	});
};
