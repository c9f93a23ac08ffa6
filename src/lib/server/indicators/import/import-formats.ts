/**
 * The two file formats an observation import reads, from header to staged rows.
 *
 * **Open SDG** (one file per indicator, named after it; see `indicatorForFile`):
 *   `Year,<dimension>…,Units,Series,GeoCode,Value` — `Year` and `Value` are required; the columns
 *   Open SDG gives a meaning of its own (`OPEN_SDG_COLUMNS`: `GeoCode`, `Observation status`,
 *   `Unit multiplier`, `COMMENT_OBS`, …) are kept as written with each observation (its `extras`)
 *   and written back by the export; our optional `Status` is the observation's status; every other
 *   column is a disaggregation dimension of the indicator, matched by name ignoring case; an empty
 *   dimension cell means the total over that dimension.
 *   `Units` and `Series` are the publisher's text and never refuse a row (Open SDG files often hold
 *   several units or series): a cell naming the indicator's own unit (`unitMatches`) or series
 *   (its `series_text`) is kept as written in the extras (as `Units` / `Series`) unless it is
 *   exactly what the export writes for it; any other text marks a series of its own and becomes part of the
 *   observation's key as the pseudo-dimension `Units=<text>` or `Series=<text>` (names no
 *   dimension may take). A `Value` written with a precision its number does not show (`8.0`) is
 *   kept as written in the extras too.
 *
 * **Long** (any number of indicators in one file):
 *   `indicator,period,disaggregation,value` and optionally `status,source,note`, header names
 *   matched ignoring case and surrounding spaces, in any order. `disaggregation` holds
 *   `dimension=value` pairs separated by `;` in any order (`sex=female;age=65+`); empty = total.
 *
 * In both, a row whose cells are all empty is skipped. Optional columns that a file leaves out
 * keep what is stored (a new observation gets status `final` and no source or note); a `source` or
 * `note` column that is present but empty clears the stored text.
 */
import type { CsvHeader } from '../../csv/index.ts';
import { observationValueProblem, MAX_NOTE, MAX_SOURCE, MAX_UNIT_TEXT, OPEN_SDG_COLUMNS } from '../indicators.schema.ts';
import { type ImportErrorList, listForMessage } from './import-errors.ts';
import { describeDifferences, encodeDifferences, letterDifferences, LookalikeIndex } from './lookalikes.ts';
import { compareCodes, parseStatusCell, parseValueCell, PERIOD_RANGE, unitMatches, type ImportIndicator, type PeriodChecker } from './import-cells.ts';

export type ImportFormat = 'open-sdg' | 'long';

/** Where valid rows go (the service's staging writer). */
export interface RowSink {
	add(indicator: ImportIndicator, period: string, groupKey: string, row: number, value: number | null, status: string | null, source: string | null, note: string | null, extras: string | null): void;
}

export interface FileContext {
	file: string;
	/** Treat a header or value that differs from the definition only by look-alike letters as the definition's (the person said so). */
	acceptLookalikes: boolean;
	errors: ImportErrorList;
	catalog: Map<string, ImportIndicator>;
	periods: PeriodChecker;
	sink: RowSink;
}

/** Reads the data rows of one file once its header is accepted. */
export interface RowReader {
	format: ImportFormat;
	/** Which optional columns the file has (one it lacks keeps what is stored). */
	given: { status: boolean; source: boolean; note: boolean; extras: boolean };
	/** The column named by a duplicate-observation error. */
	keyColumn: string;
	read(fields: string[], row: number): void;
}

const LONG_REQUIRED = ['indicator', 'period', 'disaggregation', 'value'] as const;
const LONG_OPTIONAL = ['status', 'source', 'note'] as const;
/** The pseudo-dimensions a key may carry for a unit or series other than the indicator's own. */
export const UNITS_PART = 'Units';
export const SERIES_PART = 'Series';
/** Open SDG columns kept as written with each observation (lower case). */
const KEPT_COLUMNS = new Set(OPEN_SDG_COLUMNS.map((name) => name.toLowerCase()).filter((name) => !['year', 'value', 'units', 'series', 'status'].includes(name)));
const OPEN_SDG_RESERVED = ['year', 'value', 'units', 'series', 'status', ...KEPT_COLUMNS];

