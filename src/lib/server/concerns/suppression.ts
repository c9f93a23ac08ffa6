/**
 * Small-number suppression for published counts, with complementary suppression so that no
 * suppressed count can be worked out from the others.
 *
 * The counts are cells tied by additive relations (a row's cells add up to its total, a
 * column's to its total, the totals to the grand total; a cell shared by two tables is one cell).
 * 1. Primary: every count below the threshold is shown as "<5" (`small`).
 * 2. Complementary: a relation with exactly one suppressed member would give it away by
 *    subtraction, so another member is hidden (`hidden`): the smallest shown part, else the total.
 * 3. Audit: what a reader can derive is computed by interval propagation over every relation —
 *    shown cells are exact, `small` ones lie in [0, 4], `hidden` ones are known to be at least 5 —
 *    and wherever a suppressed cell would still be pinned to one value, one more member of one of
 *    its relations is hidden. Steps 2–3 repeat until nothing changes.
 *
 * @example
 *   suppress(new Map([['a', 3], ['b', 10], ['t', 13]]), [{ total: 't', parts: ['a', 'b'] }])
 *   // a: small, b: hidden, t: shown
 */

export interface Relation {
	total: string;
	parts: readonly string[];
}

export type CellState = 'shown' | 'small' | 'hidden';

interface Interval {
	lo: number;
	hi: number;
}

function members(relation: Relation): string[] {
	return [relation.total, ...relation.parts];
}

/** What a reader knows of each cell from the published table: exact, [0, threshold-1] or [threshold, ∞). */
export function derivableIntervals(values: ReadonlyMap<string, number>, states: ReadonlyMap<string, CellState>, relations: readonly Relation[], threshold: number): Map<string, Interval> {
	const bounds = new Map<string, Interval>();
	for (const [key, state] of states) {
		const value = values.get(key) ?? 0;
		bounds.set(key, state === 'shown' ? { lo: value, hi: value } : state === 'small' ? { lo: 0, hi: threshold - 1 } : { lo: threshold, hi: Infinity });
	}
	for (let round = 0; round < 200; round++) {
		let changed = false;
		const narrow = (key: string, lo: number, hi: number): Interval => {
			const current = bounds.get(key)!;
			const next = { lo: Math.max(current.lo, lo), hi: Math.min(current.hi, hi) };
			if (next.lo > current.lo || next.hi < current.hi) {
				bounds.set(key, next);
				changed = true;
				return next;
			}
			return current;
		};
		for (const relation of relations) {
			// The parts' sums, kept up to date as each part narrows (one pass per relation, not one per part).
			let lo = 0;
			let finiteHi = 0;
			let unbounded = 0;
			for (const part of relation.parts) {
				const interval = bounds.get(part)!;
				lo += interval.lo;
				if (Number.isFinite(interval.hi)) finiteHi += interval.hi;
				else unbounded += 1;
			}
			const total = narrow(relation.total, lo, unbounded > 0 ? Infinity : finiteHi);
			for (const part of relation.parts) {
				const before = bounds.get(part)!;
				const beforeFinite = Number.isFinite(before.hi);
				const othersLo = lo - before.lo;
				const othersUnbounded = unbounded - (beforeFinite ? 0 : 1);
				const othersHi = othersUnbounded > 0 ? Infinity : finiteHi - (beforeFinite ? before.hi : 0);
				const after = narrow(part, Number.isFinite(othersHi) ? total.lo - othersHi : -Infinity, Number.isFinite(total.hi) ? total.hi - othersLo : Infinity);
				if (after === before) continue;
				lo += after.lo - before.lo;
				const afterFinite = Number.isFinite(after.hi);
				finiteHi += (afterFinite ? after.hi : 0) - (beforeFinite ? before.hi : 0);
				unbounded += (afterFinite ? 0 : 1) - (beforeFinite ? 0 : 1);
			}
		}
		if (!changed) break;
	}
	return bounds;
}

/** The state of every cell (keys of `values`) after primary and complementary suppression. */
export function suppress(values: ReadonlyMap<string, number>, relations: readonly Relation[], threshold = 5): Map<string, CellState> {
	const states = new Map<string, CellState>();
	for (const [key, value] of values) states.set(key, value < threshold ? 'small' : 'shown');
	for (const relation of relations) for (const key of members(relation)) if (!states.has(key)) throw new Error(`suppress: the relation names an unknown cell "${key}"`);
	const totals = new Set(relations.map((relation) => relation.total));
	const suppressed = (key: string) => states.get(key) !== 'shown';

	/** Hides the best shown member of a relation: a part before a total, the smallest, the first. */
	const hideOne = (relation: Relation): boolean => {
		const candidates = members(relation).filter((key) => !suppressed(key));
		if (candidates.length === 0) return false;
		candidates.sort((a, b) => Number(totals.has(a)) - Number(totals.has(b)) || (values.get(a) ?? 0) - (values.get(b) ?? 0) || a.localeCompare(b));
		states.set(candidates[0]!, 'hidden');
		return true;
	};

	for (let round = 0; round < values.size + 1; round++) {
		let changed = false;
		for (const relation of relations) {
			if (members(relation).filter(suppressed).length === 1 && hideOne(relation)) changed = true;
		}
		if (changed) continue;
		const intervals = derivableIntervals(values, states, relations, threshold);
		for (const [key, state] of states) {
			if (state === 'shown') continue;
			const interval = intervals.get(key)!;
			if (interval.lo < interval.hi) continue;
			// Pinned: widen one of its relations (the first that still has a shown member).
			if (relations.some((relation) => members(relation).includes(key) && hideOne(relation))) {
				changed = true;
				break;
			}
		}
		if (!changed) break;
	}
	return states;
}
