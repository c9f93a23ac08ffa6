/**
 * Reading CSV: bytes (a stream, a Buffer) or text in, records out, with strict UTF-8 and a
 * `CsvError` that names the row, field and line of any problem (see `csv-error.ts` for the codes,
 * `csv-parser.ts` for the syntax accepted).
 *
 * `readCsv` streams: records come out in batches, one per chunk read (a million records cost a
 * million array pushes, not a million awaits), and nothing is held beyond the record being read.
 * `readCsvSync` reads a whole small file (an upload already in memory). Both yield every complete
 * record before a problem, then throw it — so a caller can report the rows it checked as well.
 *
 * Control characters are refused wherever they are (also inside quotes): NUL and the other C0
 * controls except tab, line feed and carriage return have no place in text a person typed, and
 * PostgreSQL refuses NUL in text outright.
 *
 * @example
 *   for await (const batch of readCsv(fs.createReadStream('data.csv'))) {
 *     for (const record of batch) console.log(record.row, record.fields);
 *   }
 *   for (const { row, fields } of readCsvSync(bytes, { skipEmptyLines: false })) …
 */
import { CsvParser, type CsvLimits, type CsvRecord } from './csv-parser.ts';
import { firstInvalidUtf8, incompleteTail } from './utf8.ts';

export type { CsvRecord } from './csv-parser.ts';

/** A byte stream: a web `ReadableStream`, a Node readable, or any async iterable of chunks. */
export type ByteSource = ReadableStream<Uint8Array> | NodeJS.ReadableStream | AsyncIterable<Uint8Array | string>;

export interface CsvReadOptions extends Partial<CsvLimits> {
	/** Called with the size in bytes of each chunk read (for progress bars). */
	onBytes?: (bytes: number) => void;
}

/** Default limits: generous for any real table, small enough that a file without line breaks is not read whole. */
export const CSV_DEFAULT_LIMITS: Readonly<CsvLimits> = Object.freeze({ maxFieldChars: 100_000, maxRowChars: 1 << 20, skipEmptyLines: true });

/** Text and byte arrays given whole to `readCsv` are read in pieces of this size, as a stream would deliver them. */
const PIECE = 1 << 16;

/** C0 controls other than tab (09), line feed (0A) and carriage return (0D). */
const CONTROL = /[\0-\x08\x0B\x0C\x0E-\x1F]/;

const NONE = new Uint8Array(0);
const encoder = new TextEncoder();

/** Bytes or text in, records out: the strict decoder in front of the parser. */
class CsvFeed {
	readonly #parser: CsvParser;
	readonly #decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
	/** The bytes of a character the decoder holds until the next chunk completes it. */
	#tail: Uint8Array = NONE;
	/** Bytes taken so far. */
	#offset = 0;

	constructor(options: CsvReadOptions) {
		this.#parser = new CsvParser({
			maxFieldChars: options.maxFieldChars ?? CSV_DEFAULT_LIMITS.maxFieldChars,
			maxRowChars: options.maxRowChars ?? CSV_DEFAULT_LIMITS.maxRowChars,
			skipEmptyLines: options.skipEmptyLines ?? CSV_DEFAULT_LIMITS.skipEmptyLines
		});
	}

	push(chunk: Uint8Array | string, out: CsvRecord[]): void {
		if (typeof chunk === 'string') {
			// Text after bytes that ended inside a character: that character was cut.
			if (this.#tail.length > 0) this.#badBytes(this.#tail, out);
			this.#text(chunk, out);
			return;
		}
		let text: string;
		try {
			text = this.#decoder.decode(chunk, { stream: true });
		} catch {
			this.#badBytes(concat(this.#tail, chunk), out);
		}
		// A character split over tiny chunks may have started in an earlier one.
		this.#tail = incompleteTail(chunk.length < 4 ? concat(this.#tail, chunk) : chunk);
		this.#offset += chunk.length;
		this.#text(text, out);
	}

	end(out: CsvRecord[]): void {
		let text: string;
		try {
			text = this.#decoder.decode();
		} catch {
			this.#badBytes(this.#tail, out);
		}
		this.#text(text, out);
		this.#parser.end(out);
	}

	/** Parses `text` up to its first control character, which is then the error. */
	#text(text: string, out: CsvRecord[]): void {
		const control = text.search(CONTROL);
		if (control === -1) {
			this.#parser.push(text, out);
			return;
		}
		this.#parser.push(text.slice(0, control), out);
		throw this.#parser.errorHere('csv_control_character', { codePoint: text.charCodeAt(control) });
	}

	/** `bytes` (the decoder's held tail, then the chunk) hold an invalid sequence: parse up to it, then fail there. */
	#badBytes(bytes: Uint8Array, out: CsvRecord[]): never {
		const bad = Math.max(0, firstInvalidUtf8(bytes));
		this.#text(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(0, bad)), out);
		throw this.#parser.errorHere('csv_invalid_utf8', { offset: this.#offset - this.#tail.length + bad, byte: bytes[bad]! });
	}
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
	if (a.length === 0) return b;
	const joined = new Uint8Array(a.length + b.length);
	joined.set(a);
	joined.set(b, a.length);
	return joined;
}

/** The chunks of any input: a whole text or byte array in pieces, a stream as it arrives. */
async function* chunksOf(input: ByteSource | Uint8Array | string): AsyncGenerator<Uint8Array | string> {
	if (typeof input === 'string' || input instanceof Uint8Array) {
		for (let at = 0; at < input.length; at += PIECE) yield input.slice(at, at + PIECE);
		return;
	}
	if (Symbol.asyncIterator in input) {
		yield* input as AsyncIterable<Uint8Array | string>;
		return;
	}
	const reader = (input as ReadableStream<Uint8Array>).getReader();
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

/**
 * The records of a CSV stream (or a whole text or byte array), in batches. See the module comment.
 *
 * @throws CsvError after yielding every complete record before the problem.
 */
export async function* readCsv(input: ByteSource | Uint8Array | string, options: CsvReadOptions = {}): AsyncGenerator<CsvRecord[], void, undefined> {
	const feed = new CsvFeed(options);
	for await (const chunk of chunksOf(input)) {
		options.onBytes?.(typeof chunk === 'string' ? encoder.encode(chunk).length : chunk.length);
		yield* step((out) => feed.push(chunk, out));
	}
	yield* step((out) => feed.end(out));
}

/**
 * The records of a whole text or byte array, one at a time (for uploads already in memory).
 *
 * @throws CsvError after yielding every complete record before the problem.
 */
export function* readCsvSync(input: Uint8Array | string, options: Omit<CsvReadOptions, 'onBytes'> = {}): Generator<CsvRecord, void, undefined> {
	const feed = new CsvFeed(options);
	for (const batch of step((out) => {
		feed.push(input, out);
		feed.end(out);
	})) {
		yield* batch;
	}
}

/** Runs one step of the feed; yields the records it completed, also when it then stopped at a problem. */
function* step(run: (out: CsvRecord[]) => void): Generator<CsvRecord[], void, undefined> {
	const batch: CsvRecord[] = [];
	let problem: unknown;
	try {
		run(batch);
	} catch (error) {
		problem = error;
	}
	if (batch.length > 0) yield batch;
	if (problem !== undefined) throw problem;
}
