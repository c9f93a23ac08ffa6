import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { INDICATOR_RULES } from '#lib/server/indicators/indicators.schema.ts';
import { indicatorErrorText } from './form-text.ts';

describe('indicator form errors', () => {
	it('has a sentence for every rule the schemas and services report, in every locale', () => {
		for (const locale of ['en', 'es', 'fr', 'ko', 'sv', 'ar']) {
			const catalog = JSON.parse(fs.readFileSync(path.resolve('src/lib/server/indicators/messages', `${locale}.json`), 'utf8')) as Record<string, string>;
			const missing = INDICATOR_RULES.filter((rule) => !catalog[`iadmin_error_${rule}`]);
			expect(missing, locale).toEqual([]);
		}
	});

	it('reads module rules first, then the admin area’s general codes, else names the unknown code', () => {
		expect(indicatorErrorText('observation_duplicate')).toBe('There is already a value for this period and group. Correct that one instead.');
		expect(indicatorErrorText('forbidden')).toBe('You are not allowed to make this change. Nothing was changed.');
		expect(indicatorErrorText('no_such_rule')).toContain('no_such_rule');
	});
});
