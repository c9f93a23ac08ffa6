/** Comments on a draft plan's actions, their supports, and the clusters the city answers. */
import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/database.ts';
import { updateVersioned } from '../db/versioned.ts';
import type { CommentClusterTable, CommentTable } from './participation.tables.ts';

export async function insertComment(db: Db, row: Insertable<CommentTable>): Promise<void> {
	await db.insertInto('consultation_comment').values(row).execute();
}

export async function findComment(db: Db, cityId: string, id: string) {
	return db.selectFrom('consultation_comment').selectAll().where('city_id', '=', cityId).where('id', '=', id).executeTakeFirst();
}

export async function listCommentRows(db: Db, cityId: string, processId: string, actionId: string) {
	return db.selectFrom('consultation_comment').selectAll().where('city_id', '=', cityId).where('process_id', '=', processId).where('action_id', '=', actionId).orderBy('id').execute();
}

/** Published top-level comments per action of the process (the consultation's overview). */
export async function countCommentsByAction(db: Db, cityId: string, processId: string): Promise<Map<string, number>> {
	const rows = await db
		.selectFrom('consultation_comment')
		.select((eb) => ['action_id', eb.fn.countAll<number>().as('count')])
		.where('city_id', '=', cityId)
		.where('process_id', '=', processId)
		.where('status', '=', 'published')
		.groupBy('action_id')
		.execute();
	return new Map(rows.map((row) => [row.action_id, Number(row.count)]));
}

export async function updateComment(db: Db, cityId: string, id: string, values: Updateable<CommentTable>): Promise<void> {
	await db.updateTable('consultation_comment').set(values).where('city_id', '=', cityId).where('id', '=', id).execute();
}

export async function setCluster(db: Db, cityId: string, processId: string, actionId: string, commentIds: readonly string[], clusterId: string): Promise<number> {
	if (commentIds.length === 0) return 0;
	const result = await db
		.updateTable('consultation_comment')
		.set({ cluster_id: clusterId })
		.where('city_id', '=', cityId)
		.where('process_id', '=', processId)
		.where('action_id', '=', actionId)
		.where('parent_id', 'is', null)
		.where('id', 'in', commentIds)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

export async function insertCommentSupport(db: Db, cityId: string, commentId: string, personId: string, at: string): Promise<boolean> {
	const result = await db
		.insertInto('comment_support')
		.values({ city_id: cityId, comment_id: commentId, person_id: personId, created_at: at })
		.onConflict((oc) => oc.columns(['city_id', 'comment_id', 'person_id']).doNothing())
		.executeTakeFirst();
	if (Number(result.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
	await db
		.updateTable('consultation_comment')
		.set((eb) => ({ supports_count: eb('supports_count', '+', 1) }))
		.where('city_id', '=', cityId)
		.where('id', '=', commentId)
		.execute();
	return true;
}

export async function commentsSupportedBy(db: Db, cityId: string, personId: string, commentIds: readonly string[]): Promise<Set<string>> {
	if (commentIds.length === 0) return new Set();
	const rows = await db.selectFrom('comment_support').select('comment_id').where('city_id', '=', cityId).where('person_id', '=', personId).where('comment_id', 'in', commentIds).execute();
	return new Set(rows.map((row) => row.comment_id));
}

export async function insertCluster(db: Db, row: Insertable<CommentClusterTable>): Promise<void> {
	await db.insertInto('comment_cluster').values(row).execute();
}

export function updateCluster(db: Db, cityId: string, id: string, version: number, values: Updateable<CommentClusterTable>): Promise<boolean> {
	return updateVersioned(db, 'comment_cluster', cityId, id, version, values);
}

export async function findCluster(db: Db, cityId: string, id: string) {
	return db.selectFrom('comment_cluster').selectAll().where('city_id', '=', cityId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function listClusterRows(db: Db, cityId: string, processId: string, actionId?: string) {
	let query = db.selectFrom('comment_cluster').selectAll().where('city_id', '=', cityId).where('process_id', '=', processId).where('deleted_at', 'is', null);
	if (actionId) query = query.where('action_id', '=', actionId);
	return query.orderBy('ref').execute();
}
