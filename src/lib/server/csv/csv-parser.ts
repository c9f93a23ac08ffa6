/**
 * The incremental RFC 4180 parser behind `readCsv` and `readCsvSync`, fed decoded text in pieces
 * of any size. Records end at CRLF, LF or a lone CR (old Mac files); a last record without a line
 * break is fine; a leading byte-order mark is dropped. Fields in double quotes may hold commas,
 * line breaks (kept as written) and doubled quotes.
 *
 * Lines without a quote take a fast path (`indexOf` + `split`); a record with a quote goes through
 * a resumable character loop, so a quoted field spanning many pieces is scanned once. Nothing is
 * held beyond the record being read, and that is bounded by `maxRowChars`.
 */
import { CsvError, type CsvErrorCode, type CsvErrorDetails, type CsvPosition } from './csv-error.ts';

export interface CsvRecord {
	fields: string[];
	/** Record number, 1-based, the header included; blank lines count (as a spreadsheet numbers rows). */
	row: number;
	/** The line the record starts on, 1-based (larger than `row` once quoted fields held line breaks). */
	line: number;
}

export interface CsvLimits {
	/** Longest field accepted, in characters. */
	maxFieldChars: number;
	/** Longest record accepted, in characters (separators and quotes included). */
	maxRowChars: number;
	/** Skip records that are empty lines (they still count in row numbers); else yield them as `['']`. */
	skipEmptyLines: boolean;
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;
const BOM = 0xfeff;

// States of the character loop.
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
/** A quote inside a quoted field: the closing one, or the first of a doubled pair. */
const QUOTE_IN_QUOTED = 3;

export class CsvParser {
	readonly #limits: CsvLimits;
	#started = false;
	/** Text of a record begun in an earlier piece (fast mode: no quote in it). */
	#rest = '';
	/** Records finished, blank lines included. */
	#rows = 0;
	/** The line the next record starts on. */
	#line = 1;
	/** The text so far ended with the CR that ended a record: a LF right after it belongs to it. */
	#afterCr = false;
	// A record with quotes, read character by character (may continue into the next piece).
	#inRecord = false;
	#state = FIELD_START;
	#fields: string[] = [];
	#field = '';
	#recordLine = 1;
	/** Line breaks inside the record's quoted fields so far. */
	#breaks = 0;
	#recordChars = 0;
	#quoteLine = 1;
	#previous = 0;

	constructor(limits: CsvLimits) {
		this.#limits = limits;
	}

	/** Parses `text`, appending each record it completes to `out`; throws `CsvError` at a problem. */
	push(text: string, out: CsvRecord[]): void {
		let start = 0;
		if (!this.#started) {
			if (text.length === 0) return;
			this.#started = true;
			if (text.charCodeAt(0) === BOM) start = 1;
		}
		if (this.#afterCr && start < text.length) {
			this.#afterCr = false;
			if (text.charCodeAt(start) === LF) start += 1;
		}
		if (this.#inRecord) {
			start = this.#continueRecord(text, start, out);
			if (start < 0) return;
			this.#fastLoop(text, start, out);
		} else if (this.#rest.length > 0) {
			const joined = this.#rest + (start === 0 ? text : text.slice(start));
			this.#rest = '';
			this.#fastLoop(joined, 0, out);
		} else {
			this.#fastLoop(text, start, out);
		}
	}

