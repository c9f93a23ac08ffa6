import { describe, expect, it } from 'vitest';
import { buildGapChart, largestGaps, latestGap, wideningFlags } from './gap-chart.ts';

const format = (value: number, digits: number) => value.toFixed(digits);
const periods = [2019, 2020, 2021, 2022].map((x) => ({ x, label: String(x) }));

describe('wideningFlags', () => {
	it('flags a period whose gap is further from zero than the one before', () => {
		expect(wideningFlags([{ x: 1, gap: 1 }, { x: 2, gap: 2 }, { x: 3, gap: 1.5 }, { x: 4, gap: -3 }])).toEqual([false, true, false, true]);
	});

	it('compares across a missing period with the last known gap', () => {
		expect(wideningFlags([{ x: 1, gap: 2 }, { x: 2, gap: null }, { x: 3, gap: 2.5 }])).toEqual([false, false, true]);
	});

	it('does not flag an unchanged gap', () => {
		expect(wideningFlags([{ x: 1, gap: 2 }, { x: 2, gap: 2 }])).toEqual([false, false]);
	});

	it('follows what the caller decided when points carry it', () => {
		expect(wideningFlags([{ x: 1, gap: 1 }, { x: 2, gap: 2, widening: false }, { x: 3, gap: 2, widening: true }])).toEqual([false, false, true]);
	});
});

describe('largestGaps', () => {
	it('keeps the groups with the largest latest gap by size', () => {
		const groups = [
			{ key: 'a', points: [{ x: 1, gap: 1 }] },
			{ key: 'b', points: [{ x: 1, gap: -5 }] },
			{ key: 'c', points: [{ x: 1, gap: 3 }, { x: 2, gap: null }] },
			{ key: 'd', points: [{ x: 1, gap: null }] }
		];
		expect(largestGaps(groups, 2).map((group) => group.key)).toEqual(['b', 'c']);
		expect(latestGap(groups[2]!.points)).toBe(3);
		expect(latestGap(groups[3]!.points)).toBeNull();
	});
});

describe('buildGapChart', () => {
	it('draws a zero line and flags widening segments', () => {
		const chart = buildGapChart({
			groups: [{ key: 'sex=female', label: 'Female', points: [{ x: 2019, gap: 1 }, { x: 2020, gap: 2 }, { x: 2021, gap: 1 }, { x: 2022, gap: 3 }] }],
			periods,
			format
		});
		expect(chart.zeroY).not.toBeNull();
		expect(chart.zeroY!).toBeLessThanOrEqual(chart.plot.bottom);
		const series = chart.series[0]!;
		expect(series.flagged.match(/M/g)).toHaveLength(2);
		expect(series.flaggedMarkers.match(/M/g)).toHaveLength(2);
		expect(series.emphasis).toBe(false);
	});

	it('draws at most `limit` groups and counts the rest', () => {
		const groups = Array.from({ length: 50 }, (_, i) => ({ key: `district=${i}`, label: `District ${i}`, points: periods.map((p) => ({ x: p.x, gap: (i - 25) / 5 })) }));
		const chart = buildGapChart({ groups, periods, format, limit: 5 });
		expect(chart.series).toHaveLength(5);
		expect(chart.hidden).toBe(45);
		expect(chart.shown[0]).toBe('district=0');
	});
});

describe('gap chart styles', () => {
	it('styles each group by its place in the dimension, as the line chart does after the total', () => {
		const groups = ['a', 'b', 'c'].map((key, i) => ({ key, label: key, points: [{ x: 2020, gap: i === 2 ? 9 : i + 1 }] }));
		const chart = buildGapChart({ groups, periods: [{ x: 2020, label: '2020' }], format, limit: 2 });
		expect(chart.shown).toEqual(['c', 'b']);
		expect(chart.series.map((series) => series.style.index)).toEqual([3, 2]);
	});
});
