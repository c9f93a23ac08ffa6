/**
 * Writing CSV, the same way for every file the platform publishes (plans, Open SDG data,
 * SDMX-CSV): UTF-8, fields separated by commas, records ended by CRLF.
 *
 * Why CRLF: RFC 4180 (which registers `text/csv`) defines the record separator as CRLF, and it is
 * what spreadsheets and Python's `csv` module write. Every reader we know of — spreadsheets,
 * pandas and the Open SDG build tools, R, our own — reads CRLF, while a strict RFC 4180 reader may
 * refuse bare LF. Line breaks inside a field are written as they are, inside quotes.
 *
 * A field is quoted when it holds a comma, a quote or a line break, or starts or ends with
 * white space (which some readers would trim); quotes inside are doubled.
 *
 * Files meant for spreadsheets (the plan CSV) start with a byte-order mark, so spreadsheets read
 * them as UTF-8, and guard text against formula injection with `guardFormula`. Machine formats
 * (Open SDG, SDMX-CSV) do neither: their readers want the values exactly.
 *
 * @example
 *   csvRow(['2024', 'a "b"', '1,5']) // '2024,"a ""b""","1,5"\r\n'
 *   new Response(toByteStream(chunks)) // a large export, pulled as the client reads it
 */

export const CSV_LINE_END = '\r\n';

/** The byte-order mark that tells a spreadsheet the file is UTF-8. */
export const BOM = '\uFEFF';

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One field, quoted when it needs to be. */
export function csvField(value: string): string {
	return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One record, ending in CRLF. A record of one empty field is written `""`, so it does not read back as a blank line. */
export function csvRow(fields: readonly string[]): string {
	if (fields.length === 1 && fields[0] === '') return `""${CSV_LINE_END}`;
	let row = '';
	for (let field = 0; field < fields.length; field++) row += (field === 0 ? '' : ',') + csvField(fields[field]!);
	return row + CSV_LINE_END;
}

/** What a spreadsheet would run as a formula (= + - @, a tab or a CR first), after any apostrophes. */
const FORMULA = /^'*[=+\-@\t\r]/;
const GUARDED = /^'+[=+\-@\t\r]/;

/**
 * Text for a spreadsheet cell: a leading apostrophe before what a spreadsheet would run as a
 * formula (OWASP's advice against CSV injection), and before text that already looks guarded
 * (apostrophes, then a formula character), so `unguardFormula` gives back exactly what was written.
 *
 * @example guardFormula('=SUM(A1)') // "'=SUM(A1)"; unguardFormula("'=SUM(A1)") // '=SUM(A1)'
 */
export function guardFormula(text: string): string {
	return FORMULA.test(text) ? `'${text}` : text;
}

/** Text as read back from a cell that `guardFormula` wrote: one guard apostrophe dropped. */
export function unguardFormula(text: string): string {
	return GUARDED.test(text) ? text.slice(1) : text;
}

/**
 * A web stream of UTF-8 bytes from text chunks (a large export made page by page), pulled as the
 * reader asks: a slow client slows the export down instead of filling memory. Cancelling the
 * stream ends the chunks' generator (its `finally` blocks run).
 */
export function toByteStream(chunks: Iterable<string> | AsyncIterable<string>): ReadableStream<Uint8Array> {
	const iterator = Symbol.asyncIterator in chunks ? chunks[Symbol.asyncIterator]() : chunks[Symbol.iterator]();
	const encoder = new TextEncoder();
	return new ReadableStream<Uint8Array>({
		async pull(controller) {
			// Skip empty chunks: a pull that enqueues nothing would leave the reader waiting.
			for (;;) {
				const { done, value } = await iterator.next();
				if (done) return controller.close();
				if (value) return controller.enqueue(encoder.encode(value));
			}
		},
		async cancel() {
			await iterator.return?.();
		}
	});
}
