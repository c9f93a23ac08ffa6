/**
 * Proposals, their tags, supports and flags, and the per-person counters. The support writes are
 * single statements whose conditions carry the rules (one person one support by the primary key,
 * the per-person limit in the counter's update), so they hold under any concurrency.
 */
import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db } from '../db/database.ts';
import { containsText } from '../db/dialect.ts';
import type { ProposalStatus, ProposalTable } from './participation.tables.ts';

export async function insertProposal(db: Db, row: Insertable<ProposalTable>, tags: readonly string[]): Promise<void> {
	await db.insertInto('proposal').values(row).execute();
	if (tags.length) await db.insertInto('proposal_tag').values(tags.map((tag) => ({ city_id: row.city_id, proposal_id: row.id, tag }))).execute();
}

export async function findProposal(db: Db, cityId: string, id: string) {
	return db.selectFrom('proposal').selectAll().where('city_id', '=', cityId).where('id', '=', id).executeTakeFirst();
}

export async function findProposalByRef(db: Db, cityId: string, ref: string) {
	return db.selectFrom('proposal').selectAll().where('city_id', '=', cityId).where('ref', '=', ref).executeTakeFirst();
}

export async function listTags(db: Db, cityId: string, proposalIds: readonly string[]): Promise<Map<string, string[]>> {
	const map = new Map<string, string[]>();
	if (proposalIds.length === 0) return map;
	const rows = await db.selectFrom('proposal_tag').select(['proposal_id', 'tag']).where('city_id', '=', cityId).where('proposal_id', 'in', proposalIds).orderBy('tag').execute();
	for (const row of rows) {
		const list = map.get(row.proposal_id);
		if (list) list.push(row.tag);
		else map.set(row.proposal_id, [row.tag]);
	}
	return map;
}

