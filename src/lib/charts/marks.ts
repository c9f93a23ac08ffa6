/**
 * How series tell themselves apart without colour: each style has a marker shape and a dash
 * pattern as well as a colour class (`chart-s0` … `chart-s5`, defined beside the components).
 * Style 0 is the emphasised series (the total): a solid, heavier line with round markers.
 */

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'cross' | 'triangle-down';

export interface SeriesStyle {
	index: number;
	shape: MarkerShape;
	/** SVG stroke-dasharray, or null for a solid line. */
	dash: string | null;
}

const SHAPES: MarkerShape[] = ['circle', 'square', 'triangle', 'diamond', 'cross', 'triangle-down'];
const DASHES: (string | null)[] = [null, '7 4', '2 3', '10 3 2 3', '4 4', '1 5'];
export const STYLE_COUNT = SHAPES.length;

export function seriesStyle(index: number): SeriesStyle {
	const i = ((index % STYLE_COUNT) + STYLE_COUNT) % STYLE_COUNT;
	return { index: i, shape: SHAPES[i]!, dash: DASHES[i]! };
}

const n = (value: number) => String(Math.round(value * 10) / 10);

/**
 * A marker as path data centred on (x, y), `size` wide. Many markers of one series join into one
 * path (one element instead of one per point keeps the page small).
 *
 * @example markerPath('square', 10, 20, 6) // 'M7 17h6v6h-6Z'
 */
export function markerPath(shape: MarkerShape, x: number, y: number, size: number): string {
	const r = size / 2;
	switch (shape) {
		case 'circle':
			return `M${n(x - r)} ${n(y)}a${n(r)} ${n(r)} 0 1 0 ${n(size)} 0a${n(r)} ${n(r)} 0 1 0 ${n(-size)} 0Z`;
		case 'square':
			return `M${n(x - r)} ${n(y - r)}h${n(size)}v${n(size)}h${n(-size)}Z`;
		case 'triangle':
			return `M${n(x)} ${n(y - r * 1.15)}l${n(r * 1.15)} ${n(r * 2)}h${n(-r * 2.3)}Z`;
		case 'triangle-down':
			return `M${n(x)} ${n(y + r * 1.15)}l${n(r * 1.15)} ${n(-r * 2)}h${n(-r * 2.3)}Z`;
		case 'diamond':
			return `M${n(x)} ${n(y - r * 1.3)}l${n(r * 1.3)} ${n(r * 1.3)}l${n(-r * 1.3)} ${n(r * 1.3)}l${n(-r * 1.3)} ${n(-r * 1.3)}Z`;
		case 'cross': {
			const t = r * 0.45;
			return `M${n(x - t)} ${n(y - r)}h${n(2 * t)}v${n(r - t)}h${n(r - t)}v${n(2 * t)}h${n(t - r)}v${n(r - t)}h${n(-2 * t)}v${n(t - r)}h${n(t - r)}v${n(-2 * t)}h${n(r - t)}Z`;
		}
	}
}
