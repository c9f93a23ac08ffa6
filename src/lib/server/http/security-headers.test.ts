import { describe, expect, it } from 'vitest';
import { answering, requestEvent } from '../testing/request-event.ts';
import { securityHeadersHandle } from './security-headers.ts';

describe('security headers handler', () => {
	it('adds a CSP without inline script or style, and the other protective headers, to every response', async () => {
		const response = await securityHeadersHandle({ event: requestEvent('http://example.org/').event, resolve: answering('<p>hi</p>') });
		const csp = response.headers.get('content-security-policy') ?? '';
		expect(csp).toContain("script-src 'self'");
		expect(csp).toContain("style-src 'self'");
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).not.toContain('unsafe-inline');
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.get('x-frame-options')).toBe('DENY');
		expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
		expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
		expect(response.headers.get('strict-transport-security')).toBeNull();
	});

	it('asks browsers to keep to https only when the site is served over https', async () => {
		const response = await securityHeadersHandle({ event: requestEvent('https://example.org/').event, resolve: answering('ok') });
		expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
	});

	it('keeps a stricter header a route set itself', async () => {
		const own = "default-src 'none'; sandbox";
		const response = await securityHeadersHandle({
			event: requestEvent('http://example.org/cities/york/evidence/x').event,
			resolve: answering('%PDF', 'application/pdf', { headers: { 'content-security-policy': own } })
		});
		expect(response.headers.get('content-security-policy')).toBe(own);
		expect(response.headers.get('x-frame-options')).toBe('DENY');
	});
});
