import { describe, expect, it } from 'vitest';
import { CsvReadError, readCsv, type ByteSource, type CsvProblem } from './csv-reader.ts';
import { firstInvalidUtf8 } from './utf8.ts';
import { byteStream } from '../../testing/import-factories.ts';

const encode = (text: string) => new TextEncoder().encode(text);

async function records(source: ByteSource, options: { maxRecordChars?: number } = {}): Promise<[number, number, string[]][]> {
	const out: [number, number, string[]][] = [];
	for await (const batch of readCsv(source, options)) for (const record of batch) out.push([record.row, record.line, record.fields]);
	return out;
}

async function failure(source: ByteSource, options: { maxRecordChars?: number } = {}): Promise<{ problem: CsvProblem; row: number; line: number; field: number; before: number }> {
	let before = 0;
	try {
		for await (const batch of readCsv(source, options)) before += batch.length;
	} catch (error) {
		if (error instanceof CsvReadError) return { ...error.position, problem: error.problem, before };
		throw error;
	}
	throw new Error('expected a CsvReadError');
}

const tricky = [
	'name,"note, with comma",value\r\n',
	'a,"say ""hi""",1\r\n',
	'b,"two\nlines",2\n',
	'\n',
	'c,"crlf\r\ninside",3\n',
	'"",,"ü€😀"\n',
	'last,no newline,4'
].join('');

describe('readCsv', () => {
	it('reads quoted fields, doubled quotes, CRLF and LF, line breaks inside quotes, and skips blank lines', async () => {
		expect(await records(byteStream(encode(tricky), 1 << 16))).toEqual([
			[1, 1, ['name', 'note, with comma', 'value']],
			[2, 2, ['a', 'say "hi"', '1']],
			[3, 3, ['b', 'two\nlines', '2']],
			[5, 6, ['c', 'crlf\r\ninside', '3']],
			[6, 8, ['', '', 'ü€😀']],
			[7, 9, ['last', 'no newline', '4']]
		]);
	});

	it('reads the same records whatever the chunk boundaries (inside quotes, CRLF and multi-byte characters)', async () => {
		const whole = await records(byteStream(encode(tricky), 1 << 16));
		for (let size = 1; size <= 17; size++) expect(await records(byteStream(encode(tricky), size)), `chunks of ${size} bytes`).toEqual(whole);
	});

	it('accepts and drops a UTF-8 byte-order mark', async () => {
		const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...encode('Year,Value\n2024,1\n')]);
		expect(await records(byteStream(bytes, 2))).toEqual([
			[1, 1, ['Year', 'Value']],
			[2, 2, ['2024', '1']]
		]);
	});

	it('reads Node streams and string chunks too', async () => {
		const { Readable } = await import('node:stream');
		expect(await records(Readable.from([encode('a,b\n1,'), encode('2\n')]))).toEqual([
			[1, 1, ['a', 'b']],
			[2, 2, ['1', '2']]
		]);
		expect(await records(Readable.from(['x\n', 'y\n']))).toEqual([
			[1, 1, ['x']],
			[2, 2, ['y']]
		]);
	});

	it('stops at bytes that are not UTF-8, naming the row and field, after yielding the rows before', async () => {
		// "Zürich" in Latin-1 (as a spreadsheet saving "CSV" in a Western code page writes it).
		const bytes = new Uint8Array([...encode('city,value\nYork,1\nZ'), 0xfc, ...encode('rich,2\n')]);
		for (const size of [1, 3, 1 << 16]) {
			expect(await failure(byteStream(bytes, size))).toEqual({ problem: 'bad_encoding', row: 3, line: 3, field: 0, before: 2 });
		}
		const secondField = new Uint8Array([...encode('a,b\n1,"x\ny",'), 0xc3, 0x28, ...encode('\n')]);
		expect(await failure(byteStream(secondField, 4))).toMatchObject({ problem: 'bad_encoding', row: 2, line: 2, field: 2 });
		// A valid character split over one-byte chunks, then a bad byte: the row is still the right one.
		const afterSplit = new Uint8Array([...encode('a,b\nx,'), 0xe2, 0x82, 0xac, ...encode('\ny,'), 0xff, ...encode('\n')]);
		for (const size of [1, 2, 5]) expect(await failure(byteStream(afterSplit, size))).toMatchObject({ problem: 'bad_encoding', row: 3, field: 1, before: 2 });
	});

	it('reports a file cut in the middle of a character as wrong encoding', async () => {
		expect(await failure(byteStream(new Uint8Array([...encode('a\n'), 0xe2, 0x82]), 1))).toMatchObject({ problem: 'bad_encoding', row: 2 });
	});

	it('reports UTF-16 (a spreadsheet’s "Unicode text") as wrong encoding at row 1', async () => {
		const utf16 = new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x0a, 0x00]);
		expect(await failure(byteStream(utf16))).toMatchObject({ problem: 'bad_encoding', row: 1, field: 0 });
	});

	it('reports a quote left open at the end, at the row where it opened', async () => {
		expect(await failure(byteStream(encode('a,b\n1,"open\n2,3\n')))).toMatchObject({ problem: 'unterminated_quote', row: 2, line: 2, field: 1, before: 1 });
	});

	it('reports a quote inside an unquoted field or after a closing quote', async () => {
		expect(await failure(byteStream(encode('a,b\n1,x"y\n')))).toMatchObject({ problem: 'bad_quote', row: 2, field: 1, before: 1 });
		expect(await failure(byteStream(encode('a,b\n1,"x"y\n')))).toMatchObject({ problem: 'bad_quote', row: 2, field: 1 });
	});

	it('refuses a record longer than the limit instead of buffering it', async () => {
		expect(await failure(byteStream(encode(`a\n${'x'.repeat(5000)}`), 100), { maxRecordChars: 1000 })).toMatchObject({ problem: 'row_too_long', row: 2 });
		expect(await failure(byteStream(encode(`a\n"${'x'.repeat(5000)}"\n`), 100), { maxRecordChars: 1000 })).toMatchObject({ problem: 'row_too_long', row: 2 });
	});

	it('streams: the first rows come out before the source has ended', async () => {
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

	it('cancels the source when the reader stops early', async () => {
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
	it('finds the first byte that is not UTF-8 (overlong forms and surrogates included)', () => {
		expect(firstInvalidUtf8(encode('abc €😀'))).toBe(encode('abc €😀').length);
		expect(firstInvalidUtf8(new Uint8Array([0x61, 0xfc]))).toBe(1);
		expect(firstInvalidUtf8(new Uint8Array([0x61, 0xc0, 0xaf]))).toBe(1);
		expect(firstInvalidUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(0);
		expect(firstInvalidUtf8(new Uint8Array([0x61, 0x62, 0xe2, 0x82]))).toBe(2);
	});
});
