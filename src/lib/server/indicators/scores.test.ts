import { describe, expect, it } from 'vitest';
import { aggregateBy, aggregateScores, expectedProgress, progress, scoreIndicator, targetDistance, trendOf, type ScoreDefinition } from './scores.ts';

const higher = (baseline: number | null, target: number | null, from = '2019', to = '2029'): ScoreDefinition => ({
	direction: 'higher_is_better',
	band: null,
	baseline: baseline === null ? null : { value: baseline, period: from },
	target: target === null ? null : { value: target, period: to }
});
const lower = (baseline: number | null, target: number | null, from = '2019', to = '2029'): ScoreDefinition => ({
	...higher(baseline, target, from, to),
	direction: 'lower_is_better'
});
const band = (baseline: number | null, low: number, high: number, to: string | null = '2029'): ScoreDefinition => ({
	direction: 'target_band',
	band: { low, high },
	baseline: baseline === null ? null : { value: baseline, period: '2019' },
	target: to === null ? null : { value: (low + high) / 2, period: to }
});
const series = (...points: [string, number | null][]) => points.map(([period, value]) => ({ period, value }));

describe('progress toward the target', () => {
	it('measures higher-is-better indicators from baseline to target', () => {
		expect(progress(45, higher(40, 50))).toBe(50);
		expect(progress(40, higher(40, 50))).toBe(0);
		expect(progress(50, higher(40, 50))).toBe(100);
	});

	it('measures lower-is-better indicators from baseline down to target', () => {
		expect(progress(150, lower(200, 100))).toBe(50);
		expect(progress(180, lower(200, 100))).toBeCloseTo(20, 10);
	});

	it('caps at 0 when the value moved away from the target and at 100 beyond it', () => {
		expect(progress(30, higher(40, 50))).toBe(0);
		expect(progress(260, lower(200, 100))).toBe(0);
		expect(progress(70, higher(40, 50))).toBe(100);
		expect(progress(20, lower(200, 100))).toBe(100);
	});

	it('gives 100 when baseline equals target and the value meets it, 0 otherwise', () => {
		expect(progress(10, higher(10, 10))).toBe(100);
		expect(progress(11, higher(10, 10))).toBe(100);
		expect(progress(9.99, higher(10, 10))).toBe(0);
		expect(progress(9, lower(10, 10))).toBe(100);
		expect(progress(10.5, lower(10, 10))).toBe(0);
	});

	it('scores a band 100 inside and by the share of the distance closed outside', () => {
		expect(progress(5, band(0, 10, 20))).toBe(50);
		expect(progress(15, band(0, 10, 20))).toBe(100);
		expect(progress(25, band(0, 10, 20))).toBe(50);
		expect(progress(-5, band(0, 10, 20))).toBe(0);
		expect(progress(30, band(40, 10, 20))).toBe(50);
	});

	it('gives 0 outside a band the baseline was already in', () => {
		expect(progress(25, band(15, 10, 20))).toBe(0);
	});

	it('has no progress without a baseline', () => {
		expect(progress(45, higher(null, 50))).toBeNull();
	});
});

describe('expected progress (share of time elapsed)', () => {
	it('is the share of the baseline-to-target time passed at the period', () => {
		expect(expectedProgress('2024', higher(40, 50))).toBe(50);
		expect(expectedProgress('2019', higher(40, 50))).toBe(0);
		expect(expectedProgress('2035', higher(40, 50))).toBe(100);
		expect(expectedProgress('2024-Q3', higher(40, 50, '2024', '2025'))).toBeCloseTo(50.1, 0);
	});
});

describe('scoreIndicator', () => {
	it('is on track when progress keeps up with the time elapsed (minus the tolerance)', () => {
		const result = scoreIndicator(higher(40, 50), series(['2019', 40], ['2024', 44.6]));
		expect(result).toMatchObject({ status: 'on_track', score: 46, expected: 50, latest: { value: 44.6, period: '2024' } });
		expect(result.distanceToTarget).toBeCloseTo(5.4, 10);
	});

	it('is off track when progress lags more than the tolerance', () => {
		expect(scoreIndicator(lower(200, 100), series(['2024', 160]))).toMatchObject({ status: 'off_track', score: 40, expected: 50, distanceToTarget: -60 });
	});

	it('is achieved when the latest value meets the target, even without a baseline', () => {
		expect(scoreIndicator(higher(40, 50), series(['2022', 51]))).toMatchObject({ status: 'achieved', score: 100 });
		expect(scoreIndicator(lower(null, 100), series(['2022', 90]))).toMatchObject({ status: 'achieved', score: 100 });
		expect(scoreIndicator(band(null, 10, 20), series(['2022', 12]))).toMatchObject({ status: 'achieved', score: 100, distanceToTarget: 0 });
	});

	it('uses the latest period, not the last row, and skips missing values', () => {
		const result = scoreIndicator(higher(40, 50), series(['2024', 48], ['2021', 41], ['2025', null]));
		expect(result.latest).toEqual({ value: 48, period: '2024' });
	});

	it('baseline = target: achieved if met, else off track with score 0', () => {
		expect(scoreIndicator(lower(5, 5), series(['2023', 5]))).toMatchObject({ status: 'achieved', score: 100 });
		expect(scoreIndicator(lower(5, 5), series(['2023', 6]))).toMatchObject({ status: 'off_track', score: 0 });
	});

	it('reports no target, no observation and no baseline as such, without a score', () => {
		expect(scoreIndicator(higher(40, null), series(['2024', 45]))).toMatchObject({ status: 'no_target', score: null });
		expect(scoreIndicator({ direction: 'target_band', band: null, baseline: null, target: null }, series(['2024', 1]))).toMatchObject({ status: 'no_target' });
		expect(scoreIndicator(higher(40, 50), series(['2024', null]))).toMatchObject({ status: 'no_data', reason: 'no_observation', score: null });
		expect(scoreIndicator(higher(null, 50), series(['2024', 45]))).toMatchObject({ status: 'no_data', reason: 'no_baseline', score: null });
	});

	it('expects a band without a target period to be reached already', () => {
		expect(scoreIndicator(band(0, 10, 20, null), series(['2024', 9]))).toMatchObject({ status: 'off_track', score: 90, expected: 100 });
	});
});

