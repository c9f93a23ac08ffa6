import { describe, expect, it } from 'vitest';
import { DatabaseBusyError } from '../db/busy.ts';
import { requestEvent } from '../testing/request-event.ts';
import { busyHandle, noteBusy } from './busy.ts';

describe('a busy database', () => {
	it('turns the error page of a write that waited too long into a 503 with Retry-After', async () => {
		const { event } = requestEvent('http://example.org/admin/york/indicators', { method: 'POST' });
		const response = await busyHandle({
			event,
			resolve: async () => {
				// What SvelteKit does with an error thrown by an action: handleError, then a 500 page.
				expect(noteBusy(event.locals, new Error('saving failed', { cause: new DatabaseBusyError(undefined, 3) }))).toBe(true);
				return new Response('<h1>The site is busy</h1>', { status: 500, headers: { 'content-type': 'text/html' } });
			}
		} as never);
		expect(response.status).toBe(503);
		expect(response.headers.get('retry-after')).toBe('3');
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(await response.text()).toContain('busy');
	});

	it('leaves every other error a 500', async () => {
		const { event } = requestEvent('http://example.org/', {});
		const response = await busyHandle({
			event,
			resolve: async () => {
				expect(noteBusy(event.locals, new Error('a bug'))).toBe(false);
				return new Response('oops', { status: 500 });
			}
		} as never);
		expect(response.status).toBe(500);
		expect(response.headers.get('retry-after')).toBeNull();
	});
});
