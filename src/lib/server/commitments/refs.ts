/**
 * Short public references beside the ids: `D-1` (declaration), `P-1` (plan), `C-12`
 * (commitment), `A-2026-014` (action, numbered per plan start year).
 */
import type { Db } from '../db/database.ts';
import { refsWithPrefix } from './commitments.repository.ts';

type RefTable = 'declaration' | 'action_plan' | 'commitment' | 'action';

const PREFIX: Record<RefTable, string> = { declaration: 'D-', action_plan: 'P-', commitment: 'C-', action: 'A-' };

function prefixOf(table: RefTable, year?: number): string {
	return table === 'action' ? `A-${year ?? new Date().getUTCFullYear()}-` : PREFIX[table];
}

function format(table: RefTable, prefix: string, number: number): string {
	return prefix + (table === 'action' ? String(number).padStart(3, '0') : String(number));
}

/** The next free reference: one more than the highest number in use under the prefix. */
export async function nextRef(db: Db, table: RefTable, cityId: string, year?: number): Promise<string> {
	return (await allocateRefs(db, table, cityId, [null], year))[0]!;
}

/**
 * References for new rows: a wanted one is kept when no row of the city has it (deleted rows keep
 * theirs), every other row gets the next free number under the prefix.
 *
 * @example await allocateRefs(db, 'action', cityId, ['A-2025-007', null], 2025) // ['A-2025-007', 'A-2025-023']
 */
export async function allocateRefs(db: Db, table: RefTable, cityId: string, wanted: readonly (string | null)[], year?: number): Promise<string[]> {
	const prefix = prefixOf(table, year);
	// With wanted refs, every ref of the kind (any year for actions), so one from another year is checked too.
	const taken = new Set(await refsWithPrefix(db, table, cityId, wanted.some(Boolean) ? PREFIX[table] : prefix));
	let highest = 0;
	for (const ref of taken) {
		if (!ref.startsWith(prefix)) continue;
		const number = Number(ref.slice(prefix.length));
		if (Number.isInteger(number) && number > highest) highest = number;
	}
	const kept = wanted.map((ref) => (ref && !taken.has(ref) ? ref : undefined));
	for (const ref of kept) if (ref) taken.add(ref);
	return kept.map((ref) => {
		if (ref) return ref;
		let candidate: string;
		do candidate = format(table, prefix, ++highest);
		while (taken.has(candidate));
		taken.add(candidate);
		return candidate;
	});
}

export const REF_PATTERN = /^[A-Z]-(\d{4}-)?\d{1,6}$/;
