/**
 * `Retry-After` on every 429: a rate-limited form answers with the page and its message (through
 * `formFailure`), and the response tells clients and proxies when to try again. `formFailure`
 * notes the wait of the limit it met; the handler puts it on the response.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Handle } from '@sveltejs/kit/hooks';

/** When a 429 names no wait (a limit of the framework or a proxy): the longest window of our limits. */
const DEFAULT_SECONDS = 15 * 60;

const waits = new AsyncLocalStorage<{ seconds?: number }>();

/** Records how long the client should wait (the longest wait noted in this request wins). */
export function noteRetryAfter(seconds: number): void {
	const store = waits.getStore();
	if (store && Number.isFinite(seconds) && seconds > 0) store.seconds = Math.max(store.seconds ?? 0, Math.ceil(seconds));
}

export const retryAfterHandle: Handle = async ({ event, resolve }) => {
	const store: { seconds?: number } = {};
	const response = await waits.run(store, () => resolve(event));
	if (response.status === 429 && !response.headers.has('retry-after')) response.headers.set('retry-after', String(store.seconds ?? DEFAULT_SECONDS));
	return response;
};
