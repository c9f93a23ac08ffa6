/**
 * The public ledger: an append-only, hash-chained record of every change, one chain per city
 * (and one for the network). Services call `appendLedger` — usually through the write recipe in
 * ledgered.ts — inside the transaction that makes the change, so the change and its entry
 * commit together or not at all.
 *
 * @example
 *   await inTransaction(db, async (trx) => {
 *     await repository.updateAction(trx, …);
 *     await appendLedger(trx, { cityId, actor, entityType: 'action', entityId, entityRef: 'A-2026-014',
 *       action: 'update', change: diffSnapshots(before, after) });
 *   });
 */
import type { Db } from '../db/database.ts';
import { nowIso } from '../db/ids.ts';
import type { LedgerAction, LedgerEntryRow, LedgerEntryTable } from './ledger.tables.ts';
import { entryHash, GENESIS_HASH, type HashedEntry } from './ledger-hash.ts';
import * as repository from './ledger.repository.ts';
import type { LedgerFilter } from './ledger.repository.ts';

/**
 * Who acted, as far as the ledger needs to know: the accounts module's `Actor` fits this shape.
 * `system` names an operator outside the web (`cli`, `demo`); the ledger shows it as the role.
 */
export interface LedgerActor {
	personId: string;
	networkAdmin: boolean;
	roles: readonly { cityId: string; role: string }[];
	system?: string | undefined;
}

export interface LedgerAppend {
	/** The chain: the city's id (or `network`). */
	cityId: string;
	actor: LedgerActor | null;
	/** A type a module declared in its manifest (`ledgerEntityTypes`). */
	entityType: string;
	entityId: string;
	entityRef?: string | null;
	action: LedgerAction;
	change: Record<string, unknown>;
	/** Overrides the role derived from the actor. */
	actorRole?: string;
}

export interface LedgerEntry extends HashedEntry {
	prev_hash: string;
	hash: string;
}

/** The role the actor acted in, as the public ledger shows it (never their name). */
export function actorRoleIn(actor: LedgerActor | null, cityId: string): string {
	if (!actor) return 'system';
	if (actor.system) return actor.system;
	const roles = actor.roles.filter((held) => held.cityId === cityId).map((held) => held.role);
	if (roles.includes('city_admin')) return 'city_admin';
	if (roles.includes('officer')) return 'officer';
	if (actor.networkAdmin) return 'network_admin';
	return roles[0] ?? 'person';
}

/** Appends one entry to a chain, in the caller's transaction. */
export async function appendLedger(db: Db, append: LedgerAppend): Promise<LedgerEntry> {
	const [entry] = await appendLedgerMany(db, append.cityId, [append]);
	return entry!;
}

/**
 * Appends several entries to one chain in order, claiming their sequence numbers at once (one
 * round trip to the head, the rows inserted in batches): what an import or a batch of creations
 * writes. Every entry is hashed on the one before it, exactly as single appends are.
 */
export async function appendLedgerMany(db: Db, cityId: string, appends: readonly Omit<LedgerAppend, 'cityId'>[]): Promise<LedgerEntry[]> {
	if (appends.length === 0) return [];
	const { firstSeq, prevHash: startHash } = await repository.claimSeqs(db, cityId, appends.length);
	const at = nowIso();
	let prevHash = startHash;
	const entries: LedgerEntry[] = [];
	const rows: LedgerEntryTable[] = [];
	appends.forEach((append, index) => {
		const entry: HashedEntry = {
			seq: firstSeq + index,
			at,
			city_id: cityId,
			actor_role: append.actorRole ?? actorRoleIn(append.actor, cityId),
			entity_type: append.entityType,
			entity_id: append.entityId,
			entity_ref: append.entityRef ?? null,
			action: append.action,
			change: append.change
		};
		const hash = entryHash(prevHash, entry);
		rows.push({
			city_id: cityId,
			seq: entry.seq,
			at,
			actor_role: entry.actor_role,
			actor_id: append.actor && !append.actor.system ? append.actor.personId : null,
			entity_type: entry.entity_type,
			entity_id: entry.entity_id,
			entity_ref: entry.entity_ref,
			action: append.action,
			change: JSON.stringify(entry.change),
			prev_hash: prevHash,
			hash
		});
		entries.push({ ...entry, prev_hash: prevHash, hash });
		prevHash = hash;
	});
	await repository.insertEntries(db, cityId, rows);
	return entries;
}

