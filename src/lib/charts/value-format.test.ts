import { describe, expect, it } from 'vitest';
import { valueFormatter } from './value-format.ts';

describe('valueFormatter', () => {
	it('writes percentages with the locale’s per-cent sign and decimal mark', () => {
		expect(valueFormatter({ unit: 'percent', locale: 'en' }).value(12.5)).toBe('12.5%');
		expect(valueFormatter({ unit: 'percent', locale: 'fr' }).value(12.5)).toMatch(/^12,5\s%$/);
	});

	it('gives ticks a fixed number of fraction digits', () => {
		const format = valueFormatter({ unit: 'count', locale: 'en' });
		expect(format.tick(5, 1)).toBe('5.0');
		expect(format.tick(1500, 0)).toBe('1,500');
	});

	it('writes money in its currency and falls back to a number for an unknown code', () => {
		expect(valueFormatter({ unit: 'currency', locale: 'en', currency: 'GBP' }).value(12.5)).toBe('£12.50');
		expect(valueFormatter({ unit: 'currency', locale: 'en', currency: 'ZZ' }).value(3)).toBe('3');
	});

	it('writes yes/no with the given words', () => {
		const format = valueFormatter({ unit: 'yes_no', locale: 'en', yes: 'yes', no: 'no' });
		expect(format.value(1)).toBe('yes');
		expect(format.value(0)).toBe('no');
		expect(format.tick(1, 0)).toBe('yes');
	});

	it('signs differences, in points for percentages', () => {
		const format = valueFormatter({ unit: 'percent', locale: 'en' });
		expect(format.signed(2.25)).toBe('+2.25');
		expect(format.signed(-1)).toBe('-1');
		expect(format.signed(0)).toBe('0');
	});

	it('uses the locale’s digits in Arabic', () => {
		expect(valueFormatter({ unit: 'count', locale: 'ar' }).value(12)).toMatch(/^(١٢|12)$/);
	});

	it('writes years of adoption without grouping', () => {
		expect(valueFormatter({ unit: 'date', locale: 'en' }).value(2017)).toBe('2017');
	});
});
