/**
 * Reading indicators as evidence: one indicator with its data, score and equality gaps; the
 * city's scoreboard (aggregates per right, Gwangju principle, commitment and for the city, each
 * with its formula); and the joint evaluation of a shared library indicator across cities
 * (cross-city reads go through the registry of cities, then per city id).
 */
import type { Db } from '../db/database.ts';
import { listCityRegistry } from '../cities/index.ts';
import { DomainError } from '../errors.ts';
import { pickText, type PickedText } from '../../i18n/localized-text.ts';
import { computeAllGaps, computeGaps, type GapSeries } from './gaps.ts';
import { toIndicator, toLibraryEntry, toObservation, type Indicator, type LibraryEntry, type Observation } from './indicator-model.ts';
import * as repository from './indicators.repository.ts';
import { listIndicatorLinks, listIndicators, type IndicatorLink, type IndicatorWithScore } from './indicators.service.ts';
import type { IndicatorDirection, IndicatorUnit } from './indicators.tables.ts';
import { sortObservations } from './observations.service.ts';
import { aggregateBy, aggregateScores, scoreIndicator, type Aggregate, type IndicatorScore, type ScoreStatus, type Trend } from './scores.ts';

export interface IndicatorDetail {
	indicator: Indicator;
	/** Every observation in time order, total first within a period. */
	observations: Observation[];
	score: IndicatorScore;
	/** One gap series per dimension of the indicator. */
	gaps: GapSeries[];
	links: IndicatorLink[];
}

async function liveIndicatorRow(db: Db, cityId: string, code: string) {
	const row = await repository.findIndicatorByCode(db, cityId, code);
	if (!row || row.deleted_at !== null) throw new DomainError('indicator_not_found', `No indicator "${code}"`, { code });
	return row;
}

/**
 * What an indicator page shows: the definition, all observations, the score and trend, the
 * equality gaps per dimension and what it measures.
 *
 * @example const { indicator, score, gaps } = await getIndicatorDetail(db, york.id, 'health.healthy-life-expectancy');
 * @throws DomainError indicator_not_found
 */
export async function getIndicatorDetail(db: Db, cityId: string, code: string): Promise<IndicatorDetail> {
	const indicator = toIndicator(await liveIndicatorRow(db, cityId, code));
	const observations = sortObservations((await repository.listObservationRows(db, cityId, [indicator.id])).map(toObservation));
	const totals = observations.filter((observation) => observation.groupKey === '');
	return {
		indicator,
		observations,
		score: scoreIndicator(indicator, totals),
		gaps: computeAllGaps(indicator, observations),
		links: await listIndicatorLinks(db, cityId, code)
	};
}

/**
 * The equality gaps of an indicator: of one dimension, or of each of its dimensions.
 *
 * @example const [bySex] = await getIndicatorGaps(db, york.id, 'health.healthy-life-expectancy', 'sex');
 * @throws DomainError indicator_not_found · invalid_input `{ dimension: 'indicator_dimensions_invalid' }` for an unknown dimension
 */
export async function getIndicatorGaps(db: Db, cityId: string, code: string, dimension?: string): Promise<GapSeries[]> {
	const indicator = toIndicator(await liveIndicatorRow(db, cityId, code));
	if (dimension !== undefined && !Object.hasOwn(indicator.dimensions, dimension)) {
		throw new DomainError('invalid_input', 'indicator_dimensions_invalid', { fields: { dimension: 'indicator_dimensions_invalid' } });
	}
	const observations = (await repository.listObservationRows(db, cityId, [indicator.id])).map(toObservation);
	return dimension === undefined ? computeAllGaps(indicator, observations) : [computeGaps(indicator, dimension, observations)];
}

export interface Scoreboard {
	indicators: IndicatorWithScore[];
	/** Mean of every indicator score of the city. */
	city: Aggregate;
	/** Per UDHR article (`udhr:25`), in article order. */
	byRight: { code: string; aggregate: Aggregate }[];
	/** Per Gwangju principle (`gwangju:4`), in principle order. */
	byPrinciple: { code: string; aggregate: Aggregate }[];
	/** Per commitment the indicators are linked to (by commitment id). */
	byCommitment: { commitmentId: string; aggregate: Aggregate }[];
	/** How many indicators have each status. */
	statusCounts: Record<ScoreStatus, number>;
}

function numberAfterColon(code: string): number {
	return Number(code.slice(code.indexOf(':') + 1));
}

/**
 * The city's indicators with scores and the aggregates built from them, each aggregate a mean
 * with its terms and the count of indicators without a score ("mean of 7 indicator scores (2
 * without data)").
 *
 * @example const board = await getCityScoreboard(db, york.id); board.city.value; board.byRight[0].aggregate.terms
 */
