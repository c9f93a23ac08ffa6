/**
 * The data a chart component takes: periods in order and, per series, one value per period.
 * Aligned arrays keep page data small and make the chart and its table show the same numbers.
 */
export interface ChartPeriod {
	/** Position in years (2024-Q3 → 2024.5). */
	x: number;
	/** ISO period, e.g. `2024-Q3`. */
	period: string;
	/** As the reader sees it, e.g. "Q3 2024". */
	label: string;
}

export interface ChartSeries {
	key: string;
	label: string;
	/** One value per period (same order as the periods), null when missing. */
	values: (number | null)[];
	/** Optional mark per period shown in the table, e.g. "provisional". */
	notes?: (string | null)[];
}
