import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors.ts';
import { comparePeriods, groupKey, groupProblem, isValidPeriod, parseGroupKey, parsePeriod } from './group-key.ts';

describe('groupKey', () => {
	it('sorts dimensions by name and joins name=value with semicolons', () => {
		expect(groupKey({ sex: 'female', age: '18-64' })).toBe('age=18-64;sex=female');
	});

	it('gives the empty string for the total, also when every value is blank', () => {
		expect(groupKey({})).toBe('');
		expect(groupKey({ sex: '', age: undefined, district: null })).toBe('');
	});

	it('leaves out dimensions at their total', () => {
		expect(groupKey({ sex: 'male', age: '' })).toBe('sex=male');
	});

	it('sorts by code point, not by locale (upper case before lower case)', () => {
		expect(groupKey({ b: '1', B: '2', a: '3' })).toBe('B=2;a=3;b=1');
	});

	it('keeps values with spaces, plus signs and non-Latin letters', () => {
		expect(groupKey({ age: '65+', district: 'North East', 구: '동구' })).toBe('age=65+;district=North East;구=동구');
	});

	it('rejects values that would make the key ambiguous', () => {
		for (const values of [{ sex: 'a=b' }, { sex: 'a;b' }, { 'se;x': 'female' }, { sex: ' female' }, { sex: 'line\nbreak' }]) {
			let error: unknown;
			try {
				groupKey(values);
			} catch (caught) {
				error = caught;
			}
			expect(isDomainError(error, 'invalid_input')).toBe(true);
		}
	});
});

describe('parseGroupKey', () => {
	it('reads a canonical key back into values', () => {
		expect(parseGroupKey('age=18-64;sex=female')).toEqual({ age: '18-64', sex: 'female' });
		expect(parseGroupKey('')).toEqual({});
	});

	it('round-trips every key groupKey builds', () => {
		const values = { disability: 'yes', age: '0-17', district: 'Acomb' };
		expect(parseGroupKey(groupKey(values))).toEqual(values);
	});

	it('checks the order by code point, as groupKey sorts (upper case before lower case)', () => {
		expect(parseGroupKey('B=2;a=3;b=1')).toEqual({ B: '2', a: '3', b: '1' });
		expect(() => parseGroupKey('a=3;B=2')).toThrow(/canonical/);
	});

	it('rejects malformed, repeated and unsorted keys', () => {
		for (const key of ['sex', 'sex=', '=female', 'sex=female;sex=male', 'sex=female;age=18-64', 'sex=female;', ';']) {
			expect(() => parseGroupKey(key), key).toThrow(/disaggregation key|canonical/);
		}
	});
});

describe('parsePeriod', () => {
	it('reads years, quarters, months and days', () => {
		expect(parsePeriod('2024')).toMatchObject({ granularity: 'year', year: 2024, start: '2024-01-01', startYear: 2024 });
		expect(parsePeriod('2024-Q3')).toMatchObject({ granularity: 'quarter', quarter: 3, start: '2024-07-01' });
		expect(parsePeriod('2023-Q3')?.startYear).toBeCloseTo(2023 + 181 / 365, 10);
		expect(parsePeriod('2024-05')).toMatchObject({ granularity: 'month', month: 5, start: '2024-05-01' });
		expect(parsePeriod('2024-02-29')).toMatchObject({ granularity: 'day', day: 29, start: '2024-02-29' });
	});

	it('rejects impossible dates, wrong shapes and years outside 1900..2100', () => {
		for (const text of ['2023-02-29', '2024-13', '2024-00', '2024-Q5', '2024-Q0', '24', '2024/05', ' 2024', '2024-5', '1899', '2101', '2024-W01', '']) {
			expect(parsePeriod(text), text).toBeNull();
			expect(isValidPeriod(text)).toBe(false);
		}
		expect(isValidPeriod('1900')).toBe(true);
		expect(isValidPeriod('2100-12-31')).toBe(true);
	});
});

describe('comparePeriods', () => {
	it('orders by start, coarser periods first, invalid ones last', () => {
		const periods = ['2024-01', 'junk', '2023', '2024-Q1', '2024', '2023-12-31'];
		expect([...periods].sort(comparePeriods)).toEqual(['2023', '2023-12-31', '2024', '2024-Q1', '2024-01', 'junk']);
	});

	it('gives the same order when the periods were compared before (sort keys are kept)', () => {
		const periods = ['2024-12', '2024-Q4', '2025', 'junk', '2024-10-01', 'abc'];
		const first = [...periods].sort(comparePeriods);
		expect([...periods].reverse().sort(comparePeriods)).toEqual(first);
		expect(first).toEqual(['2024-Q4', '2024-10-01', '2024-12', '2025', 'abc', 'junk']);
	});
});

describe('groupProblem', () => {
	const dimensions = { sex: ['female', 'male'], age: ['0-17', '18-64', '65+'] };
	it('accepts known values and blanks (the total of a dimension)', () => {
		expect(groupProblem(dimensions, { sex: 'female', age: '65+' })).toBeNull();
		expect(groupProblem(dimensions, { sex: '', age: undefined })).toBeNull();
		expect(groupProblem(dimensions, {})).toBeNull();
	});

	it('names the unknown dimension or value', () => {
		expect(groupProblem(dimensions, { disability: 'yes' })).toEqual({ dimension: 'disability', value: 'yes', reason: 'unknown_dimension' });
		expect(groupProblem(dimensions, { sex: 'Female' })).toEqual({ dimension: 'sex', value: 'Female', reason: 'unknown_value' });
		expect(groupProblem(dimensions, { constructor: 'x' })).toMatchObject({ reason: 'unknown_dimension' });
	});
});
