/**
 * Scores, trends and aggregates of indicators: pure arithmetic, shown to readers with its
 * formula (no black boxes).
 *
 * Score (0–100, one decimal) of an indicator = progress of its latest total value from the
 * baseline toward the target:
 *  - higher/lower is better: `(latest − baseline) / (target − baseline) × 100`, capped to 0..100;
 *    when baseline = target: 100 if the latest value meets the target, else 0;
 *  - target band [low, high]: 100 inside the band, else `(1 − d(latest) / d(baseline)) × 100`
 *    capped, where d(x) is the distance from x to the nearest band edge;
 *  - a latest value that meets the target (direction-aware) scores 100 and is 'achieved'.
 * Status: 'no_target' (no target, or no band) · 'no_data' (no latest value, or no baseline to
 * measure progress from) · 'achieved' · 'on_track' when score ≥ expected − tolerance, where
 * expected = share of time elapsed from the baseline period to the target period × 100 ·
 * otherwise 'off_track'.
 * Trend: least-squares slope of the last up to 5 total values, per period of the series'
 * granularity; 'stable' when |slope| is under 1 % of the mean value per period.
 */
import { comparePeriods, parsePeriod, type Period } from './group-key.ts';
import type { IndicatorDirection } from './indicators.tables.ts';

export type ScoreStatus = 'achieved' | 'on_track' | 'off_track' | 'no_data' | 'no_target';
export type NoDataReason = 'no_observation' | 'no_baseline';
export type TrendDirection = 'improving' | 'stable' | 'worsening' | 'insufficient_data';

/** Points of progress a city may lag behind the time elapsed and still be on track. */
export const ON_TRACK_TOLERANCE = 5;
/** Periods the trend looks back over. */
export const TREND_WINDOW = 5;
/** |slope| below this share of the mean value per period counts as stable. */
export const STABLE_SHARE = 0.01;

export interface ScoreDefinition {
	direction: IndicatorDirection;
	band: { low: number; high: number } | null;
	baseline: { value: number; period: string } | null;
	target: { value: number; period: string } | null;
}

export interface SeriesPoint {
	period: string;
	value: number | null;
}

export interface Trend {
	direction: TrendDirection;
	/** Least-squares slope in the unit of the indicator per period (null with fewer than 2 values). */
	slopePerPeriod: number | null;
	/** Which periods the slope was fitted on, oldest first. */
	periods: string[];
	granularity: Period['granularity'] | null;
}

export interface IndicatorScore {
	status: ScoreStatus;
	/** 0–100 with one decimal; null without data or target. */
	score: number | null;
	reason: NoDataReason | null;
	latest: { value: number; period: string } | null;
	/** Share of time elapsed from the baseline to the target period at the latest period, 0–100. */
	expected: number | null;
	tolerance: number;
	/** Target (or nearest band edge) minus the latest value; null without both. */
	distanceToTarget: number | null;
	trend: Trend;
}

const round1 = (value: number) => Math.round(value * 10) / 10;
const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/** The latest non-missing value of a series (by period, coarser first at equal starts). */
export function latestValue(series: readonly SeriesPoint[]): { value: number; period: string } | null {
	const known = series.filter((point): point is { period: string; value: number } => point.value !== null && Number.isFinite(point.value));
	if (known.length === 0) return null;
	return [...known].sort((a, b) => comparePeriods(a.period, b.period)).at(-1)!;
}

function bandDistance(value: number, band: { low: number; high: number }): number {
	return value < band.low ? band.low - value : value > band.high ? value - band.high : 0;
}

/** Whether a value meets the target of the definition (direction-aware). */
export function meetsTarget(value: number, definition: ScoreDefinition): boolean {
	if (definition.direction === 'target_band') return definition.band !== null && bandDistance(value, definition.band) === 0;
	if (!definition.target) return false;
	return definition.direction === 'higher_is_better' ? value >= definition.target.value : value <= definition.target.value;
}

/**
 * Progress (0–100, unrounded) of `value` from the baseline toward the target or band.
 *
 * @example progress(45, { direction: 'higher_is_better', band: null, baseline: { value: 40, period: '2019' }, target: { value: 50, period: '2030' } }) // 50
 */
