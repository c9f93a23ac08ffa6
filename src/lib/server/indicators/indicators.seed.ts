/**
 * Demo indicators for a new installation: York and Gwangju each adopt six library indicators,
 * with a baseline, a target and six or seven years of observations, some by sex, age group or
 * district (with a widening gap to find); six more cities of the network report four shared
 * indicators each, so the joint evaluation compares eight cities. The values are invented for the demo — every
 * indicator and observation says so in its source — and are not official statistics.
 * Runs inside the demo seed's transaction, through the module's services.
 */
import type { Db } from '../db/database.ts';
import { findCityBySlug } from '../cities/index.ts';
import { systemActor, type Actor } from '../accounts/index.ts';
import { adoptLibraryIndicator } from './indicators.service.ts';
import { recordObservations } from './observations.service.ts';
import type { Dimensions } from './indicators.tables.ts';

export const DEMO_SOURCE = 'Demo data: invented values for trying out Rights City, not official statistics';

interface DemoSeries {
	/** The group, `{}` for the total. */
	group: Record<string, string>;
	/** One value per period of the indicator's `periods` (null = not reported). */
	values: (number | null)[];
}

interface DemoIndicator {
	libraryCode: string;
	baseline: [string, number] | null;
	target: [string, number] | null;
	/** Replaces the library's suggested dimensions (a city narrows or extends them). */
	dimensions?: Dimensions;
	periods: string[];
	series: DemoSeries[];
}

const YEARS_2019 = ['2019', '2020', '2021', '2022', '2023', '2024'];
const YEARS_2018 = ['2018', ...YEARS_2019];

