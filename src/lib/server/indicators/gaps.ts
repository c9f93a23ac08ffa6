/**
 * Equality gaps of a disaggregated indicator: per period, how far each group of one dimension
 * is from the total (or, in periods without a total, from the best-off group), signed so that a
 * positive gap means the group is worse off, and flagged where that disadvantage grew since the
 * group's previous period. Groups of the chosen dimension are read with every other dimension
 * at its total (key `sex=female`, not `age=0-17;sex=female`). Pure functions.
 */
import { comparePeriods, groupKey } from './group-key.ts';
import type { Dimensions, IndicatorDirection } from './indicators.tables.ts';

export interface GapDefinition {
	direction: IndicatorDirection;
	band: { low: number; high: number } | null;
	dimensions: Dimensions;
}

export interface GapObservation {
	period: string;
	groupKey: string;
	value: number | null;
}

export interface GroupGap {
	/** The dimension value, e.g. `female`. */
	value: string;
	observed: number;
	/** Positive = the group is worse off than the reference, in the indicator's unit. */
	gap: number;
	/** The gap is positive and larger than at the group's previous period (null: no previous period). */
	widened: boolean | null;
	/** The gap at the group's previous period, and which period that was. */
	previous: { period: string; gap: number } | null;
}

export interface GapPeriod {
	period: string;
	/** The total of the period, or else the best-off group of the period. */
	reference: { kind: 'total' | 'best'; value: number; group: string | null };
	groups: GroupGap[];
	/** Largest positive gap of the period, 0 when no group is worse off. */
	largestGap: number;
}

export interface GapSeries {
	dimension: string;
	/** The dimension's values in definition order (the groups a chart shows). */
	values: string[];
	periods: GapPeriod[];
	/** How many (period, group) gaps widened. */
	widenedCount: number;
}

/** Tolerance so that floating-point noise never flags a widening. */
const EPSILON = 1e-9;

function badness(value: number, definition: GapDefinition): number {
	if (definition.direction === 'higher_is_better') return -value;
	if (definition.direction === 'lower_is_better') return value;
	const band = definition.band;
	if (!band) return 0;
	return value < band.low ? band.low - value : value > band.high ? value - band.high : 0;
}

/**
 * The signed gap of `value` against `reference`: positive when `value` is worse off
 * (lower for higher-is-better, higher for lower-is-better, farther from the band).
 *
 * @example signedGap(60, 70, { direction: 'higher_is_better', band: null, dimensions: {} }) // 10
 */
export function signedGap(value: number, reference: number, definition: GapDefinition): number {
	return badness(value, definition) - badness(reference, definition);
}

/**
 * The gap series of one dimension over time.
 *
 * @example
 *   computeGaps({ direction: 'higher_is_better', band: null, dimensions: { sex: ['female', 'male'] } }, 'sex', [
 *     { period: '2023', groupKey: '', value: 64 }, { period: '2023', groupKey: 'sex=female', value: 62 }, …])
 *   // periods[0].groups[0] → { value: 'female', observed: 62, gap: 2, widened: null, … }
 */
export function computeGaps(definition: GapDefinition, dimension: string, observations: readonly GapObservation[]): GapSeries {
	const values = definition.dimensions[dimension] ?? [];
	const keyOf = new Map(values.map((value) => [groupKey({ [dimension]: value }), value]));
	const byPeriod = new Map<string, { total: number | null; groups: Map<string, number> }>();
	for (const observation of observations) {
		if (observation.value === null || !Number.isFinite(observation.value)) continue;
		const isTotal = observation.groupKey === '';
		const value = keyOf.get(observation.groupKey);
		if (!isTotal && value === undefined) continue;
		const entry = byPeriod.get(observation.period) ?? { total: null, groups: new Map<string, number>() };
		if (isTotal) entry.total = observation.value;
		else entry.groups.set(value!, observation.value);
		byPeriod.set(observation.period, entry);
	}
	const previous = new Map<string, { period: string; gap: number }>();
	const periods: GapPeriod[] = [];
	let widenedCount = 0;
	for (const period of [...byPeriod.keys()].sort(comparePeriods)) {
		const entry = byPeriod.get(period)!;
		if (entry.groups.size === 0) continue;
		const reference = referenceOf(entry, values, definition);
		const groups: GroupGap[] = [];
		for (const value of values) {
			const observed = entry.groups.get(value);
			if (observed === undefined) continue;
			const gap = signedGap(observed, reference.value, definition);
			const before = previous.get(value) ?? null;
			const widened = before === null ? null : gap > EPSILON && gap > before.gap + EPSILON;
			if (widened) widenedCount += 1;
			groups.push({ value, observed, gap, widened, previous: before });
			previous.set(value, { period, gap });
		}
		periods.push({ period, reference, groups, largestGap: Math.max(0, ...groups.map((group) => group.gap)) });
	}
	return { dimension, values, periods, widenedCount };
}

function referenceOf(entry: { total: number | null; groups: Map<string, number> }, values: string[], definition: GapDefinition): GapPeriod['reference'] {
	if (entry.total !== null) return { kind: 'total', value: entry.total, group: null };
	let best: { value: string; observed: number } | null = null;
	for (const value of values) {
		const observed = entry.groups.get(value);
		if (observed === undefined) continue;
		if (best === null || badness(observed, definition) < badness(best.observed, definition)) best = { value, observed };
	}
	return { kind: 'best', value: best!.observed, group: best!.value };
}

/** The gap series of every dimension of the definition, in definition order. */
export function computeAllGaps(definition: GapDefinition, observations: readonly GapObservation[]): GapSeries[] {
	return Object.keys(definition.dimensions).map((dimension) => computeGaps(definition, dimension, observations));
}
