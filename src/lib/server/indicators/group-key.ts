/**
 * Canonical keys shared by every writer and reader of observations: the disaggregation
 * `group_key` (`age=18-64;sex=female`, `''` = total) and ISO periods (`2024`, `2024-Q3`,
 * `2024-05`, `2024-05-31`, years 1900..2100). Pure functions; imports, exports, forms and
 * scores all build and read keys here so one observation has exactly one key.
 */
import { DomainError } from '../errors.ts';

/** One value per dimension, e.g. `{ sex: 'female', age: '18-64' }`. */
export type GroupValues = Record<string, string>;

/** Characters that would make a key ambiguous, and control characters. */
const FORBIDDEN = /[=;\u0000-\u001f\u007f]/;

/** Why a dimension name or value cannot be part of a key, or null when it can. */
export function groupPartProblem(part: string): string | null {
	if (part.trim() === '') return 'is empty';
	if (part !== part.trim()) return 'has leading or trailing spaces';
	if (FORBIDDEN.test(part)) return 'contains "=", ";" or a control character';
	return null;
}

/**
 * The canonical key of a disaggregation group: dimensions sorted by name, `name=value` joined
 * by `;`. Dimensions whose value is empty or undefined are at their total and are left out, so
 * `{}` (and `{ sex: '' }`) is the total `''`.
 *
 * @example
 *   groupKey({ sex: 'female', age: '18-64' }) // 'age=18-64;sex=female'
 *   groupKey({}) // ''
 * @throws DomainError('invalid_input') when a name or value contains `=`, `;` or control characters.
 */
export function groupKey(values: Readonly<Record<string, string | null | undefined>>): string {
	const parts: string[] = [];
	for (const dimension of Object.keys(values).sort(compareCodes)) {
		const value = values[dimension];
		if (value === undefined || value === null || value === '') continue;
		for (const [what, part] of [
			['dimension', dimension],
			['value', value]
		] as const) {
			const problem = groupPartProblem(part);
			if (problem) {
				throw new DomainError('invalid_input', `Disaggregation ${what} "${part}" ${problem}.`, {
					field: 'group',
					dimension,
					value
				});
			}
		}
		parts.push(`${dimension}=${value}`);
	}
	return parts.join(';');
}

/**
 * The values of a group key; `''` gives `{}` (the total).
 *
 * @example parseGroupKey('age=18-64;sex=female') // { age: '18-64', sex: 'female' }
 * @throws DomainError('invalid_input') when the key is not canonical (unsorted, repeated, malformed).
 */
export function parseGroupKey(key: string): GroupValues {
	const values: GroupValues = {};
	if (key === '') return values;
	let previous: string | null = null;
	for (const part of key.split(';')) {
		const at = part.indexOf('=');
		const dimension = part.slice(0, at);
		const value = part.slice(at + 1);
		if (at <= 0 || value === '' || groupPartProblem(dimension) || groupPartProblem(value) || dimension in values) {
			throw new DomainError('invalid_input', `"${key}" is not a disaggregation key (dimension=value;…).`, {
				field: 'group',
				key
			});
		}
		// Canonical = dimensions in ascending code-point order, which is what `groupKey` builds
		// (checked in place: pages read a key per observation, thousands per request).
		if (previous !== null && compareCodes(previous, dimension) >= 0) {
			throw new DomainError('invalid_input', `"${key}" is not in canonical order (dimensions sorted by name).`, {
				field: 'group',
				key
			});
		}
		previous = dimension;
		values[dimension] = value;
	}
	return values;
}

