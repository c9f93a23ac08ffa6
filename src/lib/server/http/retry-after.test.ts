import { describe, expect, it } from 'vitest';
import { requestEvent } from '../testing/request-event.ts';
import { noteRetryAfter, retryAfterHandle } from './retry-after.ts';
import { formFailure } from './forms.ts';
import { DomainError } from '../errors.ts';

describe('Retry-After on 429', () => {
	it('tells how long the limit a form met still holds', async () => {
		const { event } = requestEvent('http://example.org/signin', { method: 'POST' });
		const response = await retryAfterHandle({
			event,
			resolve: async () => {
				const failure = formFailure(new DomainError('rate_limited', 'Too many attempts', { retryAfterMinutes: 7 }), new FormData());
				return new Response('<p>too many</p>', { status: failure.status });
			}
		});
		expect(response.status).toBe(429);
		expect(response.headers.get('retry-after')).toBe('420');
	});

	it('names a wait on every 429, keeps a route’s own and adds none to other answers', async () => {
		const { event } = requestEvent('http://example.org/');
		const bare = await retryAfterHandle({ event, resolve: async () => new Response('', { status: 429 }) });
		expect(bare.headers.get('retry-after')).toBe('900');
		const own = await retryAfterHandle({ event, resolve: async () => new Response('', { status: 429, headers: { 'retry-after': '5' } }) });
		expect(own.headers.get('retry-after')).toBe('5');
		const ok = await retryAfterHandle({ event, resolve: async () => (noteRetryAfter(60), new Response('ok')) });
		expect(ok.headers.has('retry-after')).toBe(false);
	});
});
