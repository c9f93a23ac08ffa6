/**
 * The ledger's hash rule, in one small pure module that the service, the CLI verifier and the
 * public verifier page all describe the same way:
 *
 *   hash = SHA-256( prev_hash ‖ canonicalJson(entry) )   (hex; the first prev_hash is 64 zeros)
 *
 * where `entry` is `{ seq, at, city_id, actor_role, entity_type, entity_id, entity_ref, action, change }`
 * and canonical JSON is JSON with object keys sorted and no white space. Anyone can recompute it
 * from `/cities/{slug}/ledger.json` with a few lines of code.
 *
 * @example
 *   const hash = entryHash(GENESIS_HASH, { seq: 1, at: '2026-01-01T00:00:00.000Z', city_id: '019a…', … });
 */
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface HashedEntry {
	seq: number;
	at: string;
	/** The city's id (stable; slugs may change). */
	city_id: string;
	actor_role: string;
	entity_type: string;
	entity_id: string;
	entity_ref: string | null;
	action: string;
	/** `{ field: [before, after] }` */
	change: Record<string, unknown>;
}

/** JSON with object keys sorted (by UTF-16 code units) at every level and no white space. */
export function canonicalJson(value: unknown): string {
	if (value === null || typeof value !== 'object') {
		if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('canonicalJson: non-finite number');
		if (value === undefined) return 'null';
		return JSON.stringify(value);
	}
	if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
	const keys = Object.keys(value as Record<string, unknown>)
		.filter((key) => (value as Record<string, unknown>)[key] !== undefined)
		.sort();
	return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`).join(',')}}`;
}

export function entryHash(prevHash: string, entry: HashedEntry): string {
	return createHash('sha256').update(prevHash).update(canonicalJson(entry)).digest('hex');
}

/**
 * The change between two snapshots as `{ field: [before, after] }`, only for fields that differ
 * (compared by canonical JSON, so arrays and localized-text objects compare by value).
 * A creation diffs against `{}`, a deletion records `deleted_at`.
 */
export function diffSnapshots(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, [unknown, unknown]> {
	const change: Record<string, [unknown, unknown]> = {};
	for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
		const from = before[key] ?? null;
		const to = after[key] ?? null;
		if (canonicalJson(from) !== canonicalJson(to)) change[key] = [from, to];
	}
	return change;
}
