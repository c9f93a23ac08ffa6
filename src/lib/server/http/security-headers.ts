/**
 * Security headers on every response. The Content-Security-Policy allows no inline script and
 * no inline style: pages are server-rendered, styles come from stylesheet files. A route that
 * sets one of these headers itself (the evidence download's stricter CSP) keeps its own.
 */
import type { Handle } from '@sveltejs/kit/hooks';

export const securityHeadersHandle: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	for (const [name, value] of Object.entries(securityHeaders(event.url))) {
		if (!response.headers.has(name)) response.headers.set(name, value);
	}
	return response;
};

export function securityHeaders(url: URL): Record<string, string> {
	const headers: Record<string, string> = {
		'content-security-policy': [
			"default-src 'self'",
			"script-src 'self'",
			"style-src 'self'",
			"img-src 'self' data:",
			"font-src 'self'",
			"connect-src 'self'",
			"form-action 'self'",
			"frame-ancestors 'none'",
			"base-uri 'none'",
			"object-src 'none'"
		].join('; '),
		'x-content-type-options': 'nosniff',
		'referrer-policy': 'strict-origin-when-cross-origin',
		'x-frame-options': 'DENY',
		'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
		'cross-origin-opener-policy': 'same-origin'
	};
	if (url.protocol === 'https:') headers['strict-transport-security'] = 'max-age=31536000; includeSubDomains';
	return headers;
}
