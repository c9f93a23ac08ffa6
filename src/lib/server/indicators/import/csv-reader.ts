/**
 * A streaming CSV reader (RFC 4180): quoted fields, `""` escapes, CRLF or LF line ends, line breaks
 * inside quotes. Bytes are decoded as strict UTF-8 as they arrive (a UTF-8 byte-order mark is
 * accepted and dropped); nothing is buffered beyond the record being read, so memory stays flat
 * whatever the size of the file.
 *
 * Records come out in batches (one per chunk read), each with its 1-based `row` (the record number,
 * header = 1, as a spreadsheet numbers rows) and `line` (the physical line it starts on; larger than
 * `row` when quoted fields hold line breaks). Blank lines are skipped but counted.
 *
 * @example
 *   for await (const batch of readCsv(fs.createReadStream('data.csv'))) {
 *     for (const record of batch) console.log(record.row, record.fields);
 *   }
 * @throws CsvReadError (`bad_encoding`, `unterminated_quote`, `bad_quote`, `row_too_long`) after
 *   yielding every complete record before the problem.
 */
import { firstInvalidUtf8, incompleteTail } from './utf8.ts';

export interface CsvRecord {
	fields: string[];
	/** Record number, 1-based, header included. */
	row: number;
	/** Line the record starts on, 1-based. */
	line: number;
}

export type CsvProblem = 'bad_encoding' | 'unterminated_quote' | 'bad_quote' | 'row_too_long';

/** Where in the file a problem is: the record, its first line, and the 0-based field in it. */
export interface CsvPosition {
	row: number;
	line: number;
	field: number;
}

export class CsvReadError extends Error {
	readonly problem: CsvProblem;
	readonly position: CsvPosition;
	constructor(problem: CsvProblem, position: CsvPosition) {
		super(`${problem} at row ${position.row} (line ${position.line}), field ${position.field + 1}`);
		this.name = 'CsvReadError';
		this.problem = problem;
		this.position = position;
	}
}

/** A byte stream: a web `ReadableStream`, a Node readable, or any async iterable of chunks. */
export type ByteSource = ReadableStream<Uint8Array> | NodeJS.ReadableStream | AsyncIterable<Uint8Array | string>;

export interface ReadCsvOptions {
	/** Called with the number of bytes of each chunk read. */
	onBytes?: (bytes: number) => void;
	/** Longest record accepted, in characters (default 1 MiB): a file without line breaks is not read whole. */
	maxRecordChars?: number;
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** States of the character-level parser used for records with quotes. */
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_IN_QUOTED = 3;
const CR_AFTER_QUOTE = 4;

/**
 * The incremental parser behind `readCsv`, fed decoded text. Lines without a quote take a fast
 * path (`indexOf` + `split`); records with quotes go through a resumable character loop, so a
 * quoted field spanning many chunks is scanned once.
 */
export class CsvParser {
	readonly #maxRecordChars: number;
	/** Unparsed text that starts at a record boundary (fast mode). */
	#rest = '';
	/** Records finished so far, blank ones included. */
	#rows = 0;
	/** Line on which the next record starts. */
	#line = 1;
	// State of a quoted record that continues into the next chunk (slow mode).
	#inRecord = false;
	#state = FIELD_START;
	#fields: string[] = [];
	#field = '';
	#recordLine = 1;
	#linesInRecord = 0;
	#recordChars = 0;

	constructor(maxRecordChars = 1 << 20) {
		this.#maxRecordChars = maxRecordChars;
	}

	/** Parses `text`, appending complete records to `out`. */
	push(text: string, out: CsvRecord[]): void {
		let s: string;
		let pos = 0;
		if (this.#inRecord) {
			s = text;
			pos = this.#continueRecord(s, 0, out);
			if (pos < 0) return;
		} else {
			s = this.#rest.length ? this.#rest + text : text;
			this.#rest = '';
		}
		this.#fastLoop(s, pos, out);
	}

