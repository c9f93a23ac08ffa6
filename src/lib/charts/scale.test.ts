import { describe, expect, it } from 'vitest';
import { fitText, linearScale, niceAxis, niceStep, round, stepDigits, textWidth } from './scale.ts';

describe('niceAxis', () => {
	it('extends a range outward to whole nice steps', () => {
		expect(niceAxis(3.2, 87, 5)).toEqual({ min: 0, max: 100, step: 20, ticks: [0, 20, 40, 60, 80, 100], digits: 0 });
	});

	it('uses 2.5 steps and one fraction digit where they fit best', () => {
		const axis = niceAxis(0, 12, 5);
		expect(axis.step).toBe(2.5);
		expect(axis.digits).toBe(1);
		expect(axis.ticks).toEqual([0, 2.5, 5, 7.5, 10, 12.5]);
	});

	it('handles small fractions without floating-point noise in the ticks', () => {
		const axis = niceAxis(0.1, 0.7, 6);
		expect(axis.ticks).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
		expect(axis.digits).toBe(1);
	});

	it('covers negative values (gaps below the total)', () => {
		const axis = niceAxis(-7.3, 4.1, 5);
		expect(axis.step).toBe(2.5);
		expect(axis.min).toBe(-7.5);
		expect(axis.max).toBe(5);
		expect(axis.ticks).toContain(0);
	});

	it('makes an axis from zero for a single positive value and around zero for nothing', () => {
		expect(niceAxis(42, 42).min).toBe(0);
		expect(niceAxis(42, 42).max).toBeGreaterThanOrEqual(42);
		expect(niceAxis(-3, -3).max).toBe(0);
		expect(niceAxis(0, 0)).toMatchObject({ min: 0, max: 1 });
		expect(niceAxis(Number.NaN, Number.NaN)).toMatchObject({ min: 0, max: 1 });
	});

	it('keeps large counts in whole steps', () => {
		const axis = niceAxis(1180, 4230, 5);
		expect(axis.step).toBe(1000);
		expect(axis.min).toBe(1000);
		expect(axis.max).toBe(5000);
	});
});

describe('niceStep and stepDigits', () => {
	it('rounds a raw step up to 1, 2, 2.5 or 5 times a power of ten', () => {
		expect(niceStep(100, 5)).toBe(20);
		expect(niceStep(10, 3)).toBe(5);
		expect(niceStep(0.9, 4)).toBe(0.25);
		expect(niceStep(0, 5)).toBe(1);
	});

	it('counts the fraction digits a step needs', () => {
		expect(stepDigits(20)).toBe(0);
		expect(stepDigits(2.5)).toBe(1);
		expect(stepDigits(0.25)).toBe(2);
	});
});

describe('linearScale', () => {
	it('maps a domain onto a reversed range (y grows downward in SVG)', () => {
		const y = linearScale([0, 100], [300, 20]);
		expect(y(0)).toBe(300);
		expect(y(100)).toBe(20);
		expect(y(50)).toBe(160);
	});

	it('puts everything in the middle when the domain has no width', () => {
		expect(linearScale([5, 5], [0, 100])(5)).toBe(50);
	});
});

describe('text helpers', () => {
	it('rounds without negative zero', () => {
		expect(Object.is(round(-0.01, 1), 0)).toBe(true);
		expect(round(1.26, 1)).toBe(1.3);
	});

	it('estimates Hangul wider than Latin', () => {
		expect(textWidth('여성', 10)).toBeGreaterThan(textWidth('ab', 10));
	});

	it('cuts long labels with an ellipsis and leaves short ones alone', () => {
		expect(fitText('Female', 200, 13)).toBe('Female');
		const cut = fitText('Households in temporary accommodation with children', 80, 13);
		expect(cut.endsWith('…')).toBe(true);
		expect(textWidth(cut, 13)).toBeLessThanOrEqual(80);
	});
});
