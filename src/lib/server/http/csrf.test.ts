import { describe, expect, it } from 'vitest';
import { answering, requestEvent } from '../testing/request-event.ts';
import { CSRF_COOKIE, csrfHandle } from './csrf.ts';
import { localeHandle } from './locale.ts';

const TOKEN = 'a'.repeat(32);
const PAGE = { accept: 'text/html,application/xhtml+xml' };

function post(body: string, options: { cookies?: Record<string, string>; headers?: Record<string, string> } = {}) {
	return requestEvent('http://example.org/signin', {
		method: 'POST',
		body,
		cookies: options.cookies ?? { [CSRF_COOKIE]: TOKEN },
		headers: { 'content-type': 'application/x-www-form-urlencoded', ...PAGE, ...options.headers },
		locals: { locale: 'en' }
	});
}

describe('CSRF handler', () => {
	it('gives a page visitor a token cookie when the page renders a form with the token, and keeps that page private', async () => {
		const { event } = requestEvent('https://example.org/signin', { headers: PAGE });
		const resolve = async () => new Response(`<form><input name="_csrf" value="${event.locals.csrf}"></form>`, { headers: { 'content-type': 'text/html', 'cache-control': 'public, no-cache' } });
		const response = await csrfHandle({ event, resolve });
		expect(event.locals.csrf).toMatch(/^[A-Za-z0-9_-]{32}$/);
		expect(response.headers.get('set-cookie')).toBe(`${CSRF_COOKIE}=${event.locals.csrf}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax; Secure`);
		expect(response.headers.get('cache-control')).toBe('private, no-cache');
		expect(await response.text()).toContain(event.locals.csrf);
	});

	it('sets no cookie on a page without a form, so every anonymous visitor may get the same page', async () => {
		const { event, jar } = requestEvent('http://example.org/cities', { headers: PAGE });
		const response = await csrfHandle({ event, resolve: answering('<main>cities</main>', 'text/html', { headers: { 'cache-control': 'public, no-cache' } }) });
		expect(jar.set).toEqual([]);
		expect(response.headers.get('set-cookie')).toBeNull();
		expect(response.headers.get('cache-control')).toBe('public, no-cache');
	});

	it('makes a page private that carries the token of a visitor who already has one', async () => {
		const { event } = requestEvent('http://example.org/signin', { headers: PAGE, cookies: { [CSRF_COOKIE]: TOKEN } });
		const response = await csrfHandle({ event, resolve: answering(`<input name="_csrf" value="${TOKEN}">`, 'text/html', { headers: { 'cache-control': 'public, no-cache' } }) });
		expect(response.headers.get('set-cookie')).toBeNull();
		expect(response.headers.get('cache-control')).toBe('private, no-cache');
	});

	it('keeps an existing token', async () => {
		const { event, jar } = requestEvent('http://example.org/', { headers: PAGE, cookies: { [CSRF_COOKIE]: TOKEN } });
		await csrfHandle({ event, resolve: answering('ok') });
		expect(jar.set).toEqual([]);
		expect(event.locals.csrf).toBe(TOKEN);
	});

	it('sets no cookie on a file a shared cache may keep (the map), which would hand one visitor’s token to others', async () => {
		const { event, jar } = requestEvent('http://example.org/map/land.svg', { headers: { accept: 'image/svg+xml' } });
		await csrfHandle({ event, resolve: answering('<svg/>', 'image/svg+xml') });
		expect(jar.set).toEqual([]);
		expect(event.locals.csrf).toBe('');
	});

	it('lets a form post with the page’s token through to the route', async () => {
		const { event } = post(`email=a%40example.org&_csrf=${TOKEN}`);
		const resolve = answering('signed in');
		const response = await csrfHandle({ event, resolve });
		expect(response.status).toBe(200);
		expect(resolve.calls).toHaveLength(1);
		// The route can still read the body the check looked at.
		expect((await resolve.calls[0]!.event.request.formData()).get('email')).toBe('a@example.org');
	});

	it('accepts the token in the x-csrf-token header', async () => {
		const { event } = post('{}', { headers: { 'content-type': 'application/json', 'x-csrf-token': TOKEN } });
		expect((await csrfHandle({ event, resolve: answering('ok') })).status).toBe(200);
	});

	it('refuses a post with a wrong or missing token, or without a token cookie, and never runs the route', async () => {
		for (const { event } of [post(`_csrf=${'b'.repeat(32)}`), post('email=x'), post(`_csrf=${TOKEN}`, { cookies: {} }), post('{}', { headers: { 'content-type': 'application/json' } })]) {
			const resolve = answering('changed');
			const response = await csrfHandle({ event, resolve });
			expect(response.status).toBe(403);
			expect(response.headers.get('cache-control')).toBe('no-store');
			expect(resolve.calls).toHaveLength(0);
		}
	});

	it('explains the refusal in the visitor’s language when it runs inside the locale handler', async () => {
		const { event } = requestEvent('http://example.org/signin?lang=ar', { method: 'POST', body: 'x=1', headers: { 'content-type': 'application/x-www-form-urlencoded', ...PAGE }, locals: { actor: null } });
		const response = await localeHandle({ event, resolve: (inner) => Promise.resolve(csrfHandle({ event: inner, resolve: answering('changed') })) });
		const html = await response.text();
		expect(response.status).toBe(403);
		expect(html).toContain('<html lang="ar" dir="rtl">');
		expect(html).not.toContain('This form has expired');
		expect(html).toContain('<a href="/">');
	});

	it('refuses a post from a page of another site even with the right token (SvelteKit’s origin check, made here)', async () => {
		const { event } = post(`_csrf=${TOKEN}`, { headers: { origin: 'https://evil.example' } });
		const resolve = answering('changed');
		expect((await csrfHandle({ event, resolve })).status).toBe(403);
		expect(resolve.calls).toHaveLength(0);
		const { event: same } = post(`_csrf=${TOKEN}`, { headers: { origin: 'http://example.org' } });
		expect((await csrfHandle({ event: same, resolve: answering('ok') })).status).toBe(200);
	});

	it('lets Open311 clients post a service request with their API key and no cookie, token or origin (the API reads no session)', async () => {
		for (const path of ['/open311/v2/requests.json', '/open311/v2/requests.xml', '/open311/v2/requests']) {
			const { event, jar } = requestEvent(`http://example.org${path}?jurisdiction_id=york`, { method: 'POST', body: 'api_key=k&service_code=other', headers: { 'content-type': 'application/x-www-form-urlencoded' }, locals: { locale: 'en' } });
			const resolve = answering('[]', 'application/json');
			expect((await csrfHandle({ event, resolve })).status, path).toBe(200);
			expect(resolve.calls).toHaveLength(1);
			expect(jar.set).toEqual([]);
		}
	});

	it('keeps both checks on every other post, under /open311 too (the exemption is that one API path)', async () => {
		for (const path of ['/open311/v2/services.json', '/open311/v2/requests.json/x', '/open311/v2/requests.jsonx', '/open311/requests.json', '/cities/york/concerns', '/x/open311/v2/requests.json']) {
			const { event } = requestEvent(`http://example.org${path}`, { method: 'POST', body: 'api_key=k', headers: { 'content-type': 'application/x-www-form-urlencoded' }, locals: { locale: 'en' } });
			const resolve = answering('changed');
			expect((await csrfHandle({ event, resolve })).status, path).toBe(403);
			expect(resolve.calls).toHaveLength(0);
		}
	});
});
