/**
 * The hand-over between the render cache inside the built app (http/page-cache.ts, bundled into
 * build/) and the Node server in front of it (`rightscity serve`): the two are separate copies of
 * the code, so the app leaves its "answer a hit" function in one process-wide slot and the server
 * calls it before handing a request to SvelteKit. A hit is then written straight to the socket,
 * without SvelteKit turning the request into a `Request` and the answer back into Node's calls.
 *
 * @example
 *   http.createServer((request, response) => {
 *     if (!cacheFront()?.(request, response)) handler(request, response);
 *   });
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Answers the request from the render cache and returns true, or returns false and writes nothing. */
export type CacheFront = (request: IncomingMessage, response: ServerResponse) => boolean;

const SLOT = Symbol.for('rightscity.page-cache.front');
const slots = globalThis as unknown as Record<typeof SLOT, CacheFront | undefined>;

export function setCacheFront(front: CacheFront | undefined): void {
	slots[SLOT] = front;
}

/** The running app's front, once its render cache exists (after its first cacheable request). */
export function cacheFront(): CacheFront | undefined {
	return slots[SLOT];
}
