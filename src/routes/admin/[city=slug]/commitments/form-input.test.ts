// Form fields to typed input: what the commitments admin forms rely on (failures back to the page
// are the shared form layer's, tested in #lib/server/http/forms.test.ts).
import { describe, expect, it } from 'vitest';
import { list, localized, number, text, version } from './form-input.server.ts';
import { sdgCodes } from './commitment-form.server.ts';
import { formOf } from '#lib/server/testing/request-event.ts';

describe('reading the commitments admin forms', () => {
	it('reads numbers as people type them and refuses the rest as NaN', () => {
		const form = formOf([
			['a', '12500,50'],
			['b', ' 1 250 000 '],
			['c', '42'],
			['d', ''],
			['e', '12abc'],
			['f', '1,2,3'],
			['g', '-3.5']
		]);
		expect(number(form, 'a')).toBe(12500.5);
		expect(number(form, 'b')).toBe(1_250_000);
		expect(number(form, 'c')).toBe(42);
		expect(number(form, 'd')).toBeNull();
		expect(number(form, 'missing')).toBeNull();
		expect(number(form, 'e')).toBeNaN();
		expect(number(form, 'f')).toBeNaN();
		expect(number(form, 'g')).toBe(-3.5);
	});

	it('reads one text per UI language, repeated fields as lists, and the version', () => {
		const form = formOf([
			['title.en', 'Housing'],
			['title.ar', 'السكن'],
			['title.xx', 'ignored'],
			['groups', 'women'],
			['groups', ' '],
			['groups', 'children'],
			['version', '7'],
			['note', '  ']
		]);
		expect(localized(form, 'title')).toEqual({ en: 'Housing', ar: 'السكن' });
		expect(list(form, 'groups')).toEqual(['women', 'children']);
		expect(version(form)).toBe(7);
		expect(version(formOf([['version', 'x']]))).toBe(0);
		expect(text(form, 'note')).toBeNull();
	});

	it('splits the SDG codes field and names what cannot be a code', () => {
		expect(sdgCodes('11.1, sdg:10.2;16  4.a')).toEqual({ codes: ['sdg:11.1', 'sdg:10.2', 'sdg:16', 'sdg:4.a'], malformed: [] });
		expect(sdgCodes('11/1, goal 5, 123')).toEqual({ codes: ['sdg:5'], malformed: ['11/1', 'goal', '123'] });
		expect(sdgCodes(null)).toEqual({ codes: [], malformed: [] });
	});
});
