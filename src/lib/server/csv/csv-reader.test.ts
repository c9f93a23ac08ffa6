import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { byteStream } from '../testing/import-factories.ts';
import { CsvError, readCsv, readCsvSync, type ByteSource, type CsvReadOptions } from './index.ts';
import { firstInvalidUtf8 } from './utf8.ts';

const encode = (text: string) => new TextEncoder().encode(text);
const bytes = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? [...encode(part)] : part)));

type Row = [row: number, line: number, fields: string[]];

async function records(source: ByteSource | Uint8Array | string, options: CsvReadOptions = {}): Promise<Row[]> {
	const out: Row[] = [];
	for await (const batch of readCsv(source, options)) for (const record of batch) out.push([record.row, record.line, record.fields]);
	return out;
}

const syncRecords = (input: Uint8Array | string, options: CsvReadOptions = {}): Row[] => [...readCsvSync(input, options)].map((record) => [record.row, record.line, record.fields]);

interface Failure {
	code: string;
	row: number;
	field: number;
	line: number;
	value: string | undefined;
	/** Records yielded before the error. */
	before: number;
}

async function failure(source: ByteSource | Uint8Array | string, options: CsvReadOptions = {}): Promise<Failure> {
	let before = 0;
	try {
		for await (const batch of readCsv(source, options)) before += batch.length;
	} catch (error) {
		if (error instanceof CsvError) return { code: error.code, row: error.row, field: error.field, line: error.line, value: error.value, before };
		throw error;
	}
	throw new Error('expected a CsvError');
}

function syncFailure(input: Uint8Array | string, options: CsvReadOptions = {}): Failure {
	let before = 0;
	try {
		for (const _record of readCsvSync(input, options)) before += 1;
	} catch (error) {
		if (error instanceof CsvError) return { code: error.code, row: error.row, field: error.field, line: error.line, value: error.value, before };
		throw error;
	}
	throw new Error('expected a CsvError');
}

/** Every way of reading `input`: whole (sync and async), and streamed in chunks of 1 to 17 bytes. */
async function everyWay(input: Uint8Array, options: CsvReadOptions = {}): Promise<Row[]> {
	const whole = syncRecords(input, options);
	expect(await records(input, options)).toEqual(whole);
	for (let size = 1; size <= 17; size++) expect(await records(byteStream(input, size), options), `chunks of ${size} bytes`).toEqual(whole);
	return whole;
}

const TRICKY = [
	'name,"note, with comma",value\r\n',
	'a,"say ""hi""",1\r\n',
	'b,"two\nlines",2\n',
	'\n',
	'c,"crlf\r\ninside",3\n',
	'"",,"ü€😀"\r',
	'old mac,"cr\rinside",4\r',
	'last,no newline,5'
].join('');

describe('readCsv and readCsvSync', () => {
	it('read quoted fields, doubled quotes, CRLF, LF and lone CR, line breaks inside quotes, and skip blank lines', async () => {
		expect(await everyWay(encode(TRICKY))).toEqual([
			[1, 1, ['name', 'note, with comma', 'value']],
			[2, 2, ['a', 'say "hi"', '1']],
			[3, 3, ['b', 'two\nlines', '2']],
			[5, 6, ['c', 'crlf\r\ninside', '3']],
			[6, 8, ['', '', 'ü€😀']],
			[7, 9, ['old mac', 'cr\rinside', '4']],
			[8, 11, ['last', 'no newline', '5']]
		]);
	});

	it('keep blank lines as [""] when asked (a one-column file may mean an empty cell)', async () => {
		expect(await everyWay(encode('id\n\n1\r\n\r\n2\r\r3'), { skipEmptyLines: false })).toEqual([
			[1, 1, ['id']],
			[2, 2, ['']],
			[3, 3, ['1']],
			[4, 4, ['']],
			[5, 5, ['2']],
			[6, 6, ['']],
			[7, 7, ['3']]
		]);
	});

	it('read a trailing empty field, an empty quoted field, and a final line break or none alike', async () => {
		expect(await everyWay(encode('a,b\nc,'))).toEqual([
			[1, 1, ['a', 'b']],
			[2, 2, ['c', '']]
		]);
		expect(await everyWay(encode('a,""\r\n""'))).toEqual([
			[1, 1, ['a', '']],
			[2, 2, ['']]
		]);
		expect(await everyWay(encode('x,"y"\r\n'))).toEqual(await everyWay(encode('x,"y"')));
	});

	it('accept and drop a UTF-8 byte-order mark, only at the start', async () => {
		expect(await everyWay(bytes([0xef, 0xbb, 0xbf], 'Year,Value\n2024,\uFEFF1\n'))).toEqual([
			[1, 1, ['Year', 'Value']],
			[2, 2, ['2024', '\uFEFF1']]
		]);
		expect(syncRecords('\uFEFF"quoted",x')).toEqual([[1, 1, ['quoted', 'x']]]);
	});

	it('give nothing for an empty file, a BOM alone, or blank lines only', async () => {
		expect(await everyWay(new Uint8Array(0))).toEqual([]);
		expect(await everyWay(bytes([0xef, 0xbb, 0xbf]))).toEqual([]);
		expect(await everyWay(encode('\r\n\n\r'))).toEqual([]);
	});

	it('give the header alone for a file that has only a header', async () => {
		expect(await everyWay(encode('indicator,period,value\r\n'))).toEqual([[1, 1, ['indicator', 'period', 'value']]]);
	});

	it('read Node streams, string chunks and whole strings', async () => {
		expect(await records(Readable.from([encode('a,b\n1,'), encode('2\n')]))).toEqual([
			[1, 1, ['a', 'b']],
			[2, 2, ['1', '2']]
		]);
		expect(await records(Readable.from(['x\n', 'y\n']))).toEqual([
			[1, 1, ['x']],
			[2, 2, ['y']]
		]);
		expect(await records('p,q\r\nr,s')).toEqual(syncRecords('p,q\r\nr,s'));
	});

	it('read a field of 300,000 characters across many chunks when the limit allows it', async () => {
		const huge = 'é"'.repeat(150_000);
		const file = encode(`a,b\r\n1,"${huge.replaceAll('"', '""')}"\r\n2,"x"`);
		const options = { maxFieldChars: 400_000, maxRowChars: 1_000_000 };
		const rows = await records(byteStream(file, 4093), options);
		expect(rows.map(([row, line, fields]) => [row, line, fields.map((field) => field.length)])).toEqual([
			[1, 1, [1, 1]],
			[2, 2, [1, 300_000]],
			[3, 3, [1, 1]]
		]);
		expect(rows[1]![2][1]).toBe(huge);
	});
});

