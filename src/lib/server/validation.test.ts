import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { controlCharacterErrors, httpUrl, isoDate, isRealDate, localized, parseInput, parseQuery, safeParseInput } from './validation.ts';
import { isDomainError } from './errors.ts';

const schema = z.object({ title: z.string().min(1, { error: 'title_required' }), notes: z.string().optional() });

describe('control characters in input', () => {
	it('names each field holding NUL or another C0 control, tab, line feed and carriage return being fine', () => {
		expect(controlCharacterErrors({ title: 'a\u0000b', notes: 'line\r\nline\tcell' })).toEqual({ title: 'control_character' });
		for (const code of [0, 1, 8, 11, 12, 14, 27, 31]) expect(controlCharacterErrors({ notes: `x${String.fromCharCode(code)}` }), `U+${code.toString(16)}`).toEqual({ notes: 'control_character' });
		expect(controlCharacterErrors({ rows: [{ cell: 'ok' }, { cell: '\u0007' }] })).toEqual({ rows: 'control_character' });
		expect(controlCharacterErrors({ 'bad\u0000name': 'x' })).toEqual({ form: 'control_character' });
		expect(controlCharacterErrors('\u0000')).toEqual({ form: 'control_character' });
		expect(controlCharacterErrors({ when: new Date(0), n: 3, none: null })).toEqual({});
	});

	it('refuses them in every parse, with the schema’s own problems of other fields', () => {
		expect(safeParseInput(schema, { title: 'ok\u0000' })).toEqual({ ok: false, errors: { title: 'control_character' } });
		expect(safeParseInput(schema, { title: '', notes: '\u001b[31m' })).toEqual({ ok: false, errors: { title: 'title_required', notes: 'control_character' } });
		expect(safeParseInput(schema, { title: 'Tab\tand\nnew line' })).toEqual({ ok: true, data: { title: 'Tab\tand\nnew line' } });
		let thrown: unknown;
		try {
			parseInput(schema, { title: 'x\u0000' });
		} catch (error) {
			thrown = error;
		}
		expect(isDomainError(thrown, 'invalid_input') && thrown.details?.fields).toEqual({ title: 'control_character' });
	});

	it('drops a query filter holding one and keeps the others', () => {
		const query = z.object({ q: z.string().optional(), type: z.string().optional() });
		expect(parseQuery(query, { q: 'york\u0000', type: 'plan' }, {})).toEqual({ query: { type: 'plan' }, errors: { q: 'control_character' } });
	});
});

describe('shared fields', () => {
	const form = z.object({ title: localized(10, true), notes: localized(10, false).default({}), on: isoDate.nullable().default(null), url: httpUrl.nullable().default(null) });

	it('keeps trimmed texts in the UI locales and drops blank ones and other languages', () => {
		expect(safeParseInput(form, { title: { en: '  Housing ', ar: 'السكن', de: 'Wohnen', fr: '   ' } })).toEqual({ ok: true, data: { title: { en: 'Housing', ar: 'السكن' }, notes: {}, on: null, url: null } });
	});

	it('asks for a text in at least one locale only where one is required, and refuses one too long', () => {
		expect(safeParseInput(form, { title: { en: ' ', de: 'Wohnen' }, notes: {} })).toEqual({ ok: false, errors: { title: 'required' } });
		expect(safeParseInput(form, { title: { en: 'Housing' }, notes: { sv: 'x'.repeat(11) } })).toEqual({ ok: false, errors: { notes: 'too_long' } });
		expect(safeParseInput(form, { title: 'Housing' })).toEqual({ ok: false, errors: { title: 'required' } });
	});

	it('takes a calendar date that exists and calls anything else date_invalid', () => {
		expect(isoDate.parse('2028-02-29')).toBe('2028-02-29');
		expect([isRealDate('2028-02-29'), isRealDate('2026-02-29'), isRealDate('2026-04-31'), isRealDate('2026-4-1'), isRealDate('2026-04-01T00:00')]).toEqual([true, false, false, false, false]);
		for (const bad of ['2026-02-30', '2026-13-01', '31/12/2026', '2026-1-5', ' 2026-01-05', '', 20260105]) expect(safeParseInput(form, { title: { en: 'x' }, on: bad }), String(bad)).toEqual({ ok: false, errors: { on: 'date_invalid' } });
		expect(safeParseInput(z.object({ on: isoDate }), {})).toEqual({ ok: false, errors: { on: 'date_invalid' } });
	});

	it('takes an absolute http(s) address, trimmed, and refuses other schemes, relative paths and overlong ones', () => {
		expect(httpUrl.parse('  https://example.org/plan?x=1 ')).toBe('https://example.org/plan?x=1');
		expect(httpUrl.parse('http://example.org')).toBe('http://example.org');
		for (const bad of ['javascript:alert(1)', 'ftp://example.org/a', '/relative/path', 'example.org', '']) expect(safeParseInput(form, { title: { en: 'x' }, url: bad }), bad).toEqual({ ok: false, errors: { url: 'url_invalid' } });
		expect(safeParseInput(form, { title: { en: 'x' }, url: `https://example.org/${'a'.repeat(2000)}` })).toEqual({ ok: false, errors: { url: 'too_long' } });
	});
});
