import { describe, expect, it } from 'vitest';
import { derivableIntervals, suppress, type CellState, type Relation } from './suppression.ts';
import { buildStats, statMonths, type StatTable } from './stats.service.ts';
import { CATEGORY_CODES, STATUS_GROUPS } from './vocabulary.ts';

/** Every suppressed cell must stay a range for a reader who does every subtraction the tables allow. */
function expectNothingPinned(values: Map<string, number>, states: Map<string, CellState>, relations: Relation[]): void {
	const intervals = derivableIntervals(values, states, relations, 5);
	for (const [key, state] of states) {
		if (state === 'shown') continue;
		const interval = intervals.get(key)!;
		expect(interval.lo < interval.hi, `${key} can be worked out`).toBe(true);
	}
}

/** A little seeded generator, so the random tables are the same every run. */
function generator(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
		return state / 2_147_483_648;
	};
}

describe('small-number suppression', () => {
	it('shows a small count as "<5" and hides one more cell so the total does not give it away', () => {
		const states = suppress(
			new Map([
				['a', 3],
				['b', 10],
				['c', 12],
				['t', 25]
			]),
			[{ total: 't', parts: ['a', 'b', 'c'] }]
		);
		expect(Object.fromEntries(states)).toEqual({ a: 'small', b: 'hidden', c: 'shown', t: 'shown' });
	});

	it('leaves tables without small counts alone', () => {
		const states = suppress(
			new Map([
				['a', 5],
				['b', 9],
				['t', 14]
			]),
			[{ total: 't', parts: ['a', 'b'] }]
		);
		expect([...states.values()].every((state) => state === 'shown')).toBe(true);
	});

	it('hides enough in a two-way table that no suppressed cell can be worked out from rows and columns together', () => {
		// The classic trap: hiding one cell per row and column is not enough when they form a 2×2 block with one pinned corner.
		const cells: Record<string, number> = { r1c1: 2, r1c2: 20, r1c3: 30, r2c1: 40, r2c2: 3, r2c3: 50, r3c1: 60, r3c2: 70, r3c3: 80 };
		const values = new Map<string, number>(Object.entries(cells));
		const relations: Relation[] = [];
		for (const row of ['r1', 'r2', 'r3']) {
			const parts = ['c1', 'c2', 'c3'].map((column) => `${row}${column}`);
			values.set(`${row}`, parts.reduce((total, key) => total + cells[key]!, 0));
			relations.push({ total: row, parts });
		}
		for (const column of ['c1', 'c2', 'c3']) {
			const parts = ['r1', 'r2', 'r3'].map((row) => `${row}${column}`);
			values.set(column, parts.reduce((total, key) => total + cells[key]!, 0));
			relations.push({ total: column, parts });
		}
		values.set('all', Object.values(cells).reduce((total, value) => total + value, 0));
		relations.push({ total: 'all', parts: ['r1', 'r2', 'r3'] }, { total: 'all', parts: ['c1', 'c2', 'c3'] });
		const states = suppress(values, relations);
		expect(states.get('r1c1')).toBe('small');
		expect(states.get('r2c2')).toBe('small');
		expectNothingPinned(values, states, relations);
	});

	it('publishes the statistics page with no count from 1 to 4 shown in any of its tables, and the exact total only when shown (60 random cities)', () => {
		const random = generator(42);
		const months = statMonths('2026-12-07');
		for (let round = 0; round < 60; round++) {
			const tallies: { dimension: string; key: string; status: string; count: number }[] = [];
			const cases = Math.floor(random() * 60);
			for (let index = 0; index < cases; index++) {
				const status = STATUS_GROUPS[Math.floor(random() * STATUS_GROUPS.length)]!;
				const category = CATEGORY_CODES[Math.floor(random() * 3)]!;
				const district = ['centre', 'north', ''][Math.floor(random() * 3)]!;
				const month = months[Math.floor(random() * 3)]!;
				tallies.push({ dimension: 'right', key: category, status, count: 1 }, { dimension: 'district', key: district, status, count: 1 }, { dimension: 'month', key: month, status, count: 1 });
				if (status !== 'open') tallies.push({ dimension: 'resolution', key: ['d30', 'd90'][Math.floor(random() * 2)]!, status, count: 1 });
			}
			const stats = buildStats(tallies, ['centre', 'north'], '2026-12-07');
			const shownValues = (table: StatTable) => [...table.rows.flatMap((row) => [...row.cells, row.total]), ...table.columnTotals, table.grandTotal].flatMap((cell) => (cell.state === 'shown' ? [cell.value] : []));
			for (const table of stats.tables) for (const value of shownValues(table)) expect(value === 0 || value >= 5, `round ${round}: ${table.dimension} shows ${value}`).toBe(true);
			expect(stats.total === null || stats.total === cases).toBe(true);
		}
	});

	it('suppresses the statistics so that the same total is the same cell in every table (no differencing between tables)', () => {
		// Right: 7 discrimination open, 3 accessibility resolved → resolved total 3 is small, in every table.
		const tallies = [
			{ dimension: 'right', key: 'discrimination', status: 'open', count: 7 },
			{ dimension: 'right', key: 'accessibility', status: 'resolved', count: 3 },
			{ dimension: 'district', key: 'centre', status: 'open', count: 7 },
			{ dimension: 'district', key: 'centre', status: 'resolved', count: 3 },
			{ dimension: 'month', key: '2026-11', status: 'open', count: 7 },
			{ dimension: 'month', key: '2026-11', status: 'resolved', count: 3 },
			{ dimension: 'resolution', key: 'd30', status: 'resolved', count: 3 }
		];
		const stats = buildStats(tallies, ['centre'], '2026-12-07');
		const right = stats.tables.find((table) => table.dimension === 'right')!;
		const district = stats.tables.find((table) => table.dimension === 'district')!;
		const resolvedColumn = STATUS_GROUPS.indexOf('resolved');
		expect(right.columnTotals[resolvedColumn]!.state).not.toBe('shown');
		expect(district.columnTotals[resolvedColumn]!.state).not.toBe('shown');
		// With the resolved total hidden, the grand total (10) cannot be shown next to the open total (7).
		const openColumn = STATUS_GROUPS.indexOf('open');
		expect(right.grandTotal.state === 'shown' && right.columnTotals[openColumn]!.state === 'shown').toBe(false);
	});
});
