/**
 * Geometry of a line chart over periods: several series (the first usually the total,
 * emphasised), nice value ticks formatted by the caller (Intl), period labels thinned to fit,
 * an optional target line, target band and baseline marker, and optionally flagged segments
 * (the gap chart marks where a gap widened). The component draws what this returns; nothing
 * here touches the DOM, so it is tested as plain data.
 *
 * Periods are placed by their start in years (2024 → 2024, 2024-Q3 → 2024.5), so a missing
 * year leaves a gap in time instead of being squeezed out.
 *
 * @example
 *   buildLineChart({
 *     series: [{ key: '', label: 'Total', points: [{ x: 2020, value: 12 }, { x: 2021, value: 10 }] }],
 *     periods: [{ x: 2020, label: '2020' }, { x: 2021, label: '2021' }],
 *     target: { value: 5, label: 'Target 2030: 5' },
 *     format: (value, digits) => value.toFixed(digits)
 *   });
 */
import { fitText, linearScale, niceAxis, round, textWidth } from './scale.ts';
import { markerPath, seriesStyle, type SeriesStyle } from './marks.ts';

export type Align = 'start' | 'middle' | 'end';
export type Direction = 'ltr' | 'rtl';

export interface LinePoint {
	/** The period's position in years. */
	x: number;
	value: number | null;
	/** Marks the segment that ends here (and its point), e.g. "the gap widened". */
	flag?: boolean;
}

export interface LineSeriesInput {
	key: string;
	label: string;
	points: LinePoint[];
	/** Style (marker, dash, colour) index; by default the series' position. */
	style?: number;
}

export interface PeriodTick {
	x: number;
	label: string;
}

export interface LineChartInput {
	series: LineSeriesInput[];
	/** Every period of the chart, for the axis; thinned to what fits. */
	periods: PeriodTick[];
	/** Formats a value for a tick label with exactly `digits` fraction digits. */
	format: (value: number, digits: number) => string;
	/** Drawn as a ring; its label belongs in the legend. */
	baseline?: { x: number; value: number } | null;
	target?: { value: number; label: string } | null;
	band?: { low: number; high: number; label: string } | null;
	/** Draw (and always include) a heavier line at zero, as the gap chart does. */
	zeroLine?: boolean;
	/** The first series is the total: heavier line. Default true. */
	emphasiseFirst?: boolean;
	/** Text direction of the labels (the time axis runs left to right either way). */
	dir?: Direction;
	width?: number;
	height?: number;
	fontSize?: number;
}

export interface ChartLabel {
	x: number;
	y: number;
	text: string;
	/** SVG text-anchor for the label's direction (already swapped for right-to-left). */
	anchor: Align;
}

export interface LineSeries {
	key: string;
	label: string;
	style: SeriesStyle;
	emphasis: boolean;
	/** Line path; broken where a value is missing. Empty when the series has no two adjacent values. */
	path: string;
	/** All markers as one path. */
	markers: string;
	/** Flagged segments as one path (drawn under the line as a wide band). */
	flagged: string;
	/** Rings around flagged points. */
	flaggedMarkers: string;
	/** Number of points with a value. */
	count: number;
}

export interface LineChart {
	width: number;
	height: number;
	fontSize: number;
	plot: { left: number; top: number; right: number; bottom: number };
	/** Value labels, with the y of their grid line. */
	yTicks: (ChartLabel & { lineY: number })[];
	xTicks: ChartLabel[];
	/** Vertical grid positions for labelled periods. */
	xGrid: number[];
	series: LineSeries[];
	target: (ChartLabel & { lineY: number }) | null;
	band: { y: number; height: number; label: ChartLabel } | null;
	/** The baseline marker (its text is in the legend, not in the crowded plot). */
	baseline: { cx: number; cy: number } | null;
	zeroY: number | null;
	/** True when no series has a single value (the component then says so instead of drawing). */
	empty: boolean;
}

/** Physical alignment → text-anchor for the label direction ('left' = text begins at x on its left). */
export function anchorFor(side: 'left' | 'right' | 'middle', dir: Direction): Align {
	if (side === 'middle') return 'middle';
	return (side === 'left') === (dir === 'ltr') ? 'start' : 'end';
}

const MARKER = 7;

