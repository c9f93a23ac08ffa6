/**
 * What data a city holds per indicator, in one grouped query: how many periods and calendar years
 * have a value, the latest period, and whether any value is disaggregated. Other modules read it
 * (the standards module suggests indicators with data as evidence) without reading observations.
 *
 * @example
 *   const summary = await summariseIndicatorData(db, york.id);
 *   summary.find((entry) => entry.code === 'york.homelessness')?.years // 5
 */
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { toNumber } from '../db/dialect.ts';
import type { LocalizedText } from '../../i18n/localized-text.ts';
import { toIndicator } from './indicator-model.ts';
import { listIndicatorRows } from './indicators.repository.ts';

export interface IndicatorDataSummary {
	code: string;
	title: LocalizedText;
	rightCode: string | null;
	sdgTargets: string[];
	principles: string[];
	hasTarget: boolean;
	/** Distinct periods with a value (missing values left out). */
	periods: number;
	/** Distinct calendar years among them. */
	years: number;
	/** The latest period with a value (by text: periods of one indicator share a granularity). */
	latestPeriod: string | null;
	/** Some value is for a disaggregation group, not only the total. */
	disaggregated: boolean;
}

export async function summariseIndicatorData(db: Db, cityId: string): Promise<IndicatorDataSummary[]> {
	const indicators = (await listIndicatorRows(db, cityId)).map(toIndicator);
	const rows = await db
		.selectFrom('observation')
		.select((eb) => [
			'indicator_id',
			eb.fn.count<number>('period').distinct().as('periods'),
			sql<number>`count(distinct substr(period, 1, 4))`.as('years'),
			eb.fn.max('period').as('latest'),
			eb.fn.max(sql<number>`case when group_key <> '' then 1 else 0 end`).as('grouped')
		])
		.where('city_id', '=', cityId)
		.where('value', 'is not', null)
		.groupBy('indicator_id')
		.execute();
	const byIndicator = new Map(rows.map((row) => [row.indicator_id, row]));
	return indicators.map((indicator) => {
		const data = byIndicator.get(indicator.id);
		return {
			code: indicator.code,
			title: indicator.title,
			rightCode: indicator.rightCode,
			sdgTargets: indicator.sdgTargets,
			principles: indicator.principles,
			hasTarget: indicator.target !== null,
			periods: toNumber(data?.periods),
			years: toNumber(data?.years),
			latestPeriod: data?.latest ?? null,
			disaggregated: toNumber(data?.grouped) > 0
		};
	});
}
