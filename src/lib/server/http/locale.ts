/**
 * The UI language of a request: `?lang=` → the `lang` cookie → the signed-in person's saved
 * language → `Accept-Language` → English. A `?lang=` choice is remembered in the cookie (and on
 * the account). The rest of the request runs inside that language's async context, which the
 * compiled messages (`m.*()`) read, and the page's `<html lang dir>` is filled in.
 */
import type { Handle } from '@sveltejs/kit/hooks';
import { LOCALE_COOKIE, resolveLocale, textDirection } from '#lib/i18n/locales.ts';
import { runWithLocale } from '#lib/i18n/locale-context.server.ts';
import { updatePreferredLocale } from '../accounts/index.ts';

const YEAR_SECONDS = 60 * 60 * 24 * 365;

export const localeHandle: Handle = async ({ event, resolve }) => {
	const actor = event.locals.actor;
	const saved = event.cookies.get(LOCALE_COOKIE);
	const { locale, fromQuery } = resolveLocale({
		query: event.url.searchParams.get('lang'),
		cookie: saved ?? actor?.preferredLocale,
		acceptLanguage: event.request.headers.get('accept-language')
	});
	event.locals.locale = locale;
	if (fromQuery && saved !== locale) {
		event.cookies.set(LOCALE_COOKIE, locale, { path: '/', maxAge: YEAR_SECONDS, httpOnly: true, sameSite: 'lax', secure: event.url.protocol === 'https:' });
		if (actor) await updatePreferredLocale(event.locals.db, actor.personId, locale);
	}

	const response = await runWithLocale(locale, () =>
		resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%lang%', locale).replace('%dir%', textDirection(locale))
		})
	);
	if (response.headers.get('content-type')?.startsWith('text/html')) {
		response.headers.set('content-language', locale);
		response.headers.append('vary', 'Accept-Language, Cookie');
	}
	return response;
};
