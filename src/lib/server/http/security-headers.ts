/**
 * Security headers on every response. The Content-Security-Policy allows no inline script and
 * no inline style: pages are server-rendered, styles come from stylesheet files.
 */
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
