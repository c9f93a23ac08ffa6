/**
 * CSRF protection for every state-changing request, on top of SvelteKit's origin check and
 * SameSite=Lax cookies: a random token in an HttpOnly cookie must come back in the form field
 * `_csrf` (or the `x-csrf-token` header). Forms get it from the layout (`CsrfField.svelte`).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';

export const CSRF_COOKIE = 'csrf';
export const CSRF_FIELD = '_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The visitor's token, creating the cookie on first sight. */
export function csrfToken(cookies: Cookies, secure: boolean): string {
	let token = cookies.get(CSRF_COOKIE);
	if (!token || !/^[A-Za-z0-9_-]{32,64}$/.test(token)) {
		token = randomBytes(24).toString('base64url');
		cookies.set(CSRF_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: 60 * 60 * 24 * 365 });
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
