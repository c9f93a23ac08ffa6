import { describe, expect, it } from 'vitest';
import { field, inLocale, percentInBasisPoints, versionOf, wholeNumber } from './admin-forms.server.ts';

describe('reading the participation desk forms', () => {
	it('reads a share of the census typed in per cent as basis points', () => {
		expect(percentInBasisPoints('2.5')).toBe(250);
		expect(percentInBasisPoints('2,5')).toBe(250);
		expect(percentInBasisPoints('0.05')).toBe(5);
		expect(percentInBasisPoints('10')).toBe(1000);
		expect(percentInBasisPoints('3 %')).toBe(300);
		expect(percentInBasisPoints('')).toBeNull();
	});

	it('turns anything else into NaN, which the schema refuses with a message', () => {
		for (const bad of ['abc', '-1', '2.555', '1e3', '1000', '2.5.1', ' ']) expect(percentInBasisPoints(bad), bad).toBeNaN();
	});

	it('reads whole numbers, versions and trimmed fields', () => {
		const form = new FormData();
		form.set('title', '  Shade  ');
		form.set('version', '3');
		expect(field(form, 'title')).toBe('Shade');
		expect(field(form, 'missing')).toBe('');
		expect(versionOf(form)).toBe(3);
		form.set('version', '0');
		expect(versionOf(form)).toBeUndefined();
		expect(wholeNumber('1200')).toBe(1200);
		expect(wholeNumber('12.5')).toBeNaN();
	});

	it('replaces the text in the reader’s language and keeps the others', () => {
		expect(inLocale({ en: 'Shade', es: 'Sombra' }, 'es', 'Sombra nueva')).toEqual({ en: 'Shade', es: 'Sombra nueva' });
		expect(inLocale({ en: 'Shade', es: 'Sombra' }, 'es', '')).toEqual({ en: 'Shade' });
	});
});