const DEMO: Record<string, DemoIndicator[]> = {
	york: [
		{
			libraryCode: 'housing.temporary-accommodation',
			baseline: ['2019', 60],
			target: ['2027', 40],
			dimensions: {},
			periods: YEARS_2019,
			series: [{ group: {}, values: [60, 66, 71, 74, 92, 98] }]
		},
		{
			libraryCode: 'health.healthy-life-expectancy',
			baseline: ['2019', 64.0],
			target: ['2030', 66.0],
			periods: YEARS_2019,
			series: [
				{ group: {}, values: [64.0, 63.9, 63.6, 63.2, 62.8, 62.4] },
				{ group: { sex: 'female' }, values: [64.6, 64.5, 64.3, 64.1, 63.6, 62.9] },
				{ group: { sex: 'male' }, values: [63.4, 63.3, 62.9, 62.3, 62.0, 61.9] }
			]
		},
		{
			libraryCode: 'education.disadvantaged-attainment-gap',
			baseline: ['2019', 26.0],
			target: ['2028', 15.0],
			periods: YEARS_2019,
			// No national assessments in 2020 and 2021 (school closures): reported as missing.
			series: [{ group: {}, values: [26.0, null, null, 27.1, 26.3, 27.9] }]
		},
		{
			libraryCode: 'living.child-poverty',
			baseline: ['2019', 19.0],
			target: ['2030', 12.0],
			periods: YEARS_2019,
			series: [
				{ group: {}, values: [19.0, 18.3, 17.9, 17.0, 16.4, 15.6] },
				// The youngest children fall behind: the gap to the total widens every year.
				{ group: { age: '0-4' }, values: [20.1, 19.8, 19.9, 19.6, 19.5, 19.4] },
				{ group: { age: '5-10' }, values: [19.2, 18.2, 17.6, 16.6, 15.8, 14.9] },
				{ group: { age: '11-15' }, values: [17.9, 17.1, 16.4, 15.1, 14.3, 13.2] }
			]
		},
		{
			libraryCode: 'work.gender-pay-gap',
			baseline: ['2019', 17.0],
			target: ['2026', 10.0],
			dimensions: {},
			periods: YEARS_2019,
			series: [{ group: {}, values: [17.0, 16.1, 15.8, 15.2, 14.6, 14.1] }]
		},
		{
			libraryCode: 'housing.strategy',
			baseline: ['2019', 0],
			target: ['2022', 1],
			periods: YEARS_2019,
			series: [{ group: {}, values: [0, 0, 1, 1, 1, 1] }]
		}
	],
	gwangju: [
		{
			libraryCode: 'work.non-regular-employment',
			baseline: ['2018', 36.0],
			target: ['2026', 30.0],
			periods: YEARS_2018,
			series: [
				{ group: {}, values: [36.0, 35.2, 34.6, 34.9, 33.8, 33.1, 32.7] },
				// Women's share barely moves while the total falls: a widening gap.
				{ group: { sex: 'female' }, values: [42.0, 41.8, 41.9, 42.5, 42.3, 42.6, 42.9] },
				{ group: { sex: 'male' }, values: [31.5, 30.2, 29.0, 28.9, 27.2, 25.8, 24.8] }
			]
		},
		{
			libraryCode: 'health.suicide-rate',
			baseline: ['2018', 25.0],
			target: ['2027', 20.0],
			dimensions: { sex: ['female', 'male'] },
			periods: YEARS_2018,
			series: [
				{ group: {}, values: [25.0, 24.1, 23.5, 23.9, 22.8, 22.1, 21.6] },
				{ group: { sex: 'female' }, values: [15.1, 14.7, 14.6, 15.2, 14.4, 14.0, 13.8] },
				{ group: { sex: 'male' }, values: [35.0, 33.6, 32.5, 32.7, 31.3, 30.3, 29.5] }
			]
		},
		{
			libraryCode: 'housing.public-rental-share',
			baseline: ['2018', 9.0],
			target: ['2028', 12.0],
			dimensions: { district: ['dong-gu', 'seo-gu', 'nam-gu', 'buk-gu', 'gwangsan-gu'] },
			periods: YEARS_2018,
			series: [
				{ group: {}, values: [9.0, 9.2, 9.5, 9.7, 10.0, 10.1, 10.3] },
				{ group: { district: 'dong-gu' }, values: [7.1, 7.2, 7.2, 7.3, 7.3, 7.4, 7.4] },
				{ group: { district: 'seo-gu' }, values: [10.2, 10.5, 10.9, 11.0, 11.4, 11.5, 11.8] },
				{ group: { district: 'nam-gu' }, values: [8.0, 8.1, 8.3, 8.6, 8.8, 8.9, 9.1] },
				{ group: { district: 'buk-gu' }, values: [9.4, 9.6, 9.9, 10.1, 10.4, 10.5, 10.7] },
				{ group: { district: 'gwangsan-gu' }, values: [9.8, 10.1, 10.5, 10.8, 11.2, 11.3, 11.6] }
			]
		},
		{
			libraryCode: 'equality.women-senior-officials',
			baseline: ['2018', 18.0],
			target: ['2026', 30.0],
			periods: YEARS_2018,
			series: [{ group: {}, values: [18.0, 20.9, 22.5, 24.8, 26.4, 28.3, 30.6] }]
		},
		{
			libraryCode: 'disability.accessible-taxis',
			baseline: ['2019', 100],
			target: ['2025', 150],
			periods: YEARS_2019,
			series: [{ group: {}, values: [100, 112, 131, 149, 170, 205] }]
		},
		{
			libraryCode: 'health.dementia-screening',
			// No target set yet: the page shows "no target".
			baseline: null,
			target: null,
			periods: YEARS_2019,
			series: [
				{ group: {}, values: [31.0, 33.2, 27.4, 30.1, 34.0, 35.8] },
				{ group: { sex: 'female' }, values: [33.5, 35.0, 29.6, 32.4, 36.1, 37.9] },
				{ group: { sex: 'male' }, values: [27.9, 30.8, 24.5, 27.1, 31.3, 33.0] }
			]
		}
	]
};

/**
 * Six more cities of the demo network report four shared library indicators (totals, 2018–2024),
 * so that the joint evaluation pages compare real-looking series: each city its own baseline,
 * target and trend — some on track, some stalling, some moving the wrong way. `[first value,
 * change a year, target value, target year]`; the yearly values carry a small fixed wobble.
 */
