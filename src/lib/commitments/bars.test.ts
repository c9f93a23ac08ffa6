import { describe, expect, it } from 'vitest';
import { apportion, BAR_UNITS, MIN_SEGMENT, progressFill, stackedSegments } from './bars.ts';

describe('apportion', () => {
	it('splits a total in proportion to the values, adding up exactly', () => {
		expect(apportion([1, 1, 1], 1000)).toEqual([334, 333, 333]);
		expect(apportion([3, 1], 1000)).toEqual([750, 250]);
		expect(apportion([1, 2, 3, 4, 5, 6, 7], 1000).reduce((a, b) => a + b, 0)).toBe(1000);
	});

	it('gives nothing when there is nothing to share', () => {
		expect(apportion([0, 0], 1000)).toEqual([0, 0]);
		expect(apportion([], 1000)).toEqual([]);
	});
});

describe('stackedSegments', () => {
	it('lays segments out left to right in the given order, zero counts left out', () => {
		const segments = stackedSegments(
			[
				{ key: 'completed', value: 3 },
				{ key: 'in_progress', value: 0 },
				{ key: 'planned', value: 1 }
			],
			'ltr'
		);
		expect(segments).toEqual([
			{ key: 'completed', value: 3, x: 0, width: 750 },
			{ key: 'planned', value: 1, x: 750, width: 250 }
		]);
	});

	it('mirrors the bar for right-to-left pages: the first segment starts at the right end', () => {
		const segments = stackedSegments(
			[
				{ key: 'completed', value: 3 },
				{ key: 'planned', value: 1 }
			],
			'rtl'
		);
		expect(segments).toEqual([
			{ key: 'completed', value: 3, x: 250, width: 750 },
			{ key: 'planned', value: 1, x: 0, width: 250 }
		]);
	});

	it('keeps a single action among thousands visible, and the bar still fills the width exactly', () => {
		const segments = stackedSegments(
			[
				{ key: 'completed', value: 4999 },
				{ key: 'delayed', value: 1 }
			],
			'ltr'
		);
		expect(segments[1]!.width).toBe(MIN_SEGMENT);
		expect(segments[0]!.width + segments[1]!.width).toBe(BAR_UNITS);
		expect(segments[1]!.x).toBe(segments[0]!.width);
	});

	it('draws nothing for no actions', () => {
		expect(stackedSegments([{ key: 'planned', value: 0 }], 'ltr')).toEqual([]);
	});
});

describe('progressFill', () => {
	it('fills the share of the bar that is done, from the reading start', () => {
		expect(progressFill(62.5, 'ltr')).toEqual({ x: 0, width: 625 });
		expect(progressFill(62.5, 'rtl')).toEqual({ x: 375, width: 625 });
	});

	it('clamps out-of-range values and draws nothing for an unknown progress', () => {
		expect(progressFill(140, 'ltr').width).toBe(BAR_UNITS);
		expect(progressFill(-5, 'ltr').width).toBe(0);
		expect(progressFill(undefined, 'ltr').width).toBe(0);
		expect(progressFill(Number.NaN, 'ltr').width).toBe(0);
	});
});
