/**
 * The public commitments and plan pages read every action of a city or plan (thousands of rows,
 * rolled up) on each visit; this keeps such read models in memory and reuses them while nothing
 * changed. "Nothing changed" is exact, not a time-out: every change to a declaration, department,
 * plan, commitment, action or progress update appends to the city's ledger in its own
 * transaction, so the ledger head (seq and hash) names the state of the data; the day is in the
 * key too, since it decides what is overdue. The head is read before the data, so a change
 * committed in between can only make the stored entry unreachable, never stale.
 *
 * @example
 *   const view = await loadCityCommitmentsCached(db, cityId, { status: 'delayed' });
 *   const plan = await cachedByLedgerHead(db, cityId, `plan:${ref}`, today, () => loadPlan(db, cityId, ref, today));
 */
import type { Db } from '../db/database.ts';
import { loadCityCommitments, matchesFilter, type CityCommitments, type CommitmentFilter } from './accountability.service.ts';
import { readLedgerHead } from '../ledger/index.ts';
import { todayIso } from './rollup.ts';

/** Read models kept per database (the most recently used). */
export const CACHE_SIZE = 64;

interface Entry {
	key: string;
	value: Promise<unknown>;
}

// Per database (tests open many; a process serves one), then per city and read model, least recently used first.
const caches = new WeakMap<Db, Map<string, Entry>>();

/**
 * `compute()`, or its result from memory while the city's ledger head and the day are those it
 * was computed for. The result is shared between callers: treat it as read-only. A failure is not kept.
 */
export async function cachedByLedgerHead<T>(db: Db, cityId: string, name: string, today: string, compute: () => Promise<T>): Promise<T> {
	const head = await readLedgerHead(db, cityId);
	const key = `${head.seq}:${head.hash}:${today}`;
	const slot = `${cityId}|${name}`;
	let entries = caches.get(db);
	if (!entries) {
		entries = new Map();
		caches.set(db, entries);
	}
	let entry = entries.get(slot);
	entries.delete(slot);
	if (entry?.key !== key) {
		const stored: Entry = { key, value: compute() };
		const owner = entries;
		stored.value.catch(() => {
			if (owner.get(slot) === stored) owner.delete(slot);
		});
		entry = stored;
	}
	// Most recently used goes to the end; the least recently used leave first.
	entries.set(slot, entry);
	while (entries.size > CACHE_SIZE) entries.delete(entries.keys().next().value!);
	return entry.value as Promise<T>;
}

/** `loadCityCommitments`, computed once per state of the city's data and day, then filtered per call. */
export async function loadCityCommitmentsCached(db: Db, cityId: string, filter: CommitmentFilter = {}, today: string = todayIso()): Promise<CityCommitments> {
	const all = await cachedByLedgerHead(db, cityId, 'commitments', today, () => loadCityCommitments(db, cityId, {}, today));
	return { ...all, commitments: all.commitments.filter((commitment) => matchesFilter(commitment, filter)) };
}