/** The public form of a stored row: exactly the hashed fields plus the two hashes. */
export function toLedgerEntry(row: LedgerEntryRow): LedgerEntry {
	return {
		seq: Number(row.seq),
		at: row.at,
		city_id: row.city_id,
		actor_role: row.actor_role,
		entity_type: row.entity_type,
		entity_id: row.entity_id,
		entity_ref: row.entity_ref,
		action: row.action,
		change: JSON.parse(row.change) as Record<string, unknown>,
		prev_hash: row.prev_hash,
		hash: row.hash
	};
}

export const LEDGER_PAGE_SIZE = 50;

/** One page, newest first; `older` is the seq to pass as `before` for the next page. */
export async function readLedgerPage(
	db: Db,
	cityId: string,
	filter: LedgerFilter,
	before?: number,
	pageSize = LEDGER_PAGE_SIZE
): Promise<{ entries: LedgerEntry[]; older: number | undefined }> {
	const rows = await repository.listEntries(db, cityId, filter, pageSize + 1, before);
	const entries = rows.slice(0, pageSize).map(toLedgerEntry);
	return { entries, older: rows.length > pageSize ? entries.at(-1)!.seq : undefined };
}

export interface LedgerBrowsePage {
	/** Newest first. */
	entries: LedgerEntry[];
	/** Pass as `before` for the next older page, when there is one. */
	older: number | undefined;
	/** Pass as `after` for the next newer page, when there is one. */
	newer: number | undefined;
}

/**
 * A page of the public ledger, newest first, paged both ways by seq (keyset): `before` gives
 * the entries just below a seq, `after` the entries just above one. A newer page that reaches
 * the newest entry is the newest page itself, so paging back up always ends where it began.
 *
 * @example
 *   const page = await browseLedger(db, cityId, { entityType: 'action' }, { before: 120 });
 *   // page.entries[0].seq < 120; page.newer → `?after=…`, page.older → `?before=…`
 */
export async function browseLedger(
	db: Db,
	cityId: string,
	filter: LedgerFilter,
	cursor: { before?: number | undefined; after?: number | undefined } = {},
	pageSize = LEDGER_PAGE_SIZE
): Promise<LedgerBrowsePage> {
	let rows: LedgerEntryRow[];
	if (cursor.after !== undefined) {
		const above = await repository.listEntriesAfter(db, cityId, filter, pageSize + 1, cursor.after);
		if (above.length <= pageSize) return browseLedger(db, cityId, filter, {}, pageSize);
		rows = above.slice(0, pageSize).reverse();
	} else {
		rows = await repository.listEntries(db, cityId, filter, pageSize + 1, cursor.before);
		rows = rows.slice(0, pageSize);
	}
	const entries = rows.map(toLedgerEntry);
	const top = entries[0]?.seq ?? (cursor.before !== undefined ? cursor.before - 1 : cursor.after);
	const bottom = entries.at(-1)?.seq ?? (cursor.after !== undefined ? cursor.after + 1 : cursor.before);
	const [newer, older] = await Promise.all([
		top === undefined || (cursor.before === undefined && cursor.after === undefined) ? [] : repository.listEntriesAfter(db, cityId, filter, 1, top),
		bottom === undefined ? [] : repository.listEntries(db, cityId, filter, 1, bottom)
	]);
	return { entries, older: older.length > 0 ? bottom : undefined, newer: newer.length > 0 ? top : undefined };
}

/**
 * The entries after `afterSeq`, oldest first: how another module follows the chain as an event
 * stream (remembering the last seq it handled).
 *
 * @example const entries = await readLedgerAfter(db, cityId, lastSeen, { entityType: 'action' }, 500);
 */
export async function readLedgerAfter(db: Db, cityId: string, afterSeq: number, filter: LedgerFilter = {}, limit = LEDGER_PAGE_SIZE): Promise<LedgerEntry[]> {
	return (await repository.listEntriesAfter(db, cityId, filter, limit, afterSeq)).map(toLedgerEntry);
}

/** The latest seq and hash of the city's chain (seq 0 and the genesis hash before the first entry). */
export async function readLedgerHead(db: Db, cityId: string): Promise<{ seq: number; hash: string }> {
	return (await repository.findHead(db, cityId)) ?? { seq: 0, hash: GENESIS_HASH };
}

