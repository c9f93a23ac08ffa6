import { describe, expect, it } from 'vitest';
import { buildBarChart, type BarChartInput } from './bar-chart.ts';

const base: BarChartInput = {
	bars: [
		{ key: 'sex=female', label: 'Female', value: 14 },
		{ key: 'sex=male', label: 'Male', value: 7 },
		{ key: 'sex=other', label: 'Another gender', value: null }
	],
	references: [{ value: 10, label: 'Total: 10' }],
	format: (value, digits) => value.toFixed(digits),
	formatValue: (value) => value.toFixed(1),
	noData: 'no data'
};

describe('buildBarChart', () => {
	it('makes bars proportional to their values, from zero', () => {
		const chart = buildBarChart(base);
		const [female, male, other] = chart.rows;
		expect(female!.bar!.x).toBe(chart.zeroX);
		expect(female!.bar!.width / male!.bar!.width).toBeCloseTo(2, 1);
		expect(other!.bar).toBeNull();
		expect(other!.missing).toBe(true);
		expect(other!.value.text).toBe('no data');
		expect(female!.value.text).toBe('14.0');
	});

	it('places the reference line at its value', () => {
		const chart = buildBarChart(base);
		const female = chart.rows[0]!.bar!;
		const at10 = chart.references[0]!.x;
		expect(at10).toBeGreaterThan(female.x);
		expect(at10).toBeLessThan(female.x + female.width);
		expect(chart.references[0]!.label.text).toBe('Total: 10');
	});

	it('mirrors for right-to-left pages: labels on the right, bars growing leftward', () => {
		const ltr = buildBarChart(base);
		const rtl = buildBarChart({ ...base, dir: 'rtl' });
		expect(rtl.rows[0]!.label.x).toBeCloseTo(ltr.width - ltr.rows[0]!.label.x, 0);
		const bar = rtl.rows[0]!.bar!;
		expect(bar.x + bar.width).toBeCloseTo(rtl.zeroX, 0);
		expect(rtl.rows[0]!.value.x).toBeLessThan(bar.x);
		// Right-to-left text whose left edge (its end) touches the plot: text-anchor end.
		expect(rtl.rows[0]!.label.x).toBeGreaterThan(bar.x + bar.width);
		expect(rtl.rows[0]!.label.anchor).toBe('end');
		expect(ltr.rows[0]!.label.anchor).toBe('end');
	});

	it('grows negative bars the other way from zero', () => {
		const chart = buildBarChart({ ...base, bars: [{ key: 'a', label: 'A', value: -4 }, { key: 'b', label: 'B', value: 6 }], references: [] });
		const [a, b] = chart.rows;
		expect(a!.bar!.x + a!.bar!.width).toBeCloseTo(chart.zeroX, 0);
		expect(b!.bar!.x).toBeCloseTo(chart.zeroX, 0);
	});

	it('cuts long labels and grows in height with the number of bars', () => {
		const bars = Array.from({ length: 50 }, (_, i) => ({ key: `d${i}`, label: `District number ${i} of the very long name list`, value: i }));
		const chart = buildBarChart({ ...base, bars });
		expect(chart.rows).toHaveLength(50);
		expect(chart.rows[0]!.label.text.endsWith('…')).toBe(true);
		expect(chart.height).toBeGreaterThan(50 * 20);
		expect(chart.rows.at(-1)!.bar!.y).toBeLessThan(chart.plot.bottom);
	});

	it('says when there is nothing to draw', () => {
		expect(buildBarChart({ ...base, bars: [{ key: 'a', label: 'A', value: null }] }).empty).toBe(true);
	});
});
