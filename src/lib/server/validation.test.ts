import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { controlCharacterErrors, parseInput, parseQuery, safeParseInput } from './validation.ts';
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
