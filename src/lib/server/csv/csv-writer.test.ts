import { describe, expect, it } from 'vitest';
import { byteStream } from '../testing/import-factories.ts';
import { BOM, csvRow, guardFormula, readCsv, readCsvSync, toByteStream, unguardFormula } from './index.ts';

describe('csvRow', () => {
	it('quotes fields with a comma, a quote, a line break or surrounding spaces, doubles quotes, ends with CRLF', () => {
		expect(csvRow(['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\ronly', ' padded', 'tab\t', '', '한국어'])).toBe('plain,"a,b","say ""hi""","two\nlines","cr\ronly"," padded","tab\t",,한국어\r\n');
	});

	it('writes a record of one empty field as "" so it is not a blank line', () => {
		expect(csvRow([''])).toBe('""\r\n');
		expect([...readCsvSync(csvRow(['h']) + csvRow(['']))].map((record) => record.fields)).toEqual([['h'], ['']]);
	});

	it('quotes a leading U+FEFF so a reader does not take it for a byte-order mark', () => {
		expect([...readCsvSync(csvRow(['\uFEFFx', 'y']))].map((record) => record.fields)).toEqual([['\uFEFFx', 'y']]);
		expect([...readCsvSync(BOM + csvRow(['\uFEFFx']))].map((record) => record.fields)).toEqual([['\uFEFFx']]);
	});
});

describe('guardFormula', () => {
	it('puts an apostrophe before what a spreadsheet would run, and unguardFormula takes it off again', () => {
		for (const text of ['=SUM(A1)', '+1', '-2', '@cmd', '\tx', '\rx', "'=already", 'plain', "'plain", '', "''=x"]) {
			expect(unguardFormula(guardFormula(text)), text).toBe(text);
		}
		expect(guardFormula('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
		expect(guardFormula('Equal = fair')).toBe('Equal = fair');
		expect(guardFormula("'=x")).toBe("''=x");
	});
});

describe('toByteStream', () => {
	it('encodes the chunks of a generator as UTF-8, skipping empty ones', async () => {
		expect(await new Response(toByteStream(['a,', '', 'ü\r\n'])).text()).toBe('a,ü\r\n');
		const chunks = (async function* () {
			yield '';
			yield 'x\r\n';
		})();
		expect(await new Response(toByteStream(chunks)).text()).toBe('x\r\n');
	});

	it('ends the generator when the reader cancels', async () => {
		let closed = false;
		const chunks = (function* () {
			try {
				for (;;) yield 'row\r\n';
			} finally {
				closed = true;
			}
		})();
		const reader = toByteStream(chunks).getReader();
		await reader.read();
		await reader.cancel();
		expect(closed).toBe(true);
	});
});

/** A seeded generator (mulberry32), so a failing case can be replayed. */
function random(seed: number): () => number {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

// Pieces a field is made of: the characters CSV treats specially, white space, and text in several scripts.
const PIECES = [',', '"', '""', '\r', '\n', '\r\n', ' ', '\t', 'a', 'Z', '0', '-', '=', "'", '\uFEFF', 'é', 'ü', '한', '😀', 'سكن', 'Возраст', '', 'x'.repeat(50)];

describe('writing then reading (round trip)', () => {
	it('gives back the same fields for random rows, read whole or streamed in random chunks', async () => {
		for (let seed = 1; seed <= 300; seed++) {
			const next = random(seed);
			const pick = (n: number) => Math.floor(next() * n);
			const rows = Array.from({ length: 1 + pick(6) }, () => Array.from({ length: 1 + pick(5) }, () => Array.from({ length: pick(6) }, () => PIECES[pick(PIECES.length)]!).join('')));
			const text = (next() < 0.3 ? BOM : '') + rows.map(csvRow).join('');
			const bytes = new TextEncoder().encode(text);
			expect([...readCsvSync(bytes)].map((record) => record.fields), `seed ${seed}`).toEqual(rows);
			const streamed: string[][] = [];
			for await (const batch of readCsv(byteStream(bytes, 1 + pick(12)))) for (const record of batch) streamed.push(record.fields);
			expect(streamed, `seed ${seed}, streamed`).toEqual(rows);
		}
	});
});
