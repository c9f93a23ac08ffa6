import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCsvSync } from '../../csv/index.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../testing/test-database.ts';
import { createTestIndicator } from '../../testing/indicator-factories.ts';
import { csvSource, importFixture, type ImportFixture, textOf } from '../../testing/import-factories.ts';
import { importObservations } from '../import/import.service.ts';
import { exportSdmxCsv, indicatorId } from './export.service.ts';
import { asciiSlug, dimensionId, disambiguate, nameHash, SDMX_ID, SDMX_NCNAME_ID, valueCode } from './sdmx-ids.ts';
import { exportSdmxStructure } from './sdmx-structure.ts';

const NAMES = ['Возраст', 'Регионы', 'Regiony', 'Ηλικία', 'Περιφέρεια', '연령', '지역', 'العمر', 'المنطقة', 'Région', 'Region', 'region', 'Sex', 'sex', 'SEX', 'obs_value', 'age group', 'age_group', 'Пол', 'Pol'];

describe('SDMX ids', () => {
	it('are valid component ids, one per name, for Cyrillic, Greek, Korean, Arabic and names that transliterate alike', () => {
		const ids = NAMES.map((name) => dimensionId(name));
		for (const id of ids) expect(id).toMatch(SDMX_NCNAME_ID);
		expect(new Set(ids).size).toBe(NAMES.length);
		expect(asciiSlug('Регионы')).toBe(asciiSlug('Regiony'));
		expect(dimensionId('Регионы')).not.toBe(dimensionId('Regiony'));
		expect(dimensionId('sex')).toBe('SEX');
		expect(dimensionId('obs_value')).toMatch(/^D-OBS_VALUE-[A-Z2-7]{8}$/);
		expect(dimensionId('Возраст')).toMatch(/^D-VOZRAST-[A-Z2-7]{8}$/);
		expect(dimensionId('연령')).toMatch(/^D-[A-Z2-7]{8}$/);
	});

	it('are stable: the same name always gets the same id, NFC or not', () => {
		expect(dimensionId('Région')).toBe(dimensionId('Re\u0301gion'));
		expect(nameHash('Возраст')).toHaveLength(52);
		expect(dimensionId('Возраст')).toBe(dimensionId('Возраст'));
	});

	it('give values valid codes, never a special code, one per value', () => {
		const values = ['female', 'Female', '65+', '0-17', '_T', '_z', 'Женщины', 'Мужчины', '16-62 лет, трудоспособные', '여성', 'إناث', 'V-65'];
		const codes = values.map((value) => valueCode(value));
		for (const code of codes) expect(code).toMatch(SDMX_ID);
		expect(new Set(codes).size).toBe(values.length);
		expect(codes.slice(0, 2)).toEqual(['female', 'Female']);
		expect(codes).not.toContain('_T');
		expect(codes).not.toContain('_Z');
	});

	it('lengthen the hash where two short ids would meet', () => {
		const fake = (name: string, length = 8) => (length === 8 ? 'D-X' : `D-${name.length}-${length}`);
		expect([...disambiguate(['a', 'bb'], fake).values()]).toEqual(['D-1-52', 'D-2-52']);
	});

	it('name indicators with valid codes, namespaces included', () => {
		expect(indicatorId('sdg:1.2.1')).toBe('sdg__1_2_1');
		expect(indicatorId('housing.temporary-accommodation')).toBe('housing_temporary-accommodation');
		expect(indicatorId('sdg:1.2.1')).toMatch(SDMX_ID);
	});
});

describe.each(DIALECTS)('SDMX export with names in any script on %s', (dialect) => {
	let database: TestDatabase;
	let fixture: ImportFixture;
	beforeEach(async () => {
		database = await createTestDatabase(dialect);
		fixture = await importFixture(database.db);
		await createTestIndicator(database.db, fixture.admin, fixture.city.id, {
			code: 'sdg:1.2.1',
			title: 'Доля населения, живущего за национальной чертой бедности',
			dataLanguage: 'ru',
			dimensions: 'Возраст: 0-17, 18+\nРегионы: Баткенская область, Чуйская область'
		});
		const csv = ['Year,Возраст,Регионы,Value', '2018,0-17,,28.3', '2018,,Баткенская область,33.8', '2019,,,'].join('\r\n');
		const result = await importObservations(database.db, fixture.admin, fixture.city.id, [csvSource('indicator_1-2-1.csv', csv)], { format: 'open-sdg' });
		expect(result.ok).toBe(true);
	});
	afterEach(() => database.cleanup());

	it('keeps Возраст and Регионы apart: each value under its own column, empty values missing (M), not normal', async () => {
		const rows = [...readCsvSync(await textOf(await exportSdmxCsv(database.db, fixture.city.id, 'sdg:1.2.1')))].map((record) => record.fields);
		const header = rows[0]!;
		const age = dimensionId('Возраст');
		const regions = dimensionId('Регионы');
		expect(header).toEqual(['STRUCTURE', 'STRUCTURE_ID', 'ACTION', 'REF_AREA', 'INDICATOR', 'TIME_PERIOD', ...[age, regions].sort(), 'OBS_VALUE', 'UNIT_MEASURE', 'OBS_STATUS']);
		const cell = (row: string[], column: string) => row[header.indexOf(column)];
		const data = rows.slice(1).filter((row) => row.length > 1);
		expect(data.map((row) => [cell(row, 'TIME_PERIOD'), cell(row, age), cell(row, regions), cell(row, 'OBS_VALUE'), cell(row, 'OBS_STATUS')])).toEqual([
			['2018', valueCode('0-17'), '_T', '28.3', 'A'],
			['2018', '_T', valueCode('Баткенская область'), '33.8', 'A'],
			['2019', '_T', '_T', '', 'M']
		]);
		for (const row of data) for (const value of [cell(row, age), cell(row, regions), cell(row, 'INDICATOR')]) expect(value).toMatch(SDMX_ID);
	});

	it('writes a structure file with the names in their language beside the ids', async () => {
		const structure = await exportSdmxStructure(database.db, fixture.city.id, 'sdg:1.2.1', '2026-12-08T12:00:00Z');
		expect(structure).toContain(`<str:Concept urn="urn:sdmx:org.sdmx.infomodel.conceptscheme.Concept=RIGHTSCITY:CS_HRC_INDICATORS(1.0).${dimensionId('Возраст')}" id="${dimensionId('Возраст')}">\n          <com:Name xml:lang="ru">Возраст</com:Name>`);
		expect(structure).toContain(`<com:Name xml:lang="ru">Регионы</com:Name>`);
		expect(structure).toContain(`id="${valueCode('Баткенская область')}">\n          <com:Name xml:lang="ru">Баткенская область</com:Name>`);
		expect(structure).toContain('<com:Name xml:lang="en">Доля населения, живущего за национальной чертой бедности</com:Name>');
		expect(structure).toContain('<str:Code urn="urn:sdmx:org.sdmx.infomodel.codelist.Code=RIGHTSCITY:CL_OBS_STATUS(1.0).M" id="M">');
		for (const [, id] of structure.matchAll(/ id="([^"]*)"/g)) expect(id).toMatch(SDMX_ID);
		for (const [, id] of structure.matchAll(/<str:(?:Dimension|Concept|Codelist) [^>]*id="([^"]*)"/g)) expect(id).toMatch(SDMX_NCNAME_ID);
	});
});
