/**
 * The arithmetic under every chart: linear scales, "nice" axis ticks (1, 2, 2.5, 5 × 10ⁿ),
 * rounding for compact SVG paths and a rough text width so labels can be fitted without a
 * browser to measure them. Pure functions, no DOM.
 *
 * @example
 *   const axis = niceAxis(3.2, 87, 5); // { min: 0, max: 100, step: 20, ticks: [0, 20, 40, 60, 80, 100], digits: 0 }
 *   const y = linearScale([axis.min, axis.max], [300, 20]); y(50) // 160
 */

export type Scale = (value: number) => number;

/** Maps a domain linearly onto a range; a zero-width domain maps to the middle of the range. */
export function linearScale([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]): Scale {
	if (d1 === d0) return () => (r0 + r1) / 2;
	const k = (r1 - r0) / (d1 - d0);
	return (value) => r0 + (value - d0) * k;
}

export interface NiceAxis {
	min: number;
	max: number;
	step: number;
	ticks: number[];
	/** Fraction digits that show every tick exactly (0 for 20, 1 for 2.5, 2 for 0.25). */
	digits: number;
}

const STEPS = [1, 2, 2.5, 5, 10];

/** A tick step near `span / count`, rounded to 1, 2, 2.5 or 5 times a power of ten. */
export function niceStep(span: number, count: number): number {
	if (!(span > 0) || !Number.isFinite(span)) return 1;
	const raw = span / Math.max(1, count);
	const power = 10 ** Math.floor(Math.log10(raw));
	const step = STEPS.find((candidate) => candidate * power >= raw * 0.999) ?? 10;
	return step * power;
}

/** Fraction digits a step needs (2.5 → 1, 0.25 → 2, 500 → 0). */
export function stepDigits(step: number): number {
	for (let digits = 0; digits < 10; digits++) {
		if (Math.abs(Math.round(step * 10 ** digits) - step * 10 ** digits) < 1e-6) return digits;
	}
	return 10;
}

/**
 * An axis covering [low, high] with about `count` intervals, extended outward to whole steps.
 * A single value gets an axis around it (or from zero).
 */
export function niceAxis(low: number, high: number, count = 5): NiceAxis {
	let lo = Math.min(low, high);
	let hi = Math.max(low, high);
	if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
		lo = 0;
		hi = 1;
	}
	if (lo === hi) {
		if (lo === 0) hi = 1;
		else if (lo > 0) lo = 0;
		else hi = 0;
	}
	const step = niceStep(hi - lo, count);
	const min = Math.floor(lo / step + 1e-9) * step;
	const max = Math.ceil(hi / step - 1e-9) * step;
	const digits = stepDigits(step);
	const ticks: number[] = [];
	for (let i = 0; min + i * step <= max + step * 1e-6; i++) ticks.push(round(min + i * step, digits + 2));
	return { min: round(min, digits + 2), max: round(max, digits + 2), step, ticks, digits };
}

/** Rounds to `digits` fraction digits, without "-0". */
export function round(value: number, digits = 1): number {
	const factor = 10 ** digits;
	const rounded = Math.round(value * factor) / factor;
	return Object.is(rounded, -0) ? 0 : rounded;
}

/**
 * A rough width of a label in user units at `fontSize`: wide for Hangul and CJK, narrow for
 * digits and Latin. Enough to decide how many labels fit and where to cut one, not to typeset.
 */
export function textWidth(text: string, fontSize: number): number {
	let ems = 0;
	for (const char of text) {
		const code = char.codePointAt(0) ?? 0;
		if (code >= 0x1100 && (code <= 0x11ff || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xff00 && code <= 0xff60))) ems += 1;
		else if (/[\s.,:;'|!il1()[\]]/.test(char)) ems += 0.32;
		else if (/[A-Z%mwMW@]/.test(char)) ems += 0.72;
		else ems += 0.56;
	}
	return ems * fontSize;
}

/** Cuts a label to fit `width` at `fontSize`, ending with "…" when cut. */
export function fitText(text: string, width: number, fontSize: number): string {
	if (textWidth(text, fontSize) <= width) return text;
	const chars = [...text];
	while (chars.length > 1 && textWidth(`${chars.join('')}…`, fontSize) > width) chars.pop();
	return `${chars.join('').trimEnd()}…`;
}
