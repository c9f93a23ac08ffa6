/**
 * Geometry of an action's time axis: its start, milestones, progress updates and due date placed
 * on a line, with a tick at each new year and a mark for today when it falls inside. Dates are
 * `YYYY-MM-DD` (UTC days). Right-to-left pages read the axis from right to left.
 *
 * @example
 *   buildTimeAxis([{ key: 'start', date: '2025-01-01', kind: 'start' }, { key: 'due', date: '2026-12-31', kind: 'due' }], { today: '2025-07-01' })
 *   // marks at the two ends, ticks for 2025 and 2026, today in the middle
 */
import type { Direction } from './bars.ts';

export type AxisKind = 'start' | 'due' | 'milestone_due' | 'milestone_done' | 'update';

export interface AxisEvent {
	key: string;
	date: string;
	kind: AxisKind;
}

export interface AxisMark extends AxisEvent {
	x: number;
}

export interface TimeAxis {
	width: number;
	height: number;
	/** The axis line. */
	line: { x1: number; x2: number; y: number };
	marks: AxisMark[];
	/** Year boundaries inside the span, with the year to print. */
	ticks: { x: number; year: number }[];
	today: { x: number } | undefined;
}

const DAY = 86_400_000;

/** Days since 1970-01-01 of a `YYYY-MM-DD` date; NaN for anything else. */
export function dayNumber(date: string): number {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return Number.NaN;
	return Date.parse(`${date}T00:00:00Z`) / DAY;
}

export function buildTimeAxis(events: readonly AxisEvent[], options: { today?: string; dir?: Direction; width?: number; height?: number; padding?: number; maxTicks?: number } = {}): TimeAxis | undefined {
	const width = options.width ?? 640;
	const height = options.height ?? 56;
	const padding = options.padding ?? 24;
	const dir = options.dir ?? 'ltr';
	const dated = events.map((event) => ({ event, day: dayNumber(event.date) })).filter((item) => Number.isFinite(item.day));
	if (dated.length === 0) return undefined;
	let first = Math.min(...dated.map((item) => item.day));
	let last = Math.max(...dated.map((item) => item.day));
	if (last - first < 30) {
		// A single day (or a few) still gets an axis a month wide, with the events in the middle.
		const middle = (first + last) / 2;
		first = middle - 15;
		last = middle + 15;
	}
	const left = padding;
	const right = width - padding;
	const place = (day: number) => {
		const x = left + ((day - first) / (last - first)) * (right - left);
		return Math.round((dir === 'rtl' ? width - x : x) * 10) / 10;
	};
	const y = Math.round(height * 0.45);
	const firstYear = new Date(first * DAY).getUTCFullYear();
	const lastYear = new Date(last * DAY).getUTCFullYear();
	const years: number[] = [];
	for (let year = firstYear + 1; year <= lastYear; year += 1) years.push(year);
	const step = Math.max(1, Math.ceil(years.length / (options.maxTicks ?? 8)));
	const ticks = years.filter((_, index) => index % step === 0).map((year) => ({ x: place(Date.UTC(year, 0, 1) / DAY), year }));
	const today = options.today ? dayNumber(options.today) : Number.NaN;
	return {
		width,
		height,
		line: { x1: Math.min(place(first), place(last)), x2: Math.max(place(first), place(last)), y },
		marks: dated.map(({ event, day }) => ({ ...event, x: place(day) })),
		ticks,
		today: Number.isFinite(today) && today >= first && today <= last ? { x: place(today) } : undefined
	};
}
