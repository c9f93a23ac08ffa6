/** Queries of good practices (city-owned: `city_id` first), their tags, links, attachments and adoptions. */
import type { Updateable } from 'kysely';
import type { Db } from '../db/database.ts';
import { toNumber } from '../db/dialect.ts';
import type { Layer, PracticeAdoptionTable, PracticeAttachmentTable, PracticeLinkTable, PracticeRow, PracticeStatus, PracticeTable, PracticeTagTable } from './network.tables.ts';

export async function insertPractices(db: Db, rows: readonly PracticeTable[]): Promise<void> {
	for (let start = 0; start < rows.length; start += 100) await db.insertInto('practice').values(rows.slice(start, start + 100)).execute();
}

export async function findPractice(db: Db, cityId: string, where: { id?: string; ref?: string }): Promise<PracticeRow | undefined> {
	let query = db.selectFrom('practice').selectAll().where('city_id', '=', cityId).where('deleted_at', 'is', null);
	if (where.id) query = query.where('id', '=', where.id);
	if (where.ref) query = query.where('ref', '=', where.ref);
	return query.executeTakeFirst();
}

/** Practices by (city, id) pairs, as search and "similar" find them. */
export async function findPracticesByKeys(db: Db, keys: readonly { cityId: string; practiceId: string }[]): Promise<PracticeRow[]> {
	if (keys.length === 0) return [];
	const byCity = new Map<string, string[]>();
	for (const key of keys) byCity.set(key.cityId, [...(byCity.get(key.cityId) ?? []), key.practiceId]);
	const rows: PracticeRow[] = [];
	for (const [cityId, ids] of byCity) {
		rows.push(...(await db.selectFrom('practice').selectAll().where('city_id', '=', cityId).where('id', 'in', ids).where('deleted_at', 'is', null).execute()));
	}
	return rows;
}

export async function listCityPractices(db: Db, cityId: string, statuses: readonly PracticeStatus[]): Promise<PracticeRow[]> {
	return db
		.selectFrom('practice')
		.selectAll()
		.where('city_id', '=', cityId)
		.where('status', 'in', [...statuses])
		.where('deleted_at', 'is', null)
		.orderBy('updated_at', 'desc')
		.orderBy('id', 'desc')
		.execute();
}

/** Published practices of the layers given, newest first (the knowledge centre without a search). */
export async function listPublished(
	db: Db,
	filter: { layers: readonly Layer[]; cityIds?: readonly string[] | undefined; tag?: string | undefined; since?: string | undefined },
	page: { limit: number; offset: number }
): Promise<{ rows: PracticeRow[]; total: number }> {
	let query = db.selectFrom('practice as p').where('p.status', '=', 'published').where('p.deleted_at', 'is', null).where('p.layer', 'in', [...filter.layers]);
	if (filter.cityIds) query = query.where('p.city_id', 'in', filter.cityIds.length ? [...filter.cityIds] : ['']);
	if (filter.since) query = query.where('p.published_at', '>=', filter.since);
	if (filter.tag) {
		const tag = filter.tag;
		query = query.where((eb) => eb.exists(eb.selectFrom('practice_tag as t').select('t.code').whereRef('t.city_id', '=', 'p.city_id').whereRef('t.practice_id', '=', 'p.id').where('t.code', '=', tag)));
	}
	const [rows, count] = await Promise.all([
		query.selectAll('p').orderBy('p.published_at', 'desc').orderBy('p.id', 'desc').limit(page.limit).offset(page.offset).execute(),
		query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
	]);
	return { rows, total: toNumber(count.n as number | string) };
}

