/** Ledger rows: appending under the per-city head row, reading pages, streaming the chain. */
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { LedgerEntryRow, LedgerEntryTable } from './ledger.tables.ts';
import { GENESIS_HASH } from './ledger-hash.ts';

/**
 * Takes the next `count` sequence numbers of the chain and the hash before them. The UPDATE takes
 * the head row's lock (PostgreSQL) or runs inside SQLite's single writer, so two transactions
 * appending to one chain are serialised and the chain never forks.
 */
export async function claimSeqs(db: Db, cityId: string, count: number): Promise<{ firstSeq: number; prevHash: string }> {
	await db.insertInto('ledger_head').values({ city_id: cityId, seq: 0, hash: GENESIS_HASH }).onConflict((oc) => oc.column('city_id').doNothing()).execute();
	const head = await db
		.updateTable('ledger_head')
		.set({ seq: sql`seq + ${count}` })
		.where('city_id', '=', cityId)
		.returning(['seq', 'hash'])
		.executeTakeFirstOrThrow();
	return { firstSeq: Number(head.seq) - count + 1, prevHash: head.hash };
}

/** 12 values a row: well under both databases' limit on bound parameters per statement. */
const INSERT_BATCH = 500;

/** Inserts claimed entries (in seq order) and moves the head's hash to the last one. */
export async function insertEntries(db: Db, cityId: string, rows: readonly LedgerEntryTable[]): Promise<void> {
	for (let start = 0; start < rows.length; start += INSERT_BATCH) await db.insertInto('ledger_entry').values(rows.slice(start, start + INSERT_BATCH)).execute();
	await db.updateTable('ledger_head').set({ hash: rows.at(-1)!.hash }).where('city_id', '=', cityId).execute();
}

export async function findHead(db: Db, cityId: string): Promise<{ seq: number; hash: string } | undefined> {
	const row = await db.selectFrom('ledger_head').select(['seq', 'hash']).where('city_id', '=', cityId).executeTakeFirst();
	return row ? { seq: Number(row.seq), hash: row.hash } : undefined;
}

/** A text that changes whenever any chain grows (chains only grow, so the sum of their heads does). */
export async function headsVersion(db: Db): Promise<string> {
	const row = await db
		.selectFrom('ledger_head')
		.select((eb) => [eb.fn.countAll().as('n'), eb.fn.sum('seq').as('s')])
		.executeTakeFirstOrThrow();
	return `${Number(row.n)}.${Number(row.s ?? 0)}`;
}

export interface LedgerFilter {
	entityType?: string | undefined;
	action?: string | undefined;
	entityId?: string | undefined;
	entityRef?: string | undefined;
	from?: string | undefined;
	to?: string | undefined;
}

function filteredEntries(db: Db, cityId: string, filter: LedgerFilter) {
	let query = db.selectFrom('ledger_entry').selectAll().where('city_id', '=', cityId);
	if (filter.entityType) query = query.where('entity_type', '=', filter.entityType);
	if (filter.action) query = query.where('action', '=', filter.action as LedgerEntryTable['action']);
	if (filter.entityId) query = query.where('entity_id', '=', filter.entityId);
	if (filter.entityRef) query = query.where('entity_ref', '=', filter.entityRef);
	if (filter.from) query = query.where('at', '>=', filter.from);
	if (filter.to) query = query.where('at', '<', filter.to);
	return query;
}

/** One page of entries, newest first, below `beforeSeq` (keyset). */
export async function listEntries(db: Db, cityId: string, filter: LedgerFilter, limit: number, beforeSeq?: number): Promise<LedgerEntryRow[]> {
	let query = filteredEntries(db, cityId, filter);
	if (beforeSeq !== undefined) query = query.where('seq', '<', beforeSeq);
	const rows = await query.orderBy('seq', 'desc').limit(limit).execute();
	return rows.map((row) => ({ ...row, seq: Number(row.seq) }));
}

/** The entries just above `afterSeq`, oldest first (keyset, for "newer" pages). */
export async function listEntriesAfter(db: Db, cityId: string, filter: LedgerFilter, limit: number, afterSeq: number): Promise<LedgerEntryRow[]> {
	const rows = await filteredEntries(db, cityId, filter).where('seq', '>', afterSeq).orderBy('seq', 'asc').limit(limit).execute();
	return rows.map((row) => ({ ...row, seq: Number(row.seq) }));
}

/** Entries of several entities (an action and its updates and milestones), oldest first. */
export async function listEntriesOf(db: Db, cityId: string, entityIds: string[], newest?: number): Promise<LedgerEntryRow[]> {
	if (entityIds.length === 0) return [];
	let query = db.selectFrom('ledger_entry').selectAll().where('city_id', '=', cityId).where('entity_id', 'in', entityIds);
	query = newest === undefined ? query.orderBy('seq', 'asc') : query.orderBy('seq', 'desc').limit(newest);
	const rows = await query.execute();
	return rows.map((row) => ({ ...row, seq: Number(row.seq) }));
}

/** The whole chain in seq order, read in keyset batches so memory stays flat. */
export async function* streamEntries(db: Db, cityId: string, batchSize = 2000): AsyncGenerator<LedgerEntryRow> {
	let after = 0;
	for (;;) {
		const rows = await db
			.selectFrom('ledger_entry')
			.selectAll()
			.where('city_id', '=', cityId)
			.where('seq', '>', after)
			.orderBy('seq', 'asc')
			.limit(batchSize)
			.execute();
		for (const row of rows) yield { ...row, seq: Number(row.seq) };
		if (rows.length < batchSize) return;
		after = Number(rows.at(-1)!.seq);
	}
}

export async function countEntries(db: Db, cityId: string): Promise<number> {
	const row = await db.selectFrom('ledger_entry').select((eb) => eb.fn.countAll<number>().as('count')).where('city_id', '=', cityId).executeTakeFirstOrThrow();
	return Number(row.count);
}

/** Entries per entity type written in `[from, to)` (ISO times) on one chain. */
export async function countEntriesByType(db: Db, cityId: string, from: string, to: string): Promise<{ entity_type: string; entries: number }[]> {
	const rows = await db
		.selectFrom('ledger_entry')
		.select((eb) => ['entity_type', eb.fn.countAll<number>().as('entries')])
		.where('city_id', '=', cityId)
		.where('at', '>=', from)
		.where('at', '<', to)
		.groupBy('entity_type')
		.orderBy('entity_type')
		.execute();
	return rows.map((row) => ({ entity_type: row.entity_type, entries: Number(row.entries) }));
}
