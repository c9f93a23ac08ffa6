/**
 * A request whose write could not get the database's write lock in time (`DatabaseBusyError`:
 * a long import holds it, say) is answered `503 Service Unavailable` with `Retry-After` and a
 * page that says nothing was changed — never a 500. `handleError` (hooks.server.ts) notes the
 * error with `noteBusy`; this handler turns the error response it produced into the 503.
 *
 * @example sequence(…, busyHandle, appContext(), …)
 */
import type { Handle } from '@sveltejs/kit/hooks';
import { isDatabaseBusy } from '../db/busy.ts';

/** The requests (by their `locals`) that failed because the database was busy, with the advised wait. */
const busy = new WeakMap<object, number>();

/** Called by handleError: true when `error` is a busy database (the error page then says so). */
export function noteBusy(locals: object, error: unknown): boolean {
	if (!isDatabaseBusy(error)) return false;
	let seconds = 2;
	for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
		const advised = (current as { retryAfterSeconds?: unknown }).retryAfterSeconds;
		if (typeof advised === 'number') {
			seconds = advised;
			break;
		}
	}
	busy.set(locals, seconds);
	return true;
}

export const busyHandle: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const retryAfter = busy.get(event.locals);
	if (retryAfter === undefined || response.status !== 500) return response;
	const headers = new Headers(response.headers);
	headers.set('retry-after', String(retryAfter));
	headers.set('cache-control', 'no-store');
	return new Response(response.body, { status: 503, statusText: 'Service Unavailable', headers });
};
