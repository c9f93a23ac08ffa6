import { describe, expect, it } from 'vitest';
import { localeFromAcceptLanguage, resolveLocale, textDirection } from './locales.ts';

describe('resolveLocale', () => {
	it('prefers ?lang= over the cookie and the Accept-Language header', () => {
		expect(resolveLocale({ query: 'ar', cookie: 'fr', acceptLanguage: 'ko' })).toEqual({ locale: 'ar', fromQuery: true });
	});

	it('falls back from an unsupported ?lang= to the cookie without an error', () => {
		expect(resolveLocale({ query: 'xx', cookie: 'sv', acceptLanguage: 'ko' })).toEqual({ locale: 'sv', fromQuery: false });
	});

	it('uses Accept-Language by quality when there is no choice yet', () => {
		expect(resolveLocale({ query: null, cookie: undefined, acceptLanguage: 'de-DE,fr;q=0.5,ko;q=0.8' }).locale).toBe('ko');
	});

	it('falls back to English when nothing matches', () => {
		expect(resolveLocale({ query: undefined, cookie: 'zz', acceptLanguage: 'de, ja;q=0.9' }).locale).toBe('en');
	});
});

describe('localeFromAcceptLanguage', () => {
	it('matches a regional tag to its language and ignores q=0', () => {
		expect(localeFromAcceptLanguage('es-MX')).toBe('es');
		expect(localeFromAcceptLanguage('fr;q=0, sv;q=0.1')).toBe('sv');
		expect(localeFromAcceptLanguage('')).toBeUndefined();
	});
});

describe('textDirection', () => {
	it('is right-to-left for Arabic only', () => {
		expect(textDirection('ar')).toBe('rtl');
		expect(textDirection('ar-EG')).toBe('rtl');
		expect(textDirection('ko')).toBe('ltr');
	});
});