export function progress(value: number, definition: ScoreDefinition): number | null {
	const { baseline } = definition;
	if (!baseline) return null;
	if (definition.direction === 'target_band') {
		if (!definition.band) return null;
		const from = bandDistance(baseline.value, definition.band);
		const now = bandDistance(value, definition.band);
		if (now === 0) return 100;
		if (from === 0) return 0;
		return clamp((1 - now / from) * 100, 0, 100);
	}
	if (!definition.target) return null;
	if (definition.target.value === baseline.value) return meetsTarget(value, definition) ? 100 : 0;
	return clamp(((value - baseline.value) / (definition.target.value - baseline.value)) * 100, 0, 100);
}

/** Share (0–100) of the time from the baseline period to the target period that has passed at `period`. */
export function expectedProgress(period: string, definition: ScoreDefinition): number | null {
	const now = parsePeriod(period);
	const from = definition.baseline ? parsePeriod(definition.baseline.period) : null;
	const to = definition.target ? parsePeriod(definition.target.period) : null;
	if (!now || !from) return null;
	// A band without a target period is expected to be reached already.
	if (!to) return definition.direction === 'target_band' ? 100 : null;
	if (to.startYear <= from.startYear) return 100;
	return clamp(((now.startYear - from.startYear) / (to.startYear - from.startYear)) * 100, 0, 100);
}

const PERIODS_PER_YEAR: Record<Period['granularity'], number> = { year: 1, quarter: 4, month: 12, day: 365.25 };

/**
 * The trend of the last up to 5 values: the least-squares slope per period, read against the
 * direction (for a band: toward the band is improving; inside the band is stable).
 *
 * @example trendOf([{ period: '2020', value: 10 }, { period: '2021', value: 12 }, { period: '2022', value: 14 }], { direction: 'lower_is_better', … }) // worsening, slope 2
 */
export function trendOf(series: readonly SeriesPoint[], definition: Pick<ScoreDefinition, 'direction' | 'band'>): Trend {
	const known = series
		.filter((point): point is { period: string; value: number } => point.value !== null && Number.isFinite(point.value) && parsePeriod(point.period) !== null)
		.sort((a, b) => comparePeriods(a.period, b.period))
		.slice(-TREND_WINDOW);
	if (known.length < 2) return { direction: 'insufficient_data', slopePerPeriod: null, periods: known.map((point) => point.period), granularity: null };
	const granularity = parsePeriod(known.at(-1)!.period)!.granularity;
	const xs = known.map((point) => parsePeriod(point.period)!.startYear * PERIODS_PER_YEAR[granularity]);
	const ys = known.map((point) => point.value);
	const meanX = xs.reduce((sum, x) => sum + x, 0) / xs.length;
	const meanY = ys.reduce((sum, y) => sum + y, 0) / ys.length;
	let numerator = 0;
	let denominator = 0;
	for (let index = 0; index < xs.length; index += 1) {
		numerator += (xs[index]! - meanX) * (ys[index]! - meanY);
		denominator += (xs[index]! - meanX) ** 2;
	}
	const slope = denominator === 0 ? 0 : numerator / denominator;
	const periods = known.map((point) => point.period);
	const stable = Math.abs(slope) <= STABLE_SHARE * Math.abs(meanY) || slope === 0;
	let sign: number;
	if (definition.direction === 'target_band') {
		const latest = ys.at(-1)!;
		const band = definition.band;
		sign = !band || bandDistance(latest, band) === 0 ? 0 : latest < band.low ? 1 : -1;
	} else {
		sign = definition.direction === 'higher_is_better' ? 1 : -1;
	}
	const direction: TrendDirection = stable || sign === 0 ? 'stable' : slope * sign > 0 ? 'improving' : 'worsening';
	return { direction, slopePerPeriod: slope, periods, granularity };
}

/**
 * The score, status and trend of one indicator from its definition and its total series.
 *
 * @example
 *   scoreIndicator({ direction: 'lower_is_better', band: null, baseline: { value: 200, period: '2019' }, target: { value: 100, period: '2029' } },
 *     [{ period: '2024', value: 160 }]) // { status: 'off_track', score: 40, expected: 50, … }
 */
