/**
 * Every request passes here: open the app once, pick the UI language, run the page inside that
 * language, add the security headers and compress text responses.
 */
import { randomUUID } from 'node:crypto';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit/hooks';
import { startApp } from '#lib/server/app.ts';
import { listDeclarationLanguages } from '#lib/server/frameworks/udhr.ts';
import { LOCALE_COOKIE, resolveLocale, textDirection } from '#lib/i18n/locales.ts';
import { runWithLocale } from '#lib/i18n/locale-context.server.ts';
import { securityHeaders } from '#lib/server/http/security-headers.ts';
import { compressResponse } from '#lib/server/http/compress.ts';
import { CSRF_COOKIE, csrfToken, csrfValid } from '#lib/server/http/csrf.ts';
import { resolveSession, SESSION_COOKIE } from '#lib/server/accounts/sessions.service.ts';
import { updatePreferredLocale } from '#lib/server/accounts/accounts.service.ts';
import { m } from '#lib/i18n/messages.ts';

export const init: ServerInit = async () => {
	await startApp();
	// Read the 500+ declaration files once in the background, so the first /rights visit is quick.
	setTimeout(() => void listDeclarationLanguages(), 0);
};

export const handle: Handle = async ({ event, resolve }) => {
	const app = await startApp();
	const db = app.database.db;
	const secure = event.url.protocol === 'https:';
	event.locals.db = db;
	event.locals.config = app.config;
	event.locals.dialect = app.database.dialect;

	const sessionToken = event.cookies.get(SESSION_COOKIE);
	const session = sessionToken ? await resolveSession(db, sessionToken) : null;
	// A tampered, expired or revoked session cookie simply means "signed out".
	if (sessionToken && !session) event.cookies.delete(SESSION_COOKIE, { path: '/', secure });
	event.locals.actor = session?.actor ?? null;

	const { locale, fromQuery } = resolveLocale({
		query: event.url.searchParams.get('lang'),
		cookie: event.cookies.get(LOCALE_COOKIE) ?? session?.actor.preferredLocale,
		acceptLanguage: event.request.headers.get('accept-language')
	});
	event.locals.locale = locale;
	if (fromQuery && event.cookies.get(LOCALE_COOKIE) !== locale) {
		event.cookies.set(LOCALE_COOKIE, locale, { path: '/', maxAge: 60 * 60 * 24 * 365, httpOnly: true, sameSite: 'lax', secure });
		if (session) await updatePreferredLocale(db, session.actor.personId, locale);
	}

	// Only pages get the CSRF cookie: a Set-Cookie on a publicly cached file (the map) could
	// hand one visitor's token to others through a shared cache.
	const wantsPage = event.request.headers.get('accept')?.includes('text/html') ?? false;
	event.locals.csrf = wantsPage || event.request.method !== 'GET' ? csrfToken(event.cookies, secure) : (event.cookies.get(CSRF_COOKIE) ?? '');
	if (!(await csrfValid(event.request, event.cookies))) {
		return runWithLocale(locale, () => csrfRefusal(locale));
	}

	const response = await runWithLocale(locale, () =>
		resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%lang%', locale).replace('%dir%', textDirection(locale))
		})
	);
	for (const [name, value] of Object.entries(securityHeaders(event.url))) {
		if (!response.headers.has(name)) response.headers.set(name, value);
	}
	if (response.headers.get('content-type')?.startsWith('text/html')) {
		response.headers.set('content-language', locale);
		response.headers.append('vary', 'Accept-Language, Cookie');
		// Pages can show who is signed in: never let a shared cache keep them.
		if (!response.headers.has('cache-control')) response.headers.set('cache-control', 'private, no-cache');
	}
	return compressResponse(event.request, response);
};

/** A form sent without the page's token (stale page, or another site posting): nothing changes. */
function csrfRefusal(locale: string): Response {
	const html = `<!doctype html><html lang="${locale}" dir="${textDirection(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${m.csrf_failed_title()}</title></head><body><main><h1>${m.csrf_failed_title()}</h1><p>${m.csrf_failed_text()}</p><p><a href="/">${m.error_back_home()}</a></p></main></body></html>`;
	return new Response(html, { status: 403, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
}

export const handleError: HandleServerError = ({ kind, error, event }) => {
	// Errors SvelteKit makes itself (404 for an unknown route, 405, …) and the app's own
	// `error(…)` calls keep their status and safe message.
	if (kind === 'framework' || kind === 'validation') return { code: error.status === 404 ? 'not_found' : 'bad_request' };
	if (kind === 'app') return;
	// Anything else is a bug: log it with a reference, show the reader only the reference.
	const reference = randomUUID().slice(0, 8);
	console.error(`[${reference}] ${event.request.method} ${event.url.pathname}:`, error);
	return { message: 'Internal error', code: 'server_error', reference };
};