/** True for a number written as its plain form would print it (`8`, `12.5`), so no text needs keeping. */
function plainNumber(text: string, value: number): boolean {
	return String(value) === text;
}

/** Header names are matched ignoring case and surrounding spaces: the `CsvHeader` of a file to import. */
export const headerName = (name: string): string => name.trim().toLowerCase();

/**
 * The format a header is in (`auto`): long when it has a column of the long format's own
 * (indicator, period, disaggregation), else Open SDG when it has Year or Value, else null.
 */
export function detectFormat(header: CsvHeader): ImportFormat | null {
	if (header.has('indicator') || header.has('period') || header.has('disaggregation')) return 'long';
	if (header.has('year') || header.has('value')) return 'open-sdg';
	return null;
}

/** True for a row of empty cells (a spreadsheet's trailing rows). */
function isBlank(fields: string[]): boolean {
	for (const field of fields) if (field.trim() !== '') return false;
	return true;
}

function checkFieldCount(context: FileContext, fields: string[], expected: number, row: number): boolean {
	if (fields.length === expected) return true;
	if (!isBlank(fields)) context.errors.add(context.file, row, null, 'wrong_field_count', { expected, found: fields.length });
	return false;
}

function checkPeriod(context: FileContext, period: string, row: number, column: string): boolean {
	const verdict = context.periods.check(period);
	if (verdict === 'ok') return true;
	context.errors.add(context.file, row, column, verdict, verdict === 'period_out_of_range' ? { value: period, ...PERIOD_RANGE } : { value: period });
	return false;
}

/** The value of a row, or undefined after reporting why it is not one. */
function checkValue(context: FileContext, indicator: ImportIndicator | undefined, text: string, row: number, column: string): number | null | undefined {
	const value = parseValueCell(text);
	if (value === undefined) {
		context.errors.add(context.file, row, column, 'value_not_numeric', { value: text });
		return undefined;
	}
	if (indicator && observationValueProblem(indicator.unit, value)) {
		context.errors.add(context.file, row, column, 'value_out_of_range', { value: text, unit: indicator.unit });
		return undefined;
	}
	return value;
}

function checkStatus(context: FileContext, text: string, row: number, column: string): string | null | undefined {
	const status = parseStatusCell(text);
	if (status === undefined) context.errors.add(context.file, row, column, 'status_invalid', { value: text });
	return status;
}

function checkText(context: FileContext, text: string, max: number, row: number, column: string): string | null | undefined {
	if (text.length > max) {
		context.errors.add(context.file, row, column, 'text_too_long', { max });
		return undefined;
	}
	return text === '' ? null : text;
}

/** Reports repeated and missing columns, and hands unknown ones to `onUnknown` (true: it is fine). False when the header is wrong. */
function checkHeader(context: FileContext, header: CsvHeader, known: readonly string[], required: readonly string[], onUnknown: (name: string, index: number) => boolean): boolean {
	let ok = true;
	for (const { field, name, problem } of header.check(known, required)) {
		if (problem === 'unknown') ok = onUnknown(header.names[field!]!, field!) && ok;
		else {
			context.errors.add(context.file, 1, name, problem === 'duplicate' ? 'duplicate_column' : 'missing_column');
			ok = false;
		}
	}
	return ok;
}

/** Look-alike indexes of an indicator's dimension names and of each dimension's values, made when first needed. */
interface IndicatorLookalikes {
	names?: LookalikeIndex;
	values: Map<string, LookalikeIndex>;
}
const indicatorLookalikes = new WeakMap<ImportIndicator, IndicatorLookalikes>();

function lookalikesOf(indicator: ImportIndicator): IndicatorLookalikes {
	let found = indicatorLookalikes.get(indicator);
	if (!found) indicatorLookalikes.set(indicator, (found = { values: new Map() }));
	return found;
}