	/** Ends the input: a last record without a line break is emitted; an open quote is an error. */
	end(out: CsvRecord[]): void {
		if (this.#inRecord) {
			if (this.#state === QUOTED) throw new CsvReadError('unterminated_quote', { row: this.#rows + 1, line: this.#recordLine, field: this.#fields.length });
			const value = this.#field;
			this.#fields.push(this.#state === UNQUOTED && value.charCodeAt(value.length - 1) === CR ? value.slice(0, -1) : value);
			this.#field = '';
			this.#emitSlow(out);
			return;
		}
		if (this.#rest.length) {
			const line = this.#rest.charCodeAt(this.#rest.length - 1) === CR ? this.#rest.slice(0, -1) : this.#rest;
			this.#rest = '';
			this.#emitLine(line, out);
		}
	}

	/** Where the next character would be: the record being read and its current field. */
	position(): CsvPosition {
		if (this.#inRecord) return { row: this.#rows + 1, line: this.#recordLine, field: this.#fields.length };
		let field = 0;
		for (let i = this.#rest.indexOf(','); i !== -1; i = this.#rest.indexOf(',', i + 1)) field += 1;
		return { row: this.#rows + 1, line: this.#line, field };
	}

	#fastLoop(s: string, start: number, out: CsvRecord[]): void {
		let pos = start;
		let nextQuote = s.indexOf('"', pos);
		const length = s.length;
		while (pos < length) {
			const newline = s.indexOf('\n', pos);
			if (nextQuote !== -1 && (newline === -1 || nextQuote < newline)) {
				// This record has a quote: parse it character by character.
				this.#beginRecord();
				const after = this.#continueRecord(s, pos, out);
				if (after < 0) return;
				pos = after;
				nextQuote = s.indexOf('"', pos);
				continue;
			}
			if (newline === -1) {
				this.#rest = pos === 0 ? s : s.slice(pos);
				if (this.#rest.length > this.#maxRecordChars) throw new CsvReadError('row_too_long', this.position());
				return;
			}
			const end = newline > pos && s.charCodeAt(newline - 1) === CR ? newline - 1 : newline;
			this.#emitLine(s.slice(pos, end), out);
			pos = newline + 1;
		}
	}

	#emitLine(line: string, out: CsvRecord[]): void {
		this.#rows += 1;
		if (line.length > 0) out.push({ fields: line.split(','), row: this.#rows, line: this.#line });
		this.#line += 1;
	}

	#beginRecord(): void {
		this.#inRecord = true;
		this.#state = FIELD_START;
		this.#fields = [];
		this.#field = '';
		this.#recordLine = this.#line;
		this.#linesInRecord = 0;
		this.#recordChars = 0;
	}

	#finishField(s: string, from: number, to: number): void {
		this.#fields.push(this.#field + s.slice(from, to));
		this.#field = '';
	}

	#emitSlow(out: CsvRecord[]): void {
		this.#rows += 1;
		this.#inRecord = false;
		const fields = this.#fields;
		if (!(fields.length === 1 && fields[0] === '' && this.#state !== QUOTE_IN_QUOTED)) {
			out.push({ fields, row: this.#rows, line: this.#recordLine });
		}
		this.#fields = [];
		this.#line = this.#recordLine + this.#linesInRecord + 1;
	}

	/**
	 * Runs the character loop from `start` until the record ends; returns the index after its line
	 * break, or -1 when the text ran out first (the state is kept for the next chunk).
	 */
	#continueRecord(s: string, start: number, out: CsvRecord[]): number {
		let state = this.#state;
		let segment = start;
		const length = s.length;
		for (let i = start; i < length; i++) {
			const c = s.charCodeAt(i);
			switch (state) {
				case FIELD_START:
					if (c === QUOTE) {
						state = QUOTED;
						segment = i + 1;
					} else if (c === COMMA) {
						this.#fields.push('');
					} else if (c === LF) {
						this.#fields.push('');
						this.#state = state;
						this.#emitSlow(out);
						return i + 1;
					} else {
						state = UNQUOTED;
						segment = i;
					}
					break;
				case UNQUOTED:
					if (c === COMMA) {
						this.#finishField(s, segment, i);
						state = FIELD_START;
					} else if (c === LF) {
						// The CR of a CRLF may have ended the previous chunk, so strip it from the whole field.
						const value = this.#field + s.slice(segment, i);
						this.#fields.push(value.charCodeAt(value.length - 1) === CR ? value.slice(0, -1) : value);
						this.#field = '';
						this.#state = UNQUOTED;
						this.#emitSlow(out);
						return i + 1;
					} else if (c === QUOTE) {
						this.#state = state;
						throw new CsvReadError('bad_quote', { row: this.#rows + 1, line: this.#recordLine, field: this.#fields.length });
					}
					break;
				case QUOTED:
					if (c === QUOTE) {
						this.#field += s.slice(segment, i);
						state = QUOTE_IN_QUOTED;
					} else if (c === LF) {
						this.#linesInRecord += 1;
					}
					break;
				case QUOTE_IN_QUOTED:
					if (c === QUOTE) {
						// An escaped quote: keep one and stay inside the quotes.
						state = QUOTED;
						segment = i;
					} else if (c === COMMA) {
						this.#finishField('', 0, 0);
						state = FIELD_START;
					} else if (c === LF) {
						this.#finishField('', 0, 0);
						this.#state = state;
						this.#emitSlow(out);
						return i + 1;
					} else if (c === CR) {
						state = CR_AFTER_QUOTE;
					} else {
						this.#state = state;
						throw new CsvReadError('bad_quote', { row: this.#rows + 1, line: this.#recordLine, field: this.#fields.length });
					}
					break;
				case CR_AFTER_QUOTE:
					if (c !== LF) {
						this.#state = state;
						throw new CsvReadError('bad_quote', { row: this.#rows + 1, line: this.#recordLine, field: this.#fields.length });
					}
					this.#finishField('', 0, 0);
					this.#state = QUOTE_IN_QUOTED;
					this.#emitSlow(out);
					return i + 1;
			}
		}
		// The chunk ended inside this record: keep the partial field for the next chunk.
		if (state === QUOTED || state === UNQUOTED) {
			this.#field += s.slice(segment, length);
		}
		this.#recordChars += length - start;
		this.#state = state;
		this.#inRecord = true;
		if (this.#recordChars > this.#maxRecordChars) throw new CsvReadError('row_too_long', this.position());
		return -1;
	}
}

/** Iterates any supported byte source. */
async function* chunksOf(source: ByteSource): AsyncGenerator<Uint8Array | string> {
	if (Symbol.asyncIterator in source) {
		yield* source as AsyncIterable<Uint8Array | string>;
		return;
	}
	const reader = (source as ReadableStream<Uint8Array>).getReader();
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) return;
			yield value;
		}
	} finally {
		await reader.cancel().catch(() => {});
	}
}

const encoder = new TextEncoder();

/**
 * Reads CSV records from a byte stream, one batch per chunk. See the module comment.
 */
export async function* readCsv(source: ByteSource, options: ReadCsvOptions = {}): AsyncGenerator<CsvRecord[], void, undefined> {
	const decoder = new TextDecoder('utf-8', { fatal: true });
	const parser = new CsvParser(options.maxRecordChars);
	let tail: Uint8Array = new Uint8Array(0);
	let first = true;
	for await (const chunk of chunksOf(source)) {
		const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
		options.onBytes?.(bytes.byteLength);
		if (bytes.byteLength === 0) continue;
		let text: string;
		try {
			text = decoder.decode(bytes, { stream: true });
		} catch {
			yield* failEncoding(parser, tail, bytes, first);
			return;
		}
		// A character split over tiny chunks may have started in an earlier one.
		tail = incompleteTail(bytes.byteLength < 4 ? concat(tail, bytes) : bytes);
		first = false;
		yield* parse(parser, text, false);
	}
	let text: string;
	try {
		text = decoder.decode();
	} catch {
		yield* failEncoding(parser, tail, new Uint8Array(0), first);
		return;
	}
	yield* parse(parser, text, true);
}

/** Feeds text to the parser and yields what it completed, also when it then stops on an error. */
function* parse(parser: CsvParser, text: string, end: boolean): Generator<CsvRecord[], void> {
	const out: CsvRecord[] = [];
	let problem: unknown;
	try {
		parser.push(text, out);
		if (end) parser.end(out);
	} catch (error) {
		problem = error;
	}
	if (out.length) yield out;
	if (problem) throw problem;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
	const joined = new Uint8Array(a.length + b.length);
	joined.set(a);
	joined.set(b, a.length);
	return joined;
}

/** Parses the valid text before a bad byte, yields its records, then throws `bad_encoding` there. */
function* failEncoding(parser: CsvParser, tail: Uint8Array, bytes: Uint8Array, first: boolean): Generator<CsvRecord[], never> {
	const combined = concat(tail, bytes);
	const valid = firstInvalidUtf8(combined);
	yield* parse(parser, new TextDecoder('utf-8', { ignoreBOM: !first }).decode(combined.subarray(0, valid)), false);
	throw new CsvReadError('bad_encoding', parser.position());
}
