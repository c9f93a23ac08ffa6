import { describe, expect, it } from 'vitest';
import { foldText, matchRanges, parseSearch, snippet, wordsOf, SEARCH_MAX_CHARS, SEARCH_MAX_TERMS } from './search-text.ts';

describe('search text', () => {
	it('folds case, accents, Arabic vowel marks and letter variants alike for documents and queries', () => {
		expect(foldText('Educación ÉGALITÉ Malmö')).toBe('educacion egalite malmo');
		expect(foldText('الْمَكْتَبَات')).toBe(foldText('المكتبات'));
		expect(foldText('أمين المظالم')).toBe('امين المظالم');
		expect(foldText('مدرسةٌ')).toBe('مدرسه');
		expect(foldText('인권도시')).toBe('인권도시');
		expect(foldText('ﬁnance')).toBe('finance');
	});

	it('reads words only: no operator, quote, bracket or wildcard survives, and scripts are split apart', () => {
		expect(parseSearch('"housing" AND (인권 OR vivienda*)').terms).toEqual(['housing', '인권', 'vivienda']);
		expect(parseSearch('title:foo NEAR(a b) -bar ^baz').terms).toEqual(['title', 'foo', 'bar', 'baz']);
		expect(parseSearch('서울housing').terms).toEqual(['서울', 'housing']);
		expect(parseSearch('SDG11 مدينة').terms).toEqual(['sdg11', 'مدينه']);
		expect(parseSearch('AND').terms).toEqual(['and']);
		expect(parseSearch('l’accès au logement').terms).toEqual(['acces', 'au', 'logement']);
		expect(parseSearch('집 a').terms).toEqual(['집']);
		expect(wordsOf('a-b c_d')).toEqual(['a', 'b', 'c', 'd']);
	});

	it('reports queries it cannot search instead of searching them', () => {
		expect(parseSearch('x'.repeat(SEARCH_MAX_CHARS + 1)).problem).toBe('search_too_long');
		expect(parseSearch('" ( ) * : -').problem).toBe('search_no_words');
		expect(parseSearch('a b c').problem).toBe('search_no_words');
		expect(parseSearch('').problem).toBe('search_no_words');
		const many = parseSearch(Array.from({ length: SEARCH_MAX_TERMS + 3 }, (_, index) => `word${index}`).join(' '));
		expect(many.terms).toHaveLength(SEARCH_MAX_TERMS);
		expect(many.dropped).toBe(3);
		expect(parseSearch('rights rights RIGHTS').terms).toEqual(['rights']);
		expect(parseSearch('y'.repeat(300)).terms[0]).toHaveLength(64);
	});

	it('finds the terms in the original text, whatever its accents and case', () => {
		const text = 'La Educación y la EDUCACION';
		expect(matchRanges(text, ['educacion']).map(([from, to]) => text.slice(from, to))).toEqual(['Educación', 'EDUCACION']);
		const arabic = 'حق التعليم للجميع';
		expect(matchRanges(arabic, ['التعليم']).map(([from, to]) => arabic.slice(from, to))).toEqual(['التعليم']);
	});

	it('cuts a snippet around the first match, marks every match in it, and keeps markup as text', () => {
		const long = `${'Lorem ipsum dolor sit amet. '.repeat(20)}The <b>housing</b> office helps tenants. ${'More text here. '.repeat(20)}`;
		const parts = snippet(long, ['housing', 'tenants'], 120);
		const joined = parts.map((part) => part.text).join('');
		expect(joined.startsWith('… ')).toBe(true);
		expect(joined.endsWith(' …')).toBe(true);
		expect(joined).toContain('<b>');
		expect(parts.filter((part) => part.mark).map((part) => part.text)).toEqual(['housing', 'tenants']);
		expect(snippet('No match here', ['absent'])).toEqual([{ text: 'No match here', mark: false }]);
		expect(snippet('', ['x'])).toEqual([]);
		// Never a broken character.
		const emoji = `${'😀'.repeat(200)} rights`;
		expect(() => encodeURIComponent(snippet(emoji, ['zzz'], 101).map((part) => part.text).join(''))).not.toThrow();
	});
});