	/** Ends the input: a last record without a line break is emitted; a quote still open is an error. */
	end(out: CsvRecord[]): void {
		if (this.#inRecord) {
			if (this.#state === QUOTED) throw this.#error('csv_unclosed_quote', { row: this.#rows + 1, field: this.#fields.length, line: this.#quoteLine });
			this.#finishField(this.#field);
			this.#emitRecord(out);
		} else if (this.#rest.length > 0) {
			const rest = this.#rest;
			this.#rest = '';
			this.#emitLine(rest, 0, rest.length, out);
		}
	}

	/** Where the next character of the input goes: its record, field and line. */
	position(): CsvPosition {
		if (this.#inRecord) return { row: this.#rows + 1, field: this.#fields.length, line: this.#recordLine + this.#breaks };
		return { row: this.#rows + 1, field: commasIn(this.#rest, 0, this.#rest.length), line: this.#line };
	}

	/** A `CsvError` at the current position (for problems found before the text reached the parser). */
	errorHere(code: CsvErrorCode, details: CsvErrorDetails = {}): CsvError {
		return new CsvError(code, this.position(), details);
	}

	#error(code: CsvErrorCode, position: CsvPosition, details: CsvErrorDetails = {}): CsvError {
		return new CsvError(code, position, details);
	}

	#fastLoop(s: string, start: number, out: CsvRecord[]): void {
		const length = s.length;
		let pos = start;
		let quote = s.indexOf('"', pos);
		let lf = s.indexOf('\n', pos);
		let cr = s.indexOf('\r', pos);
		while (pos < length) {
			// Each search runs again only once passed, so a piece is scanned about once per character kind.
			if (lf !== -1 && lf < pos) lf = s.indexOf('\n', pos);
			if (cr !== -1 && cr < pos) cr = s.indexOf('\r', pos);
			if (quote !== -1 && quote < pos) quote = s.indexOf('"', pos);
			const end = lf === -1 ? cr : cr === -1 || lf < cr ? lf : cr;
			if (quote !== -1 && (end === -1 || quote < end)) {
				this.#beginRecord();
				pos = this.#continueRecord(s, pos, out);
				if (pos < 0) return;
				continue;
			}
			if (end === -1) {
				this.#keepRest(pos === 0 ? s : s.slice(pos));
				return;
			}
			this.#emitLine(s, pos, end, out);
			pos = this.#afterBreak(s, end);
		}
	}

	/** The index after the line break at `at` (CRLF is one break; a CR at the end of the piece may be the first half). */
	#afterBreak(s: string, at: number): number {
		if (s.charCodeAt(at) !== CR) return at + 1;
		if (at + 1 === s.length) {
			this.#afterCr = true;
			return at + 1;
		}
		return s.charCodeAt(at + 1) === LF ? at + 2 : at + 1;
	}

	#keepRest(rest: string): void {
		const { maxRowChars, maxFieldChars } = this.#limits;
		const position = { row: this.#rows + 1, line: this.#line };
		if (rest.length > maxRowChars) throw this.#error('csv_row_too_long', { ...position, field: commasIn(rest, 0, maxRowChars) }, { limit: maxRowChars });
		if (rest.length > maxFieldChars) {
			const field = longField(rest, 0, rest.length, maxFieldChars);
			if (field >= 0) throw this.#error('csv_field_too_long', { ...position, field }, { limit: maxFieldChars });
		}
		this.#rest = rest;
	}

	/** A record without quotes: the text from `from` to `to` (its line break excluded). */
	#emitLine(s: string, from: number, to: number, out: CsvRecord[]): void {
		const { maxRowChars, maxFieldChars, skipEmptyLines } = this.#limits;
		const row = this.#rows + 1;
		const line = this.#line;
		const length = to - from;
		if (length > maxRowChars) throw this.#error('csv_row_too_long', { row, line, field: commasIn(s, from, from + maxRowChars) }, { limit: maxRowChars });
		if (length > maxFieldChars) {
			const field = longField(s, from, to, maxFieldChars);
			if (field >= 0) throw this.#error('csv_field_too_long', { row, line, field }, { limit: maxFieldChars });
		}
		this.#rows = row;
		this.#line = line + 1;
		if (length === 0 && skipEmptyLines) return;
		out.push({ fields: s.slice(from, to).split(','), row, line });
	}

