/**
 * Queries of the indicators module: the network library, indicator definitions, their links to
 * commitments/actions, and observations. Every city-owned query takes `cityId` explicitly and
 * filters by it first; the only cross-city read (joint evaluation) goes through the registry of
 * cities and asks per batch of city ids.
 */
import type { Db } from '../db/database.ts';
import { updateVersioned } from '../db/versioned.ts';
import type {
	IndicatorLibraryTable,
	IndicatorLinkTable,
	IndicatorRow,
	IndicatorTable,
	IndicatorType,
	ObservationRow,
	ObservationTable
} from './indicators.tables.ts';

// ——— Library (network-level) ———

export async function listLibraryRows(db: Db): Promise<IndicatorLibraryTable[]> {
	return db.selectFrom('indicator_library').selectAll().orderBy('position').execute();
}

export async function findLibraryRow(db: Db, code: string): Promise<IndicatorLibraryTable | undefined> {
	return db.selectFrom('indicator_library').selectAll().where('code', '=', code).executeTakeFirst();
}

// ——— Definitions ———

export async function insertIndicator(db: Db, row: IndicatorTable): Promise<void> {
	await db.insertInto('indicator').values(row).execute();
}

/** A live or deleted indicator by code (codes stay taken after a soft delete). */
export async function findIndicatorByCode(db: Db, cityId: string, code: string): Promise<IndicatorRow | undefined> {
	return db.selectFrom('indicator').selectAll().where('city_id', '=', cityId).where('code', '=', code).executeTakeFirst();
}

export async function findIndicatorById(db: Db, cityId: string, id: string): Promise<IndicatorRow | undefined> {
	return db.selectFrom('indicator').selectAll().where('city_id', '=', cityId).where('id', '=', id).executeTakeFirst();
}

/** The indicator adopted from a library entry, live or deleted. */
export async function findIndicatorByLibraryCode(db: Db, cityId: string, libraryCode: string): Promise<IndicatorRow | undefined> {
	return db.selectFrom('indicator').selectAll().where('city_id', '=', cityId).where('library_code', '=', libraryCode).executeTakeFirst();
}

export interface IndicatorFilter {
	rightCode?: string | undefined;
	type?: IndicatorType | undefined;
	ids?: string[] | undefined;
}

/** The city's live indicators, by code. */
export async function listIndicatorRows(db: Db, cityId: string, filter: IndicatorFilter = {}): Promise<IndicatorRow[]> {
	let query = db.selectFrom('indicator').selectAll().where('city_id', '=', cityId).where('deleted_at', 'is', null);
	if (filter.rightCode) query = query.where('right_code', '=', filter.rightCode);
	if (filter.type) query = query.where('type', '=', filter.type);
	if (filter.ids) {
		if (filter.ids.length === 0) return [];
		query = query.where('id', 'in', filter.ids);
	}
	return query.orderBy('code').execute();
}

/**
 * Writes the changes if the stored version is still `expectedVersion`, and bumps the version.
 * Returns false when the row is gone, deleted or was changed in between.
 */
export async function updateIndicatorRow(
	db: Db,
	cityId: string,
	id: string,
	expectedVersion: number,
	changes: Partial<Omit<IndicatorTable, 'city_id' | 'id' | 'code' | 'version' | 'created_at'>>
): Promise<boolean> {
	return updateVersioned(db, 'indicator', cityId, id, expectedVersion, changes);
}

// ——— Links to commitments and actions ———