export async function getCityScoreboard(db: Db, cityId: string): Promise<Scoreboard> {
	const indicators = await listIndicators(db, cityId);
	const items = indicators.map((indicator) => ({ code: indicator.code, score: indicator.score.score }));
	const links = await repository.listLinks(db, cityId);
	const commitmentsOf = new Map<string, string[]>();
	for (const link of links) {
		if (link.target_type !== 'commitment') continue;
		commitmentsOf.set(link.indicator_id, [...(commitmentsOf.get(link.indicator_id) ?? []), link.target_id]);
	}
	const byRight = aggregateBy(indicators.map((indicator, index) => ({ ...items[index]!, keys: indicator.rightCode ? [indicator.rightCode] : [] })));
	const byPrinciple = aggregateBy(indicators.map((indicator, index) => ({ ...items[index]!, keys: indicator.principles })));
	const byCommitment = aggregateBy(indicators.map((indicator, index) => ({ ...items[index]!, keys: commitmentsOf.get(indicator.id) ?? [] })));
	const statusCounts: Record<ScoreStatus, number> = { achieved: 0, on_track: 0, off_track: 0, no_data: 0, no_target: 0 };
	for (const indicator of indicators) statusCounts[indicator.score.status] += 1;
	const ordered = (groups: Map<string, Aggregate>) =>
		[...groups].sort(([a], [b]) => numberAfterColon(a) - numberAfterColon(b) || (a < b ? -1 : 1)).map(([code, aggregate]) => ({ code, aggregate }));
	return {
		indicators,
		city: aggregateScores(items),
		byRight: ordered(byRight),
		byPrinciple: ordered(byPrinciple),
		byCommitment: [...byCommitment].map(([commitmentId, aggregate]) => ({ commitmentId, aggregate })),
		statusCounts
	};
}

export interface CityComparison {
	cityId: string;
	slug: string;
	name: string;
	countryCode: string;
	/** The city's own definition (its unit may be refined, e.g. a currency). */
	indicatorCode: string;
	unit: IndicatorUnit;
	currency: string | null;
	direction: IndicatorDirection;
	latest: { value: number; period: string } | null;
	trend: Trend;
	baseline: { value: number; period: string } | null;
	target: { value: number; period: string } | null;
	band: { low: number; high: number } | null;
	/** Own target (or nearest band edge) minus the latest value. */
	distanceToTarget: number | null;
	score: number | null;
	status: ScoreStatus;
}

export interface JointEvaluation {
	entry: LibraryEntry;
	title: PickedText | undefined;
	/** Caveats on comparing cities, in the reader's language when available. */
	comparability: PickedText | undefined;
	methodology: PickedText | undefined;
	/** Every city reporting the shared indicator, by city name. */
	cities: CityComparison[];
}

/**
 * Joint evaluation of a shared library indicator: every city that adopted it, with its latest
 * total value and period, trend, own target and distance to it, and score; plus the library's
 * comparability caveat to print beside them.
 *
 * @example const joint = await compareCities(db, 'housing.temporary-accommodation', 'en'); joint.cities.map((c) => [c.name, c.latest?.value])
 * @throws DomainError not_found (no such library indicator)
 */
export async function compareCities(db: Db, libraryCode: string, locale: string): Promise<JointEvaluation> {
	const libraryRow = await repository.findLibraryRow(db, libraryCode);
	if (!libraryRow) throw new DomainError('not_found', `No library indicator "${libraryCode}"`, { code: libraryCode });
	const entry = toLibraryEntry(libraryRow);
	const registry = await listCityRegistry(db);
	const cityById = new Map(registry.map((city) => [city.id, city]));
	const adoptions = await repository.listAdoptions(
		db,
		registry.map((city) => city.id),
		libraryCode
	);
	const cities: CityComparison[] = [];
	for (const row of adoptions) {
		const city = cityById.get(row.city_id)!;
		const indicator = toIndicator(row);
		const totals = await repository.listObservationRows(db, row.city_id, [row.id], { groupKey: '' });
		const score = scoreIndicator(
			indicator,
			totals.map((observation) => ({ period: observation.period, value: observation.value }))
		);
		cities.push({
			cityId: city.id,
			slug: city.slug,
			name: city.display_name,
			countryCode: city.country_code,
			indicatorCode: indicator.code,
			unit: indicator.unit,
			currency: indicator.currency,
			direction: indicator.direction,
			latest: score.latest,
			trend: score.trend,
			baseline: indicator.baseline,
			target: indicator.target,
			band: indicator.band,
			distanceToTarget: score.distanceToTarget,
			score: score.score,
			status: score.status
		});
	}
	cities.sort((a, b) => a.name.localeCompare(b.name, locale));
	return {
		entry,
		title: pickText(entry.title, locale),
		comparability: pickText(entry.comparability, locale),
		methodology: pickText(entry.methodology, locale),
		cities
	};
}
