/**
 * The two file formats an observation import reads, from header to staged rows.
 *
 * **Open SDG** (one file per indicator, named after it; see `indicatorForFile`):
 *   `Year,<dimension>…,Units,GeoCode,Value` — `Year` and `Value` are required; every other column
 *   except `Units`, `GeoCode` and our optional `Status` is a disaggregation dimension of the
 *   indicator, matched by name ignoring case; an empty dimension cell means the total over that
 *   dimension. `GeoCode` is accepted and ignored (the data are the city's). A `Units` cell must be
 *   empty or name the indicator's unit.
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
import { observationValueProblem, MAX_NOTE, MAX_SOURCE } from '../indicators.schema.ts';
import { type ImportErrorList, listForMessage } from './import-errors.ts';
import { compareCodes, parseStatusCell, parseValueCell, PERIOD_RANGE, unitMatches, type ImportIndicator, type PeriodChecker } from './import-cells.ts';

export type ImportFormat = 'open-sdg' | 'long';

/** Where valid rows go (the service's staging writer). */
export interface RowSink {
	add(indicator: ImportIndicator, period: string, groupKey: string, row: number, value: number | null, status: string | null, source: string | null, note: string | null): void;
}

export interface FileContext {
	file: string;
	errors: ImportErrorList;
	catalog: Map<string, ImportIndicator>;
	periods: PeriodChecker;
	sink: RowSink;
}

/** Reads the data rows of one file once its header is accepted. */
export interface RowReader {
	format: ImportFormat;
	/** Which optional columns the file has (one it lacks keeps what is stored). */
	given: { status: boolean; source: boolean; note: boolean };
	/** The column named by a duplicate-observation error. */
	keyColumn: string;
	read(fields: string[], row: number): void;
}

const LONG_REQUIRED = ['indicator', 'period', 'disaggregation', 'value'] as const;
const LONG_OPTIONAL = ['status', 'source', 'note'] as const;
const OPEN_SDG_RESERVED = ['year', 'value', 'units', 'geocode', 'status'] as const;

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

/** The canonical group key of a long-format disaggregation cell, or undefined after reporting why not. */
function longGroupKey(context: FileContext, indicator: ImportIndicator, text: string, row: number, column: string): string | undefined {
	const cached = indicator.groupKeys.get(text);
	if (cached !== undefined) return cached;
	const values = new Map<string, string>();
	for (const part of text.split(';')) {
		if (part.trim() === '') continue;
		const at = part.indexOf('=');
		const name = at > 0 ? part.slice(0, at).trim() : '';
		const value = part.slice(at + 1).trim();
		const dimension = indicator.dimensions.has(name) ? name : indicator.dimensionByLowerName.get(name.toLowerCase());
		if (at <= 0 || value === '' || (dimension !== undefined && values.has(dimension))) {
			context.errors.add(context.file, row, column, 'disaggregation_invalid', { value: text });
			return undefined;
		}
		if (dimension === undefined) {
			context.errors.add(context.file, row, column, 'unknown_dimension', { value: name, indicator: indicator.code, allowed: listForMessage(indicator.dimensionNames) || '—' });
			return undefined;
		}
		const allowed = indicator.dimensions.get(dimension)!;
		if (!allowed.has(value)) {
			context.errors.add(context.file, row, column, 'unknown_dimension_value', { value, dimension, allowed: listForMessage([...allowed]) });
			return undefined;
		}
		values.set(dimension, value);
	}
	const key = [...values.keys()]
		.sort(compareCodes)
		.map((dimension) => `${dimension}=${values.get(dimension)}`)
		.join(';');
	if (indicator.groupKeys.size < 50_000) indicator.groupKeys.set(text, key);
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
		given: { status: iStatus >= 0, source: iSource >= 0, note: iNote >= 0 },
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
			context.sink.add(indicator!, period, key, row, value, status, source, note);
		}
	};
}

/** The reader of an Open SDG file about `indicator`, or null after reporting what is wrong with its header. */
export function openSdgReader(context: FileContext, header: CsvHeader, indicator: ImportIndicator): RowReader | null {
	const dimensionColumns = new Map<string, number>();
	const ok = checkHeader(context, header, OPEN_SDG_RESERVED, ['year', 'value'], (raw, index) => {
		const dimension = indicator.dimensions.has(raw) ? raw : indicator.dimensionByLowerName.get(raw.toLowerCase());
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
	const iStatus = header.indexOf('status');
	// Dimension columns in key order, so the key is built by appending.
	const dimensions = [...dimensionColumns.entries()].sort(([a], [b]) => compareCodes(a, b)).map(([dimension, index]) => ({ dimension, index, allowed: indicator.dimensions.get(dimension)! }));
	const name = (index: number) => header.nameOf(index);
	const width = header.length;
	return {
		format: 'open-sdg',
		given: { status: iStatus >= 0, source: false, note: false },
		keyColumn: name(iYear),
		read(fields, row) {
			if (!checkFieldCount(context, fields, width, row)) return;
			if (fields[iYear] === '' && isBlank(fields)) return;
			const period = fields[iYear]!.trim();
			let ok = checkPeriod(context, period, row, name(iYear));
			let key = '';
			for (const { dimension, index, allowed } of dimensions) {
				const cell = fields[index]!.trim();
				if (cell === '') continue;
				if (!allowed.has(cell)) {
					context.errors.add(context.file, row, name(index), 'unknown_dimension_value', { value: cell, dimension, allowed: listForMessage([...allowed]) });
					ok = false;
					continue;
				}
				key = key === '' ? `${dimension}=${cell}` : `${key};${dimension}=${cell}`;
			}
			if (iUnits >= 0) {
				const units = fields[iUnits]!.trim();
				if (!unitMatches(indicator.unit, units, indicator.currency)) {
					context.errors.add(context.file, row, name(iUnits), 'units_mismatch', { value: units, expected: indicator.unit });
					ok = false;
				}
			}
			const value = checkValue(context, indicator, fields[iValue]!.trim(), row, name(iValue));
			const status = iStatus >= 0 ? checkStatus(context, fields[iStatus]!.trim(), row, name(iStatus)) : null;
			if (!ok || value === undefined || status === undefined) return;
			context.sink.add(indicator, period, key, row, value, status, null, null);
		}
	};
}
