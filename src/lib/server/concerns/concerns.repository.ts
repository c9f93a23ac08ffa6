/** The concerns module's SQL: cases, messages, counters, tallies, API keys and Open311 tokens. */
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { ConcernApiKeyTable, ConcernCaseTable, ConcernMessageTable } from './concerns.tables.ts';

export type CaseRow = ConcernCaseTable;
export type MessageRow = ConcernMessageTable;

export async function insertCase(db: Db, row: ConcernCaseTable): Promise<void> {
	await db.insertInto('concern_case').values(row).execute();
}

export async function findCase(db: Db, cityId: string, id: string): Promise<CaseRow | undefined> {
	return db.selectFrom('concern_case').selectAll().where('city_id', '=', cityId).where('id', '=', id).executeTakeFirst();
}

export async function findCaseByRef(db: Db, cityId: string, ref: string): Promise<CaseRow | undefined> {
	return db.selectFrom('concern_case').selectAll().where('city_id', '=', cityId).where('ref', '=', ref).executeTakeFirst();
}

export async function findCaseByTracking(db: Db, cityId: string, trackingHash: string): Promise<CaseRow | undefined> {
	return db.selectFrom('concern_case').selectAll().where('city_id', '=', cityId).where('tracking_hash', '=', trackingHash).executeTakeFirst();
}

