import { describe, expect, it } from 'vitest';
import { frameworkCodes as referenceCodes } from '../frameworks/index.ts';
import { LOCALES } from '../../i18n/locales.ts';
import { libraryData, libraryRows } from './library.ts';
import { dimensionsAreValid, INDICATOR_CODE_PATTERN, INDICATOR_DIRECTIONS, INDICATOR_TYPES, INDICATOR_UNITS, MAX_CODE, MAX_TITLE } from './indicators.schema.ts';

const frameworkCodes = new Set(referenceCodes());
const entries = libraryData();

describe('the network indicator library data', () => {
	it('holds 25 to 35 entries with unique, valid codes', () => {
		expect(entries.length).toBeGreaterThanOrEqual(25);
		expect(entries.length).toBeLessThanOrEqual(35);
		const codes = entries.map((entry) => entry.code);
		expect(new Set(codes).size).toBe(codes.length);
		for (const code of codes) expect(code.length <= MAX_CODE && INDICATOR_CODE_PATTERN.test(code), code).toBe(true);
	});

	it('has every text in all six locales', () => {
		for (const entry of entries) {
			for (const field of ['title', 'description', 'methodology', 'comparability'] as const) {
				for (const locale of LOCALES) expect(entry[field][locale]?.trim(), `${entry.code} ${field} ${locale}`).toBeTruthy();
			}
			for (const locale of LOCALES) expect(entry.title[locale]!.length, `${entry.code} title ${locale}`).toBeLessThanOrEqual(MAX_TITLE);
		}
	});

	it('uses known types, units, directions and framework codes', () => {
		for (const entry of entries) {
			expect(INDICATOR_TYPES).toContain(entry.type);
			expect(INDICATOR_UNITS).toContain(entry.unit);
			expect(INDICATOR_DIRECTIONS).toContain(entry.direction);
			for (const code of [entry.right_code, ...entry.sdg_targets, ...entry.principles].filter((code) => code !== null)) {
				expect(frameworkCodes.has(code!), `${entry.code}: ${code}`).toBe(true);
			}
			expect(entry.right_code ?? '').toMatch(/^(udhr:\d+)?$/);
			for (const target of entry.sdg_targets) expect(target).toMatch(/^sdg:\d+\.\w+$/);
			for (const principle of entry.principles) expect(principle).toMatch(/^gwangju:\d+$/);
			expect(dimensionsAreValid(entry.dimensions), entry.code).toBe(true);
		}
	});

	it('says where each indicator is used and why it is or is not confirmed', () => {
		for (const entry of entries) {
			expect(entry.source.length, entry.code).toBeGreaterThan(20);
			expect(entry.note.length, entry.code).toBeGreaterThan(20);
			expect(entry.note, entry.code).toMatch(entry.confirmed ? /^Seen/ : /^Not (confirmed|seen)/);
		}
	});

	it('draws on York, Gwangju and the OHCHR housing table', () => {
		const from = (word: string) => entries.filter((entry) => entry.source.includes(word)).length;
		expect(from('York')).toBeGreaterThanOrEqual(8);
		expect(from('Gwangju')).toBeGreaterThanOrEqual(8);
		expect(from('OHCHR')).toBeGreaterThanOrEqual(8);
		expect(entries.filter((entry) => entry.source.includes('OHCHR') && entry.type === 'structural').length).toBeGreaterThanOrEqual(2);
	});

	it('becomes table rows with JSON text and positions in file order', () => {
		const rows = libraryRows();
		expect(rows).toHaveLength(entries.length);
		expect(rows[0]).toMatchObject({ code: entries[0]!.code, position: 1, confirmed: entries[0]!.confirmed ? 1 : 0 });
		expect(JSON.parse(rows[0]!.title)).toEqual(entries[0]!.title);
		expect(JSON.parse(rows[0]!.sdg_targets)).toEqual(entries[0]!.sdg_targets);
	});
});