export async function updatePractice(db: Db, cityId: string, id: string, version: number, values: Updateable<PracticeTable>): Promise<boolean> {
	const result = await db
		.updateTable('practice')
		.set({ ...values, version: version + 1 })
		.where('city_id', '=', cityId)
		.where('id', '=', id)
		.where('version', '=', version)
		.where('deleted_at', 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

export async function listTags(db: Db, cityId: string, practiceIds: readonly string[]) {
	if (practiceIds.length === 0) return [];
	return db.selectFrom('practice_tag').selectAll().where('city_id', '=', cityId).where('practice_id', 'in', [...practiceIds]).orderBy('code').execute();
}

export async function replaceTags(db: Db, cityId: string, practiceId: string, tags: readonly PracticeTagTable[]): Promise<void> {
	await db.deleteFrom('practice_tag').where('city_id', '=', cityId).where('practice_id', '=', practiceId).execute();
	await insertTags(db, tags);
}

export async function insertTags(db: Db, tags: readonly PracticeTagTable[]): Promise<void> {
	for (let start = 0; start < tags.length; start += 300) await db.insertInto('practice_tag').values(tags.slice(start, start + 300)).execute();
}

export async function listLinks(db: Db, cityId: string, practiceId: string) {
	return db.selectFrom('practice_link').selectAll().where('city_id', '=', cityId).where('practice_id', '=', practiceId).orderBy('position').execute();
}

export async function replaceLinks(db: Db, cityId: string, practiceId: string, links: readonly PracticeLinkTable[]): Promise<void> {
	await db.deleteFrom('practice_link').where('city_id', '=', cityId).where('practice_id', '=', practiceId).execute();
	if (links.length) await db.insertInto('practice_link').values([...links]).execute();
}

export async function listAttachments(db: Db, cityId: string, practiceId: string) {
	return db.selectFrom('practice_attachment').selectAll().where('city_id', '=', cityId).where('practice_id', '=', practiceId).orderBy('created_at').orderBy('id').execute();
}

export async function findAttachment(db: Db, cityId: string, practiceId: string, id: string) {
	return db.selectFrom('practice_attachment').selectAll().where('city_id', '=', cityId).where('practice_id', '=', practiceId).where('id', '=', id).executeTakeFirst();
}

export async function insertAttachments(db: Db, rows: readonly PracticeAttachmentTable[]): Promise<void> {
	if (rows.length) await db.insertInto('practice_attachment').values([...rows]).execute();
}

export async function deleteAttachment(db: Db, cityId: string, practiceId: string, id: string): Promise<number> {
	const result = await db.deleteFrom('practice_attachment').where('city_id', '=', cityId).where('practice_id', '=', practiceId).where('id', '=', id).executeTakeFirst();
	return Number(result.numDeletedRows);
}

/** Published practices per city (pairing suggestions: what a mentor has shared). */
export async function practiceCounts(db: Db, cityIds: readonly string[]): Promise<Map<string, number>> {
	if (cityIds.length === 0) return new Map();
	const rows = await db
		.selectFrom('practice')
		.select(['city_id', (eb) => eb.fn.countAll().as('n')])
		.where('city_id', 'in', [...cityIds])
		.where('status', '=', 'published')
		.where('deleted_at', 'is', null)
		.groupBy('city_id')
		.execute();
	return new Map(rows.map((row) => [row.city_id, toNumber(row.n as number | string)]));
}

/** The rights (UDHR codes) each city's published practices are tagged with. */
export async function practiceRightsOf(db: Db, cityIds: readonly string[]): Promise<Map<string, Set<string>>> {
	const rights = new Map<string, Set<string>>();
	if (cityIds.length === 0) return rights;
	const rows = await db
		.selectFrom('practice_tag as t')
		.innerJoin('practice as p', (join) => join.onRef('p.city_id', '=', 't.city_id').onRef('p.id', '=', 't.practice_id'))
		.select(['t.city_id', 't.code'])
		.where('t.city_id', 'in', [...cityIds])
		.where('t.code', 'like', 'udhr:%')
		.where('p.status', '=', 'published')
		.where('p.deleted_at', 'is', null)
		.execute();
	for (const row of rows) rights.set(row.city_id, (rights.get(row.city_id) ?? new Set()).add(row.code));
	return rights;
}

// ——— Adoptions ———

export async function insertAdoption(db: Db, row: PracticeAdoptionTable): Promise<void> {
	await db.insertInto('practice_adoption').values(row).execute();
}

export async function findAdoption(db: Db, cityId: string, id: string) {
	return db.selectFrom('practice_adoption').selectAll().where('city_id', '=', cityId).where('id', '=', id).executeTakeFirst();
}

export async function findActiveAdoption(db: Db, cityId: string, practiceCityId: string, practiceId: string) {
	return db
		.selectFrom('practice_adoption')
		.selectAll()
		.where('city_id', '=', cityId)
		.where('practice_city_id', '=', practiceCityId)
		.where('practice_id', '=', practiceId)
		.where('status', '=', 'active')
		.executeTakeFirst();
}

/** The adoptions of a practice (by any city), oldest first. */
export async function listAdoptionsOf(db: Db, practiceCityId: string, practiceId: string) {
	return db
		.selectFrom('practice_adoption')
		.selectAll()
		.where('practice_city_id', '=', practiceCityId)
		.where('practice_id', '=', practiceId)
		.where('status', '=', 'active')
		.orderBy('created_at')
		.execute();
}

/** What a city adopted from others. */
export async function listAdoptionsBy(db: Db, cityId: string) {
	return db.selectFrom('practice_adoption').selectAll().where('city_id', '=', cityId).where('status', '=', 'active').orderBy('created_at', 'desc').execute();
}

export async function updateAdoption(db: Db, cityId: string, id: string, version: number, values: Updateable<PracticeAdoptionTable>): Promise<boolean> {
	const result = await db
		.updateTable('practice_adoption')
		.set({ ...values, version: version + 1 })
		.where('city_id', '=', cityId)
		.where('id', '=', id)
		.where('version', '=', version)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}