/** A versioned change: false when the row is not at `version` any more. */
export async function updateCase(db: Db, cityId: string, id: string, version: number, columns: Partial<ConcernCaseTable>): Promise<boolean> {
	const result = await db
		.updateTable('concern_case')
		.set({ ...columns, version: version + 1 })
		.where('city_id', '=', cityId)
		.where('id', '=', id)
		.where('version', '=', version)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

/** The next reference number of the year (row-locked in PostgreSQL, the one writer in SQLite). */
export async function nextRefNumber(db: Db, cityId: string, year: number): Promise<number> {
	await db.insertInto('concern_counter').values({ city_id: cityId, year, last: 0 }).onConflict((conflict) => conflict.columns(['city_id', 'year']).doNothing()).execute();
	const row = await db
		.updateTable('concern_counter')
		.set({ last: sql<number>`last + 1` })
		.where('city_id', '=', cityId)
		.where('year', '=', year)
		.returning('last')
		.executeTakeFirstOrThrow();
	return Number(row.last);
}

export async function insertMessage(db: Db, row: ConcernMessageTable): Promise<void> {
	await db.insertInto('concern_message').values(row).execute();
}

export async function listMessages(db: Db, cityId: string, caseId: string, kinds?: readonly string[]): Promise<MessageRow[]> {
	let query = db.selectFrom('concern_message').selectAll().where('city_id', '=', cityId).where('case_id', '=', caseId);
	if (kinds) query = query.where('kind', 'in', kinds as ConcernMessageTable['kind'][]);
	return query.orderBy('created_at').orderBy('id').execute();
}

export async function updateMessageBody(db: Db, cityId: string, id: string, bodyEnc: string | null, keyId: string | null): Promise<void> {
	await db.updateTable('concern_message').set({ body_enc: bodyEnc, key_id: keyId }).where('city_id', '=', cityId).where('id', '=', id).execute();
}

export async function countRecentMessages(db: Db, cityId: string, caseId: string, kind: string, since: string): Promise<number> {
	const row = await db
		.selectFrom('concern_message')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('city_id', '=', cityId)
		.where('case_id', '=', caseId)
		.where('kind', '=', kind as ConcernMessageTable['kind'])
		.where('created_at', '>=', since)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export interface TallyChange {
	dimension: string;
	key: string;
	status: string;
	delta: number;
}

/** Adds each change to its count (creating the row at the first case). */
export async function bumpTallies(db: Db, cityId: string, changes: readonly TallyChange[]): Promise<void> {
	for (const change of changes) {
		if (change.delta === 0) continue;
		await db
			.insertInto('concern_tally')
			.values({ city_id: cityId, dimension: change.dimension, key: change.key, status: change.status, count: change.delta })
			.onConflict((conflict) => conflict.columns(['city_id', 'dimension', 'key', 'status']).doUpdateSet({ count: sql<number>`concern_tally.count + ${change.delta}` }))
			.execute();
	}
}

export async function readTallies(db: Db, cityId: string): Promise<{ dimension: string; key: string; status: string; count: number }[]> {
	const rows = await db.selectFrom('concern_tally').select(['dimension', 'key', 'status', 'count']).where('city_id', '=', cityId).where('count', '>', 0).execute();
	return rows.map((row) => ({ ...row, count: Number(row.count) }));
}

export interface QueueFilter {
	open: boolean;
	handlerId?: string | undefined;
	category?: string | undefined;
	status?: string | undefined;
	overdueBefore?: string | undefined;
	/** Keyset: after this (due_on, id). */
	after?: { dueOn: string; id: string } | undefined;
}

/** Cases for the triage queue, by deadline (the queue index), `limit` at most. */
export async function listQueue(db: Db, cityId: string, filter: QueueFilter, limit: number) {
	let query = db
		.selectFrom('concern_case')
		.select(['id', 'ref', 'category', 'district', 'status', 'received_at', 'due_on', 'handler_id', 'referred_to', 'appealed_at', 'source', 'demo', 'erased_at'])
		.where('city_id', '=', cityId)
		.where('is_open', '=', filter.open ? 1 : 0);
	if (filter.handlerId) query = query.where('handler_id', '=', filter.handlerId);
	if (filter.category) query = query.where('category', '=', filter.category as ConcernCaseTable['category']);
	if (filter.status) query = query.where('status', '=', filter.status as ConcernCaseTable['status']);
	if (filter.overdueBefore) query = query.where('due_on', '<', filter.overdueBefore);
	if (filter.after) {
		const { dueOn, id } = filter.after;
		query = query.where((eb) => eb.or([eb('due_on', '>', dueOn), eb.and([eb('due_on', '=', dueOn), eb('id', '>', id)])]));
	}
	return query.orderBy('due_on').orderBy('id').limit(limit).execute();
}

export interface ListedFilter {
	from: string;
	to: string;
	categories?: readonly string[] | undefined;
	open?: boolean | undefined;
	limit: number;
}

const PUBLIC_COLUMNS = ['id', 'ref', 'category', 'status', 'is_open', 'received_at', 'updated_at', 'closed_at', 'due_on', 'referred_to'] as const;

/** Publicly listed cases received in a time window (Open311's GET requests), newest first. */
export async function listListed(db: Db, cityId: string, filter: ListedFilter) {
	let query = db
		.selectFrom('concern_case')
		.select(PUBLIC_COLUMNS)
		.where('city_id', '=', cityId)
		.where('public_listing', '=', 1)
		.where('received_at', '>=', filter.from)
		.where('received_at', '<=', filter.to);
	if (filter.categories?.length) query = query.where('category', 'in', filter.categories as ConcernCaseTable['category'][]);
	if (filter.open !== undefined) query = query.where('is_open', '=', filter.open ? 1 : 0);
	return query.orderBy('received_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
}

export async function findListedByRefs(db: Db, cityId: string, refs: readonly string[]) {
	if (refs.length === 0) return [];
	return db.selectFrom('concern_case').select(PUBLIC_COLUMNS).where('city_id', '=', cityId).where('public_listing', '=', 1).where('ref', 'in', refs).orderBy('received_at', 'desc').execute();
}

export type PublicCaseRow = Awaited<ReturnType<typeof listListed>>[number];

export async function countLinked(db: Db, cityId: string, targetType: string, targetId: string): Promise<number> {
	const row = await db
		.selectFrom('concern_case')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('city_id', '=', cityId)
		.where('linked_type', '=', targetType)
		.where('linked_id', '=', targetId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

// ——— API keys and tokens ———

export async function insertApiKey(db: Db, row: ConcernApiKeyTable): Promise<void> {
	await db.insertInto('concern_api_key').values(row).execute();
}

export async function listApiKeys(db: Db, cityId: string): Promise<ConcernApiKeyTable[]> {
	return db.selectFrom('concern_api_key').selectAll().where('city_id', '=', cityId).orderBy('created_at', 'desc').execute();
}

export async function findApiKeyByHash(db: Db, cityId: string, keyHash: string): Promise<ConcernApiKeyTable | undefined> {
	return db.selectFrom('concern_api_key').selectAll().where('city_id', '=', cityId).where('key_hash', '=', keyHash).executeTakeFirst();
}

export async function revokeApiKey(db: Db, cityId: string, id: string, at: string): Promise<boolean> {
	const result = await db.updateTable('concern_api_key').set({ revoked_at: at }).where('city_id', '=', cityId).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

export async function touchApiKey(db: Db, cityId: string, id: string, at: string): Promise<void> {
	await db.updateTable('concern_api_key').set({ last_used_at: at }).where('city_id', '=', cityId).where('id', '=', id).execute();
}

export async function insertToken(db: Db, row: { city_id: string; token: string; case_id: string; created_at: string }): Promise<void> {
	await db.insertInto('concern_token').values(row).execute();
}

export async function findToken(db: Db, cityId: string, token: string): Promise<{ ref: string } | undefined> {
	return db
		.selectFrom('concern_token')
		.innerJoin('concern_case', (join) => join.onRef('concern_case.city_id', '=', 'concern_token.city_id').onRef('concern_case.id', '=', 'concern_token.case_id'))
		.select('concern_case.ref')
		.where('concern_token.city_id', '=', cityId)
		.where('concern_token.token', '=', token)
		.executeTakeFirst();
}

// ——— Retention and key rotation ———

/** The cities that have cases (the scheduled jobs go city by city). */
export async function listCaseCities(db: Db): Promise<string[]> {
	const rows = await db.selectFrom('concern_counter').select('city_id').distinct().execute();
	return rows.map((row) => row.city_id);
}

/** Closed cases whose personal data is due for erasure. */
export async function listErasable(db: Db, cityId: string, closedBefore: string, limit: number): Promise<{ id: string; ref: string }[]> {
	return db
		.selectFrom('concern_case')
		.select(['id', 'ref'])
		.where('city_id', '=', cityId)
		.where('erased_at', 'is', null)
		.where('closed_at', '<', closedBefore)
		.where('is_open', '=', 0)
		.orderBy('closed_at')
		.limit(limit)
		.execute();
}

export async function eraseMessages(db: Db, cityId: string, caseId: string): Promise<void> {
	await db.updateTable('concern_message').set({ body_enc: null, key_id: null }).where('city_id', '=', cityId).where('case_id', '=', caseId).execute();
}

/** Cases with sealed data under another key than the current one. */
export async function listSealedWithOtherKey(db: Db, cityId: string, keyId: string, limit: number): Promise<CaseRow[]> {
	return db.selectFrom('concern_case').selectAll().where('city_id', '=', cityId).where('key_id', '<>', keyId).where('key_id', 'is not', null).limit(limit).execute();
}

export async function countSealedWithKey(db: Db, cityId: string, keyId: string): Promise<number> {
	const row = await db
		.selectFrom('concern_case')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('city_id', '=', cityId)
		.where('key_id', '=', keyId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}
