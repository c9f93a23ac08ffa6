import { describe, expect, it } from 'vitest';
import { csvRecord, CsvSyntaxError, firstInvalidUtf8, readCsvRecords } from './csv.ts';

const records = (text: string) => [...readCsvRecords(text)].map((record) => record.fields);

describe('reading CSV (RFC 4180)', () => {
	it('reads quoted fields with commas, doubled quotes and line breaks, numbering records', () => {
		const text = 'a,b,c\r\n"x, y","say ""hi""","two\r\nlines"\r\n,,\r\n';
		expect(records(text)).toEqual([
			['a', 'b', 'c'],
			['x, y', 'say "hi"', 'two\r\nlines'],
			['', '', '']
		]);
		expect([...readCsvRecords(text)].map((record) => record.row)).toEqual([1, 2, 3]);
	});

	it('accepts LF line ends, a missing final line end, a trailing empty field and a BOM', () => {
		expect(records('\uFEFFa,b\nc,')).toEqual([
			['a', 'b'],
			['c', '']
		]);
	});

	it('names the record and field of an unterminated or stray quote', () => {
		expect(() => records('a,b\n1,"open\n')).toThrow(expect.objectContaining({ row: 2, field: 1, rule: 'quote_unterminated' }));
		expect(() => records('a,b\n1,x"y\n')).toThrow(CsvSyntaxError);
		expect(() => records('a,b\n"1"x,2\n')).toThrow(expect.objectContaining({ row: 2, field: 0, rule: 'quote_stray' }));
	});

	it('writes fields that need it in quotes and ends records with CRLF', () => {
		expect(csvRecord(['plain', 'a,b', 'say "hi"', 'two\nlines', ''])).toBe('plain,"a,b","say ""hi""","two\nlines",\r\n');
		const written = csvRecord(['x, "y"', '한국어', 'مرحبا']);
		expect(records(written)).toEqual([['x, "y"', '한국어', 'مرحبا']]);
	});
});

describe('strict UTF-8', () => {
	const bytes = (...values: number[]) => new Uint8Array(values);

	it('accepts valid text in any script', () => {
		expect(firstInvalidUtf8(new TextEncoder().encode('Vivienda, 주거, سكن, 🏠'))).toBe(-1);
	});

	it('finds the first invalid byte: Latin-1, a cut sequence, an overlong form, a surrogate', () => {
		expect(firstInvalidUtf8(bytes(0x61, 0x62, 0xe9, 0x63))).toBe(2);
		expect(firstInvalidUtf8(bytes(0x61, 0xe2, 0x82))).toBe(1);
		expect(firstInvalidUtf8(bytes(0xc0, 0xaf))).toBe(0);
		expect(firstInvalidUtf8(bytes(0x41, 0xed, 0xa0, 0x80))).toBe(1);
		expect(firstInvalidUtf8(bytes(0x41, 0xf4, 0x90, 0x80, 0x80))).toBe(1);
	});
});
