/**
 * The ledger's tables: the entries of every chain and the head of each chain. A chain is keyed
 * by `city_id` — a city's id, or `network` for the network's own chain — and the ledger knows
 * nothing else about cities: modules register the entity types they write (entity-types.ts).
 */
import type { Selectable } from 'kysely';

export type LedgerAction = 'create' | 'update' | 'delete';

export interface LedgerEntryTable {
	/** The chain: a city's id, or `network`. */
	city_id: string;
	seq: number;
	at: string;
	actor_role: string;
	/** Who acted (kept for staff; not part of the public hash so a deleted account leaves the chain intact). */
	actor_id: string | null;
	/** A type some module registered (`action`, `indicator`, …). */
	entity_type: string;
	entity_id: string;
	/** Public short reference of the entity when it has one (A-2026-014), for filtering and display. */
	entity_ref: string | null;
	action: LedgerAction;
	/** Canonical JSON `{ field: [before, after] }` */
	change: string;
	prev_hash: string;
	hash: string;
}

/** The last entry of each chain; updating it first serialises concurrent appends. */
export interface LedgerHeadTable {
	city_id: string;
	seq: number;
	hash: string;
}

export interface LedgerTables {
	ledger_entry: LedgerEntryTable;
	ledger_head: LedgerHeadTable;
}

export type LedgerEntryRow = Selectable<LedgerEntryTable>;