/** A text that changes whenever any chain (a city's or the network's) gets an entry: the network pages' version. */
export function ledgerHeadsVersion(db: Db): Promise<string> {
	return repository.headsVersion(db);
}

/** The history of some entities (e.g. an action, its milestones and its updates), oldest first. */
export async function historyOf(db: Db, cityId: string, entityIds: string[]): Promise<LedgerEntry[]> {
	return (await repository.listEntriesOf(db, cityId, entityIds)).map(toLedgerEntry);
}

/** The newest `limit` entries of some entities, newest first (read no more than shown). */
export async function recentHistoryOf(db: Db, cityId: string, entityIds: string[], limit: number): Promise<LedgerEntry[]> {
	return (await repository.listEntriesOf(db, cityId, entityIds, limit)).map(toLedgerEntry);
}

/** The whole chain, oldest first, streamed from the database in batches. */
export async function* streamLedger(db: Db, cityId: string): AsyncGenerator<LedgerEntry> {
	for await (const row of repository.streamEntries(db, cityId)) yield toLedgerEntry(row);
}

export type LedgerBreak =
	| { seq: number; reason: 'seq_gap'; expected: number }
	| { seq: number; reason: 'prev_hash'; expected: string; found: string }
	| { seq: number; reason: 'hash'; expected: string; found: string }
	| { seq: number; reason: 'head'; expected: string; found: string };

export interface LedgerVerification {
	ok: boolean;
	entries: number;
	lastHash: string;
	firstBroken?: LedgerBreak;
}

/**
 * Recomputes the chain from the first entry and reports the first entry that does not fit:
 * a gap in seq, a prev_hash that is not the previous hash, a hash that does not match the
 * entry's content (a row edited in place), or a head that is not the last entry (a tail removed).
 */
export async function verifyLedger(db: Db, cityId: string, onProgress?: (checked: number) => void): Promise<LedgerVerification> {
	let previous = GENESIS_HASH;
	let expectedSeq = 1;
	let count = 0;
	for await (const row of repository.streamEntries(db, cityId)) {
		const entry = toLedgerEntry(row);
		const broken = checkEntry(entry, expectedSeq, previous);
		if (broken) return { ok: false, entries: count, lastHash: previous, firstBroken: broken };
		previous = entry.hash;
		expectedSeq += 1;
		count += 1;
		if (onProgress && count % 5000 === 0) onProgress(count);
	}
	const head = await repository.findHead(db, cityId);
	if (head && (head.seq !== count || head.hash !== previous)) {
		return { ok: false, entries: count, lastHash: previous, firstBroken: { seq: head.seq, reason: 'head', expected: head.hash, found: previous } };
	}
	return { ok: true, entries: count, lastHash: previous };
}

/** The check for one entry, shared by the database verifier and the JSON-file verifier. */
export function checkEntry(entry: LedgerEntry, expectedSeq: number, previousHash: string): LedgerBreak | undefined {
	if (entry.seq !== expectedSeq) return { seq: entry.seq, reason: 'seq_gap', expected: expectedSeq };
	if (entry.prev_hash !== previousHash) return { seq: entry.seq, reason: 'prev_hash', expected: previousHash, found: entry.prev_hash };
	const { prev_hash: _prev, hash, ...hashed } = entry;
	const recomputed = entryHash(previousHash, hashed);
	if (recomputed !== hash) return { seq: entry.seq, reason: 'hash', expected: recomputed, found: hash };
	return undefined;
}

export async function ledgerSize(db: Db, cityId: string): Promise<number> {
	return repository.countEntries(db, cityId);
}

/**
 * How much a chain recorded in a time window, per entity type (what other modules show as
 * activity, e.g. a year of a city's ledger as evidence), by type name.
 *
 * @example await ledgerActivity(db, york.id, '2026-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z') // [{ entityType: 'action', entries: 12 }, …]
 */
export async function ledgerActivity(db: Db, cityId: string, from: string, to: string): Promise<{ entityType: string; entries: number }[]> {
	return (await repository.countEntriesByType(db, cityId, from, to)).map((row) => ({ entityType: row.entity_type, entries: row.entries }));
}