const NETWORK_DEMO: Record<string, Record<string, [number, number, number, string]>> = {
	rosario: { 'living.child-poverty': [31.0, -1.1, 24.0, '2027'], 'work.gender-pay-gap': [23.5, -0.3, 15.0, '2030'], 'equality.women-senior-officials': [27.0, 2.1, 40.0, '2027'], 'health.suicide-rate': [8.6, 0.25, 7.0, '2030'] },
	barcelona: { 'living.child-poverty': [29.5, -0.4, 20.0, '2030'], 'work.gender-pay-gap': [21.0, -0.9, 14.0, '2028'], 'equality.women-senior-officials': [38.0, 1.8, 50.0, '2026'], 'health.suicide-rate': [6.9, -0.1, 6.0, '2030'] },
	graz: { 'living.child-poverty': [18.2, 0.3, 14.0, '2030'], 'work.gender-pay-gap': [19.8, -0.5, 12.0, '2030'], 'equality.women-senior-officials': [31.0, 0.6, 40.0, '2028'], 'health.suicide-rate': [13.4, -0.4, 11.0, '2027'] },
	vienna: { 'living.child-poverty': [21.0, -0.6, 16.0, '2028'], 'work.gender-pay-gap': [12.6, -0.4, 10.0, '2026'], 'equality.women-senior-officials': [42.0, 1.2, 50.0, '2030'], 'health.suicide-rate': [11.8, -0.2, 10.0, '2030'] },
	lund: { 'living.child-poverty': [9.8, -0.2, 7.0, '2030'], 'work.gender-pay-gap': [9.5, -0.35, 6.0, '2030'], 'equality.women-senior-officials': [47.0, 0.5, 50.0, '2026'], 'health.suicide-rate': [12.1, 0.15, 9.0, '2030'] },
	montreal: { 'living.child-poverty': [22.4, -0.8, 15.0, '2030'], 'work.gender-pay-gap': [13.8, 0.1, 9.0, '2030'], 'equality.women-senior-officials': [36.0, 1.5, 45.0, '2028'], 'health.suicide-rate': [10.3, -0.3, 8.5, '2028'] }
};

const WOBBLE = [0, 0.4, -0.3, 0.5, -0.2, 0.3, 0];

function networkDemo(): Record<string, DemoIndicator[]> {
	return Object.fromEntries(
		Object.entries(NETWORK_DEMO).map(([slug, indicators]) => [
			slug,
			Object.entries(indicators).map(([libraryCode, [first, step, target, targetYear]]) => ({
				libraryCode,
				baseline: ['2018', first] as [string, number],
				target: [targetYear, target] as [string, number],
				dimensions: {},
				periods: YEARS_2018,
				series: [{ group: {}, values: YEARS_2018.map((_, index) => Math.round((first + step * index + WOBBLE[index]! * Math.abs(step)) * 10) / 10) }]
			}))
		])
	);
}

/** Adopts one demo indicator with its baseline, target and breakdown, and records its values, through the services. */
async function seedIndicator(db: Db, demo: Actor, cityId: string, spec: DemoIndicator): Promise<number> {
	const indicator = await adoptLibraryIndicator(db, demo, cityId, spec.libraryCode, {
		...(spec.dimensions ? { dimensions: spec.dimensions } : {}),
		baselineValue: spec.baseline?.[1] ?? null,
		baselinePeriod: spec.baseline?.[0] ?? null,
		targetValue: spec.target?.[1] ?? null,
		targetPeriod: spec.target?.[0] ?? null,
		source: DEMO_SOURCE
	});
	const values = spec.series.flatMap((series) => spec.periods.map((period, index) => ({ period, group: series.group, value: series.values[index] ?? null, status: 'final', source: DEMO_SOURCE })));
	return (await recordObservations(db, demo, cityId, indicator.code, values)).length;
}

/**
 * Adopts the demo indicators in York, Gwangju and six more cities (cities missing from the registry are
 * skipped) and records their observations, acting as the demo operator (the ledger says `demo`).
 *
 * @example await inTransaction(db, async (trx) => { await seedDemoCities(trx); await seedDemoIndicators(trx); });
 */
export async function seedDemoIndicators(db: Db): Promise<{ indicators: number; observations: number }> {
	let indicators = 0;
	let observations = 0;
	for (const [slug, specs] of Object.entries({ ...DEMO, ...networkDemo() })) {
		const city = await findCityBySlug(db, slug);
		if (!city) continue;
		const demo = systemActor('demo', [city.id]);
		for (const spec of specs) {
			observations += await seedIndicator(db, demo, city.id, spec);
			indicators += 1;
		}
	}
	return { indicators, observations };
}
