/**
 * Short public references beside the ids: `D-1` (declaration), `P-1` (plan), `C-12`
 * (commitment), `A-2026-014` (action, numbered per plan start year).
 */
import type { Db } from '../db/database.ts';
import { refsWithPrefix } from './commitments.repository.ts';

type RefTable = 'declaration' | 'action_plan' | 'commitment' | 'action';

const PREFIX: Record<RefTable, string> = { declaration: 'D-', action_plan: 'P-', commitment: 'C-', action: 'A-' };

/** The next free reference: one more than the highest number in use under the prefix. */
export async function nextRef(db: Db, table: RefTable, cityId: string, year?: number): Promise<string> {
	const prefix = table === 'action' ? `A-${year ?? new Date().getUTCFullYear()}-` : PREFIX[table];
	const refs = await refsWithPrefix(db, table, cityId, prefix);
	let highest = 0;
	for (const ref of refs) {
		const number = Number(ref.slice(prefix.length));
		if (Number.isInteger(number) && number > highest) highest = number;
	}
	const next = String(highest + 1);
	return prefix + (table === 'action' ? next.padStart(3, '0') : next);
}

/** Makes reference numbering for many new rows at once (imports): hands out numbers without re-reading. */
export async function refAllocator(db: Db, table: RefTable, cityId: string, year?: number): Promise<() => string> {
	const first = await nextRef(db, table, cityId, year);
	const prefix = table === 'action' ? `A-${year ?? new Date().getUTCFullYear()}-` : PREFIX[table];
	let number = Number(first.slice(prefix.length));
	return () => {
		const ref = prefix + (table === 'action' ? String(number).padStart(3, '0') : String(number));
		number += 1;
		return ref;
	};
}

export const REF_PATTERN = /^[A-Z]-(\d{4}-)?\d{1,6}$/;
