/** Who follows what, and the notifications they get. Every function takes the city explicitly. */
import type { Db } from '../db/database.ts';
import type { FollowTarget, NotificationTable } from './participation.tables.ts';

export async function insertFollow(db: Db, cityId: string, personId: string, targetType: FollowTarget, targetId: string, at: string): Promise<boolean> {
	const result = await db
		.insertInto('follow')
		.values({ city_id: cityId, person_id: personId, target_type: targetType, target_id: targetId, mail: 1, created_at: at })
		.onConflict((oc) => oc.columns(['city_id', 'person_id', 'target_type', 'target_id']).doNothing())
		.executeTakeFirst();
	return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function deleteFollow(db: Db, cityId: string, personId: string, targetType: FollowTarget, targetId: string): Promise<boolean> {
	const result = await db.deleteFrom('follow').where('city_id', '=', cityId).where('person_id', '=', personId).where('target_type', '=', targetType).where('target_id', '=', targetId).executeTakeFirst();
	return Number(result.numDeletedRows) === 1;
}

export async function findFollow(db: Db, cityId: string, personId: string, targetType: FollowTarget, targetId: string) {
	return db.selectFrom('follow').selectAll().where('city_id', '=', cityId).where('person_id', '=', personId).where('target_type', '=', targetType).where('target_id', '=', targetId).executeTakeFirst();
}

/** Turns mail on or off for one followed item, or (no target) for everything the person follows in the city. */
export async function setFollowMail(db: Db, cityId: string, personId: string, mail: boolean, target?: { type: FollowTarget; id: string }): Promise<void> {
	let query = db.updateTable('follow').set({ mail: mail ? 1 : 0 }).where('city_id', '=', cityId).where('person_id', '=', personId);
	if (target) query = query.where('target_type', '=', target.type).where('target_id', '=', target.id);
	await query.execute();
}

export async function listFollowers(db: Db, cityId: string, targetType: FollowTarget, targetId: string) {
	return db.selectFrom('follow').select(['person_id', 'mail']).where('city_id', '=', cityId).where('target_type', '=', targetType).where('target_id', '=', targetId).execute();
}

export async function countFollowers(db: Db, cityId: string, targetType: FollowTarget, targetId: string): Promise<number> {
	const row = await db
		.selectFrom('follow')
		.select((eb) => eb.fn.countAll<number>().as('count'))
		.where('city_id', '=', cityId)
		.where('target_type', '=', targetType)
		.where('target_id', '=', targetId)
		.executeTakeFirstOrThrow();
	return Number(row.count);
}

export async function listFollowsOf(db: Db, cityId: string, personId: string) {
	return db.selectFrom('follow').selectAll().where('city_id', '=', cityId).where('person_id', '=', personId).orderBy('created_at', 'desc').execute();
}

export async function insertNotifications(db: Db, rows: readonly NotificationTable[]): Promise<void> {
	for (let start = 0; start < rows.length; start += 500) await db.insertInto('notification').values(rows.slice(start, start + 500)).execute();
}

export async function listNotificationRows(db: Db, cityId: string, personId: string, limit: number, beforeId?: string) {
	let query = db.selectFrom('notification').selectAll().where('city_id', '=', cityId).where('person_id', '=', personId);
	if (beforeId) query = query.where('id', '<', beforeId);
	return query.orderBy('id', 'desc').limit(limit).execute();
}

export async function countUnread(db: Db, cityId: string, personId: string): Promise<number> {
	const row = await db
		.selectFrom('notification')
		.select((eb) => eb.fn.countAll<number>().as('count'))
		.where('city_id', '=', cityId)
		.where('person_id', '=', personId)
		.where('read_at', 'is', null)
		.executeTakeFirstOrThrow();
	return Number(row.count);
}

export async function markRead(db: Db, cityId: string, personId: string, at: string): Promise<number> {
	const result = await db.updateTable('notification').set({ read_at: at }).where('city_id', '=', cityId).where('person_id', '=', personId).where('read_at', 'is', null).executeTakeFirst();
	return Number(result.numUpdatedRows);
}

/** Everything a person's notifications and follows hold in a city (their data download, their account's deletion). */
export async function deletePersonFollows(db: Db, cityId: string, personId: string): Promise<void> {
	await db.deleteFrom('follow').where('city_id', '=', cityId).where('person_id', '=', personId).execute();
	await db.deleteFrom('notification').where('city_id', '=', cityId).where('person_id', '=', personId).execute();
}