/** Sorting by code point, the same on every machine and locale (not `localeCompare`). */
function compareCodes(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

export type PeriodGranularity = 'year' | 'quarter' | 'month' | 'day';

export interface Period {
	text: string;
	granularity: PeriodGranularity;
	year: number;
	/** 1..4 for quarters */
	quarter: number | null;
	/** 1..12 for months and days */
	month: number | null;
	day: number | null;
	/** First day of the period, `YYYY-MM-DD`. */
	start: string;
	/** Start of the period in years, e.g. 2024-Q3 → 2024.5 (months and days by calendar fraction). */
	startYear: number;
}

export const MIN_PERIOD_YEAR = 1900;
export const MAX_PERIOD_YEAR = 2100;

const PERIOD = /^(\d{4})(?:-(?:Q([1-4])|(\d{2})(?:-(\d{2}))?))?$/;

/**
 * Parses an ISO period, or returns null when the text is not one (wrong shape, impossible date,
 * year outside 1900..2100).
 *
 * @example
 *   parsePeriod('2024-Q3')?.startYear // 2024.5
 *   parsePeriod('2024-02-30') // null
 */
export function parsePeriod(text: string): Period | null {
	const match = PERIOD.exec(text);
	if (!match) return null;
	const year = Number(match[1]);
	if (year < MIN_PERIOD_YEAR || year > MAX_PERIOD_YEAR) return null;
	const quarter = match[2] ? Number(match[2]) : null;
	const month = match[3] ? Number(match[3]) : null;
	const day = match[4] ? Number(match[4]) : null;
	if (month !== null && (month < 1 || month > 12)) return null;
	if (day !== null && (day < 1 || day > daysInMonth(year, month!))) return null;
	const startMonth = quarter !== null ? (quarter - 1) * 3 + 1 : (month ?? 1);
	const startDay = day ?? 1;
	const start = `${match[1]}-${pad(startMonth)}-${pad(startDay)}`;
	const dayOfYear = (Date.UTC(year, startMonth - 1, startDay) - Date.UTC(year, 0, 1)) / 86_400_000;
	const yearLength = isLeapYear(year) ? 366 : 365;
	return {
		text,
		granularity: day !== null ? 'day' : month !== null ? 'month' : quarter !== null ? 'quarter' : 'year',
		year,
		quarter,
		month,
		day,
		start,
		startYear: year + dayOfYear / yearLength
	};
}

/** @example isValidPeriod('2024-Q3') // true; isValidPeriod('2024-13') // false */
export function isValidPeriod(text: string): boolean {
	return parsePeriod(text) !== null;
}

/**
 * Orders periods by their start, then coarser first (`2024` before `2024-Q1` before `2024-01`).
 * Invalid periods sort last, by text.
 */
export function comparePeriods(a: string, b: string): number {
	const ka = periodSortKey(a);
	const kb = periodSortKey(b);
	if (ka === null || kb === null) return ka !== null ? -1 : kb !== null ? 1 : compareCodes(a, b);
	return compareCodes(ka, kb);
}

const GRANULARITY_ORDER: Record<PeriodGranularity, number> = { year: 0, quarter: 1, month: 2, day: 3 };

/**
 * Sort keys of the periods compared lately (`2024-07-01 1` for `2024-Q3`: start, then
 * granularity; null for an invalid period). A sort compares n·log n times but sees few distinct
 * periods (an indicator page sorts 20 years × 51 groups), so each text is parsed once; bounded.
 */
const sortKeys = new Map<string, string | null>();
const SORT_KEYS_KEPT = 10_000;

function periodSortKey(text: string): string | null {
	let key = sortKeys.get(text);
	if (key === undefined) {
		const period = parsePeriod(text);
		key = period ? `${period.start} ${GRANULARITY_ORDER[period.granularity]}` : null;
		if (sortKeys.size >= SORT_KEYS_KEPT) sortKeys.clear();
		sortKeys.set(text, key);
	}
	return key;
}

function isLeapYear(year: number): boolean {
	return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
	return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

function pad(n: number): string {
	return String(n).padStart(2, '0');
}

/**
 * Why a group does not fit an indicator's dimensions, or null when it does: every dimension
 * must be one of the indicator's and every value one of that dimension's values. Blank values
 * (total in that dimension) are fine.
 *
 * @example groupProblem({ sex: ['female', 'male'] }, { sex: 'other' }) // { dimension: 'sex', value: 'other', reason: 'unknown_value' }
 */
export function groupProblem(
	dimensions: Readonly<Record<string, readonly string[]>>,
	group: Readonly<Record<string, string | null | undefined>>
): { dimension: string; value: string; reason: 'unknown_dimension' | 'unknown_value' } | null {
	for (const [dimension, value] of Object.entries(group)) {
		if (value === undefined || value === null || value === '') continue;
		const allowed = Object.hasOwn(dimensions, dimension) ? dimensions[dimension] : undefined;
		if (!allowed) return { dimension, value, reason: 'unknown_dimension' };
		if (!allowed.includes(value)) return { dimension, value, reason: 'unknown_value' };
	}
	return null;
}
