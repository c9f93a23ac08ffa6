import { describe, expect, it } from 'vitest';
import { computeAllGaps, computeGaps, signedGap, type GapDefinition, type GapObservation } from './gaps.ts';

const bySex: GapDefinition = { direction: 'higher_is_better', band: null, dimensions: { sex: ['female', 'male'] } };
const obs = (period: string, groupKey: string, value: number | null): GapObservation => ({ period, groupKey, value });

describe('signedGap', () => {
	it('is positive when the group is worse off, whatever the direction', () => {
		expect(signedGap(60, 70, bySex)).toBe(10);
		expect(signedGap(80, 70, bySex)).toBe(-10);
		expect(signedGap(80, 70, { ...bySex, direction: 'lower_is_better' })).toBe(10);
		expect(signedGap(25, 15, { ...bySex, direction: 'target_band', band: { low: 10, high: 20 } })).toBe(5);
		expect(signedGap(12, 15, { ...bySex, direction: 'target_band', band: { low: 10, high: 20 } })).toBe(0);
	});
});

describe('computeGaps', () => {
	it('measures each group against the total per period and flags widening gaps', () => {
		const series = computeGaps(bySex, 'sex', [
			obs('2022', '', 64),
			obs('2022', 'sex=female', 63),
			obs('2022', 'sex=male', 65),
			obs('2023', '', 64),
			obs('2023', 'sex=female', 61),
			obs('2023', 'sex=male', 67),
			obs('2024', '', 65),
			obs('2024', 'sex=female', 63),
			obs('2024', 'sex=male', 67)
		]);
		expect(series.values).toEqual(['female', 'male']);
		expect(series.periods.map((period) => period.period)).toEqual(['2022', '2023', '2024']);
		const [first, second, third] = series.periods;
		expect(first!.reference).toEqual({ kind: 'total', value: 64, group: null });
		expect(first!.groups).toEqual([
			{ value: 'female', observed: 63, gap: 1, widened: null, previous: null },
			{ value: 'male', observed: 65, gap: -1, widened: null, previous: null }
		]);
		expect(second!.groups[0]).toMatchObject({ gap: 3, widened: true, previous: { period: '2022', gap: 1 } });
		expect(second!.groups[1]).toMatchObject({ gap: -3, widened: false });
		expect(second!.largestGap).toBe(3);
		expect(third!.groups[0]).toMatchObject({ gap: 2, widened: false });
		expect(series.widenedCount).toBe(1);
	});

	it('uses the best-off group as reference in periods without a total', () => {
		const series = computeGaps({ ...bySex, direction: 'lower_is_better' }, 'sex', [obs('2023', 'sex=female', 12), obs('2023', 'sex=male', 9)]);
		expect(series.periods[0]!.reference).toEqual({ kind: 'best', value: 9, group: 'male' });
		expect(series.periods[0]!.groups.map((group) => group.gap)).toEqual([3, 0]);
	});

	it('reads one dimension with the other dimensions at their total', () => {
		const definition: GapDefinition = { direction: 'higher_is_better', band: null, dimensions: { age: ['0-17', '18-64'], sex: ['female', 'male'] } };
		const observations = [
			obs('2024', '', 50),
			obs('2024', 'age=0-17', 40),
			obs('2024', 'age=18-64', 55),
			obs('2024', 'age=0-17;sex=female', 1),
			obs('2024', 'sex=female', 48)
		];
		const [age, sex] = computeAllGaps(definition, observations);
		expect(age!.periods[0]!.groups.map((group) => [group.value, group.gap])).toEqual([
			['0-17', 10],
			['18-64', -5]
		]);
		expect(sex!.periods[0]!.groups.map((group) => [group.value, group.gap])).toEqual([['female', 2]]);
	});

	it('compares a group with its own previous period even when it skipped one', () => {
		const series = computeGaps(bySex, 'sex', [obs('2020', '', 10), obs('2020', 'sex=female', 8), obs('2021', '', 10), obs('2021', 'sex=male', 10), obs('2022', '', 10), obs('2022', 'sex=female', 5)]);
		const female2022 = series.periods[2]!.groups[0]!;
		expect(female2022).toMatchObject({ value: 'female', gap: 5, widened: true, previous: { period: '2020', gap: 2 } });
	});

	it('skips missing values, unknown groups and periods without groups', () => {
		const series = computeGaps(bySex, 'sex', [obs('2020', '', 10), obs('2021', 'sex=female', null), obs('2021', 'sex=other', 3), obs('2022', '', 9), obs('2022', 'sex=male', 9)]);
		expect(series.periods.map((period) => period.period)).toEqual(['2022']);
	});

	it('orders periods by time, not text', () => {
		const series = computeGaps(bySex, 'sex', [obs('2024-Q2', 'sex=male', 1), obs('2024', 'sex=male', 1), obs('2023-12', 'sex=male', 1)]);
		expect(series.periods.map((period) => period.period)).toEqual(['2023-12', '2024', '2024-Q2']);
	});

	it('gives an empty series for an unknown dimension', () => {
		expect(computeGaps(bySex, 'age', [obs('2020', '', 1)])).toEqual({ dimension: 'age', values: [], periods: [], widenedCount: 0 });
	});
});
