/**
 * Reading the cells of an import row, cheaply (each runs once per row of a file that may have a
 * million): numbers, periods (cached per distinct text), statuses, units, and the city's
 * indicators with their dimensions as Sets for O(1) checks.
 *
 * Rules (documented for people preparing files):
 * - A value is a decimal with a point (`12.5`, `-3`, `1e6`); an empty cell (or `NaN`) is a value
 *   reported as missing. Thousands separators and decimal commas are refused.
 * - A period is ISO: `2024`, `2024-Q3`, `2024-05`, `2024-05-31`, years 1900–2100.
 * - A status is `provisional` or `final`; an empty cell keeps the stored status (new rows: final).
 * - A unit is the publisher's text (`Porcentaje`, `на 100 000 населения`) and never refuses a row.
 *   It is the indicator's own unit when it is empty, the indicator's unit code (`percent`), the
 *   indicator's unit text (`unit_text`, as its files write it), or a common label of that unit in
 *   one of the platform's languages (`Percentage`, `%`, `Porcentaje`, …), ignoring case; any other
 *   unit marks a series of its own (see `import-formats.ts`).
 */
import { parsePeriod, MAX_PERIOD_YEAR, MIN_PERIOD_YEAR } from '../group-key.ts';
import type { IndicatorUnit } from '../indicators.tables.ts';
import { parseDimensions } from '../indicator-model.ts';

const NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

/** A number, `null` for an empty cell or `NaN` (missing), `undefined` when it is not a number. */
export function parseValueCell(text: string): number | null | undefined {
	if (text === '' || text === 'NaN') return null;
	if (!NUMBER.test(text)) return undefined;
	const value = Number(text);
	return Number.isFinite(value) ? value : undefined;
}

export type PeriodCheck = 'ok' | 'period_invalid' | 'period_out_of_range';

/** Checks periods, remembering the verdict of each distinct text (a file has few distinct periods). */
export class PeriodChecker {
	readonly #seen = new Map<string, PeriodCheck>();