/**
 * The canonical group key of a long-format disaggregation cell, or undefined after reporting why not.
 * A dimension or value that differs from the definition only by look-alike letters is named as such
 * (and taken as the definition's own when the import treats look-alikes as the same), as in
 * Open SDG files.
 */
function longGroupKey(context: FileContext, indicator: ImportIndicator, text: string, row: number, column: string): string | undefined {
	const cached = indicator.groupKeys.get(text);
	if (cached !== undefined) return cached;
	const values = new Map<string, string>();
	let exact = true;
	for (const part of text.split(';')) {
		if (part.trim() === '') continue;
		const at = part.indexOf('=');
		const name = at > 0 ? part.slice(0, at).trim() : '';
		const value = part.slice(at + 1).trim();
		let dimension = indicator.dimensions.has(name) ? name : indicator.dimensionByLowerName.get(name.toLowerCase());
		if (at > 0 && dimension === undefined && name !== '') {
			const lookalikes = lookalikesOf(indicator);
			lookalikes.names ??= new LookalikeIndex(indicator.dimensionNames, (letters) => letters.toLowerCase());
			const match = lookalikes.names.match(name);
			if (match.kind === 'one' && !context.acceptLookalikes) {
				context.errors.add(context.file, row, column, 'lookalike_dimension', lookalikeParams(name, match.name));
				return undefined;
			}
			if (match.kind === 'one') {
				dimension = match.name;
				exact = false;
			}
		}
		if (at <= 0 || value === '' || (dimension !== undefined && values.has(dimension))) {
			context.errors.add(context.file, row, column, 'disaggregation_invalid', { value: text });
			return undefined;
		}
		if (dimension === undefined) {
			context.errors.add(context.file, row, column, 'unknown_dimension', { value: name, indicator: indicator.code, allowed: listForMessage(indicator.dimensionNames) || '—' });
			return undefined;
		}
		const allowed = indicator.dimensions.get(dimension)!;
		let stored = value;
		if (!allowed.has(value)) {
			const indexes = lookalikesOf(indicator).values;
			let index = indexes.get(dimension);
			if (!index) indexes.set(dimension, (index = new LookalikeIndex(allowed)));
			const match = index.match(value);
			if (match.kind === 'one' && context.acceptLookalikes) {
				stored = match.name;
				exact = false;
			} else {
				if (match.kind === 'one') context.errors.add(context.file, row, column, 'lookalike_value', { ...lookalikeParams(value, match.name), dimension });
				else context.errors.add(context.file, row, column, 'unknown_dimension_value', { value, dimension, allowed: listForMessage([...allowed]) });
				return undefined;
			}
		}
		values.set(dimension, stored);
	}
	const key = [...values.keys()]
		.sort(compareCodes)
		.map((dimension) => `${dimension}=${values.get(dimension)}`)
		.join(';');
	// Only a cell spelled as the definition is remembered: a look-alike one is taken only when asked.
	if (exact && indicator.groupKeys.size < 50_000) indicator.groupKeys.set(text, key);
	return key;
}

