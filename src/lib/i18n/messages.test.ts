import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { runWithLocale } from './locale-context.server.ts';
import { message, m } from './messages.ts';
import { getLocale } from './runtime.ts';

describe('m', () => {
	it('renders in English outside a request', () => {
		expect(getLocale()).toBe('en');
		expect(m.nav_home()).toBe('Home');
	});

	it('renders in the locale of the request it runs in, also after awaits, with concurrent requests apart', async () => {
		const render = (locale: 'ar' | 'sv') =>
			runWithLocale(locale, async () => {
				await sleep(5);
				return [m.nav_home(), m.cities_results({ count: 2 })];
			});
		const [arabic, swedish] = await Promise.all([render('ar'), render('sv')]);
		expect(arabic).toEqual(['الصفحة الرئيسية', 'توجد مدينتان مطابقتان.']);
		expect(swedish).toEqual(['Startsida', '2 städer matchar.']);
		expect(m.nav_home()).toBe('Home');
	});

	it('takes an explicit locale over the request’s', () => {
		runWithLocale('ar', () => {
			expect(m.cities_results({ count: 1 }, { locale: 'en' })).toBe('1 city matches.');
			expect(m.account_mail_verify_subject({}, { locale: 'fr' })).toContain('Rights City');
		});
	});

	it('chooses plural forms by the language’s rules: Arabic zero, one, two, few, many', () => {
		const arabic = [0, 1, 2, 3, 11, 100].map((count) => m.cities_results({ count }, { locale: 'ar' }));
		expect(arabic).toEqual([
			'لا توجد مدينة تطابق عوامل التصفية هذه.',
			'توجد مدينة واحدة مطابقة.',
			'توجد مدينتان مطابقتان.',
			'توجد 3 مدن مطابقة.',
			'توجد 11 مدينة مطابقة.',
			'توجد 100 مدينة مطابقة.'
		]);
		expect([0, 1, 7].map((count) => m.cities_results({ count }, { locale: 'en' }))).toEqual(['No city matches these filters.', '1 city matches.', '7 cities match.']);
	});
});

describe('message', () => {
	it('looks up a key computed at run time, with its placeholders and locale', () => {
		expect(message('error_reference', { reference: 'ab12' })).toBe('If you report this problem, please quote reference ab12.');
		expect(runWithLocale('sv', () => message('nav_home'))).toBe('Startsida');
		expect(message('nav_home', undefined, { locale: 'ko' })).toBe(m.nav_home({}, { locale: 'ko' }));
	});

	it('shows an unknown key as itself instead of failing', () => {
		expect(message('no_such_message')).toBe('no_such_message');
		expect(message('toString')).toBe('toString');
	});
});

// Type checks, run by svelte-check: each line below must stay an error.
export function callsThatDoNotCompile(): void {
	// @ts-expect-error an unknown key
	m.no_such_message();
	// @ts-expect-error a missing placeholder
	m.error_reference({});
	// @ts-expect-error a placeholder the message does not have
	m.nav_home({ name: 'x' });
	// @ts-expect-error a plural count must be a number
	m.cities_results({ count: '2' });
	// @ts-expect-error not a UI locale
	m.nav_home({}, { locale: 'de' });
}