describe('trendOf', () => {
	it('fits a least-squares slope per period over the last five values', () => {
		const trend = trendOf(series(['2015', 100], ['2016', 0], ['2017', 10], ['2018', 12], ['2019', 14], ['2020', 16], ['2021', 18]), higher(0, 1));
		expect(trend.periods).toEqual(['2017', '2018', '2019', '2020', '2021']);
		expect(trend.slopePerPeriod).toBeCloseTo(2, 10);
		expect(trend.direction).toBe('improving');
	});

	it('reads the slope against the direction', () => {
		const rising = series(['2020', 10], ['2021', 12], ['2022', 14]);
		expect(trendOf(rising, higher(0, 1)).direction).toBe('improving');
		expect(trendOf(rising, lower(0, 1)).direction).toBe('worsening');
		expect(trendOf(rising, band(0, 20, 30)).direction).toBe('improving');
		expect(trendOf(rising, band(0, 0, 5)).direction).toBe('worsening');
		expect(trendOf(rising, band(0, 10, 15)).direction).toBe('stable');
	});

	it('is stable when the slope is under 1% of the mean per period', () => {
		expect(trendOf(series(['2020', 100], ['2021', 100.5], ['2022', 100.9]), higher(0, 1)).direction).toBe('stable');
		expect(trendOf(series(['2020', 100], ['2021', 102], ['2022', 104]), higher(0, 1)).direction).toBe('improving');
	});

	it('counts slopes per quarter for quarterly series, spacing irregular periods by time', () => {
		expect(trendOf(series(['2023-Q1', 1], ['2023-Q2', 2], ['2023-Q4', 4]), higher(0, 1)).slopePerPeriod).toBeCloseTo(1, 1);
		expect(trendOf(series(['2018', 1], ['2020', 3], ['2021', 4]), higher(0, 1)).slopePerPeriod).toBeCloseTo(1, 10);
	});

	it('needs two values', () => {
		expect(trendOf(series(['2020', 1], ['2021', null]), higher(0, 1))).toMatchObject({ direction: 'insufficient_data', slopePerPeriod: null });
	});
});

describe('targetDistance', () => {
	it('is target minus value, or the way to the nearest band edge', () => {
		expect(targetDistance(45, higher(40, 50))).toBe(5);
		expect(targetDistance(5, band(0, 10, 20))).toBe(5);
		expect(targetDistance(25, band(0, 10, 20))).toBe(-5);
		expect(targetDistance(15, band(0, 10, 20))).toBe(0);
	});
});

describe('aggregates', () => {
	it('is the mean of the scores that exist, listing its terms and what is missing', () => {
		expect(aggregateScores([{ code: 'a', score: 50 }, { code: 'b', score: 100 }, { code: 'c', score: null }, { code: 'd', score: 0 }])).toEqual({
			kind: 'mean',
			value: 50,
			terms: [
				{ code: 'a', score: 50 },
				{ code: 'b', score: 100 },
				{ code: 'd', score: 0 }
			],
			count: 3,
			missing: 1,
			missingCodes: ['c']
		});
	});

	it('has no value when no indicator has a score', () => {
		expect(aggregateScores([{ code: 'a', score: null }])).toMatchObject({ value: null, count: 0, missing: 1 });
		expect(aggregateScores([])).toMatchObject({ value: null, count: 0, missing: 0 });
	});

	it('rounds the mean to one decimal', () => {
		expect(aggregateScores([{ code: 'a', score: 10 }, { code: 'b', score: 10 }, { code: 'c', score: 20 }]).value).toBe(13.3);
	});

	it('groups by key, counting an indicator under each of its keys once', () => {
		const groups = aggregateBy([
			{ code: 'a', score: 40, keys: ['gwangju:1', 'gwangju:2', 'gwangju:1'] },
			{ code: 'b', score: 80, keys: ['gwangju:2'] },
			{ code: 'c', score: null, keys: ['gwangju:2'] }
		]);
		expect(groups.get('gwangju:1')).toMatchObject({ value: 40, count: 1 });
		expect(groups.get('gwangju:2')).toMatchObject({ value: 60, count: 2, missing: 1, missingCodes: ['c'] });
	});
});
