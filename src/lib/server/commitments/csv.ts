/**
 * CSV as RFC 4180 says it: fields separated by commas, records by CRLF (LF and CR are accepted
 * too), fields with a comma, quote or line break in double quotes, a quote inside doubled.
 * Files are strict UTF-8; a byte-order mark at the start is accepted and written (spreadsheets
 * need it to read the file as UTF-8).
 *
 * @example
 *   for (const { row, fields } of readCsvRecords('kind,ref\r\naction,"A-2025-001"\r\n')) … // row 1: ['kind','ref'], row 2: ['action','A-2025-001']
 *   csvRecord(['a,b', 'say "hi"']) // '"a,b","say ""hi"""\r\n'
 */

export const BOM = '\uFEFF';

/** A syntax problem at a record (1-based, the header is 1) and field (0-based). */
export class CsvSyntaxError extends Error {
	readonly row: number;
	readonly field: number;
	readonly rule: 'quote_unterminated' | 'quote_stray';
	constructor(row: number, field: number, rule: 'quote_unterminated' | 'quote_stray') {
		super(`${rule} at record ${row}, field ${field + 1}`);
		this.name = 'CsvSyntaxError';
		this.row = row;
		this.field = field;
		this.rule = rule;
	}
}

export interface CsvRecord {
	/** 1-based record number; equals the line number unless an earlier field spans lines. */
	row: number;
	fields: string[];
}

const COMMA = 44;
const LF = 10;
const CR = 13;
const QUOTE = 34;

/**
 * The records of a CSV text, one at a time (the text is scanned once; no array of lines is made).
 * A leading BOM is skipped. Throws `CsvSyntaxError` at the first malformed quote.
 */
export function* readCsvRecords(input: string): Generator<CsvRecord> {
	const text = input.startsWith(BOM) ? input.slice(1) : input;
	const length = text.length;
	let index = 0;
	let row = 0;
	while (index < length) {
		row += 1;
		const fields: string[] = [];
		for (;;) {
			if (text.charCodeAt(index) === QUOTE) {
				let value = '';
				let from = index + 1;
				for (;;) {
					const quote = text.indexOf('"', from);
					if (quote === -1) throw new CsvSyntaxError(row, fields.length, 'quote_unterminated');
					if (text.charCodeAt(quote + 1) === QUOTE) {
						value += text.slice(from, quote + 1);
						from = quote + 2;
						continue;
					}
					value += text.slice(from, quote);
					index = quote + 1;
					break;
				}
				const next = text.charCodeAt(index);
				if (index < length && next !== COMMA && next !== LF && next !== CR) throw new CsvSyntaxError(row, fields.length, 'quote_stray');
				fields.push(value);
			} else {
				let end = index;
				while (end < length) {
					const code = text.charCodeAt(end);
					if (code === COMMA || code === LF || code === CR) break;
					if (code === QUOTE) throw new CsvSyntaxError(row, fields.length, 'quote_stray');
					end += 1;
				}
				fields.push(text.slice(index, end));
				index = end;
			}
			if (index >= length) break;
			const separator = text.charCodeAt(index);
			index += 1;
			if (separator === COMMA) continue;
			if (separator === CR && text.charCodeAt(index) === LF) index += 1;
			break;
		}
		yield { row, fields };
	}
}

/**
 * The byte offset of the first byte that is not part of valid UTF-8 (overlong forms, surrogates
 * and code points above U+10FFFF count as invalid), or -1 when the bytes are valid UTF-8.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
	try {
		new TextDecoder('utf-8', { fatal: true }).decode(bytes);
		return -1;
	} catch {
		// Find where: only on the error path, so valid files are checked by the native decoder.
	}
	let index = 0;
	while (index < bytes.length) {
		const lead = bytes[index]!;
		let need: number;
		let min: number;
		if (lead < 0x80) {
			index += 1;
			continue;
		} else if (lead >= 0xc2 && lead <= 0xdf) [need, min] = [1, 0x80];
		else if (lead >= 0xe0 && lead <= 0xef) [need, min] = [2, 0x800];
		else if (lead >= 0xf0 && lead <= 0xf4) [need, min] = [3, 0x10000];
		else return index;
		let code = lead & (0x3f >> need);
		for (let offset = 1; offset <= need; offset += 1) {
			const next = bytes[index + offset];
			if (next === undefined || (next & 0xc0) !== 0x80) return index;
			code = (code << 6) | (next & 0x3f);
		}
		if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return index;
		index += need + 1;
	}
	return -1;
}

/** Decodes strict UTF-8 (a BOM is dropped); throws `TypeError` on invalid bytes. */
export function decodeUtf8(bytes: Uint8Array): string {
	return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** One field, quoted when it holds a comma, a quote or a line break. */
export function csvField(value: string): string {
	return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One record, ending in CRLF. */
export function csvRecord(fields: readonly string[]): string {
	return `${fields.map(csvField).join(',')}\r\n`;
}
