import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { message } from '../../../i18n/messages.ts';
import { IMPORT_ERROR_CODES, importErrorMessage, importErrorTemplate, ImportErrorList } from './import-errors.ts';

const english = JSON.parse(fs.readFileSync('src/lib/server/indicators/messages/en.json', 'utf8')) as Record<string, string>;

describe('import error messages', () => {
	it('has an English catalog sentence for every code, saying exactly what the import reports', () => {
		for (const code of IMPORT_ERROR_CODES) expect(english[`iimport_error_${code}`], code).toBe(importErrorTemplate(code));
	});

	it('renders the same text through the compiled catalog as in the import result', () => {
		const params = { file: 'data.csv', row: 7, column: 'value', value: '12,5' };
		expect(message('iimport_error_value_not_numeric', params)).toBe(importErrorMessage('value_not_numeric', params));
		expect(importErrorMessage('value_not_numeric', params)).toBe(
			'data.csv, row 7, column "value": "12,5" is not a number. Use a point for decimals and no thousands separators; leave the cell empty for a missing value.'
		);
		expect(importErrorMessage('empty_file', { file: 'x.csv' })).toBe('x.csv: The file is empty: it needs a header row and at least one data row.');
	});
});

describe('ImportErrorList', () => {
	it('keeps the first errors up to its limit and counts them all', () => {
		const list = new ImportErrorList(2);
		for (let row = 2; row <= 5; row++) list.add('f.csv', row, 'value', 'value_not_numeric', { value: 'x' });
		expect(list.count).toBe(4);
		expect(list.truncated).toBe(true);
		expect(list.errors.map((error) => error.row)).toEqual([2, 3]);
		expect(list.errors[0]).toMatchObject({ file: 'f.csv', row: 2, column: 'value', code: 'value_not_numeric', params: { file: 'f.csv', row: 2, column: 'value', value: 'x' } });
	});
});
