/**
 * Geometry of a horizontal bar chart: one bar per group (or per city) with its value written at
 * the bar's end, labels beside the bars, nice ticks, and reference lines (the total, a target).
 * Right-to-left pages get the mirror image: labels on the right, bars growing leftward. Missing
 * values get a row that says so instead of a zero-length bar.
 *
 * @example
 *   buildBarChart({
 *     bars: [{ key: 'sex=female', label: 'Female', value: 14.2 }, { key: 'sex=male', label: 'Male', value: 11.9 }],
 *     references: [{ value: 13, label: 'Total: 13' }],
 *     format: (value, digits) => value.toFixed(digits),
 *     formatValue: (value) => value.toFixed(1),
 *     noData: 'no data'
 *   });
 */
import { fitText, linearScale, niceAxis, round, textWidth } from './scale.ts';
import { anchorFor, type ChartLabel, type Direction } from './line-chart.ts';

export interface BarInput {
	key: string;
	label: string;
	value: number | null;
	/** Drawn with the emphasised style (e.g. the reader's own city). */
	highlight?: boolean;
}

export interface BarChartInput {
	bars: BarInput[];
	references?: { value: number; label: string }[];
	/** Tick label with exactly `digits` fraction digits. */
	format: (value: number, digits: number) => string;
	/** A bar's value as written at its end. */
	formatValue: (value: number) => string;
	/** Written in place of a bar whose value is missing. */
	noData: string;
	dir?: Direction;
	width?: number;
	rowHeight?: number;
	fontSize?: number;
}

export interface BarRow {
	key: string;
	/** The label as drawn (cut with "…" when too long); the full label is in the table. */
	label: ChartLabel;
	/** The bar's rectangle; null when the value is missing. */
	bar: { x: number; y: number; width: number; height: number } | null;
	value: ChartLabel;
	highlight: boolean;
	missing: boolean;
}

export interface BarChart {
	width: number;
	height: number;
	fontSize: number;
	plot: { left: number; top: number; right: number; bottom: number };
	rows: BarRow[];
	ticks: (ChartLabel & { lineX: number })[];
	references: { x: number; label: ChartLabel }[];
	zeroX: number;
	empty: boolean;
}

export function buildBarChart(input: BarChartInput): BarChart {
	const width = input.width ?? 640;
	const fontSize = input.fontSize ?? 13;
	const rowHeight = input.rowHeight ?? Math.round(fontSize * 1.85);
	const dir = input.dir ?? 'ltr';
	const references = (input.references ?? []).filter((reference) => Number.isFinite(reference.value));

	const values = input.bars.map((bar) => bar.value).filter((value): value is number => value !== null && Number.isFinite(value));
	const all = [...values, ...references.map((reference) => reference.value), 0];
	const axis = niceAxis(Math.min(...all), Math.max(...all), 4);

	// Labels take up to a third of the width; the longest value label must fit after the bar.
	const labelRoom = Math.min(Math.max(...input.bars.map((bar) => textWidth(bar.label, fontSize)), fontSize * 3), width / 3);
	const valueRoom = Math.max(...values.map((value) => textWidth(input.formatValue(value), fontSize)), textWidth(input.noData, fontSize) / 2, fontSize * 2) + 8;
	const top = fontSize * (0.6 + 1.3 * references.length);
	const plot = { left: Math.ceil(labelRoom + 10), top, right: Math.floor(width - valueRoom), bottom: top + input.bars.length * rowHeight };
	const height = Math.ceil(plot.bottom + fontSize * 2.2);
	const scale = linearScale([axis.min, axis.max], [plot.left, plot.right]);
	// Everything is laid out left to right, then mirrored for right-to-left pages.
	const mirror = (x: number) => (dir === 'rtl' ? round(width - x) : round(x));
	const side = (physical: 'left' | 'right') => anchorFor(dir === 'rtl' ? (physical === 'left' ? 'right' : 'left') : physical, dir);
	const zero = scale(0);

	const rows = input.bars.map((bar, i): BarRow => {
		const y = plot.top + i * rowHeight;
		const middle = round(y + rowHeight / 2 + fontSize * 0.35);
		const label = { x: mirror(plot.left - 8), y: middle, text: fitText(bar.label, labelRoom, fontSize), anchor: side('right') };
		if (bar.value === null || !Number.isFinite(bar.value)) {
			return { key: bar.key, label, bar: null, value: { x: mirror(zero + 4), y: middle, text: input.noData, anchor: side('left') }, highlight: Boolean(bar.highlight), missing: true };
		}
		const end = scale(bar.value);
		const from = Math.min(zero, end);
		const barWidth = Math.max(Math.abs(end - zero), 1);
		const rect = { x: dir === 'rtl' ? round(width - from - barWidth) : round(from), y: round(y + rowHeight * 0.18), width: round(barWidth), height: round(rowHeight * 0.64) };
		const negative = bar.value < 0;
		const value = { x: mirror(negative ? Math.min(end, zero) - 4 : Math.max(end, zero) + 4), y: middle, text: input.formatValue(bar.value), anchor: side(negative ? 'right' : 'left') };
		return { key: bar.key, label, bar: rect, value, highlight: Boolean(bar.highlight), missing: false };
	});

	const ticks = axis.ticks.map((tick) => ({ x: mirror(scale(tick)), y: round(plot.bottom + fontSize * 1.4), text: input.format(tick, axis.digits), anchor: 'middle' as const, lineX: mirror(scale(tick)) }));
	const placed = references.map((reference, i) => {
		const x = mirror(scale(reference.value));
		const nearEnd = scale(reference.value) > (plot.left + plot.right) / 2;
		return {
			x,
			label: { x, y: round(fontSize * (1.1 + 1.3 * i)), text: fitText(reference.label, (plot.right - plot.left) / 2, fontSize), anchor: side(nearEnd ? 'right' : 'left') }
		};
	});
	return {
		width,
		height,
		fontSize,
		plot: { left: mirror(dir === 'rtl' ? plot.right : plot.left), top: round(plot.top), right: mirror(dir === 'rtl' ? plot.left : plot.right), bottom: round(plot.bottom) },
		rows,
		ticks,
		references: placed,
		zeroX: mirror(zero),
		empty: values.length === 0
	};
}
