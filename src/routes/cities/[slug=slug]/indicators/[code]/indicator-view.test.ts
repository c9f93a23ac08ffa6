import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '#lib/server/testing/test-database.ts';
import { createCity } from '#lib/server/testing/factories.ts';
import { createTestIndicator, indicatorActor, recordSeries } from '#lib/server/testing/indicator-factories.ts';
import { getIndicatorDetail } from '#lib/server/indicators/evaluation.service.ts';
import { MAX_SHOWN_GROUPS, presentIndicator } from './indicator-view.server.ts';

const options = { locale: 'en', citySlug: 'testville', dimension: null, show: [] as string[], chosen: false };

describe.each(DIALECTS)('the indicator page on %s', (dialect) => {
	let database: TestDatabase;
	beforeEach(async () => (database = await createTestDatabase(dialect)));
	afterEach(() => database.cleanup());

	async function setUp(dimensions: string, points: [string, number | null, Record<string, string>?][]) {
		const city = await createCity(database.db);
		const admin = await indicatorActor(database.db, city.id);
		const indicator = await createTestIndicator(database.db, admin, city.id, { dimensions, direction: 'lower_is_better', baselineValue: '20', baselinePeriod: '2020', targetValue: '10', targetPeriod: '2030' });
		await recordSeries(database.db, admin, city.id, indicator.code, points);
		return getIndicatorDetail(database.db, city.id, indicator.code);
	}

	it('aligns the total and the groups of a small first dimension on every period, and fills in the score formula', async () => {
		const detail = await setUp('sex: female, male', [
			['2020', 20],
			['2020', 21, { sex: 'female' }],
			['2020', 19, { sex: 'male' }],
			['2022', 16],
			['2022', 19, { sex: 'female' }]
		]);
		const view = await presentIndicator(database.db, detail, options);
		expect(view.line.periods.map((period) => period.label)).toEqual(['2020', '2022']);
		expect(view.line.series.map((series) => [series.label, series.values])).toEqual([
			['Total', [20, 16]],
			['Female', [21, 19]],
			['Male', [19, null]]
		]);
		expect(view.line.baseline).toMatchObject({ period: '2020', value: 20 });
		expect(view.score.formula).toBe('(latest − baseline) ÷ (target − baseline) × 100 = (16% − 20%) ÷ (10% − 20%) × 100 → 40 (capped to 0–100).');
		// Latest values by sex: 2022 has only the female value; the total is the reference.
		expect(view.disaggregation?.period).toBe('2022');
		expect(view.disaggregation?.bars.map((bar) => [bar.label, bar.value])).toEqual([
			['Female', 19],
			['Male', null]
		]);
		expect(view.disaggregation?.references[0]?.label).toBe('Total: 16%');
		// Women's gap to the total grew from 1 to 3 (lower is better: above the total is worse off).
		expect(view.gaps?.groups[0]).toMatchObject({ label: 'Female', gaps: [1, 3], widening: [false, true] });
		expect(view.gaps?.widened).toBe(1);
	});

	it('draws the total only for many groups, at most five chosen ones, and reads any chosen dimension', async () => {
		const districts = Array.from({ length: 12 }, (_, i) => `d${i + 1}`);
		const detail = await setUp(`district: ${districts.join(', ')}\nsex: female, male`, [
			['2023', 15],
			...districts.map((district, i): [string, number, Record<string, string>] => ['2023', 10 + i, { district }]),
			['2023', 16, { sex: 'female' }]
		]);
		const byDefault = await presentIndicator(database.db, detail, options);
		expect(byDefault.line.series.map((series) => series.key)).toEqual(['']);
		expect(byDefault.line.options).toHaveLength(13);
		expect(byDefault.dimension?.name).toBe('district');

		const chosen = districts.slice(0, 7).map((district) => `district=${district}`);
		const many = await presentIndicator(database.db, detail, { ...options, chosen: true, show: [...chosen, 'district=unknown'], dimension: 'sex' });
		expect(many.line.series).toHaveLength(1 + MAX_SHOWN_GROUPS);
		expect(many.line.tooMany).toBe(true);
		expect(many.dimension?.name).toBe('sex');
		expect(many.disaggregation?.bars.map((bar) => bar.value)).toEqual([16, null]);

		const none = await presentIndicator(database.db, detail, { ...options, chosen: true, dimension: 'no-such-dimension' });
		expect(none.line.series).toHaveLength(1);
		expect(none.dimension?.name).toBe('district');
	});

	it('says why there is no score when the indicator has no data', async () => {
		const detail = await setUp('', []);
		const view = await presentIndicator(database.db, detail, options);
		expect(view.score.status).toBe('no_data');
		expect(view.score.formula).toBe('No value has been reported yet, so the indicator has no score.');
		expect(view.line.periods).toEqual([]);
		expect(view.disaggregation).toBeNull();
		expect(view.gaps).toBeNull();
	});
});
