/**
 * The public statistics of a city's concerns: by right, district, month of receipt and status,
 * and time to resolution — read from the tallies kept with every change (a few hundred rows,
 * whatever the number of cases), then suppressed as one linked set of tables (suppression.ts):
 * the status totals and the grand total are the same cells in every table, so no table gives
 * away what another hides.
 */
import type { Db } from '../db/database.ts';
import { listDistricts, type District } from '../cities/index.ts';
import * as repository from './concerns.repository.ts';
import { suppress, type CellState, type Relation } from './suppression.ts';
import { CATEGORY_CODES, CLOSED_STATUSES, RESOLUTION_BUCKETS, STATS_MONTHS, STATUS_GROUPS, SUPPRESS_BELOW } from './vocabulary.ts';

/** A published count: its value only when shown. */
export type StatCell = { state: 'shown'; value: number } | { state: 'small' } | { state: 'hidden' };

export interface StatTable {
	/** `right`, `district`, `month` or `resolution`. */
	dimension: string;
	rows: { key: string; cells: StatCell[]; total: StatCell }[];
	/** Column keys (status groups, or resolution buckets). */
	columns: string[];
	columnTotals: StatCell[];
	grandTotal: StatCell;
}

export interface ConcernStats {
	tables: StatTable[];
	/** The districts (names per language) for the district table's labels. */
	districts: District[];
	/** Cases received in all (exact only when at least the threshold; else null). */
	total: number | null;
	threshold: number;
}

/** The months the table shows one by one (newest first), as `YYYY-MM`, ending with `today`'s. */
export function statMonths(today: string, count = STATS_MONTHS): string[] {
	const [year, month] = today.split('-').map(Number) as [number, number];
	return Array.from({ length: count }, (_, index) => {
		const date = new Date(Date.UTC(year, month - 1 - index, 1));
		return date.toISOString().slice(0, 7);
	});
}

interface TableShape {
	dimension: string;
	rows: string[];
	columns: readonly string[];
	cell: (row: string, column: string) => string;
	rowTotal: (row: string) => string;
	columnTotal: (column: string) => string;
	grand: string;
}

function relationsOf(shape: TableShape): Relation[] {
	const relations: Relation[] = [];
	for (const row of shape.rows) relations.push({ total: shape.rowTotal(row), parts: shape.columns.map((column) => shape.cell(row, column)) });
	for (const column of shape.columns) relations.push({ total: shape.columnTotal(column), parts: shape.rows.map((row) => shape.cell(row, column)) });
	relations.push({ total: shape.grand, parts: shape.columns.map(shape.columnTotal) });
	relations.push({ total: shape.grand, parts: shape.rows.map(shape.rowTotal) });
	return relations;
}

/**
 * Builds the linked tables from tally rows and suppresses them together. Pure (the tests feed it
 * crafted counts).
 */
export function buildStats(tallies: readonly { dimension: string; key: string; status: string; count: number }[], districtCodes: readonly string[], today: string, threshold = SUPPRESS_BELOW): Omit<ConcernStats, 'districts'> {
	const months = statMonths(today);
	const monthRow = (key: string) => (months.includes(key) ? key : 'earlier');
	const counts = new Map<string, number>();
	const add = (key: string, value: number) => counts.set(key, (counts.get(key) ?? 0) + value);
	const districtRows = [...districtCodes];
	for (const tally of tallies) {
		if (tally.dimension === 'district' && tally.key !== '' && !districtRows.includes(tally.key)) districtRows.push(tally.key);
	}
	districtRows.push('');

	const statusShape = (dimension: string, rows: string[]): TableShape => ({
		dimension,
		rows,
		columns: STATUS_GROUPS,
		cell: (row, column) => `${dimension}:${row}:${column}`,
		rowTotal: (row) => `${dimension}:${row}:all`,
		columnTotal: (column) => `status:${column}`,
		grand: 'all'
	});
	const shapes: TableShape[] = [
		statusShape('right', [...CATEGORY_CODES]),
		statusShape('district', districtRows),
		statusShape('month', [...months, 'earlier']),
		{
			dimension: 'resolution',
			rows: [...CLOSED_STATUSES],
			columns: RESOLUTION_BUCKETS.map((bucket) => bucket.code),
			cell: (row, column) => `resolution:${row}:${column}`,
			rowTotal: (row) => `status:${row}`,
			columnTotal: (column) => `bucket:${column}`,
			grand: 'closed'
		}
	];
	// Every cell exists (zero when no case), so empty rows are suppressed like the others.
	for (const shape of shapes) {
		for (const row of shape.rows) {
			for (const column of shape.columns) counts.set(shape.cell(row, column), 0);
			counts.set(shape.rowTotal(row), 0);
		}
		for (const column of shape.columns) counts.set(shape.columnTotal(column), 0);
		counts.set(shape.grand, 0);
	}
	for (const tally of tallies) {
		if (tally.dimension === 'right' && (CATEGORY_CODES as readonly string[]).includes(tally.key)) add(`right:${tally.key}:${tally.status}`, tally.count);
		if (tally.dimension === 'district') add(`district:${tally.key}:${tally.status}`, tally.count);
		if (tally.dimension === 'month') add(`month:${monthRow(tally.key)}:${tally.status}`, tally.count);
		if (tally.dimension === 'resolution') add(`resolution:${tally.status}:${tally.key}`, tally.count);
	}
	// Totals are sums of their cells (the right table's, for the shared status totals).
	for (const shape of shapes.slice(0, 3)) for (const row of shape.rows) counts.set(shape.rowTotal(row), STATUS_GROUPS.reduce((total, status) => total + counts.get(shape.cell(row, status))!, 0));
	for (const status of STATUS_GROUPS) counts.set(`status:${status}`, CATEGORY_CODES.reduce((total, category) => total + counts.get(`right:${category}:${status}`)!, 0));
	counts.set('all', STATUS_GROUPS.reduce((total, status) => total + counts.get(`status:${status}`)!, 0));
	const resolution = shapes[3]!;
	for (const column of resolution.columns) counts.set(resolution.columnTotal(column), CLOSED_STATUSES.reduce((total, status) => total + counts.get(resolution.cell(status, column))!, 0));
	counts.set('closed', CLOSED_STATUSES.reduce((total, status) => total + counts.get(`status:${status}`)!, 0));

	const relations = [...shapes.flatMap(relationsOf), { total: 'all', parts: ['status:open', 'closed'] }];
	const states = suppress(counts, relations, threshold);
	const cellOf = (key: string): StatCell => {
		const state: CellState = states.get(key)!;
		return state === 'shown' ? { state, value: counts.get(key)! } : { state };
	};
	const tables = shapes.map((shape) => ({
		dimension: shape.dimension,
		columns: [...shape.columns],
		rows: shape.rows.map((row) => ({ key: row, cells: shape.columns.map((column) => cellOf(shape.cell(row, column))), total: cellOf(shape.rowTotal(row)) })),
		columnTotals: shape.columns.map((column) => cellOf(shape.columnTotal(column))),
		grandTotal: cellOf(shape.grand)
	}));
	const grand = cellOf('all');
	return { tables, total: grand.state === 'shown' ? grand.value : null, threshold };
}

/** The city's statistics, ready to publish. */
export async function loadConcernStats(db: Db, cityId: string, today: string): Promise<ConcernStats> {
	const [tallies, districts] = await Promise.all([repository.readTallies(db, cityId), listDistricts(db, cityId)]);
	return { ...buildStats(tallies, districts.map((district) => district.code), today), districts };
}
