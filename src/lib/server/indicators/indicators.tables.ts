/**
 * Indicators module tables: the network indicator library (network-level reference rows), each
 * city's indicator definitions and links to commitments/actions, and observations
 * (indicator × period × disaggregation group → value). City-owned tables lead every key with
 * `city_id`. Translatable text is JSON LocalizedText; lists are JSON arrays.
 */
import type { Selectable } from 'kysely';

export type IndicatorType = 'structural' | 'process' | 'outcome';
export type IndicatorUnit = 'percent' | 'per_100k' | 'per_1000' | 'count' | 'currency' | 'yes_no' | 'date' | 'index' | 'years' | 'ratio';
export type IndicatorDirection = 'higher_is_better' | 'lower_is_better' | 'target_band';
export type ObservationStatus = 'provisional' | 'final';

/**
 * Dimensions an indicator is disaggregated by, with the allowed value codes of each:
 * JSON `{ "sex": ["female", "male"], "age": ["0-17", "18-64", "65+"] }`. An observation's
 * `group_key` names one value per dimension it uses, sorted by dimension: `age=18-64;sex=female`;
 * the empty string is the total.
 */
export type Dimensions = Record<string, string[]>;

export interface IndicatorLibraryTable {
	/** Network-wide code shared by every city that adopts it, e.g. `housing.temporary-accommodation`. */
	code: string;
	/** JSON LocalizedText */
	title: string;
	/** JSON LocalizedText */
	description: string;
	type: IndicatorType;
	/** `udhr:25` */
	right_code: string | null;
	/** e.g. `housing:affordability` */
	attribute: string | null;
	/** JSON array of `sdg:G.T` codes */
	sdg_targets: string;
	/** JSON array of `gwangju:N` codes */
	principles: string;
	unit: IndicatorUnit;
	direction: IndicatorDirection;
	/** JSON Dimensions (suggested; a city may narrow or extend) */
	dimensions: string;
	/** Where the indicator is used in practice (e.g. "York Human Rights City Indicator Report 2023"). */
	source: string;
	/** JSON LocalizedText */
	methodology: string;
	/** Caveats on comparing cities, printed on the joint-evaluation page. JSON LocalizedText */
	comparability: string;
	confirmed: number;
	position: number;
}

export interface IndicatorTable {
	city_id: string;
	id: string;
	/** Unique per city; equals the library code when adopted from the library. */
	code: string;
	library_code: string | null;
	/** JSON LocalizedText */
	title: string;
	/** JSON LocalizedText */
	description: string;
	type: IndicatorType;
	right_code: string | null;
	attribute: string | null;
	/** JSON array of `sdg:G.T` codes */
	sdg_targets: string;
	/** JSON array of `gwangju:N` codes */
	principles: string;
	unit: IndicatorUnit;
	/** ISO 4217 code when unit = currency */
	currency: string | null;
	direction: IndicatorDirection;
	/** For target_band: the band [low, high] */
	band_low: number | null;
	band_high: number | null;
	/** JSON Dimensions */
	dimensions: string;
	baseline_value: number | null;
	/** ISO period of the baseline, e.g. `2019` */
	baseline_period: string | null;
	target_value: number | null;
	target_period: string | null;
	source: string | null;
	/** JSON LocalizedText */
	methodology: string;
	/** The unit as the indicator's files write it (`Porcentaje`); a Units cell with this text is its own unit. */
	unit_text: string | null;
	/** The indicator's own (headline) series as its files write it. */
	series_text: string | null;
	/** BCP 47 language of the dimension names and values as the data writes them. */
	data_language: string | null;
	version: number;
	created_at: string;
	updated_at: string;
	deleted_at: string | null;
}

/** An indicator measures a commitment or an action (same city). */
export interface IndicatorLinkTable {
	city_id: string;
	indicator_id: string;
	target_type: 'commitment' | 'action';
	target_id: string;
}

export interface ObservationTable {
	city_id: string;
	id: string;
	indicator_id: string;
	/** ISO period: `2024`, `2024-Q3`, `2024-05`, `2024-05-31` */
	period: string;
	/** Canonical disaggregation key, `''` for the total (see `Dimensions`). */
	group_key: string;
	/** null = reported as missing (exported as NaN in SDMX-CSV) */
	value: number | null;
	status: ObservationStatus;
	source: string | null;
	note: string | null;
	/**
	 * JSON object of what the published file had beyond the key: Open SDG columns by name as
	 * written (`GeoCode`, `Observation status`, a `Units` cell naming the indicator's own unit, …)
	 * and `Value`, the number as published when it is not written plainly (`8.0`). Null = nothing.
	 */
	extras: string | null;
	created_at: string;
	updated_at: string;
}

export interface IndicatorTables {
	indicator_library: IndicatorLibraryTable;
	indicator: IndicatorTable;
	indicator_link: IndicatorLinkTable;
	observation: ObservationTable;
}

export type IndicatorRow = Selectable<IndicatorTable>;
export type ObservationRow = Selectable<ObservationTable>;