/** The reader of a long-format file, or null after reporting what is wrong with its header. */
export function longFormatReader(context: FileContext, header: CsvHeader): RowReader | null {
	const known = [...LONG_REQUIRED, ...LONG_OPTIONAL];
	const ok = checkHeader(context, header, known, LONG_REQUIRED, (_name, index) => {
		context.errors.add(context.file, 1, header.nameOf(index), 'unknown_column', { allowed: known.join(', ') });
		return false;
	});
	if (!ok) return null;
	const [iIndicator, iPeriod, iGroup, iValue, iStatus, iSource, iNote] = known.map((column) => header.indexOf(column)) as [number, number, number, number, number, number, number];
	const name = (index: number) => header.nameOf(index);
	const width = header.length;
	return {
		format: 'long',
		given: { status: iStatus >= 0, source: iSource >= 0, note: iNote >= 0, extras: false },
		keyColumn: name(iPeriod),
		read(fields, row) {
			if (!checkFieldCount(context, fields, width, row)) return;
			if (fields[iIndicator] === '' && isBlank(fields)) return;
			const code = fields[iIndicator]!.trim();
			const indicator = context.catalog.get(code);
			let ok = true;
			if (!indicator) {
				context.errors.add(context.file, row, name(iIndicator), 'unknown_indicator', { value: code });
				ok = false;
			}
			const period = fields[iPeriod]!.trim();
			ok = checkPeriod(context, period, row, name(iPeriod)) && ok;
			const key = indicator ? longGroupKey(context, indicator, fields[iGroup]!, row, name(iGroup)) : '';
			const value = checkValue(context, indicator, fields[iValue]!.trim(), row, name(iValue));
			const status = iStatus >= 0 ? checkStatus(context, fields[iStatus]!.trim(), row, name(iStatus)) : null;
			const source = iSource >= 0 ? checkText(context, fields[iSource]!.trim(), MAX_SOURCE, row, name(iSource)) : null;
			const note = iNote >= 0 ? checkText(context, fields[iNote]!.trim(), MAX_NOTE, row, name(iNote)) : null;
			if (!ok || key === undefined || value === undefined || status === undefined || source === undefined || note === undefined) return;
			context.sink.add(indicator!, period, key, row, value, status, source, note, null);
		}
	};
}

/** The parameters of a look-alike error: what the file has, what the definition has, and the letters that differ. */
function lookalikeParams(found: string, expected: string): Record<string, string> {
	const differences = letterDifferences(found, expected);
	return {
		value: found,
		expected,
		letters: differences && differences.length > 0 ? describeDifferences(differences) : 'letters that look alike',
		differences: differences ? encodeDifferences(differences) : ''
	};
}

