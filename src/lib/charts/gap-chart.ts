/**
 * Geometry of an equality-gap chart: for each group, its gap to the total (group − total) over
 * time, around a heavy zero line ("same as the total"). Periods where a gap widened — moved
 * further from zero than in the period before — are flagged: a wide band under that segment and
 * a ring around its point, so widening shows without relying on colour.
 *
 * With many groups only the `limit` largest latest gaps are drawn; every gap stays in the table.
 *
 * @example
 *   const chart = buildGapChart({ groups: [{ key: 'sex=female', label: 'Female', points: [{ x: 2020, gap: 1 }, { x: 2021, gap: 2.5 }] }], periods, format });
 *   chart.series[0].flagged // the 2020→2021 segment: the gap widened
 */
import { buildLineChart, type Direction, type LineChart, type PeriodTick } from './line-chart.ts';

export interface GapPoint {
	x: number;
	/** Group − total in the indicator's unit; null when either value is missing. */
	gap: number | null;
	/** Whether the gap widened here, when the caller has decided (else computed by `wideningFlags`). */
	widening?: boolean;
}

export interface GapGroupInput {
	key: string;
	label: string;
	points: GapPoint[];
}

export interface GapChartInput {
	groups: GapGroupInput[];
	periods: PeriodTick[];
	format: (value: number, digits: number) => string;
	/** Draw at most this many groups (the largest latest gaps). Default 5. */
	limit?: number;
	dir?: Direction;
	width?: number;
	height?: number;
}

export interface GapChart extends LineChart {
	/** Keys of the groups drawn, in drawing order. */
	shown: string[];
	/** How many groups were left out of the drawing (they are in the table). */
	hidden: number;
}

/**
 * Whether the gap at each point is further from zero than at the previous point with a gap
 * (or what the points say themselves, when they carry `widening`).
 */
export function wideningFlags(points: readonly GapPoint[]): boolean[] {
	let previous: number | null = null;
	return points.map((point) => {
		if (point.gap === null || !Number.isFinite(point.gap)) return point.widening ?? false;
		const widened = previous !== null && Math.abs(point.gap) > Math.abs(previous) + 1e-9;
		previous = point.gap;
		return point.widening ?? widened;
	});
}

/** The latest gap of a group (null when it has none). */
export function latestGap(points: readonly GapPoint[]): number | null {
	for (let i = points.length - 1; i >= 0; i--) {
		const gap = points[i]!.gap;
		if (gap !== null && Number.isFinite(gap)) return gap;
	}
	return null;
}

/** The `limit` groups with the largest latest gap (by size), ties by their original order. */
export function largestGaps<T extends { points: GapPoint[] }>(groups: readonly T[], limit: number): T[] {
	return groups
		.map((group, index) => ({ group, index, size: Math.abs(latestGap(group.points) ?? Number.NaN) }))
		.filter((entry) => Number.isFinite(entry.size))
		.sort((a, b) => b.size - a.size || a.index - b.index)
		.slice(0, limit)
		.map((entry) => entry.group);
}

export function buildGapChart(input: GapChartInput): GapChart {
	const limit = input.limit ?? 5;
	// Style by the group's place in the dimension (after the total's), as in the line chart.
	const drawn = largestGaps(
		input.groups.map((group, index) => ({ ...group, style: index + 1, points: [...group.points].sort((a, b) => a.x - b.x) })),
		limit
	);
	const chart = buildLineChart({
		series: drawn.map((group) => {
			const flags = wideningFlags(group.points);
			return { key: group.key, label: group.label, style: group.style, points: group.points.map((point, i) => ({ x: point.x, value: point.gap, flag: flags[i]! })) };
		}),
		periods: input.periods,
		format: input.format,
		zeroLine: true,
		emphasiseFirst: false,
		...(input.dir ? { dir: input.dir } : {}),
		...(input.width ? { width: input.width } : {}),
		...(input.height ? { height: input.height } : {})
	});
	return { ...chart, shown: drawn.map((group) => group.key), hidden: input.groups.length - drawn.length };
}
