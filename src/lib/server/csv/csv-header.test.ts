import { describe, expect, it } from 'vitest';
import { CsvHeader } from './index.ts';

const lower = (name: string) => name.trim().toLowerCase();

describe('CsvHeader', () => {
	it('finds columns by normalised name and names columns for messages', () => {
		const header = new CsvHeader(['Year', ' Value ', '', 'year'], lower);
		expect(header.indexOf('value')).toBe(1);
		expect(header.indexOf('year')).toBe(0);
		expect(header.indexOf('units')).toBe(-1);
		expect(header.has('value')).toBe(true);
		expect([0, 1, 2, 7].map((field) => header.nameOf(field))).toEqual(['Year', 'Value', '#3', '#8']);
		expect(header.length).toBe(4);
	});

	it('compares names trimmed but with their case by default', () => {
		const header = new CsvHeader([' kind ', 'Ref']);
		expect(header.indexOf('kind')).toBe(0);
		expect(header.indexOf('ref')).toBe(-1);
	});

	it('lists unknown and repeated columns in header order, then the missing ones', () => {
		const header = new CsvHeader(['value', 'colour', 'Value', 'colour', ' '], lower);
		expect(header.check(['year', 'value'], ['year', 'value'])).toEqual([
			{ field: 1, name: 'colour', problem: 'unknown' },
			{ field: 2, name: 'Value', problem: 'duplicate' },
			{ field: 3, name: 'colour', problem: 'unknown' },
			{ field: 4, name: '#5', problem: 'unknown' },
			{ field: null, name: 'year', problem: 'missing' }
		]);
		expect(header.check(null, ['value'])).toEqual([
			{ field: 2, name: 'Value', problem: 'duplicate' },
			{ field: 3, name: 'colour', problem: 'duplicate' }
		]);
	});

	it('reads a record by column name: short records read as empty, the first of repeated columns wins, "__proto__" is a plain cell', () => {
		const header = new CsvHeader(['a', 'b', 'a', '__proto__']);
		expect(header.cellsOf(['1', '2', '3', 'x'])).toEqual(Object.fromEntries([['a', '1'], ['b', '2'], ['__proto__', 'x']]));
		expect(Object.getPrototypeOf(header.cellsOf(['1', '2', '3', 'x']))).toBe(Object.prototype);
		expect(JSON.stringify(header.cellsOf(['1']))).toBe('{"a":"1","b":"","__proto__":""}');
	});
});