/** The reader of an Open SDG file about `indicator`, or null after reporting what is wrong with its header. */
export function openSdgReader(context: FileContext, header: CsvHeader, indicator: ImportIndicator): RowReader | null {
	const dimensionColumns = new Map<string, number>();
	const lowerCase = (text: string) => text.toLowerCase();
	let names: LookalikeIndex | undefined;
	const ok = checkHeader(context, header, OPEN_SDG_RESERVED, ['year', 'value'], (raw, index) => {
		let dimension = indicator.dimensions.has(raw) ? raw : indicator.dimensionByLowerName.get(raw.toLowerCase());
		if (dimension === undefined) {
			names ??= new LookalikeIndex(indicator.dimensionNames, lowerCase);
			const match = names.match(raw);
			if (match.kind === 'one' && context.acceptLookalikes) dimension = match.name;
			else if (match.kind === 'one') {
				context.errors.add(context.file, 1, header.nameOf(index), 'lookalike_dimension', lookalikeParams(raw, match.name));
				return false;
			}
		}
		if (dimension === undefined) {
			context.errors.add(context.file, 1, header.nameOf(index), 'unknown_dimension', {
				value: raw,
				indicator: indicator.code,
				allowed: listForMessage(indicator.dimensionNames) || '—'
			});
			return false;
		}
		if (dimensionColumns.has(dimension)) {
			context.errors.add(context.file, 1, header.nameOf(index), 'duplicate_column');
			return false;
		}
		dimensionColumns.set(dimension, index);
		return true;
	});
	if (!ok) return null;
	const iYear = header.indexOf('year');
	const iValue = header.indexOf('value');
	const iUnits = header.indexOf('units');
	const iSeries = header.indexOf('series');
	const iStatus = header.indexOf('status');
	const kept = header.names.map((raw, index) => ({ raw, index })).filter(({ raw }) => KEPT_COLUMNS.has(headerName(raw)));
	// Dimension columns in key order, so the key is built by appending.
	const dimensions = [...dimensionColumns.entries()]
		.sort(([a], [b]) => compareCodes(a, b))
		.map(([dimension, index]) => ({ dimension, index, allowed: indicator.dimensions.get(dimension)!, lookalikes: undefined as LookalikeIndex | undefined }));
	const name = (index: number) => header.nameOf(index);
	const width = header.length;
	/** A Units or Series cell: '' (own, nothing to keep), the text kept (own) or a key part (another series), or undefined (too long). */
	const published = (cell: string, row: number, index: number, own: (text: string) => boolean): { keep: string | null; part: string | null } | undefined => {
		if (cell === '') return { keep: null, part: null };
		if (cell.length > MAX_UNIT_TEXT || /[=;]/.test(cell)) {
			context.errors.add(context.file, row, name(index), cell.length > MAX_UNIT_TEXT ? 'text_too_long' : 'disaggregation_invalid', cell.length > MAX_UNIT_TEXT ? { max: MAX_UNIT_TEXT } : { value: cell });
			return undefined;
		}
		return own(cell) ? { keep: cell, part: null } : { keep: null, part: cell };
	};
	const ownUnit = (text: string) => unitMatches(indicator.unit, text, indicator.currency, indicator.unitText);
	// What the export writes for the own unit anyway: a cell saying exactly that needs no keeping.
	const writtenUnit = indicator.unitText ?? indicator.unit;
	const ownSeries = (text: string) => indicator.seriesText !== null && text.toLowerCase() === indicator.seriesText.toLowerCase();
	return {
		format: 'open-sdg',
		given: { status: iStatus >= 0, source: false, note: false, extras: true },
		keyColumn: name(iYear),
		read(fields, row) {
			if (!checkFieldCount(context, fields, width, row)) return;
			if (fields[iYear] === '' && isBlank(fields)) return;
			const period = fields[iYear]!.trim();
			let ok = checkPeriod(context, period, row, name(iYear));
			const parts: [string, string][] = [];
			for (const column of dimensions) {
				const { dimension, index, allowed } = column;
				const cell = fields[index]!.trim();
				if (cell === '') continue;
				if (!allowed.has(cell)) {
					column.lookalikes ??= new LookalikeIndex(allowed);
					const match = column.lookalikes.match(cell);
					if (match.kind === 'one' && context.acceptLookalikes) {
						parts.push([dimension, match.name]);
						continue;
					}
					if (match.kind === 'one') context.errors.add(context.file, row, name(index), 'lookalike_value', { ...lookalikeParams(cell, match.name), dimension });
					else context.errors.add(context.file, row, name(index), 'unknown_dimension_value', { value: cell, dimension, allowed: listForMessage([...allowed]) });
					ok = false;
					continue;
				}
				parts.push([dimension, cell]);
			}
			const extras: Record<string, string> = {};
			let pseudo = false;
			for (const [index, part, own] of [
				[iUnits, UNITS_PART, ownUnit],
				[iSeries, SERIES_PART, ownSeries]
			] as const) {
				if (index < 0) continue;
				const cell = published(fields[index]!.trim(), row, index, own);
				if (cell === undefined) ok = false;
				else if (cell.keep !== null && cell.keep !== (part === UNITS_PART ? writtenUnit : indicator.seriesText)) extras[part] = cell.keep;
				else if (cell.part !== null) {
					parts.push([part, cell.part]);
					pseudo = true;
				}
			}
			for (const { raw, index } of kept) {
				const cell = fields[index]!;
				if (cell === '') continue;
				if (cell.length > MAX_SOURCE) {
					context.errors.add(context.file, row, name(index), 'text_too_long', { max: MAX_SOURCE });
					ok = false;
				} else extras[raw] = cell;
			}
			const valueText = fields[iValue]!.trim();
			const value = checkValue(context, indicator, valueText, row, name(iValue));
			if (value !== undefined && value !== null && !plainNumber(valueText, value)) extras.Value = valueText;
			const status = iStatus >= 0 ? checkStatus(context, fields[iStatus]!.trim(), row, name(iStatus)) : null;
			if (!ok || value === undefined || status === undefined) return;
			if (pseudo) parts.sort(([a], [b]) => compareCodes(a, b));
			let key = '';
			for (const [dimension, cell] of parts) key = key === '' ? `${dimension}=${cell}` : `${key};${dimension}=${cell}`;
			context.sink.add(indicator, period, key, row, value, status, null, null, Object.keys(extras).length === 0 ? null : JSON.stringify(extras));
		}
	};
}
