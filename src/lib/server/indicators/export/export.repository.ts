/**
 * Reads for exports: the indicator(s) of a city and their observations page by page (keyset on
 * the observation key), so an export streams without holding a connection or the whole series.
 */
import type { Db } from '../../db/database.ts';
import type { IndicatorRow, ObservationRow } from '../indicators.tables.ts';

/** A live indicator of the city by code. */
export async function findLiveIndicator(db: Db, cityId: string, code: string): Promise<IndicatorRow | undefined> {
	return db.selectFrom('indicator').selectAll().where('city_id', '=', cityId).where('code', '=', code).where('deleted_at', 'is', null).executeTakeFirst();
}

/** The city's live indicators, by code. */
export async function listLiveIndicators(db: Db, cityId: string): Promise<IndicatorRow[]> {
	return db.selectFrom('indicator').selectAll().where('city_id', '=', cityId).where('deleted_at', 'is', null).orderBy('code').execute();
}

/** Observations of an indicator after the key (period, group key), in key order. */
export async function observationPage(db: Db, cityId: string, indicatorId: string, after: { period: string; groupKey: string } | null, limit: number): Promise<ObservationRow[]> {
	let query = db.selectFrom('observation').selectAll().where('city_id', '=', cityId).where('indicator_id', '=', indicatorId);
	if (after) {
		query = query.where((eb) => eb.or([eb('period', '>', after.period), eb.and([eb('period', '=', after.period), eb('group_key', '>', after.groupKey)])]));
	}
	return query.orderBy('period').orderBy('group_key').limit(limit).execute();
}

/** True when some observation of the indicator is provisional. */
export async function hasProvisional(db: Db, cityId: string, indicatorId: string): Promise<boolean> {
	const row = await db
		.selectFrom('observation')
		.select('id')
		.where('city_id', '=', cityId)
		.where('indicator_id', '=', indicatorId)
		.where('status', '=', 'provisional')
		.limit(1)
		.executeTakeFirst();
	return row !== undefined;
}

/** True when some observation of the indicators has the key part `part=` (`Series`, `Units`; see import-formats.ts). */
export async function hasKeyPart(db: Db, cityId: string, indicatorIds: string[], part: 'Series' | 'Units'): Promise<boolean> {
	if (indicatorIds.length === 0) return false;
	const row = await db
		.selectFrom('observation')
		.select('id')
		.where('city_id', '=', cityId)
		.where('indicator_id', 'in', indicatorIds)
		.where((eb) => eb.or([eb('group_key', 'like', `${part}=%`), eb('group_key', 'like', `%;${part}=%`)]))
		.limit(1)
		.executeTakeFirst();
	return row !== undefined;
}
