import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { INDICATOR_RULES } from '#lib/server/indicators/indicators.schema.ts';
import { errorText } from './error-text.ts';

describe('error codes as sentences', () => {
	it('reads an area’s own sentence first, then the more general one, else names the unknown code', () => {
		expect(errorText('conflict', 'commitments-admin')).toMatch(/^Someone else saved a change in the meantime/);
		expect(errorText('conflict', 'indicators-admin')).toBe('Someone else changed this after you opened it. Nothing was saved; reload the page and try again.');
		expect(errorText('conflict', 'admin')).toBe('This conflicts with existing data. Reload the page and try again.');
		expect(errorText('observation_duplicate', 'indicators-admin')).toBe('There is already a value for this period and group. Correct that one instead.');
		expect(errorText('forbidden', 'indicators-admin')).toBe('You are not allowed to make this change. Nothing was changed.');
		expect(errorText('no_such_rule', 'indicators-admin')).toBe('Something went wrong (no_such_rule). Nothing was changed.');
		expect(errorText('forbidden', 'site')).toBe('You are not allowed to do this.');
		expect(errorText('no_such_rule', 'site')).toBe('Please check what you entered.');
		expect(errorText('no_such_rule', 'plan-import')).toBe('Something went wrong (no_such_rule). Nothing was imported.');
	});

	it('fills in the numbers and names the error carried, and a dash for those it did not', () => {
		expect(errorText('file_too_large', 'commitments-admin', { params: { file: 'scan.pdf', maxMb: 10 } })).toBe('The file “scan.pdf” is too large: at most 10 MB per file. Nothing was saved.');
		expect(errorText('file_too_large', 'commitments-admin')).toBe('The file “—” is too large: at most — MB per file. Nothing was saved.');
		expect(errorText('rate_limited', 'site', { params: { minutes: 1 } })).toMatch(/\b1 minute\b/);
		expect(errorText('rate_limited', 'site', { params: { minutes: 12 } })).toMatch(/\b12 minutes\b/);
	});

	it('says a control character the same way in every area', () => {
		const text = 'This text contains an invisible control character (such as NUL) that cannot be saved. Remove it, or type the text again instead of pasting it.';
		for (const area of ['site', 'admin', 'commitments-admin', 'indicators-admin', 'plan-import', 'commitments', 'ledger', 'rights'] as const) expect(errorText('control_character', area), area).toBe(text);
	});

	it('can say a code differently at different fields', () => {
		expect(errorText('date_invalid', 'ledger', { field: 'from' })).toBe('Enter a valid start date (year-month-day), for example 2026-01-31.');
		expect(errorText('date_invalid', 'ledger', { field: 'to' })).not.toBe(errorText('date_invalid', 'ledger', { field: 'from' }));
		expect(errorText('ref_invalid', 'ledger')).toBe('A reference has at most 100 characters.');
	});

	it('has a sentence for every rule the indicator schemas and services report, in every locale', () => {
		for (const locale of ['en', 'es', 'fr', 'ko', 'sv', 'ar']) {
			const catalog = JSON.parse(fs.readFileSync(path.resolve('src/lib/server/indicators/messages', `${locale}.json`), 'utf8')) as Record<string, string>;
			const missing = INDICATOR_RULES.filter((rule) => !catalog[`iadmin_error_${rule}`]);
			expect(missing, locale).toEqual([]);
		}
	});
});
