/**
 * Geometry of the accountability pages' bars, in the units of an SVG `viewBox` of width
 * `BAR_UNITS`: a progress bar's filled part, and a stacked bar of actions by status whose
 * segments always add up to the whole width (largest remainders) and where every non-zero
 * count stays visible. Right-to-left pages get the mirror image (the bar grows from the right).
 *
 * @example
 *   stackedSegments([{ key: 'completed', value: 3 }, { key: 'planned', value: 1 }], 'ltr')
 *   // [{ key: 'completed', value: 3, x: 0, width: 750 }, { key: 'planned', value: 1, x: 750, width: 250 }]
 */
export type Direction = 'ltr' | 'rtl';

/** Width of every bar's viewBox; the SVG is stretched to the width CSS gives it. */
export const BAR_UNITS = 1000;
/** The narrowest a segment with a non-zero count may be drawn (in bar units). */
export const MIN_SEGMENT = 12;

export interface Segment {
	key: string;
	value: number;
	x: number;
	width: number;
}

/** Whole-unit widths proportional to `values` that add up to exactly `total` (largest remainder method). */
export function apportion(values: readonly number[], total: number): number[] {
	const sum = values.reduce((acc, value) => acc + Math.max(0, value), 0);
	if (sum <= 0) return values.map(() => 0);
	const exact = values.map((value) => (Math.max(0, value) / sum) * total);
	const result = exact.map(Math.floor);
	let left = total - result.reduce((acc, value) => acc + value, 0);
	const order = exact.map((value, index) => ({ index, remainder: value - Math.floor(value) })).sort((a, b) => b.remainder - a.remainder || a.index - b.index);
	for (const { index } of order) {
		if (left <= 0) break;
		result[index]! += 1;
		left -= 1;
	}
	return result;
}

/**
 * Segments of a stacked bar, in the given order, zero counts left out. Small non-zero counts
 * are widened to `minimum`, taking the room from the widest segments.
 */
export function stackedSegments(items: readonly { key: string; value: number }[], dir: Direction, total = BAR_UNITS, minimum = MIN_SEGMENT): Segment[] {
	const present = items.filter((item) => item.value > 0);
	const widths = apportion(
		present.map((item) => item.value),
		total
	);
	if (present.length * minimum <= total) {
		for (let index = 0; index < widths.length; index += 1) {
			let missing = minimum - widths[index]!;
			while (missing > 0) {
				// Take one unit at a time from the widest other segment that can spare it.
				let widest = -1;
				for (let other = 0; other < widths.length; other += 1) {
					if (other !== index && widths[other]! > minimum && (widest < 0 || widths[other]! > widths[widest]!)) widest = other;
				}
				if (widest < 0) break;
				widths[widest]! -= 1;
				widths[index]! += 1;
				missing -= 1;
			}
		}
	}
	let x = 0;
	return present.map((item, index) => {
		const width = widths[index]!;
		const segment = { key: item.key, value: item.value, x: dir === 'rtl' ? total - x - width : x, width };
		x += width;
		return segment;
	});
}

/** The filled part of a progress bar for `progress` (0–100, clamped; undefined draws nothing). */
export function progressFill(progress: number | null | undefined, dir: Direction, total = BAR_UNITS): { x: number; width: number } {
	const value = progress === null || progress === undefined || !Number.isFinite(progress) ? 0 : Math.min(100, Math.max(0, progress));
	const width = Math.round((value / 100) * total);
	return { x: dir === 'rtl' ? total - width : 0, width };
}
