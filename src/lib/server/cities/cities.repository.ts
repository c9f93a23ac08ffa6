/**
 * Queries of the network registry. The only file of the cities module that speaks SQL.
 */
import { sql, type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool } from 'kysely';
import type { Db, Tables } from '../db/database.ts';
import { containsText, dialectOf, toNumber } from '../db/dialect.ts';
import type { CityRow, CityTable } from './cities.tables.ts';
import type { CitySort } from './cities.schema.ts';
import type { Region } from './regions.ts';

export interface CityFilter {
	q?: string | undefined;
	country?: string | undefined;
	region?: Region | undefined;
	process?: 'formal' | 'informal' | undefined;
	from?: number | undefined;
	to?: number | undefined;
}

/** The position of a row in a sort order: the sort value, then name and id as tie-breakers. */
export type CityCursor = [string | number, string, string];

export async function insertCity(db: Db, city: CityTable, instruments: string[]): Promise<void> {
	await db.insertInto('city').values(city).execute();
	if (instruments.length > 0) {
		await db
			.insertInto('city_instrument')
			.values(instruments.map((text, index) => ({ city_id: city.id, position: index + 1, text })))
			.execute();
	}
}

export async function countCities(db: Db): Promise<number> {
	const row = await db.selectFrom('city').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
	return toNumber(row.n);
}