describe('reading problems', () => {
	it('stop at bytes that are not UTF-8, naming row, field, line and byte, after yielding the rows before', async () => {
		// "Zürich" in Latin-1 (as a spreadsheet saving "CSV" in a Western code page writes it).
		const latin1 = bytes('city,value\nYork,1\nZ', [0xfc], 'rich,2\n');
		for (const size of [1, 3, 1 << 16]) {
			expect(await failure(byteStream(latin1, size))).toEqual({ code: 'csv_invalid_utf8', row: 3, field: 0, line: 3, value: 'byte 20: 0xfc', before: 2 });
		}
		expect(syncFailure(latin1)).toMatchObject({ code: 'csv_invalid_utf8', row: 3, field: 0, before: 2 });
		const inQuotes = bytes('a,b\n1,"x\ny",', [0xc3, 0x28], '\n');
		expect(await failure(byteStream(inQuotes, 4))).toMatchObject({ code: 'csv_invalid_utf8', row: 2, line: 3, field: 2 });
	});

	it('find the bad byte right after a valid character split over chunks (UTF-8 split across chunk boundaries)', async () => {
		const afterSplit = bytes('a,b\nx,', [0xe2, 0x82, 0xac], '\ny,', [0xff], '\n');
		for (const size of [1, 2, 5]) expect(await failure(byteStream(afterSplit, size))).toMatchObject({ code: 'csv_invalid_utf8', row: 3, field: 1, before: 2, value: 'byte 13: 0xff' });
		// A 4-byte character cut by a chunk boundary, then a continuation byte that does not fit.
		const badContinuation = bytes('k\n', [0xf0, 0x9f], [0x98, 0x41]);
		for (const size of [1, 3, 4]) expect(await failure(byteStream(badContinuation, size))).toMatchObject({ code: 'csv_invalid_utf8', row: 2, value: 'byte 3: 0xf0' });
	});

	it('report a file cut inside a character, overlong forms and surrogates as not UTF-8', async () => {
		expect(await failure(byteStream(bytes('a\n', [0xe2, 0x82]), 1))).toMatchObject({ code: 'csv_invalid_utf8', row: 2, value: 'byte 3: 0xe2' });
		expect(syncFailure(bytes('a\n', [0xc0, 0xaf]))).toMatchObject({ code: 'csv_invalid_utf8', row: 2 });
		expect(syncFailure(bytes('a,', [0xed, 0xa0, 0x80]))).toMatchObject({ code: 'csv_invalid_utf8', row: 1, field: 1 });
	});

	it('report UTF-16 (a spreadsheet’s "Unicode text") as not UTF-8 at row 1', async () => {
		expect(await failure(byteStream(new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x0a, 0x00])))).toMatchObject({ code: 'csv_invalid_utf8', row: 1, field: 0, value: 'byte 1: 0xff' });
	});

	it('report a quote left open at the end, at the row and line where it opened', async () => {
		expect(await failure(byteStream(encode('a,b\n1,"open\n2,3\n')))).toMatchObject({ code: 'csv_unclosed_quote', row: 2, line: 2, field: 1, before: 1 });
		expect(syncFailure('a,b\r\n1,"x\r\ny","open\r\n')).toMatchObject({ code: 'csv_unclosed_quote', row: 2, line: 3, field: 2 });
	});

	it('report a quote inside an unquoted field or after a closing quote', async () => {
		expect(await failure(byteStream(encode('a,b\n1,x"y\n')))).toMatchObject({ code: 'csv_stray_quote', row: 2, field: 1, before: 1 });
		expect(await failure(byteStream(encode('a,b\n1,"x"y\n')))).toMatchObject({ code: 'csv_stray_quote', row: 2, field: 1 });
		expect(syncFailure('a,b\n"1"x,2\n')).toMatchObject({ code: 'csv_stray_quote', row: 2, field: 0 });
	});

	it('refuse a field or a row longer than the limits instead of buffering it', async () => {
		const limits = { maxFieldChars: 100, maxRowChars: 1000 };
		expect(await failure(byteStream(encode(`a\n${'x'.repeat(5000)}`), 100), limits)).toMatchObject({ code: 'csv_field_too_long', row: 2, field: 0, before: 1 });
		expect(await failure(byteStream(encode(`a\n"${'x'.repeat(5000)}"\n`), 100), limits)).toMatchObject({ code: 'csv_field_too_long', row: 2, field: 0 });
		expect(await failure(byteStream(encode(`a\n${'x,'.repeat(600)}\n`), 100), limits)).toMatchObject({ code: 'csv_row_too_long', row: 2, before: 1 });
		expect(await failure(encode(`a\n${'x,'.repeat(600)}\n`), limits)).toMatchObject({ code: 'csv_row_too_long', row: 2, field: 500 });
		expect(await failure(byteStream(encode(`a\n"x",${'"y",'.repeat(300)}\n`), 64), limits)).toMatchObject({ code: 'csv_row_too_long', row: 2 });
		expect(await failure(encode(`a,b,c\n1,2,${'y'.repeat(101)}\n`), limits)).toMatchObject({ code: 'csv_field_too_long', row: 2, field: 2 });
		expect(await failure(encode(`a,b,c\n1,"2",${'y'.repeat(101)}\n`), limits)).toMatchObject({ code: 'csv_field_too_long', row: 2, field: 2 });
		expect(syncFailure(`a\n"${'x'.repeat(5000)}`, limits)).toMatchObject({ code: 'csv_field_too_long', row: 2 });
		expect(await records(encode(`a,b\n${'x'.repeat(100)},${'y'.repeat(100)}`), limits)).toHaveLength(2);
	});

	it('refuse NUL and other control characters, also inside quotes, naming row, field and character', async () => {
		expect(await failure(byteStream(encode('a,b\n1,x\u0000y\n'), 3))).toEqual({ code: 'csv_control_character', row: 2, field: 1, line: 2, value: 'U+0000', before: 1 });
		expect(syncFailure('a,b\n1,"two\nlines\u001b"\n')).toMatchObject({ code: 'csv_control_character', row: 2, field: 1, line: 3, value: 'U+001B' });
		expect(syncFailure('a\u000bb')).toMatchObject({ code: 'csv_control_character', row: 1, field: 0, value: 'U+000B' });
		expect(syncRecords('tab\there,ok\r\n')).toEqual([[1, 1, ['tab\there', 'ok']]]);
	});

	it('stream: the first rows come out before the source has ended', async () => {
		let produced = 0;
		let ended = false;
		const rows = 200_000;
		const source = new ReadableStream<Uint8Array>({
			pull(controller) {
				if (produced >= rows) {
					ended = true;
					controller.close();
					return;
				}
				let chunk = '';
				for (let i = 0; i < 1000; i++, produced++) chunk += `row-${produced},${produced}\n`;
				controller.enqueue(encode(chunk));
			}
		});
		const reader = readCsv(source)[Symbol.asyncIterator]();
		const first = await reader.next();
		expect(first.done).toBe(false);
		expect(first.value![0]!.fields).toEqual(['row-0', '0']);
		expect(ended).toBe(false);
		expect(produced).toBeLessThan(rows / 10);
		let total = first.value!.length;
		for (let next = await reader.next(); !next.done; next = await reader.next()) total += next.value.length;
		expect(total).toBe(rows);
		expect(ended).toBe(true);
	});

	it('cancel the source when the reader stops early', async () => {
		let cancelled = false;
		const source = new ReadableStream<Uint8Array>({
			pull(controller) {
				controller.enqueue(encode('x,y\n'));
			},
			cancel() {
				cancelled = true;
			}
		});
		for await (const _batch of readCsv(source)) break;
		expect(cancelled).toBe(true);
	});
});

describe('firstInvalidUtf8', () => {
	it('finds the first byte that is not UTF-8: Latin-1, a cut sequence, an overlong form, a surrogate, beyond U+10FFFF', () => {
		expect(firstInvalidUtf8(encode('Vivienda, 주거, سكن, 🏠'))).toBe(-1);
		expect(firstInvalidUtf8(bytes('ab', [0xe9], 'c'))).toBe(2);
		expect(firstInvalidUtf8(bytes('a', [0xe2, 0x82]))).toBe(1);
		expect(firstInvalidUtf8(bytes([0xc0, 0xaf]))).toBe(0);
		expect(firstInvalidUtf8(bytes('A', [0xed, 0xa0, 0x80]))).toBe(1);
		expect(firstInvalidUtf8(bytes('A', [0xf4, 0x90, 0x80, 0x80]))).toBe(1);
	});
});
