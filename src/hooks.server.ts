/**
 * Every request passes through these handlers, each one concern (src/lib/server/http/):
 *
 *   render cache → compression → security headers → busy → retry-after → app → session → locale → form body → CSRF → the route
 *
 * On the way in they run left to right; on the way out the response passes back right to left.
 * - The render cache is first: an anonymous visitor's public page may be answered from it
 *   (already compressed, headers and all) without anything else running; see http/page-cache.ts.
 * - Compression comes next, so it runs last on the way out and compresses the finished body with
 *   every header in place.
 * - A write refused because the database stayed busy becomes a 503 with Retry-After (http/busy.ts).
 * - Security headers come next: they reach every response, the CSRF refusal and error pages
 *   too, and leave alone a header a route set itself (the evidence download's stricter CSP).
 * - Retry-After comes before anything that can answer 429, so every 429 says when to try again.
 * - The app (database, config, file store) comes before anything that reads the database.
 * - The session needs the database; the locale needs the signed-in person's saved language.
 * - The locale runs the rest of the request inside its language, so CSRF comes after it: a
 *   refused form is told so in the visitor's language.
 * - The form body check comes before CSRF: a body no route could read (wrong type, broken,
 *   too large) is answered with the page again and a notice (400/413), not "form has expired".
 */
import { randomUUID } from 'node:crypto';
import { sequence, type HandleServerError, type ServerInit } from '@sveltejs/kit/hooks';
import { startApp, stopApp } from '#lib/server/app.ts';
import { listDeclarationLanguages } from '#lib/server/frameworks/udhr.ts';
import { pageCacheHandle } from '#lib/server/http/page-cache.ts';
import { compressionHandle } from '#lib/server/http/compress.ts';
import { securityHeadersHandle } from '#lib/server/http/security-headers.ts';
import { retryAfterHandle } from '#lib/server/http/retry-after.ts';
import { appContext } from '#lib/server/http/app-context.ts';
import { sessionHandle } from '#lib/server/http/session.ts';
import { localeHandle } from '#lib/server/http/locale.ts';
import { formBodyHandle } from '#lib/server/http/form-body.ts';
import { csrfHandle } from '#lib/server/http/csrf.ts';
import { busyHandle, noteBusy } from '#lib/server/http/busy.ts';

export const init: ServerInit = async () => {
	await startApp();
	// adapter-node (and `rightscity serve`) emit this on SIGINT/SIGTERM once requests are done.
	process.once('sveltekit:shutdown', () => void stopApp());
	// Read the 500+ declaration files once in the background, so the first /rights visit is quick.
	setTimeout(() => void listDeclarationLanguages(), 0);
};

export const handle = sequence(pageCacheHandle(), compressionHandle, securityHeadersHandle, busyHandle, retryAfterHandle, appContext(), sessionHandle, localeHandle, formBodyHandle, csrfHandle);

export const handleError: HandleServerError = ({ kind, error, event }) => {
	// Errors SvelteKit makes itself (404 for an unknown route, 405, …) and the app's own
	// `error(…)` calls keep their status and safe message.
	if (kind === 'framework' || kind === 'validation') return { code: error.status === 404 ? 'not_found' : 'bad_request' };
	if (kind === 'app') return;
	// The write lock stayed taken past the bounded wait: nothing changed, a 503 says "try again" (http/busy.ts).
	if (noteBusy(event.locals, error)) return { message: 'Busy', code: 'database_busy' };
	// Anything else is a bug: log it with a reference, show the reader only the reference.
	const reference = randomUUID().slice(0, 8);
	console.error(`[${reference}] ${event.request.method} ${event.url.pathname}:`, error);
	return { message: 'Internal error', code: 'server_error', reference };
};