/** A versioned change of the proposal's own fields (not its support count). */
export async function updateProposal(db: Db, cityId: string, id: string, version: number, values: Updateable<ProposalTable>): Promise<boolean> {
	const result = await db
		.updateTable('proposal')
		.set({ ...values, version: version + 1 })
		.where('city_id', '=', cityId)
		.where('id', '=', id)
		.where('version', '=', version)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

export type ProposalSort = 'supports' | 'newest' | 'random';
export type ProposalState = 'open' | 'qualified' | 'unanswered' | 'accepted' | 'rejected' | 'in_plan' | 'withdrawn';

export interface ProposalQuery {
	processId: string;
	district?: string | undefined;
	tag?: string | undefined;
	state?: ProposalState | undefined;
	search?: string | undefined;
	sort: ProposalSort;
	/** The random order's starting point (0 … 2^31 − 1). */
	seed?: number | undefined;
	/** Keyset: the last row of the previous page. */
	after?: { supports?: number; id: string; shuffle?: number; wrapped?: boolean } | undefined;
	limit: number;
}

const LIST_COLUMNS = ['id', 'ref', 'title', 'body', 'lang', 'district', 'status', 'supports_count', 'shuffle', 'qualified_at', 'answer', 'action_id', 'author_role', 'created_at'] as const;

function filtered(db: Db, cityId: string, query: ProposalQuery) {
	const status: ProposalStatus = query.state === 'withdrawn' ? 'withdrawn' : 'published';
	let q = db.selectFrom('proposal').select(LIST_COLUMNS).where('city_id', '=', cityId).where('process_id', '=', query.processId).where('status', '=', status);
	if (query.district) q = q.where('district', '=', query.district);
	if (query.tag) {
		const tag = query.tag;
		q = q.where((eb) =>
			eb.exists(
				eb
					.selectFrom('proposal_tag')
					.select(sql.lit(1).as('one'))
					.where('proposal_tag.city_id', '=', cityId)
					.whereRef('proposal_tag.proposal_id', '=', 'proposal.id')
					.where('proposal_tag.tag', '=', tag)
			)
		);
	}
	switch (query.state) {
		case 'qualified':
			q = q.where('qualified_at', 'is not', null);
			break;
		case 'unanswered':
			q = q.where('qualified_at', 'is not', null).where('answer', 'is', null);
			break;
		case 'open':
			q = q.where('answer', 'is', null);
			break;
		case 'accepted':
		case 'rejected':
		case 'in_plan':
			q = q.where('answer', '=', query.state);
			break;
	}
	if (query.search) {
		const text = query.search;
		q = q.where((eb) => eb.or([containsText(db, 'title', text), containsText(db, 'body', text), eb('ref', '=', text.toUpperCase())]));
	}
	return q;
}

export type ProposalListRow = Awaited<ReturnType<typeof listProposalRows>>[number];

/** One page of a process's proposals (limit + 1 rows: the extra one says there is a next page). */
export async function listProposalRows(db: Db, cityId: string, query: ProposalQuery) {
	const after = query.after;
	if (query.sort === 'supports') {
		let q = filtered(db, cityId, query);
		if (after) q = q.where((eb) => eb(eb.refTuple('supports_count', 'id'), '<', eb.tuple(after.supports ?? 0, after.id)));
		return q.orderBy('supports_count', 'desc').orderBy('id', 'desc').limit(query.limit + 1).execute();
	}
	if (query.sort === 'newest') {
		let q = filtered(db, cityId, query);
		if (after) q = q.where('id', '<', after.id);
		return q.orderBy('id', 'desc').limit(query.limit + 1).execute();
	}
	// Random with a stable seed: the fixed random `shuffle` of each row, read as a ring from the
	// seed's point on (rows at or after the seed, then the ones before it). Every proposal is
	// equally likely to lead the list, and paging stays exact: the order never changes.
	const start = query.seed ?? 0;
	const rows: Awaited<ReturnType<ReturnType<typeof filtered>['execute']>> = [];
	if (!after?.wrapped) {
		let q = filtered(db, cityId, query).where('shuffle', '>=', start);
		if (after) q = q.where((eb) => eb(eb.refTuple('shuffle', 'id'), '>', eb.tuple(after.shuffle ?? 0, after.id)));
		rows.push(...(await q.orderBy('shuffle').orderBy('id').limit(query.limit + 1).execute()));
	}
	if (rows.length <= query.limit) {
		let q = filtered(db, cityId, query).where('shuffle', '<', start);
		if (after?.wrapped) q = q.where((eb) => eb(eb.refTuple('shuffle', 'id'), '>', eb.tuple(after.shuffle ?? 0, after.id)));
		const wrapped = await q.orderBy('shuffle').orderBy('id').limit(query.limit + 1 - rows.length).execute();
		rows.push(...wrapped.map((row) => Object.assign(row, { wrapped: true })));
	}
	return rows as ((typeof rows)[number] & { wrapped?: boolean })[];
}

/** How many proposals of the process are in each state (the process page's figures). */
export async function countProposals(db: Db, cityId: string, processId: string) {
	const rows = await db
		.selectFrom('proposal')
		.select((eb) => [
			'status',
			eb.fn.countAll<number>().as('count'),
			eb.fn.count<number>('qualified_at').as('qualified'),
			eb.fn.count<number>('answer').as('answered'),
			eb.fn.sum<number>(eb.case().when('answer', '=', 'accepted').then(1).else(0).end()).as('accepted')
		])
		.where('city_id', '=', cityId)
		.where('process_id', '=', processId)
		.groupBy('status')
		.execute();
	return rows.map((row) => ({ status: row.status, count: Number(row.count), qualified: Number(row.qualified), answered: Number(row.answered), accepted: Number(row.accepted ?? 0) }));
}

/** Proposals waiting for a moderator: not yet published (pre-moderation) or flagged. */
export async function listModerationRows(db: Db, cityId: string, limit: number) {
	return db
		.selectFrom('proposal')
		.selectAll()
		.where('city_id', '=', cityId)
		.where((eb) => eb.or([eb('status', '=', 'pending'), eb.and([eb('flags_count', '>', 0), eb('status', '=', 'published')])]))
		.orderBy('flags_count', 'desc')
		.orderBy('id')
		.limit(limit)
		.execute();
}

/** Qualified proposals the city has not answered yet, oldest qualification first. */
/** Proposals the city accepted (or found in its plan) that no action delivers yet: what is left to link. */
export async function listUnlinkedAnsweredRows(db: Db, cityId: string, limit: number) {
	return db
		.selectFrom('proposal')
		.selectAll()
		.where('city_id', '=', cityId)
		.where('status', '=', 'published')
		.where('answer', 'in', ['accepted', 'in_plan'])
		.where('action_id', 'is', null)
		.orderBy('answered_at')
		.limit(limit)
		.execute();
}

export async function listAwaitingAnswerRows(db: Db, cityId: string, limit: number) {
	return db
		.selectFrom('proposal')
		.selectAll()
		.where('city_id', '=', cityId)
		.where('status', '=', 'published')
		.where('qualified_at', 'is not', null)
		.where('answer', 'is', null)
		.orderBy('qualified_at')
		.limit(limit)
		.execute();
}

export async function listProposalsOfAction(db: Db, cityId: string, actionId: string) {
	return db.selectFrom('proposal').select(['id', 'ref', 'title', 'lang']).where('city_id', '=', cityId).where('action_id', '=', actionId).orderBy('ref').execute();
}

export async function listProposalsByAuthor(db: Db, cityId: string, authorId: string, limit: number) {
	return db.selectFrom('proposal').selectAll().where('city_id', '=', cityId).where('author_id', '=', authorId).orderBy('id', 'desc').limit(limit).execute();
}

// ——— Supports ———

/** True when the support was new (false: this person already supports the proposal). */
export async function insertSupport(db: Db, cityId: string, proposalId: string, personId: string, at: string): Promise<boolean> {
	const result = await db
		.insertInto('proposal_support')
		.values({ city_id: cityId, proposal_id: proposalId, person_id: personId, created_at: at })
		.onConflict((oc) => oc.columns(['city_id', 'proposal_id', 'person_id']).doNothing())
		.executeTakeFirst();
	return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function deleteSupport(db: Db, cityId: string, proposalId: string, personId: string): Promise<boolean> {
	const result = await db.deleteFrom('proposal_support').where('city_id', '=', cityId).where('proposal_id', '=', proposalId).where('person_id', '=', personId).executeTakeFirst();
	return Number(result.numDeletedRows) === 1;
}

export async function hasSupport(db: Db, cityId: string, proposalId: string, personId: string): Promise<boolean> {
	return Boolean(await db.selectFrom('proposal_support').select('person_id').where('city_id', '=', cityId).where('proposal_id', '=', proposalId).where('person_id', '=', personId).executeTakeFirst());
}

/** Which of these proposals the person supports (for the list's "you support this"). */
export async function supportedAmong(db: Db, cityId: string, personId: string, proposalIds: readonly string[]): Promise<Set<string>> {
	if (proposalIds.length === 0) return new Set();
	const rows = await db.selectFrom('proposal_support').select('proposal_id').where('city_id', '=', cityId).where('person_id', '=', personId).where('proposal_id', 'in', proposalIds).execute();
	return new Set(rows.map((row) => row.proposal_id));
}

/**
 * Counts one more support of the person in the process, unless that passes `limit` (null: no
 * limit). One conditional update: two racing supports cannot both take the last one.
 */
export async function takeSupportSlot(db: Db, cityId: string, processId: string, personId: string, limit: number | null): Promise<boolean> {
	await db.insertInto('participant').values({ city_id: cityId, process_id: processId, person_id: personId, supports_used: 0 }).onConflict((oc) => oc.columns(['city_id', 'process_id', 'person_id']).doNothing()).execute();
	let q = db
		.updateTable('participant')
		.set((eb) => ({ supports_used: eb('supports_used', '+', 1) }))
		.where('city_id', '=', cityId)
		.where('process_id', '=', processId)
		.where('person_id', '=', personId);
	if (limit !== null) q = q.where('supports_used', '<', limit);
	return Number((await q.executeTakeFirst()).numUpdatedRows) === 1;
}

export async function giveBackSupportSlot(db: Db, cityId: string, processId: string, personId: string): Promise<void> {
	await db
		.updateTable('participant')
		.set((eb) => ({ supports_used: eb('supports_used', '-', 1) }))
		.where('city_id', '=', cityId)
		.where('process_id', '=', processId)
		.where('person_id', '=', personId)
		.where('supports_used', '>', 0)
		.execute();
}

export async function supportsUsed(db: Db, cityId: string, processId: string, personId: string): Promise<number> {
	const row = await db.selectFrom('participant').select('supports_used').where('city_id', '=', cityId).where('process_id', '=', processId).where('person_id', '=', personId).executeTakeFirst();
	return Number(row?.supports_used ?? 0);
}

/** Adds `delta` to the proposal's count and returns the new count (the row lock orders racing supports). */
export async function addToSupportCount(db: Db, cityId: string, proposalId: string, delta: 1 | -1): Promise<number> {
	const row = await db
		.updateTable('proposal')
		.set((eb) => ({ supports_count: eb('supports_count', '+', delta) }))
		.where('city_id', '=', cityId)
		.where('id', '=', proposalId)
		.returning('supports_count')
		.executeTakeFirstOrThrow();
	return Number(row.supports_count);
}

/** Marks the proposal qualified once (false when it already was). */
export async function markQualified(db: Db, cityId: string, proposalId: string, at: string): Promise<boolean> {
	const result = await db.updateTable('proposal').set({ qualified_at: at }).where('city_id', '=', cityId).where('id', '=', proposalId).where('qualified_at', 'is', null).executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

/** Published proposals of the process at or above the threshold that are not qualified yet (after the threshold is lowered). */
export async function listNewlyQualifying(db: Db, cityId: string, processId: string, threshold: number, limit: number) {
	return db
		.selectFrom('proposal')
		.select(['id', 'ref'])
		.where('city_id', '=', cityId)
		.where('process_id', '=', processId)
		.where('status', '=', 'published')
		.where('qualified_at', 'is', null)
		.where('supports_count', '>=', threshold)
		.limit(limit)
		.execute();
}

/** Supports counted from the rows themselves (the check that the incremental count is exact). */
export async function countSupportRows(db: Db, cityId: string, proposalId: string): Promise<number> {
	const row = await db.selectFrom('proposal_support').select((eb) => eb.fn.countAll<number>().as('count')).where('city_id', '=', cityId).where('proposal_id', '=', proposalId).executeTakeFirstOrThrow();
	return Number(row.count);
}

// ——— Flags ———

export async function insertFlag(db: Db, cityId: string, proposalId: string, personId: string, reason: string, at: string): Promise<boolean> {
	const result = await db
		.insertInto('proposal_flag')
		.values({ city_id: cityId, proposal_id: proposalId, person_id: personId, reason: reason as never, created_at: at })
		.onConflict((oc) => oc.columns(['city_id', 'proposal_id', 'person_id']).doNothing())
		.executeTakeFirst();
	if (Number(result.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
	await db
		.updateTable('proposal')
		.set((eb) => ({ flags_count: eb('flags_count', '+', 1) }))
		.where('city_id', '=', cityId)
		.where('id', '=', proposalId)
		.execute();
	return true;
}

export async function flagReasons(db: Db, cityId: string, proposalIds: readonly string[]) {
	if (proposalIds.length === 0) return [];
	return db
		.selectFrom('proposal_flag')
		.select((eb) => ['proposal_id', 'reason', eb.fn.countAll<number>().as('count')])
		.where('city_id', '=', cityId)
		.where('proposal_id', 'in', proposalIds)
		.groupBy(['proposal_id', 'reason'])
		.execute();
}

export async function clearFlags(db: Db, cityId: string, proposalId: string): Promise<void> {
	await db.deleteFrom('proposal_flag').where('city_id', '=', cityId).where('proposal_id', '=', proposalId).execute();
	await db.updateTable('proposal').set({ flags_count: 0 }).where('city_id', '=', cityId).where('id', '=', proposalId).execute();
}
