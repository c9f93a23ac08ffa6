/**
 * Every request passes here: open the app once, pick the UI language, run the page inside that
 * language, add the security headers and compress text responses.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit/hooks';
import { startApp } from '#lib/server/app.ts';
import { LOCALE_COOKIE, resolveLocale, textDirection } from '#lib/i18n/locales.ts';
import { overwriteServerAsyncLocalStorage } from '#lib/paraglide/runtime.js';
import { securityHeaders } from '#lib/server/http/security-headers.ts';
import { compressResponse } from '#lib/server/http/compress.ts';

const localeStorage = new AsyncLocalStorage<{ locale?: string }>();
overwriteServerAsyncLocalStorage(localeStorage as never);

export const init: ServerInit = async () => {
	await startApp();
};

export const handle: Handle = async ({ event, resolve }) => {
	const app = await startApp();
	const { locale, fromQuery } = resolveLocale({
		query: event.url.searchParams.get('lang'),
		cookie: event.cookies.get(LOCALE_COOKIE),
		acceptLanguage: event.request.headers.get('accept-language')
	});
	if (fromQuery && event.cookies.get(LOCALE_COOKIE) !== locale) {
		event.cookies.set(LOCALE_COOKIE, locale, {
			path: '/',
			maxAge: 60 * 60 * 24 * 365,
			httpOnly: true,
			sameSite: 'lax',
			secure: event.url.protocol === 'https:'
		});
	}
	event.locals.db = app.database.db;
	event.locals.dialect = app.database.dialect;
	event.locals.locale = locale;

	const response = await localeStorage.run({ locale }, () =>
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
	}
	return compressResponse(event.request, response);
};

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