export async function insertLink(db: Db, link: IndicatorLinkTable): Promise<boolean> {
	const result = await db
		.insertInto('indicator_link')
		.values(link)
		.onConflict((oc) => oc.columns(['city_id', 'indicator_id', 'target_type', 'target_id']).doNothing())
		.executeTakeFirst();
	return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function deleteLink(db: Db, link: IndicatorLinkTable): Promise<boolean> {
	const result = await db
		.deleteFrom('indicator_link')
		.where('city_id', '=', link.city_id)
		.where('indicator_id', '=', link.indicator_id)
		.where('target_type', '=', link.target_type)
		.where('target_id', '=', link.target_id)
		.executeTakeFirst();
	return Number(result.numDeletedRows) === 1;
}

/** Links of some indicators (all of the city's when `indicatorIds` is omitted). */
export async function listLinks(db: Db, cityId: string, indicatorIds?: string[]): Promise<IndicatorLinkTable[]> {
	let query = db.selectFrom('indicator_link').selectAll().where('city_id', '=', cityId);
	if (indicatorIds) {
		if (indicatorIds.length === 0) return [];
		query = query.where('indicator_id', 'in', indicatorIds);
	}
	return query.execute();
}

export async function listLinksToTarget(db: Db, cityId: string, targetType: IndicatorLinkTable['target_type'], targetId: string): Promise<IndicatorLinkTable[]> {
	return db.selectFrom('indicator_link').selectAll().where('city_id', '=', cityId).where('target_type', '=', targetType).where('target_id', '=', targetId).execute();
}

/** The public reference of a live commitment or action of the city, or undefined. */
// ——— Observations ———

export async function insertObservations(db: Db, rows: readonly ObservationTable[]): Promise<void> {
	for (let start = 0; start < rows.length; start += 500) await db.insertInto('observation').values(rows.slice(start, start + 500)).execute();
}

/** The `period group_key` of every stored observation of an indicator. */
export async function listObservationKeys(db: Db, cityId: string, indicatorId: string): Promise<Set<string>> {
	const rows = await db.selectFrom('observation').select(['period', 'group_key']).where('city_id', '=', cityId).where('indicator_id', '=', indicatorId).execute();
	return new Set(rows.map((row) => `${row.period} ${row.group_key}`));
}

/** Brings back a deleted indicator if it is still at `version`; false otherwise. */
export async function restoreIndicatorRow(db: Db, cityId: string, id: string, version: number, at: string): Promise<boolean> {
	const result = await db
		.updateTable('indicator')
		.set({ deleted_at: null, updated_at: at, version: version + 1 })
		.where('city_id', '=', cityId)
		.where('id', '=', id)
		.where('version', '=', version)
		.where('deleted_at', 'is not', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

export async function insertObservation(db: Db, row: ObservationTable): Promise<void> {
	await db.insertInto('observation').values(row).execute();
}

export async function findObservation(db: Db, cityId: string, id: string): Promise<ObservationRow | undefined> {
	return db.selectFrom('observation').selectAll().where('city_id', '=', cityId).where('id', '=', id).executeTakeFirst();
}

export async function findObservationByKey(db: Db, cityId: string, indicatorId: string, period: string, groupKey: string): Promise<ObservationRow | undefined> {
	return db
		.selectFrom('observation')
		.selectAll()
		.where('city_id', '=', cityId)
		.where('indicator_id', '=', indicatorId)
		.where('period', '=', period)
		.where('group_key', '=', groupKey)
		.executeTakeFirst();
}

export async function updateObservationRow(
	db: Db,
	cityId: string,
	id: string,
	changes: Partial<Pick<ObservationTable, 'period' | 'group_key' | 'value' | 'status' | 'source' | 'note' | 'updated_at'>>
): Promise<void> {
	await db.updateTable('observation').set(changes).where('city_id', '=', cityId).where('id', '=', id).execute();
}

export async function deleteObservationRow(db: Db, cityId: string, id: string): Promise<void> {
	await db.deleteFrom('observation').where('city_id', '=', cityId).where('id', '=', id).execute();
}

/**
 * Observations of some indicators of one city; `groupKey: ''` restricts to totals. Unordered:
 * periods of mixed granularity do not sort as text, callers sort with `comparePeriods`.
 */
export async function listObservationRows(db: Db, cityId: string, indicatorIds: string[], options: { groupKey?: string } = {}): Promise<ObservationRow[]> {
	if (indicatorIds.length === 0) return [];
	let query = db.selectFrom('observation').selectAll().where('city_id', '=', cityId).where('indicator_id', 'in', indicatorIds);
	if (options.groupKey !== undefined) query = query.where('group_key', '=', options.groupKey);
	return query.execute();
}

/** Which dimension values are in use by stored observations (to refuse removing them from a definition). */
export async function listGroupKeysInUse(db: Db, cityId: string, indicatorId: string): Promise<string[]> {
	const rows = await db.selectFrom('observation').select('group_key').distinct().where('city_id', '=', cityId).where('indicator_id', '=', indicatorId).execute();
	return rows.map((row) => row.group_key);
}

// ——— Joint evaluation (cross-city through the registry) ———

/** Live indicators adopted from one library entry, in the given cities (asked in batches of city ids). */
export async function listAdoptions(db: Db, cityIds: string[], libraryCode: string): Promise<IndicatorRow[]> {
	const rows: IndicatorRow[] = [];
	for (let start = 0; start < cityIds.length; start += 200) {
		const batch = cityIds.slice(start, start + 200);
		rows.push(
			...(await db
				.selectFrom('indicator')
				.selectAll()
				.where('city_id', 'in', batch)
				.where('library_code', '=', libraryCode)
				.where('deleted_at', 'is', null)
				.execute())
		);
	}
	return rows;
}

/** Per library code: how many cities adopted it, and how many report a total value (one query for the whole network). */
export async function countLibraryUse(db: Db): Promise<{ library_code: string; adopted: number; reporting: number }[]> {
	const rows = await db
		.selectFrom('indicator')
		.leftJoin('observation', (join) =>
			join.onRef('observation.city_id', '=', 'indicator.city_id').onRef('observation.indicator_id', '=', 'indicator.id').on('observation.group_key', '=', '').on('observation.value', 'is not', null)
		)
		.select((eb) => ['indicator.library_code', eb.fn.count<number>('indicator.city_id').distinct().as('adopted'), eb.fn.count<number>('observation.city_id').distinct().as('reporting')])
		.where('indicator.library_code', 'is not', null)
		.where('indicator.deleted_at', 'is', null)
		.groupBy('indicator.library_code')
		.execute();
	return rows.map((row) => ({ library_code: row.library_code!, adopted: Number(row.adopted), reporting: Number(row.reporting) }));
}
