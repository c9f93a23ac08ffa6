/**
 * CSRF protection for every state-changing request, on top of SvelteKit's origin check and
 * SameSite=Lax cookies: a random token in an HttpOnly cookie must come back in the form field
 * `_csrf` (or the `x-csrf-token` header). Forms get it from the layout (`CsrfField.svelte`).
 * `csrfHandle` hands the token to the page (`locals.csrf`) and refuses a post without it, or one
 * whose Origin header names another site (the check SvelteKit's own `csrf` option would make; it
 * is made here instead so that it can leave out the Open311 API).
 *
 * Open311's POST of a service request is an API for other programs: clients such as FixMyStreet
 * post form-encoded requests with an API key and neither a cookie nor an Origin header. That
 * route reads no session and sets no cookie, so a forged cross-site request has nothing to
 * borrow: it alone needs neither check (`keyAuthenticatedPost`).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';
import type { Handle } from '@sveltejs/kit/hooks';
import { textDirection } from '#lib/i18n/locales.ts';
import { m } from '#lib/i18n/messages.ts';

export const CSRF_COOKIE = 'csrf';
export const CSRF_FIELD = '_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/**
 * The one exemption: a post of a new Open311 service request (`/open311/v2/requests.json` or
 * `.xml`), which the API authenticates by its `api_key` and answers without reading any session.
 * Every other path under /open311 (all reads) and every other post keeps both checks.
 */
const KEY_AUTHENTICATED_POST = /^\/open311\/v2\/requests(\.json|\.xml)?$/;

export function keyAuthenticatedPost(request: Request, url: URL): boolean {
	return request.method === 'POST' && KEY_AUTHENTICATED_POST.test(url.pathname);
}

/** A post from a page of another site (browsers always say where a form post comes from). */
export function foreignOrigin(request: Request, url: URL, publicOrigin?: string): boolean {
	if (SAFE_METHODS.has(request.method)) return false;
	const origin = request.headers.get('origin');
	return origin !== null && origin !== url.origin && origin !== publicOrigin;
}

const TOKEN = /^[A-Za-z0-9_-]{32,64}$/;
const TOKEN_MAX_AGE = 60 * 60 * 24 * 365;

function newToken(): string {
	return randomBytes(24).toString('base64url');
}

function tokenCookie(token: string, secure: boolean): string {
	return `${CSRF_COOKIE}=${token}; Path=/; Max-Age=${TOKEN_MAX_AGE}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

/** The visitor's token, creating the cookie on first sight. */
export function csrfToken(cookies: Cookies, secure: boolean): string {
	let token = cookies.get(CSRF_COOKIE);
	if (!token || !TOKEN.test(token)) {
		token = newToken();
		cookies.set(CSRF_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: TOKEN_MAX_AGE });
	}
	return token;
}

function same(a: string, b: string): boolean {
	const left = Buffer.from(a);
	const right = Buffer.from(b);
	return left.length === right.length && timingSafeEqual(left, right);
}

/** True when the request needs no token or carries the right one. */
export async function csrfValid(request: Request, cookies: Cookies): Promise<boolean> {
	if (SAFE_METHODS.has(request.method)) return true;
	const expected = cookies.get(CSRF_COOKIE);
	if (!expected) return false;
	const header = request.headers.get('x-csrf-token');
	if (header) return same(header, expected);
	const type = request.headers.get('content-type') ?? '';
	if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) return false;
	try {
		const value = (await request.clone().formData()).get(CSRF_FIELD);
		return typeof value === 'string' && same(value, expected);
	} catch {
		return false;
	}
}

/** Runs inside the locale handler, so the refusal page speaks the visitor's language. */
export const csrfHandle: Handle = async ({ event, resolve }) => {
	// An Open311 client's post: no cookie set, no token asked (see KEY_AUTHENTICATED_POST).
	if (keyAuthenticatedPost(event.request, event.url)) {
		event.locals.csrf = '';
		return resolve(event);
	}
	const secure = event.url.protocol === 'https:';
	// Only pages (and posts) get the CSRF cookie: a Set-Cookie on a publicly cached file (the
	// map) could hand one visitor's token to others through a shared cache.
	// A page gets a cookie only when it renders a form carrying the token: pages without a form
	// stay the same for every anonymous visitor (the render cache keeps them).
	const wantsPage = event.request.headers.get('accept')?.includes('text/html') ?? false;
	const saved = event.cookies.get(CSRF_COOKIE);
	const known = saved && TOKEN.test(saved) ? saved : undefined;
	const lazy = !known && SAFE_METHODS.has(event.request.method) && wantsPage;
	event.locals.csrf = known ?? (lazy ? newToken() : event.request.method !== 'GET' ? csrfToken(event.cookies, secure) : '');
	if (foreignOrigin(event.request, event.url, event.locals.config?.publicOrigin) || !(await csrfValid(event.request, event.cookies))) return csrfRefusal(event.locals.locale);
	const response = await resolve(event);
	if (!event.locals.csrf || !(response.headers.get('content-type') ?? '').startsWith('text/html') || !response.body) return response;
	const body = Buffer.from(await response.arrayBuffer());
	const headers = new Headers(response.headers);
	if (body.includes(event.locals.csrf)) {
		// The page carries this visitor's token: nobody else may be given it.
		headers.set('cache-control', 'private, no-cache');
		if (lazy) headers.append('set-cookie', tokenCookie(event.locals.csrf, secure));
	}
	return new Response(body, { status: response.status, statusText: response.statusText, headers });
};

/** A form sent without the page's token (stale page, or another site posting): nothing changes. */
function csrfRefusal(locale: string): Response {
	const html = `<!doctype html><html lang="${locale}" dir="${textDirection(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${m.csrf_failed_title()}</title></head><body><main><h1>${m.csrf_failed_title()}</h1><p>${m.csrf_failed_text()}</p><p><a href="/">${m.error_back_home()}</a></p></main></body></html>`;
	return new Response(html, { status: 403, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
}
