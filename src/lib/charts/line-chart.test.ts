import { describe, expect, it } from 'vitest';
import { anchorFor, buildLineChart, type LineChartInput } from './line-chart.ts';

const format = (value: number, digits: number) => value.toFixed(digits);
const years = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => ({ x: from + i, label: String(from + i) }));

function input(overrides: Partial<LineChartInput> = {}): LineChartInput {
	return {
		series: [
			{ key: '', label: 'Total', points: [{ x: 2019, value: 20 }, { x: 2020, value: 18 }, { x: 2021, value: 15 }] },
			{ key: 'sex=female', label: 'Female', points: [{ x: 2019, value: 24 }, { x: 2020, value: null }, { x: 2021, value: 19 }] }
		],
		periods: years(2019, 2021),
		format,
		...overrides
	};
}

describe('buildLineChart', () => {
	it('draws one path per series in the plot, breaking the line where a value is missing', () => {
		const chart = buildLineChart(input());
		expect(chart.empty).toBe(false);
		const [total, female] = chart.series;
		expect(total!.path.match(/[ML]/g)).toEqual(['M', 'L', 'L']);
		// 2019 → (gap) → 2021: two separate moves, no line across the missing year.
		expect(female!.path.match(/[ML]/g)).toEqual(['M', 'M']);
		expect(female!.count).toBe(2);
		for (const series of chart.series) {
			for (const [, x, y] of series.path.matchAll(/[ML]([\d.]+) ([\d.]+)/g)) {
				expect(Number(x)).toBeGreaterThanOrEqual(chart.plot.left);
				expect(Number(x)).toBeLessThanOrEqual(chart.plot.right);
				expect(Number(y)).toBeGreaterThanOrEqual(chart.plot.top);
				expect(Number(y)).toBeLessThanOrEqual(chart.plot.bottom);
			}
		}
	});

	it('gives each series a different marker and dash so colour is not the only difference', () => {
		const chart = buildLineChart(input());
		const [total, female] = chart.series;
		expect(total!.emphasis).toBe(true);
		expect(total!.style.dash).toBeNull();
		expect(female!.style.dash).not.toBeNull();
		expect(total!.style.shape).not.toBe(female!.style.shape);
	});

	it('places a higher value higher on the page', () => {
		const chart = buildLineChart(input({ series: [{ key: '', label: 'Total', points: [{ x: 2019, value: 10 }, { x: 2020, value: 30 }] }] }));
		const ys = [...chart.series[0]!.path.matchAll(/[ML][\d.]+ ([\d.]+)/g)].map((match) => Number(match[1]));
		expect(ys[1]!).toBeLessThan(ys[0]!);
	});

	it('spaces periods by time: a missing year leaves room', () => {
		const chart = buildLineChart(input({ series: [{ key: '', label: 'T', points: [{ x: 2010, value: 1 }, { x: 2011, value: 2 }, { x: 2015, value: 3 }] }], periods: [2010, 2011, 2015].map((x) => ({ x, label: String(x) })) }));
		const xs = chart.xTicks.map((tick) => tick.x);
		expect(xs[2]! - xs[1]!).toBeCloseTo(4 * (xs[1]! - xs[0]!), 0);
	});

	it('includes the target and the baseline in the value axis and labels the target', () => {
		const chart = buildLineChart(input({ target: { value: 5, label: 'Target 2030: 5' }, baseline: { x: 2019, value: 20 } }));
		expect(Number(chart.yTicks[0]!.text)).toBeLessThanOrEqual(5);
		expect(chart.target!.text).toBe('Target 2030: 5');
		expect(chart.target!.lineY).toBeGreaterThan(chart.plot.top);
		expect(chart.target!.lineY).toBeLessThanOrEqual(chart.plot.bottom);
		expect(chart.baseline!.cx).toBe(chart.xTicks[0]!.x);
	});

	it('draws a target band between its limits', () => {
		const chart = buildLineChart(input({ band: { low: 10, high: 16, label: 'Target band' } }));
		expect(chart.band!.height).toBeGreaterThan(0);
		const total = chart.series[0]!;
		const y2021 = Number(/([\d.]+)$/.exec(total.path)![1]);
		// 15 lies inside the band 10–16.
		expect(y2021).toBeGreaterThanOrEqual(chart.band!.y);
		expect(y2021).toBeLessThanOrEqual(chart.band!.y + chart.band!.height);
	});

	it('thins period labels to what fits, always keeping the latest', () => {
		const periods = years(1990, 2024);
		const chart = buildLineChart(input({ periods, series: [{ key: '', label: 'T', points: periods.map((p) => ({ x: p.x, value: p.x - 1990 })) }] }));
		expect(chart.xTicks.length).toBeLessThan(periods.length);
		expect(chart.xTicks.length).toBeGreaterThan(4);
		expect(chart.xTicks.at(-1)!.text).toBe('2024');
	});

	it('says when there is nothing to draw', () => {
		const chart = buildLineChart(input({ series: [{ key: '', label: 'T', points: [{ x: 2020, value: null }] }] }));
		expect(chart.empty).toBe(true);
		expect(chart.series[0]!.path).toBe('');
	});

	it('anchors labels for the text direction', () => {
		expect(anchorFor('right', 'ltr')).toBe('end');
		expect(anchorFor('right', 'rtl')).toBe('start');
		expect(anchorFor('left', 'rtl')).toBe('end');
		const rtl = buildLineChart(input({ dir: 'rtl' }));
		expect(rtl.yTicks[0]!.anchor).toBe('start');
	});

	it('stays small for 20 years and six series', () => {
		const periods = years(2005, 2024);
		const series = Array.from({ length: 6 }, (_, s) => ({ key: `g${s}`, label: `Group ${s}`, points: periods.map((p, i) => ({ x: p.x, value: 10 + s + Math.sin(i) * 3 })) }));
		const chart = buildLineChart(input({ periods, series }));
		const size = chart.series.reduce((sum, entry) => sum + entry.path.length + entry.markers.length, 0);
		expect(size).toBeLessThan(20_000);
	});
});
