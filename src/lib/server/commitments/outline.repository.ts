/**
 * Queries for plans of thousands of actions: a plan's action outline (the few columns its tree,
 * roll-up and counts need, without the texts) and the titles of just the actions a page shows.
 */
import type { Db } from '../db/database.ts';

/** Live actions of a plan, outline columns only, in sibling order. */
export async function listActionOutline(db: Db, cityId: string, planId: string) {
	return db
		.selectFrom('action')
		.select(['id', 'ref', 'parent_id', 'commitment_id', 'status', 'progress', 'weight', 'due_date', 'position'])
		.where('city_id', '=', cityId)
		.where('plan_id', '=', planId)
		.where('deleted_at', 'is', null)
		.orderBy('position')
		.orderBy('id')
		.execute();
}

/** Titles of some live actions of the city (in chunks: an `in` list stays small). */
export async function listActionTitles(db: Db, cityId: string, ids: readonly string[]): Promise<{ id: string; title: string }[]> {
	const rows: { id: string; title: string }[] = [];
	for (let start = 0; start < ids.length; start += 500) {
		rows.push(
			...(await db
				.selectFrom('action')
				.select(['id', 'title'])
				.where('city_id', '=', cityId)
				.where('id', 'in', ids.slice(start, start + 500))
				.where('deleted_at', 'is', null)
				.execute())
		);
	}
	return rows;
}