export function buildLineChart(input: LineChartInput): LineChart {
	const width = input.width ?? 640;
	const height = input.height ?? 320;
	const fontSize = input.fontSize ?? 13;
	const dir = input.dir ?? 'ltr';
	const emphasiseFirst = input.emphasiseFirst ?? true;

	const values = input.series.flatMap((series) => series.points.map((point) => point.value)).filter((value): value is number => value !== null && Number.isFinite(value));
	const empty = values.length === 0;
	const extras: number[] = [];
	if (input.target && Number.isFinite(input.target.value)) extras.push(input.target.value);
	if (input.baseline && Number.isFinite(input.baseline.value)) extras.push(input.baseline.value);
	if (input.band) extras.push(input.band.low, input.band.high);
	if (input.zeroLine) extras.push(0);
	const all = [...values, ...extras];
	let low = all.length ? Math.min(...all) : 0;
	const high = all.length ? Math.max(...all) : 1;
	// Start at zero when the data sit well above it, so small changes do not look dramatic.
	if (low >= 0 && low <= high * 0.5) low = 0;
	const axis = niceAxis(low, high, 5);

	const tickLabels = axis.ticks.map((tick) => input.format(tick, axis.digits));
	const labelWidth = Math.max(...tickLabels.map((label) => textWidth(label, fontSize)), fontSize);
	const plot = { left: Math.ceil(labelWidth + 12), top: fontSize * 1.8, right: width - 14, bottom: height - fontSize * 2.4 };

	const xs = [...new Set([...input.periods.map((period) => period.x), ...input.series.flatMap((series) => series.points.map((point) => point.x)), ...(input.baseline ? [input.baseline.x] : [])])]
		.filter(Number.isFinite)
		.sort((a, b) => a - b);
	const xMin = xs[0] ?? 0;
	const xMax = xs.at(-1) ?? 1;
	// Half a step of room at each end so the first and last markers are not cut by the frame.
	const pad = xs.length > 1 ? Math.min(...xs.slice(1).map((x, i) => x - xs[i]!)) / 2 : 0.5;
	const xScale = linearScale([xMin - pad, xMax + pad], [plot.left, plot.right]);
	const yScale = linearScale([axis.min, axis.max], [plot.bottom, plot.top]);
	const px = (x: number) => round(xScale(x));
	const py = (v: number) => round(yScale(v));

	const yTicks = axis.ticks.map((tick, i) => ({ x: plot.left - 6, y: round(py(tick) + fontSize * 0.35), text: tickLabels[i]!, anchor: anchorFor('right', dir), lineY: py(tick) }));

	// Label every k-th period so that labels do not collide; always keep the last one.
	const periods = [...input.periods].sort((a, b) => a.x - b.x);
	const widest = Math.max(...periods.map((period) => textWidth(period.label, fontSize)), fontSize);
	const fit = Math.max(1, Math.floor((plot.right - plot.left) / (widest + fontSize)));
	const every = Math.max(1, Math.ceil(periods.length / fit));
	const shown = periods.filter((_, i) => (periods.length - 1 - i) % every === 0);
	const xTicks = shown.map((period) => ({ x: px(period.x), y: round(plot.bottom + fontSize * 1.5), text: period.label, anchor: 'middle' as const }));

	const series = input.series.map((entry, index): LineSeries => {
		const style = seriesStyle(entry.style ?? index);
		const points = [...entry.points].filter((point) => Number.isFinite(point.x)).sort((a, b) => a.x - b.x);
		let path = '';
		let markers = '';
		let flagged = '';
		let flaggedMarkers = '';
		let previous: { x: number; y: number } | null = null;
		let count = 0;
		for (const point of points) {
			if (point.value === null || !Number.isFinite(point.value)) {
				previous = null;
				continue;
			}
			count++;
			const x = px(point.x);
			const y = py(point.value);
			path += `${previous ? 'L' : 'M'}${x} ${y}`;
			markers += markerPath(style.shape, x, y, index === 0 && emphasiseFirst ? MARKER + 1 : MARKER);
			if (point.flag) {
				if (previous) flagged += `M${previous.x} ${previous.y}L${x} ${y}`;
				flaggedMarkers += markerPath('circle', x, y, MARKER + 8);
			}
			previous = { x, y };
		}
		return { key: entry.key, label: entry.label, style, emphasis: index === 0 && emphasiseFirst, path, markers, flagged, flaggedMarkers, count };
	});

	const endLabel = (y: number, text: string): ChartLabel => ({ x: plot.right - 4, y, text: fitText(text, (plot.right - plot.left) * 0.6, fontSize), anchor: anchorFor('right', dir) });
	const target = input.target && Number.isFinite(input.target.value) ? { ...endLabel(py(input.target.value) - 5, input.target.label), lineY: py(input.target.value) } : null;
	let band: LineChart['band'] = null;
	if (input.band) {
		const top = py(Math.max(input.band.low, input.band.high));
		const bottom = py(Math.min(input.band.low, input.band.high));
		band = { y: top, height: round(Math.max(bottom - top, 1)), label: { ...endLabel(bottom - 5, input.band.label) } };
	}
	const baseline = input.baseline && Number.isFinite(input.baseline.value) ? { cx: px(input.baseline.x), cy: py(input.baseline.value) } : null;
	const zeroY = input.zeroLine && axis.min <= 0 && axis.max >= 0 ? py(0) : null;

	return {
		width,
		height,
		fontSize,
		plot: { left: plot.left, top: round(plot.top), right: plot.right, bottom: round(plot.bottom) },
		yTicks,
		xTicks,
		xGrid: xTicks.map((tick) => tick.x),
		series,
		target,
		band,
		baseline,
		zeroY,
		empty
	};
}