	check(text: string): PeriodCheck {
		let verdict = this.#seen.get(text);
		if (verdict === undefined) {
			verdict = parsePeriod(text) ? 'ok' : /^\d{4}(?:$|-)/.test(text) && outOfRange(Number(text.slice(0, 4))) ? 'period_out_of_range' : 'period_invalid';
			if (this.#seen.size < 100_000) this.#seen.set(text, verdict);
		}
		return verdict;
	}
}

function outOfRange(year: number): boolean {
	return year < MIN_PERIOD_YEAR || year > MAX_PERIOD_YEAR;
}

export const PERIOD_RANGE = { min: MIN_PERIOD_YEAR, max: MAX_PERIOD_YEAR };

/** `provisional` / `final`, null for an empty cell (keep), undefined when it is neither. */
export function parseStatusCell(text: string): 'provisional' | 'final' | null | undefined {
	if (text === '') return null;
	if (text === 'final' || text === 'provisional') return text;
	const lower = text.toLowerCase();
	return lower === 'final' || lower === 'provisional' ? lower : undefined;
}

/** Labels a Units cell may use for each unit, besides the code itself (compared in lower case). */
const UNIT_LABELS: Record<IndicatorUnit, string[]> = {
	percent: ['%', 'percentage', 'per cent', 'percent (%)', 'porcentaje', 'pourcentage', 'procent', 'процент', 'проценты', '퍼센트', '백분율', 'نسبة مئوية'],
	per_100k: ['per 100,000', 'per 100 000', 'per 100000', 'rate per 100,000', 'por 100.000', 'pour 100 000', 'per 100 000 invånare', 'на 100 000', '10만 명당', 'لكل 100,000'],
	per_1000: ['per 1,000', 'per 1 000', 'per 1000', 'rate per 1,000', 'por 1.000', 'pour 1 000', 'на 1000', '천 명당', 'لكل 1000'],
	count: ['number', 'count', 'total', 'número', 'nombre', 'antal', 'число', 'количество', '수', 'عدد'],
	currency: ['currency', 'amount'],
	yes_no: ['yes/no', 'yes_no', 'boolean'],
	date: ['date'],
	index: ['index', 'score', 'índice', 'indice', 'индекс', '지수', 'مؤشر'],
	years: ['years', 'year', 'años', 'ans', 'år', 'лет', 'годы', '년', 'سنوات'],
	ratio: ['ratio', 'razón', 'rapport', 'kvot', 'коэффициент', '비율', 'نسبة']
};

/** True when a Units cell is empty or names the indicator's own unit (see the module comment). */
export function unitMatches(unit: IndicatorUnit, text: string, currency: string | null, unitText: string | null = null): boolean {
	if (text === '' || text === unit) return true;
	const lower = text.toLowerCase();
	if (lower === unit) return true;
	if (unitText !== null && lower === unitText.toLowerCase()) return true;
	if (unit === 'currency' && currency && lower === currency.toLowerCase()) return true;
	return UNIT_LABELS[unit].includes(lower);
}

/** One indicator of the city as an import checks it. */
export interface ImportIndicator {
	id: string;
	code: string;
	unit: IndicatorUnit;
	currency: string | null;
	/** The unit as the indicator's files write it (`Porcentaje`), or null. */
	unitText: string | null;
	/** The indicator's own (headline) series as its files write it, or null. */
	seriesText: string | null;
	/** Allowed values of each dimension. */
	dimensions: Map<string, Set<string>>;
	/** Dimension names in key order (sorted by code point, as `groupKey` sorts). */
	dimensionNames: string[];
	/** Dimension name by its lower-case form (headers are matched ignoring case). */
	dimensionByLowerName: Map<string, string>;
	/** Canonical group keys of disaggregation texts already seen (long format). */
	groupKeys: Map<string, string>;
	/** Position of the indicator in this import's staging table, -1 until a row uses it. */
	slot: number;
}

export interface IndicatorSource {
	id: string;
	code: string;
	unit: IndicatorUnit;
	currency: string | null;
	unit_text: string | null;
	series_text: string | null;
	dimensions: string;
}

/** The city's live indicators by code. */
export function buildCatalog(rows: IndicatorSource[]): Map<string, ImportIndicator> {
	const catalog = new Map<string, ImportIndicator>();
	for (const row of rows) {
		const dimensions = new Map<string, Set<string>>();
		for (const [name, values] of Object.entries(parseDimensions(row.dimensions))) dimensions.set(name, new Set(values));
		const dimensionNames = [...dimensions.keys()].sort(compareCodes);
		catalog.set(row.code, {
			id: row.id,
			code: row.code,
			unit: row.unit,
			currency: row.currency,
			unitText: row.unit_text,
			seriesText: row.series_text,
			dimensions,
			dimensionNames,
			dimensionByLowerName: new Map(dimensionNames.map((name) => [name.toLowerCase(), name])),
			groupKeys: new Map(),
			slot: -1
		});
	}
	return catalog;
}

/**
 * The indicator a file in the Open SDG format is about, from its name: `<code>.csv`, optionally
 * prefixed `indicator_` (as Open SDG names its files) and with dots written as dashes
 * (`indicator_housing-temporary-accommodation.csv`), the namespace left out (`indicator_1-2-1.csv`
 * is `sdg:1.2.1`). Returns the code tried when none (or more than one) matches.
 *
 * @example indicatorForFile(catalog, 'data/indicator_health-hle.csv') // the indicator health.hle
 */
export function indicatorForFile(catalog: Map<string, ImportIndicator>, fileName: string): ImportIndicator | string {
	const base = fileName.replace(/^.*[\\/]/, '').replace(/\.csv$/i, '');
	const stem = base.replace(/^indicator_/i, '');
	for (const candidate of [base, stem]) {
		const exact = catalog.get(candidate);
		if (exact) return exact;
	}
	const dashed = [...catalog.values()].filter((indicator) => indicator.code.replace(/\./g, '-') === stem || fileStem(indicator.code) === stem);
	return dashed.length === 1 ? dashed[0]! : stem;
}

/** The stem of an indicator's Open SDG file name: namespace dropped, dots as dashes (`sdg:1.2.1` → `1-2-1`). */
export function fileStem(code: string): string {
	return code.replace(/^[a-z][a-z0-9]*:/, '').replace(/\./g, '-');
}

export function compareCodes(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
