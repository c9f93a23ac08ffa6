import { describe, expect, it } from 'vitest';
import { dimensionLabel, dimensionValueLabel, groupLabel, keyPart, periodLabel, periodPosition } from './labels.server.ts';

describe('indicator labels', () => {
	it('says periods as readers do, in their locale', () => {
		expect(periodLabel('2024', 'en')).toBe('2024');
		expect(periodLabel('2024-Q3', 'en')).toBe('Q3 2024');
		expect(periodLabel('2024-05', 'en')).toBe('May 2024');
		expect(periodLabel('2024-05-31', 'en')).toBe('May 31, 2024');
		expect(periodLabel('not a period', 'en')).toBe('not a period');
	});

	it('places periods on a time axis by their start in years', () => {
		expect(periodPosition('2024')).toBe(2024);
		expect(periodPosition('2024-Q3')).toBeCloseTo(2024.5, 2);
		expect(Number.isNaN(periodPosition('nonsense'))).toBe(true);
	});

	it('turns codes into message key parts', () => {
		expect(keyPart('65+')).toBe('65plus');
		expect(keyPart('18-64')).toBe('18_64');
		expect(keyPart('income-quintile')).toBe('income_quintile');
	});

	it('names known dimensions and values, and shows a city’s own codes as written', () => {
		expect(dimensionLabel('sex')).toBe('Sex');
		expect(dimensionValueLabel('age', '65+')).toBe('65 and over');
		expect(dimensionLabel('ward')).toBe('ward');
		expect(dimensionValueLabel('ward', 'Micklegate')).toBe('Micklegate');
	});

	it('labels groups: the total, or the values of the group joined', () => {
		expect(groupLabel('')).toBe('Total');
		expect(groupLabel('age=65+;sex=female')).toBe('65 and over, Female');
		expect(groupLabel({ tenure: 'social-rent' })).toBe('Social renters');
	});
});
