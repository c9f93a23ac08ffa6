/**
 * The problems a CSV file can have before its content is even looked at, as stable codes with the
 * place they were found. Callers map each code to their own localized message (a `Record` keyed by
 * `CsvErrorCode`, so a new code cannot be forgotten).
 *
 * @example
 *   try { … } catch (error) {
 *     if (error instanceof CsvError) problems.add(error.row, header.nameOf(error.field), RULES[error.code], error.value);
 *   }
 */

export const CSV_ERROR_CODES = [
	/** Bytes that are not UTF-8 (a file saved in Latin-1, Windows-1252 or UTF-16; a file cut inside a character). */
	'csv_invalid_utf8',
	/** A field opened with a quote that is never closed. */
	'csv_unclosed_quote',
	/** A quote inside an unquoted field, or text after a closing quote. */
	'csv_stray_quote',
	/** A field longer than the reader's `maxFieldChars`. */
	'csv_field_too_long',
	/** A record longer than the reader's `maxRowChars` (a file without line breaks is not read whole). */
	'csv_row_too_long',
	/** NUL or another C0 control character (U+0000–U+001F other than tab, line feed and carriage return). */
	'csv_control_character'
] as const;

export type CsvErrorCode = (typeof CSV_ERROR_CODES)[number];

/** Where in the file: the record (1-based, the header is row 1, blank lines count), its field (0-based), the physical line (1-based). */
export interface CsvPosition {
	row: number;
	field: number;
	line: number;
}

export interface CsvErrorDetails {
	/** csv_invalid_utf8: offset of the first bad byte in the input (0-based) and its value. */
	offset?: number;
	byte?: number;
	/** csv_control_character: the character's code point. */
	codePoint?: number;
	/** csv_field_too_long, csv_row_too_long: the limit, in characters. */
	limit?: number;
}

export class CsvError extends Error {
	readonly code: CsvErrorCode;
	readonly row: number;
	/** 0-based; `CsvHeader.nameOf(field)` names it. */
	readonly field: number;
	/** The line the problem is on (for an unclosed quote, the line where the quote opened). */
	readonly line: number;
	readonly details: CsvErrorDetails;

	constructor(code: CsvErrorCode, position: CsvPosition, details: CsvErrorDetails = {}) {
		super(`${code} at row ${position.row} (line ${position.line}), field ${position.field + 1}`);
		this.name = 'CsvError';
		this.code = code;
		this.row = position.row;
		this.field = position.field;
		this.line = position.line;
		this.details = details;
	}

	/** The offending bytes or character, for a "value" column: `byte 14: 0xfc`, `U+0000`; undefined for other codes. */
	get value(): string | undefined {
		const { offset, byte, codePoint } = this.details;
		if (offset !== undefined && byte !== undefined) return `byte ${offset + 1}: 0x${byte.toString(16).padStart(2, '0')}`;
		if (codePoint !== undefined) return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
		return undefined;
	}
}
