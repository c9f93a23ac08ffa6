/**
 * Ledger test data: a valid hash chain of any length written in bulk (tens of thousands of
 * entries in seconds), continuing the city's chain where it ends. Services append one entry at
 * a time inside the change's transaction; tests of reading, paging, streaming and verifying only
 * need a long, valid chain.
 *
 * @example
 *   const head = await createLedgerChain(db, city.id, 50_000);
 *   const mixed = await createLedgerChain(db, city.id, 10, (seq) => ({ entityType: 'commitment', entityRef: `C-${seq}` }));
 */
import type { Db } from '../db/database.ts';
import { type LedgerAction, type LedgerEntryTable, entryHash, GENESIS_HASH, type HashedEntry } from '../ledger/index.ts';

export interface ChainEntry {
	at?: string;
	actorRole?: string;
	entityType?: string;
	entityId?: string;
	entityRef?: string | null;
	action?: LedgerAction;
	change?: Record<string, unknown>;
}

const BATCH = 400;
/** Entries are one minute apart from here on, unless `at` is given. */
const BASE_TIME = Date.parse('2026-01-05T09:00:00.000Z');

export async function createLedgerChain(
	db: Db,
	cityId: string,
	count: number,
	make: (seq: number) => ChainEntry = () => ({})
): Promise<{ seq: number; hash: string }> {
	const current = await db.selectFrom('ledger_head').select(['seq', 'hash']).where('city_id', '=', cityId).executeTakeFirst();
	let seq = current ? Number(current.seq) : 0;
	let prevHash = current?.hash ?? GENESIS_HASH;
	let rows: LedgerEntryTable[] = [];
	const flush = async () => {
		if (rows.length > 0) await db.insertInto('ledger_entry').values(rows).execute();
		rows = [];
	};
	for (let index = 0; index < count; index += 1) {
		seq += 1;
		const spec = make(seq);
		const entry: HashedEntry = {
			seq,
			at: spec.at ?? new Date(BASE_TIME + seq * 60_000).toISOString(),
			city_id: cityId,
			actor_role: spec.actorRole ?? 'city_admin',
			entity_type: spec.entityType ?? 'action',
			entity_id: spec.entityId ?? `00000000-0000-7000-8000-${String(seq % 50).padStart(12, '0')}`,
			entity_ref: spec.entityRef === undefined ? `A-2026-${String(seq % 50).padStart(3, '0')}` : spec.entityRef,
			action: spec.action ?? (seq <= 50 ? 'create' : 'update'),
			change: spec.change ?? { progress: [seq % 100, (seq + 1) % 100] }
		};
		const hash = entryHash(prevHash, entry);
		rows.push({
			city_id: cityId,
			seq,
			at: entry.at,
			actor_role: entry.actor_role,
			actor_id: null,
			entity_type: entry.entity_type as string,
			entity_id: entry.entity_id,
			entity_ref: entry.entity_ref,
			action: entry.action as LedgerAction,
			change: JSON.stringify(entry.change),
			prev_hash: prevHash,
			hash
		});
		prevHash = hash;
		if (rows.length === BATCH) await flush();
	}
	await flush();
	if (current) await db.updateTable('ledger_head').set({ seq, hash: prevHash }).where('city_id', '=', cityId).execute();
	else await db.insertInto('ledger_head').values({ city_id: cityId, seq, hash: prevHash }).execute();
	return { seq, hash: prevHash };
}