export async function findCityBySlug(db: Db, slug: string): Promise<CityRow | undefined> {
	return db.selectFrom('city').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function listInstruments(db: Db, cityId: string): Promise<string[]> {
	const rows = await db
		.selectFrom('city_instrument')
		.select('text')
		.where('city_id', '=', cityId)
		.orderBy('position')
		.execute();
	return rows.map((row) => row.text);
}

export async function listAllCities(db: Db): Promise<CityRow[]> {
	return db.selectFrom('city').selectAll().orderBy('name').orderBy('id').execute();
}

function filterExpression(db: Db, filter: CityFilter) {
	return (eb: ExpressionBuilder<Tables, 'city'>) => {
		const parts: Expression<SqlBool>[] = [];
		if (filter.q) parts.push(eb.or([containsText(db, 'name', filter.q), containsText(db, 'display_name', filter.q)]));
		if (filter.country) parts.push(eb('country_code', '=', filter.country));
		if (filter.region) parts.push(eb('region', '=', filter.region));
		if (filter.process) parts.push(eb('process', '=', filter.process));
		if (filter.from !== undefined) parts.push(eb('year', '>=', filter.from));
		if (filter.to !== undefined) parts.push(eb('year', '<=', filter.to));
		return eb.and(parts);
	};
}

export async function countMatchingCities(db: Db, filter: CityFilter): Promise<number> {
	const row = await db
		.selectFrom('city')
		.select((eb) => eb.fn.countAll().as('n'))
		.where(filterExpression(db, filter))
		.executeTakeFirstOrThrow();
	return toNumber(row.n);
}

/** The expression a sort orders by first; unknown years sort last in both directions. */
function sortKey(sort: CitySort): RawBuilder<string | number> {
	switch (sort) {
		case 'name':
		case '-name':
			return sql<string>`name`;
		case 'country':
		case '-country':
			return sql<string>`country_code`;
		case 'year':
			return sql<number>`coalesce(year, 10000)`;
		case '-year':
			return sql<number>`coalesce(year, -1)`;
	}
}

/**
 * One page of the directory in keyset order: rows strictly after (or before) the cursor.
 * Fetches one row more than asked to know whether another page follows.
 */
export async function listCitiesPage(
	db: Db,
	filter: CityFilter,
	sort: CitySort,
	page: { after?: CityCursor | undefined; before?: CityCursor | undefined; limit: number }
): Promise<{ rows: (CityRow & { sort_key: string | number })[]; more: boolean }> {
	const key = sortKey(sort);
	const descending = sort.startsWith('-');
	// Paging backwards walks the order in reverse, then flips the page back.
	const backwards = page.before !== undefined;
	const direction = descending !== backwards ? 'desc' : 'asc';
	const cursor = page.before ?? page.after;
	let query = db
		.selectFrom('city')
		.selectAll()
		.select(key.as('sort_key'))
		.where(filterExpression(db, filter));
	if (cursor) {
		const comparator = direction === 'asc' ? sql`>` : sql`<`;
		query = query.where(sql<SqlBool>`(${key}, name, id) ${comparator} (${cursor[0]}, ${cursor[1]}, ${cursor[2]})`);
	}
	const rows = await query
		.orderBy(key, direction)
		.orderBy('name', direction)
		.orderBy('id', direction)
		.limit(page.limit + 1)
		.execute();
	const more = rows.length > page.limit;
	const pageRows = rows.slice(0, page.limit);
	if (backwards) pageRows.reverse();
	return { rows: pageRows, more };
}

export async function countryCounts(db: Db): Promise<{ country_code: string; cities: number }[]> {
	const rows = await db
		.selectFrom('city')
		.select(['country_code', (eb) => eb.fn.countAll().as('cities')])
		.groupBy('country_code')
		.execute();
	return rows.map((row) => ({ country_code: row.country_code, cities: toNumber(row.cities) }));
}

export async function networkCounts(db: Db): Promise<{ cities: number; countries: number; formal: number; earliest: number | null }> {
	const row = await db
		.selectFrom('city')
		.select((eb) => [
			eb.fn.countAll().as('cities'),
			eb.fn.count(eb.ref('country_code')).distinct().as('countries'),
			eb.fn.sum(eb.case().when('process', '=', 'formal').then(1).else(0).end()).as('formal'),
			eb.fn.min('year').as('earliest')
		])
		.executeTakeFirstOrThrow();
	return {
		cities: toNumber(row.cities),
		countries: toNumber(row.countries),
		formal: toNumber(row.formal as number | string | null),
		earliest: row.earliest === null ? null : toNumber(row.earliest)
	};
}

// ——— City administration (admin area) ———

export async function findCityById(db: Db, id: string): Promise<CityRow | undefined> {
	return db.selectFrom('city').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The city row inside a transaction that will change it (locked on PostgreSQL; SQLite serialises writers). */
export async function findCityForUpdate(db: Db, id: string): Promise<CityRow | undefined> {
	const query = db.selectFrom('city').selectAll().where('id', '=', id);
	return (dialectOf(db) === 'postgres' ? query.forUpdate() : query).executeTakeFirst();
}

export async function listCitiesByIds(db: Db, ids: string[]): Promise<CityRow[]> {
	if (ids.length === 0) return [];
	return db.selectFrom('city').selectAll().where('id', 'in', ids).orderBy('name').orderBy('id').execute();
}

/** Changes the profile and counts its version up. */
export async function updateCity(db: Db, id: string, changes: Partial<Omit<CityTable, 'id' | 'slug' | 'created_at' | 'version'>>): Promise<void> {
	await db
		.updateTable('city')
		.set({ ...changes, version: sql`version + 1` })
		.where('id', '=', id)
		.execute();
}

/** The city's id and profile version, by slug. */
export async function findCityVersion(db: Db, slug: string): Promise<{ id: string; version: number } | undefined> {
	const row = await db.selectFrom('city').select(['id', 'version']).where('slug', '=', slug).executeTakeFirst();
	return row ? { id: row.id, version: Number(row.version) } : undefined;
}

/** A text that changes whenever a city is added, removed or edited. */
export async function registryVersion(db: Db): Promise<string> {
	const row = await db
		.selectFrom('city')
		.select((eb) => [eb.fn.countAll().as('n'), eb.fn.sum('version').as('v'), eb.fn.max('updated_at').as('u')])
		.executeTakeFirstOrThrow();
	return `${toNumber(row.n as string | number)}.${toNumber(row.v as string | number | null)}.${row.u ?? ''}`;
}

/** Replaces the city's instruments (JSON LocalizedText each) with the given list, in order. */
export async function replaceInstruments(db: Db, cityId: string, instruments: string[]): Promise<void> {
	await db.deleteFrom('city_instrument').where('city_id', '=', cityId).execute();
	if (instruments.length > 0) {
		await db
			.insertInto('city_instrument')
			.values(instruments.map((text, index) => ({ city_id: cityId, position: index + 1, text })))
			.execute();
	}
}

/** Every city's id, slug, name and country, by name: cross-city reads (joint evaluation). */
export async function listCityRegistry(db: Db): Promise<{ id: string; slug: string; display_name: string; country_code: string }[]> {
	return db.selectFrom('city').select(['id', 'slug', 'display_name', 'country_code']).orderBy('display_name').execute();
}

export async function findCitySlug(db: Db, cityId: string): Promise<string | undefined> {
	return (await db.selectFrom('city').select('slug').where('id', '=', cityId).executeTakeFirst())?.slug;
}

/** The city's districts in their order. */
export async function listDistricts(db: Db, cityId: string) {
	return db.selectFrom('city_district').selectAll().where('city_id', '=', cityId).orderBy('position').execute();
}

/** Replaces the city's districts with these, in this order. */
export async function replaceDistricts(db: Db, cityId: string, rows: readonly { code: string; name: string }[]): Promise<void> {
	await db.deleteFrom('city_district').where('city_id', '=', cityId).execute();
	for (let start = 0; start < rows.length; start += 500) {
		await db
			.insertInto('city_district')
			.values(rows.slice(start, start + 500).map((row, index) => ({ city_id: cityId, code: row.code, name: row.name, position: start + index })))
			.execute();
	}
}
