import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors.ts';
import {
	formatDimensionsText,
	indicatorFormInput,
	INDICATOR_RULES,
	newIndicatorSchema,
	observationFormInput,
	observationSchema,
	observationValueProblem,
	parseDecimal,
	parseDimensionsText,
} from './indicators.schema.ts';
import { parseInput } from '../validation.ts';

function form(entries: [string, string][]): FormData {
	const data = new FormData();
	for (const [key, value] of entries) data.append(key, value);
	return data;
}

describe('form helpers', () => {
	it('keeps repeated checkbox fields of the definition form as lists', () => {
		const raw = indicatorFormInput(form([['code', 'a'], ['principles', 'gwangju:1'], ['principles', 'gwangju:4'], ['sdgTargets', 'sdg:11.1'], ['_csrf', 'x']]));
		expect(raw).toMatchObject({ code: 'a', principles: ['gwangju:1', 'gwangju:4'], sdgTargets: ['sdg:11.1'] });
	});

	it('builds the observation group from group.<dimension> fields', () => {
		expect(observationFormInput(form([['period', '2024'], ['group.sex', 'female'], ['group.age', ''], ['value', '3']]))).toEqual({ period: '2024', value: '3', group: { sex: 'female', age: '' } });
	});

	it('reads and writes the dimensions textarea', () => {
		const text = 'sex: female, male\r\n\r\nage: 0-17 , 18-64,65+';
		expect(parseDimensionsText(text)).toEqual({ sex: ['female', 'male'], age: ['0-17', '18-64', '65+'] });
		expect(formatDimensionsText({ sex: ['female', 'male'] })).toBe('sex: female, male');
		expect(parseDimensionsText('no colon here')).toBeUndefined();
		expect(parseDimensionsText('sex: a\nsex: b')).toBeUndefined();
		expect(parseDimensionsText('')).toEqual({});
	});

	it('reads decimals with a point or a comma, and nothing else', () => {
		expect(parseDecimal('12,5')).toBe(12.5);
		expect(parseDecimal(' -0.25 ')).toBe(-0.25);
		expect(parseDecimal('.5')).toBe(0.5);
		for (const text of ['1.234,5', '1 000', '12e3', 'NaN', '', '1.2.3']) expect(parseDecimal(text), text).toBeUndefined();
		expect(parseDecimal(Number.NaN)).toBeUndefined();
	});
});

describe('observationSchema', () => {
	it('trims, defaults the status and turns blanks into null', () => {
		expect(observationSchema.parse({ period: ' 2024-Q3 ', value: '7,5', source: ' ', note: '' })).toEqual({ period: '2024-Q3', group: {}, value: 7.5, status: 'final', source: null, note: null });
		expect(observationSchema.parse({ period: '2024', value: null }).value).toBeNull();
	});

	it('tells a missing value from a wrong one', () => {
		expect(() => parseInput(observationSchema, { period: '2024', value: '' })).toThrow('observation_value_required');
		expect(() => parseInput(observationSchema, { period: '2024', value: '12%' })).toThrow('observation_value_invalid');
	});
});

describe('newIndicatorSchema', () => {
	const base = { code: 'x', title: 'X', type: 'outcome', unit: 'percent', direction: 'higher_is_better' };

	it('accepts a minimal definition and fills the rest with empty values', () => {
		expect(newIndicatorSchema.parse(base)).toMatchObject({ code: 'x', description: '', sdgTargets: [], principles: [], dimensions: {}, baselineValue: null, targetPeriod: null, rightCode: null });
	});

	it('needs a currency for money, a band for target_band, and both value and period of a baseline', () => {
		const fields = (raw: Record<string, unknown>) => {
			try {
				parseInput(newIndicatorSchema, { ...base, ...raw });
				return {};
			} catch (error) {
				if (!isDomainError(error, 'invalid_input')) throw error;
				return error.details?.fields;
			}
		};
		expect(fields({ unit: 'currency' })).toEqual({ currency: 'indicator_currency_invalid' });
		expect(fields({ unit: 'currency', currency: 'gbp' })).toEqual({});
		expect(fields({ direction: 'target_band', bandLow: '5', bandHigh: '1' })).toEqual({ bandHigh: 'indicator_band_invalid' });
		expect(fields({ baselineValue: '3' })).toEqual({ baselinePeriod: 'indicator_baseline_incomplete' });
		expect(fields({ targetPeriod: '2030' })).toEqual({ targetValue: 'indicator_target_incomplete' });
		expect(fields({ principles: 'gwangju:11' })).toEqual({ principles: 'indicator_principle_invalid' });
		expect(fields({ attribute: 'Housing Affordability' })).toEqual({ attribute: 'indicator_attribute_invalid' });
	});
});

describe('observationValueProblem', () => {
	it('keeps yes/no to 0 and 1 and counts and rates non-negative', () => {
		expect(observationValueProblem('yes_no', 0.5)).toBe('observation_value_out_of_range');
		expect(observationValueProblem('count', -1)).toBe('observation_value_out_of_range');
		expect(observationValueProblem('per_100k', 3)).toBeNull();
		expect(observationValueProblem('percent', -4)).toBeNull();
		expect(observationValueProblem('yes_no', null)).toBeNull();
	});
});

describe('INDICATOR_RULES', () => {
	it('lists rule codes the pages can turn into message keys', () => {
		expect(new Set(INDICATOR_RULES).size).toBe(INDICATOR_RULES.length);
		for (const rule of INDICATOR_RULES) expect(rule).toMatch(/^[a-z_]+$/);
	});
});