	#beginRecord(): void {
		this.#inRecord = true;
		this.#state = FIELD_START;
		this.#fields = [];
		this.#field = '';
		this.#recordLine = this.#line;
		this.#breaks = 0;
		this.#recordChars = 0;
	}

	#finishField(value: string): void {
		if (value.length > this.#limits.maxFieldChars) throw this.#error('csv_field_too_long', this.position(), { limit: this.#limits.maxFieldChars });
		this.#fields.push(value);
		this.#field = '';
	}

	#emitRecord(out: CsvRecord[]): void {
		this.#rows += 1;
		this.#inRecord = false;
		out.push({ fields: this.#fields, row: this.#rows, line: this.#recordLine });
		this.#fields = [];
		this.#line = this.#recordLine + this.#breaks + 1;
	}

	/** Ends the record at the line break at `at`; returns the index after the break. */
	#endRecord(s: string, start: number, at: number, out: CsvRecord[]): number {
		this.#countChars(at - start);
		this.#emitRecord(out);
		return this.#afterBreak(s, at);
	}

	#countChars(count: number): void {
		this.#recordChars += count;
		if (this.#recordChars > this.#limits.maxRowChars) throw this.#error('csv_row_too_long', this.position(), { limit: this.#limits.maxRowChars });
	}

	/**
	 * Runs the character loop from `start` until the record ends; returns the index after its line
	 * break, or -1 when the text ran out first (the state is kept for the next piece).
	 */
	#continueRecord(s: string, start: number, out: CsvRecord[]): number {
		const length = s.length;
		let state = this.#state;
		let segment = start;
		for (let i = start; i < length; i++) {
			const c = s.charCodeAt(i);
			switch (state) {
				case FIELD_START:
					if (c === QUOTE) {
						state = QUOTED;
						segment = i + 1;
						this.#quoteLine = this.#recordLine + this.#breaks;
					} else if (c === COMMA) {
						this.#finishField('');
					} else if (c === LF || c === CR) {
						this.#finishField('');
						return this.#endRecord(s, start, i, out);
					} else {
						state = UNQUOTED;
						segment = i;
					}
					break;
				case UNQUOTED:
					if (c === COMMA) {
						this.#finishField(this.#field + s.slice(segment, i));
						state = FIELD_START;
					} else if (c === LF || c === CR) {
						this.#finishField(this.#field + s.slice(segment, i));
						return this.#endRecord(s, start, i, out);
					} else if (c === QUOTE) {
						this.#state = state;
						throw this.#error('csv_stray_quote', this.position());
					}
					break;
				case QUOTED:
					if (c === QUOTE) {
						this.#field += s.slice(segment, i);
						state = QUOTE_IN_QUOTED;
					} else if (c === CR || (c === LF && (i > 0 ? s.charCodeAt(i - 1) : this.#previous) !== CR)) {
						this.#breaks += 1;
					}
					break;
				case QUOTE_IN_QUOTED:
					if (c === QUOTE) {
						// A doubled quote: keep one and stay inside the quotes.
						state = QUOTED;
						segment = i;
					} else if (c === COMMA) {
						this.#finishField(this.#field);
						state = FIELD_START;
					} else if (c === LF || c === CR) {
						this.#finishField(this.#field);
						return this.#endRecord(s, start, i, out);
					} else {
						this.#state = state;
						throw this.#error('csv_stray_quote', this.position());
					}
					break;
			}
		}
		// The piece ended inside this record: keep the partial field for the next one.
		if (state === QUOTED || state === UNQUOTED) this.#field += s.slice(segment, length);
		this.#state = state;
		this.#previous = length > 0 ? s.charCodeAt(length - 1) : this.#previous;
		if (this.#field.length > this.#limits.maxFieldChars) throw this.#error('csv_field_too_long', this.position(), { limit: this.#limits.maxFieldChars });
		this.#countChars(length - start);
		return -1;
	}
}

/** Commas between `from` and `to`: the 0-based field a position falls in, on a line without quotes. */
function commasIn(s: string, from: number, to: number): number {
	let count = 0;
	for (let at = s.indexOf(',', from); at !== -1 && at < to; at = s.indexOf(',', at + 1)) count += 1;
	return count;
}

/** The 0-based index of the first field longer than `max` on a line without quotes, or -1. */
function longField(s: string, from: number, to: number, max: number): number {
	let field = 0;
	let fieldStart = from;
	for (let at = s.indexOf(',', from); ; at = s.indexOf(',', at + 1)) {
		const fieldEnd = at === -1 || at > to ? to : at;
		if (fieldEnd - fieldStart > max) return field;
		if (fieldEnd === to) return -1;
		field += 1;
		fieldStart = at + 1;
	}
}