export function scoreIndicator(definition: ScoreDefinition, totals: readonly SeriesPoint[]): IndicatorScore {
	const latest = latestValue(totals);
	const trend = trendOf(totals, definition);
	const base = { latest, trend, tolerance: ON_TRACK_TOLERANCE, expected: null, distanceToTarget: null, reason: null };
	const hasTarget = definition.direction === 'target_band' ? definition.band !== null : definition.target !== null;
	if (!hasTarget) return { ...base, status: 'no_target', score: null };
	if (!latest) return { ...base, status: 'no_data', score: null, reason: 'no_observation' };
	const distanceToTarget = targetDistance(latest.value, definition);
	if (meetsTarget(latest.value, definition)) {
		return { ...base, status: 'achieved', score: 100, distanceToTarget, expected: expectedOrNull(latest.period, definition) };
	}
	const reached = progress(latest.value, definition);
	if (reached === null) return { ...base, status: 'no_data', score: null, reason: 'no_baseline', distanceToTarget };
	const score = round1(reached);
	const expected = expectedOrNull(latest.period, definition);
	const onTrack = expected !== null && score >= expected - ON_TRACK_TOLERANCE;
	return { ...base, status: onTrack ? 'on_track' : 'off_track', score, expected, distanceToTarget };
}

function expectedOrNull(period: string, definition: ScoreDefinition): number | null {
	const expected = expectedProgress(period, definition);
	return expected === null ? null : round1(expected);
}

/** Target (or nearest band edge) minus the value; 0 inside the band. */
export function targetDistance(value: number, definition: ScoreDefinition): number | null {
	if (definition.direction === 'target_band') {
		if (!definition.band) return null;
		return value < definition.band.low ? definition.band.low - value : value > definition.band.high ? definition.band.high - value : 0;
	}
	return definition.target ? definition.target.value - value : null;
}

// ——— Aggregates: a mean of indicator scores, with its terms ———

export interface ScoreTerm {
	code: string;
	score: number;
}

/** "mean of 7 indicator scores (2 without data)": the formula as data, for the page to print. */
export interface Aggregate {
	kind: 'mean';
	/** Mean of the terms, one decimal; null when no indicator has a score. */
	value: number | null;
	terms: ScoreTerm[];
	/** Indicators with a score. */
	count: number;
	/** Indicators without a score (no data or no target), by code. */
	missing: number;
	missingCodes: string[];
}

export interface ScoredItem {
	code: string;
	score: number | null;
}

/**
 * The mean of the scores that exist, with every term and the indicators left out.
 *
 * @example aggregateScores([{ code: 'a', score: 50 }, { code: 'b', score: 100 }, { code: 'c', score: null }])
 *   // { kind: 'mean', value: 75, terms: [a 50, b 100], count: 2, missing: 1, missingCodes: ['c'] }
 */
export function aggregateScores(items: readonly ScoredItem[]): Aggregate {
	const terms = items.filter((item): item is ScoreTerm => item.score !== null).map((item) => ({ code: item.code, score: item.score }));
	const missingCodes = items.filter((item) => item.score === null).map((item) => item.code);
	const value = terms.length === 0 ? null : round1(terms.reduce((sum, term) => sum + term.score, 0) / terms.length);
	return { kind: 'mean', value, terms, count: terms.length, missing: missingCodes.length, missingCodes };
}

/**
 * One aggregate per key (a right, a principle, a commitment id); an item counts under each of its keys.
 *
 * @example aggregateBy([{ code: 'a', score: 40, keys: ['udhr:25'] }]).get('udhr:25')?.value // 40
 */
export function aggregateBy(items: readonly (ScoredItem & { keys: readonly string[] })[]): Map<string, Aggregate> {
	const groups = new Map<string, ScoredItem[]>();
	for (const item of items) {
		for (const key of new Set(item.keys)) {
			const list = groups.get(key) ?? [];
			list.push({ code: item.code, score: item.score });
			groups.set(key, list);
		}
	}
	return new Map([...groups].map(([key, list]) => [key, aggregateScores(list)]));
}
