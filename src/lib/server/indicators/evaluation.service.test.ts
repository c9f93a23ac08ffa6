import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../testing/test-database.ts';
import { createCity } from '../testing/factories.ts';
import { createLinkTargets, createTestIndicator, indicatorActor, indicatorForm, recordSeries } from '../testing/indicator-factories.ts';
import { isDomainError } from '../errors.ts';
import { findCityBySlug } from '../cities/index.ts';
import { verifyLedger } from '../ledger/index.ts';
import { seedDemo } from '../demo/seed-demo.ts';
import { adoptLibraryIndicator, libraryUse, linkIndicator, updateIndicator } from './indicators.service.ts';
import { compareCities, getCityScoreboard, getIndicatorDetail, getIndicatorGaps } from './evaluation.service.ts';

describe.each(DIALECTS)('evaluation on %s', (dialect) => {
	let database: TestDatabase;
	beforeEach(async () => (database = await createTestDatabase(dialect)));
	afterEach(() => database.cleanup());

	it('shows an indicator with its observations, score, gaps and links', async () => {
		const { db } = database;
		const york = await createCity(db);
		const admin = await indicatorActor(db, york.id);
		await createTestIndicator(db, admin, york.id, { code: 'hle', unit: 'years', baselineValue: '64', targetValue: '66', dimensions: 'sex: female, male' });
		await recordSeries(db, admin, york.id, 'hle', [
			['2022', 64.5],
			['2022', 64.0, { sex: 'female' }],
			['2022', 65.0, { sex: 'male' }],
			['2023', 64.6],
			['2023', 63.6, { sex: 'female' }],
			['2023', 65.6, { sex: 'male' }]
		]);
		const { commitmentId } = await createLinkTargets(db, york.id);
		await linkIndicator(db, admin, york.id, 'hle', 'commitment', commitmentId);
		const detail = await getIndicatorDetail(db, york.id, 'hle');
		expect(detail.observations.map((observation) => `${observation.period} ${observation.groupKey}`)).toEqual(['2022 ', '2022 sex=female', '2022 sex=male', '2023 ', '2023 sex=female', '2023 sex=male']);
		expect(detail.score).toMatchObject({ status: 'off_track', score: 30, expected: 40, latest: { value: 64.6, period: '2023' } });
		expect(detail.score.trend.direction).toBe('stable');
		expect(detail.gaps).toHaveLength(1);
		expect(detail.gaps[0]!.periods[1]!.groups[0]).toMatchObject({ value: 'female', widened: true });
		expect(detail.links).toHaveLength(1);
		const [bySex] = await getIndicatorGaps(db, york.id, 'hle', 'sex');
		expect(bySex!.widenedCount).toBe(1);
		const error = await getIndicatorGaps(db, york.id, 'hle', 'age').catch((caught: unknown) => caught);
		expect(isDomainError(error, 'invalid_input')).toBe(true);
	});

	it('aggregates scores per right, principle, commitment and city, listing the terms', async () => {
		const { db } = database;
		const york = await createCity(db);
		const admin = await indicatorActor(db, york.id);
		await createTestIndicator(db, admin, york.id, { code: 'a', rightCode: 'udhr:25', principles: 'gwangju:1' });
		await createTestIndicator(db, admin, york.id, { code: 'b', rightCode: 'udhr:25', principles: 'gwangju:1 gwangju:2' });
		await createTestIndicator(db, admin, york.id, { code: 'c', rightCode: 'udhr:23' });
		await createTestIndicator(db, admin, york.id, { code: 'd', rightCode: 'udhr:23' });
		await recordSeries(db, admin, york.id, 'a', [['2024', 45]]);
		await recordSeries(db, admin, york.id, 'b', [['2024', 50]]);
		await recordSeries(db, admin, york.id, 'c', [['2024', 41]]);
		const { commitmentId } = await createLinkTargets(db, york.id);
		await linkIndicator(db, admin, york.id, 'b', 'commitment', commitmentId);
		await linkIndicator(db, admin, york.id, 'c', 'commitment', commitmentId);
		const board = await getCityScoreboard(db, york.id);
		expect(board.city).toEqual({
			kind: 'mean',
			value: 53.3,
			terms: [
				{ code: 'a', score: 50 },
				{ code: 'b', score: 100 },
				{ code: 'c', score: 10 }
			],
			count: 3,
			missing: 1,
			missingCodes: ['d']
		});
		expect(board.byRight.map((item) => [item.code, item.aggregate.value, item.aggregate.missing])).toEqual([
			['udhr:23', 10, 1],
			['udhr:25', 75, 0]
		]);
		expect(board.byPrinciple.map((item) => [item.code, item.aggregate.value])).toEqual([
			['gwangju:1', 75],
			['gwangju:2', 100]
		]);
		expect(board.byCommitment).toEqual([{ commitmentId, aggregate: expect.objectContaining({ value: 55, count: 2 }) }]);
		expect(board.statusCounts).toEqual({ achieved: 1, on_track: 1, off_track: 1, no_data: 1, no_target: 0 });
	});

	it('compares every city that adopted a shared indicator, with its own target and the caveat', async () => {
		const { db } = database;
		const york = await createCity(db, { name: 'York', display_name: 'York' });
		const gwangju = await createCity(db, { name: 'Gwangju', display_name: 'Gwangju' });
		await createCity(db, { name: 'Graz', display_name: 'Graz' });
		const yorkAdmin = await indicatorActor(db, york.id);
		const gwangjuAdmin = await indicatorActor(db, gwangju.id);
		const code = 'housing.cost-overburden';
		await adoptLibraryIndicator(db, yorkAdmin, york.id, code);
		await adoptLibraryIndicator(db, gwangjuAdmin, gwangju.id, code);
		const target = indicatorForm({ code: undefined, unit: 'percent', direction: 'lower_is_better', baselineValue: '30', baselinePeriod: '2020', targetValue: '20', targetPeriod: '2030', rightCode: 'udhr:25', sdgTargets: 'sdg:11.1', dimensions: '', version: 1 });
		await updateIndicator(db, yorkAdmin, york.id, code, target, { locale: 'en' });
		await recordSeries(db, yorkAdmin, york.id, code, [['2021', 29], ['2022', 28], ['2023', 26]]);
		await recordSeries(db, gwangjuAdmin, gwangju.id, code, [['2023', 22], ['2024', 23]]);
		const joint = await compareCities(db, code, 'es');
		expect(joint.title?.lang).toBe('es');
		expect(joint.comparability?.text).toMatch(/umbrales/);
		expect(joint.cities.map((city) => city.name)).toEqual(['Gwangju', 'York']);
		const [gw, yk] = joint.cities;
		expect(gw).toMatchObject({ slug: gwangju.slug, latest: { value: 23, period: '2024' }, target: null, status: 'no_target', score: null });
		expect(gw!.trend.direction).toBe('worsening');
		expect(yk).toMatchObject({ latest: { value: 26, period: '2023' }, target: { value: 20, period: '2030' }, distanceToTarget: -6, score: 40, status: 'on_track' });
		expect(yk!.trend.direction).toBe('improving');
		// The library page counts the same thing for every entry in one query.
		const adoptedOnly = 'housing.overcrowding';
		await adoptLibraryIndicator(db, yorkAdmin, york.id, adoptedOnly);
		const use = await libraryUse(db);
		expect(use.get(code)).toEqual({ adopted: 2, reporting: 2 });
		expect(use.get(adoptedOnly)).toEqual({ adopted: 1, reporting: 0 });
		const missing = await compareCities(db, 'no.such', 'en').catch((caught: unknown) => caught);
		expect(isDomainError(missing, 'not_found')).toBe(true);
	});

	it('seeds demo indicators for York, Gwangju and six more network cities, with gaps that widen, a real comparison and a valid ledger', async () => {
		const { db } = database;
		await seedDemo(db);
		const york = (await findCityBySlug(db, 'york'))!;
		const gwangju = (await findCityBySlug(db, 'gwangju'))!;
		const yorkBoard = await getCityScoreboard(db, york.id);
		const gwangjuBoard = await getCityScoreboard(db, gwangju.id);
		expect(yorkBoard.indicators).toHaveLength(6);
		expect(gwangjuBoard.indicators).toHaveLength(6);
		expect(yorkBoard.indicators.every((indicator) => indicator.libraryCode === indicator.code && /Demo data/.test(indicator.source ?? ''))).toBe(true);
		const statuses = new Set([...yorkBoard.indicators, ...gwangjuBoard.indicators].map((indicator) => indicator.score.status));
		expect([...statuses].sort()).toEqual(['achieved', 'no_target', 'off_track', 'on_track']);
		const [byAge] = await getIndicatorGaps(db, york.id, 'living.child-poverty', 'age');
		expect(byAge!.periods.at(-1)!.groups.find((group) => group.value === '0-4')).toMatchObject({ widened: true });
		const [bySex] = await getIndicatorGaps(db, gwangju.id, 'work.non-regular-employment', 'sex');
		expect(bySex!.widenedCount).toBeGreaterThanOrEqual(5);
		const [byDistrict] = await getIndicatorGaps(db, gwangju.id, 'housing.public-rental-share', 'district');
		expect(byDistrict!.periods).toHaveLength(7);
		expect(await verifyLedger(db, gwangju.id)).toMatchObject({ ok: true });

		// The demo network: eight cities compare child poverty, each with its own target and trend.
		const joint = await compareCities(db, 'living.child-poverty', 'en');
		expect(joint.cities.length).toBeGreaterThanOrEqual(7);
		expect(new Set(joint.cities.map((city) => city.target?.value)).size).toBeGreaterThanOrEqual(6);
		expect(new Set(joint.cities.map((city) => city.status)).size).toBeGreaterThanOrEqual(2);
		expect(joint.cities.every((city) => city.latest !== null)).toBe(true);
		for (const code of ['work.gender-pay-gap', 'equality.women-senior-officials', 'health.suicide-rate']) expect((await compareCities(db, code, 'en')).cities.length, code).toBeGreaterThanOrEqual(7);
	});
});
