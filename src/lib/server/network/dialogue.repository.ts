/** Queries of the dialogue: threads, posts, follows and the digests sent. */
import { sql, type Updateable } from 'kysely';
import type { Db } from '../db/database.ts';
import { toNumber } from '../db/dialect.ts';
import type { FollowTable, Layer, ThreadPostTable, ThreadTable } from './network.tables.ts';

export async function insertThread(db: Db, row: ThreadTable): Promise<void> {
	await db.insertInto('thread').values(row).execute();
}

export async function findThread(db: Db, where: { id?: string; ref?: string }) {
	let query = db.selectFrom('thread').selectAll();
	if (where.id) query = query.where('id', '=', where.id);
	if (where.ref) query = query.where('ref', '=', where.ref);
	return query.executeTakeFirst();
}

export interface ThreadFilter {
	/** Layers readable by the viewer (participants' threads are asked for by pairing). */
	layers: readonly Layer[];
	/** Pairings whose threads the viewer takes part in. */
	pairingIds?: readonly string[];
	topic?: string | undefined;
	pairingId?: string | undefined;
	practice?: { cityId: string; id: string } | undefined;
}

export async function listThreads(db: Db, filter: ThreadFilter, page: { limit: number; offset: number }) {
	let query = db.selectFrom('thread');
	query = query.where((eb) =>
		eb.or([eb('layer', 'in', [...filter.layers]), ...(filter.pairingIds?.length ? [eb.and([eb('layer', '=', 'participants'), eb('pairing_id', 'in', [...filter.pairingIds])])] : [])])
	);
	if (filter.topic) query = query.where('topic', '=', filter.topic);
	if (filter.pairingId) query = query.where('pairing_id', '=', filter.pairingId);
	if (filter.practice) query = query.where('practice_city_id', '=', filter.practice.cityId).where('practice_id', '=', filter.practice.id);
	const [rows, count] = await Promise.all([
		query.selectAll().orderBy('last_post_at', 'desc').orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute(),
		query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
	]);
	return { rows, total: toNumber(count.n as number | string) };
}

export async function updateThread(db: Db, id: string, values: Updateable<ThreadTable>): Promise<void> {
	await db.updateTable('thread').set(values).where('id', '=', id).execute();
}

export async function insertPost(db: Db, row: ThreadPostTable): Promise<void> {
	await db.insertInto('thread_post').values(row).execute();
	await db
		.updateTable('thread')
		.set({ post_count: sql`post_count + 1`, last_post_at: row.created_at, updated_at: row.created_at })
		.where('id', '=', row.thread_id)
		.execute();
}

export async function listPosts(db: Db, threadId: string) {
	return db.selectFrom('thread_post').selectAll().where('thread_id', '=', threadId).orderBy('created_at').orderBy('id').execute();
}

export async function findPost(db: Db, threadId: string, postId: string) {
	return db.selectFrom('thread_post').selectAll().where('thread_id', '=', threadId).where('id', '=', postId).executeTakeFirst();
}

export async function updatePost(db: Db, threadId: string, postId: string, values: Updateable<ThreadPostTable>): Promise<boolean> {
	const result = await db.updateTable('thread_post').set(values).where('thread_id', '=', threadId).where('id', '=', postId).executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

/** Reported posts not yet hidden, with their threads (the moderation queue). */
export async function listReportedPosts(db: Db, limit = 100) {
	return db
		.selectFrom('thread_post as p')
		.innerJoin('thread as t', 't.id', 'p.thread_id')
		.select(['p.thread_id', 'p.id', 'p.body', 'p.lang', 'p.reports', 'p.author_role', 'p.author_city_id', 'p.created_at', 't.ref as thread_ref', 't.title as thread_title'])
		.where('p.reports', '>', 0)
		.where('p.hidden_at', 'is', null)
		.orderBy('p.reports', 'desc')
		.orderBy('p.created_at', 'desc')
		.limit(limit)
		.execute();
}

/** Posts written in a time window in these threads or topics (the weekly digest). */
export async function postsBetween(db: Db, from: string, to: string, scope: { threadIds: readonly string[]; topics: readonly string[] }) {
	if (scope.threadIds.length === 0 && scope.topics.length === 0) return [];
	return db
		.selectFrom('thread_post as p')
		.innerJoin('thread as t', 't.id', 'p.thread_id')
		.select(['p.thread_id', 'p.id', 'p.body', 'p.author_role', 'p.author_city_id', 'p.author_id', 'p.created_at', 't.ref as thread_ref', 't.title as thread_title', 't.layer', 't.pairing_id', 't.topic'])
		.where('p.created_at', '>=', from)
		.where('p.created_at', '<', to)
		.where('p.hidden_at', 'is', null)
		.where((eb) => eb.or([...(scope.threadIds.length ? [eb('t.id', 'in', [...scope.threadIds])] : []), ...(scope.topics.length ? [eb('t.topic', 'in', [...scope.topics])] : [])]))
		.orderBy('p.created_at')
		.execute();
}

export async function insertFollow(db: Db, row: FollowTable): Promise<void> {
	const exists = await db.selectFrom('network_follow').select('person_id').where('person_id', '=', row.person_id).where('target_type', '=', row.target_type).where('target', '=', row.target).executeTakeFirst();
	if (!exists) await db.insertInto('network_follow').values(row).execute();
}

export async function deleteFollow(db: Db, personId: string, targetType: FollowTable['target_type'], target: string): Promise<void> {
	await db.deleteFrom('network_follow').where('person_id', '=', personId).where('target_type', '=', targetType).where('target', '=', target).execute();
}

export async function listFollows(db: Db, personId: string) {
	return db.selectFrom('network_follow').selectAll().where('person_id', '=', personId).orderBy('created_at').execute();
}

/** People who follow anything and got no digest for this week yet, a batch at a time. */
export async function followersWithoutDigest(db: Db, week: string, limit: number): Promise<string[]> {
	const rows = await db
		.selectFrom('network_follow as f')
		.select('f.person_id')
		.distinct()
		.where((eb) => eb.not(eb.exists(eb.selectFrom('digest_sent as d').select('d.person_id').whereRef('d.person_id', '=', 'f.person_id').where('d.week', '=', week))))
		.orderBy('f.person_id')
		.limit(limit)
		.execute();
	return rows.map((row) => row.person_id);
}

/** Claims the week's digest for a person; false when it was already claimed (sent). */
export async function claimDigest(db: Db, personId: string, week: string, items: number, at: string): Promise<boolean> {
	const existing = await db.selectFrom('digest_sent').select('person_id').where('person_id', '=', personId).where('week', '=', week).executeTakeFirst();
	if (existing) return false;
	await db.insertInto('digest_sent').values({ person_id: personId, week, items, sent_at: at }).execute();
	return true;
}
