import { describe, expect, it } from 'vitest';
import { safeNext } from './account.server.ts';

describe('safeNext: where sign-in leads afterwards', () => {
	it('keeps a path of this site with its query and fragment', () => {
		expect(safeNext('/cities?q=york#list')).toBe('/cities?q=york#list');
		expect(safeNext('/admin/york/../gwangju/indicators')).toBe('/admin/gwangju/indicators');
	});

	it('goes to the fallback when nothing was asked for', () => {
		expect(safeNext(null)).toBe('/account');
		expect(safeNext('')).toBe('/account');
		expect(safeNext(undefined, '/admin')).toBe('/admin');
	});

	it('sends every path that normalises to another site home, never to //host', () => {
		for (const unsafe of ['//evil.example', '/.//evil.example', '/..//evil.example', '/x/..//evil.example', '/%2e//evil.example', '/%2E%2E//evil.example', '/./\\evil.example', '/\\evil.example', '/\t/evil.example', 'https://evil.example', 'evil.example', '/a'.repeat(600)]) {
			const next = safeNext(unsafe);
			expect(next, unsafe).toBe('/');
		}
	});

	it('never returns anything a browser reads as another origin', () => {
		for (const value of ['/.//a', '/..//a/b', '/x/../..//a', '/%2e%2e/%2e//a', '/;//a', '/@evil.example', '/%2f/evil.example']) {
			const next = safeNext(value);
			expect(new URL(next, 'http://same.invalid').origin, `${value} → ${next}`).toBe('http://same.invalid');
			expect(next.startsWith('//')).toBe(false);
		}
	});
});
