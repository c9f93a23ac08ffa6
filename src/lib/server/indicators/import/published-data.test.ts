/**
 * Real published Open SDG files (issue 11): units and series in the publisher's language, several
 * units and series in one file, GeoCode and other Open SDG columns, quoted commas, CRLF, a BOM, no
 * final newline. They import unmodified and survive an import → export round trip, precision and
 * columns included.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../testing/test-database.ts';
import { createTestIndicator } from '../../testing/indicator-factories.ts';
import { csvSource, importFixture, type ImportFixture, textOf } from '../../testing/import-factories.ts';
import { exportOpenSdgCsv } from '../export/export.service.ts';
import { importObservations } from './import.service.ts';
import { unitMatches } from './import-cells.ts';

/**
 * Shaped like a Central Asian national platform's file: Cyrillic dimensions (one value with a
 * comma, so quoted), units in Russian (the headline in per cent, one row in thousands of people),
 * a GeoCode and an observation status on every row, values published with trailing zeros, CRLF,
 * a BOM and no final newline.
 */
const RUSSIAN = [
	'\uFEFFYear,Пол,Возраст,Units,Series,GeoCode,Observation status,Value',
	'2020,,,Процент,SI_POV_NAHC,KZ-ALA,A,8.0',
	'2020,Женщины,,Процент,SI_POV_NAHC,KZ-ALA,A,8.10',
	'2020,Мужчины,"16-62 лет, трудоспособные",Процент,SI_POV_NAHC,KZ-ALA,A,7.9',
	'2020,,,тысяч человек,SI_POV_NAHC,KZ-ALA,A,152.30',
	'2021,,,Процент,SI_POV_NAHC,KZ-ALA,E,7.50'
].join('\r\n');

/** Spanish, two series and a unit the built-in list has never heard of (`Tasa por cada 1.000 hogares`). */
const SPANISH = ['Year,Sexo,Series,Units,Value', '2019,,Pobreza extrema,Porcentaje,3.2', '2019,Mujeres,Pobreza extrema,Porcentaje,3.5', '2019,,Pobreza moderada,Porcentaje,12.0', '2020,,Pobreza extrema,Tasa por cada 1.000 hogares,41', ''].join('\n');

describe.each(DIALECTS)('published Open SDG data on %s', (dialect) => {
	let database: TestDatabase;
	let fixture: ImportFixture;
	beforeEach(async () => {
		database = await createTestDatabase(dialect);
		fixture = await importFixture(database.db);
		await createTestIndicator(database.db, fixture.admin, fixture.city.id, {
			code: 'sdg:1.2.1',
			unit: 'percent',
			seriesText: 'SI_POV_NAHC',
			dimensions: 'Пол: Женщины, Мужчины\nВозраст: "16-62 лет, трудоспособные", 65+'
		});
		await createTestIndicator(database.db, fixture.admin, fixture.city.id, { code: 'sdg:1.1.1', unit: 'percent', dimensions: 'Sexo: Mujeres, Hombres' });
	});
	afterEach(() => database.cleanup());

	async function stored(code: string): Promise<Record<string, string>> {
		const rows = await database.db
			.selectFrom('observation')
			.innerJoin('indicator', (join) => join.onRef('indicator.city_id', '=', 'observation.city_id').onRef('indicator.id', '=', 'observation.indicator_id'))
			.select(['observation.period', 'observation.group_key', 'observation.value', 'observation.extras'])
			.where('observation.city_id', '=', fixture.city.id)
			.where('indicator.code', '=', code)
			.orderBy('observation.period')
			.orderBy('observation.group_key')
			.execute();
		return Object.fromEntries(rows.map((row) => [`${row.period}|${row.group_key}`, `${row.value === null ? 'NaN' : Number(row.value)} ${row.extras ?? '-'}`]));
	}

	it('imports a Russian file with its own units, GeoCode, quoted commas, CRLF, BOM and no final newline, unmodified', async () => {
		const result = await importObservations(database.db, fixture.admin, fixture.city.id, [csvSource('data/indicator_1-2-1.csv', RUSSIAN, { chunkSize: 3 })], { format: 'auto' });
		expect(result).toMatchObject({ ok: true, files: [{ name: 'data/indicator_1-2-1.csv', indicator: 'sdg:1.2.1', format: 'open-sdg', rows: 5, new: 5 }] });
		expect(await stored('sdg:1.2.1')).toEqual({
			'2020|': '8 {"Units":"Процент","GeoCode":"KZ-ALA","Observation status":"A","Value":"8.0"}',
			'2020|Units=тысяч человек': '152.3 {"GeoCode":"KZ-ALA","Observation status":"A","Value":"152.30"}',
			'2020|Возраст=16-62 лет, трудоспособные;Пол=Мужчины': '7.9 {"Units":"Процент","GeoCode":"KZ-ALA","Observation status":"A"}',
			'2020|Пол=Женщины': '8.1 {"Units":"Процент","GeoCode":"KZ-ALA","Observation status":"A","Value":"8.10"}',
			'2021|': '7.5 {"Units":"Процент","GeoCode":"KZ-ALA","Observation status":"E","Value":"7.50"}'
		});
	});

	it('keeps several series and units the platform has never heard of, each as a series of its own', async () => {
		const result = await importObservations(database.db, fixture.admin, fixture.city.id, [csvSource('indicator_1-1-1.csv', SPANISH)], { format: 'open-sdg' });
		expect(result.ok).toBe(true);
		expect(Object.keys(await stored('sdg:1.1.1'))).toEqual([
			'2019|Series=Pobreza extrema',
			'2019|Series=Pobreza extrema;Sexo=Mujeres',
			'2019|Series=Pobreza moderada',
			'2020|Series=Pobreza extrema;Units=Tasa por cada 1.000 hogares'
		]);
	});

	it('takes a Units cell naming the unit text written on the indicator as its own unit, and exports that text', async () => {
		await createTestIndicator(database.db, fixture.admin, fixture.city.id, { code: 'sdg:16.1.1', unit: 'per_100k', unitText: 'на 100 000 населения', baselineValue: '', baselinePeriod: '', targetValue: '', targetPeriod: '' });
		const csv = 'Year,Units,Value\r\n2022,На 100 000 населения,2.4\r\n2023,,2.1';
		expect(await importObservations(database.db, fixture.admin, fixture.city.id, [csvSource('indicator_16-1-1.csv', csv)], { format: 'open-sdg' })).toMatchObject({ ok: true, files: [{ new: 2 }] });
		expect(await stored('sdg:16.1.1')).toEqual({ '2022|': '2.4 {"Units":"На 100 000 населения"}', '2023|': '2.1 -' });
		expect(await textOf(await exportOpenSdgCsv(database.db, fixture.city.id, 'sdg:16.1.1'))).toBe('Year,Units,Value\r\n2022,На 100 000 населения,2.4\r\n2023,на 100 000 населения,2.1\r\n');
	});

	it('round-trips: the export writes back every column and the published precision, and re-importing it changes nothing', async () => {
		await importObservations(database.db, fixture.admin, fixture.city.id, [csvSource('indicator_1-2-1.csv', RUSSIAN)], { format: 'open-sdg' });
		const csv = await textOf(await exportOpenSdgCsv(database.db, fixture.city.id, 'sdg:1.2.1'));
		expect(csv).toBe(
			[
				'Year,Пол,Возраст,Units,Series,GeoCode,Observation status,Value',
				'2020,,,Процент,SI_POV_NAHC,KZ-ALA,A,8.0',
				'2020,,,тысяч человек,SI_POV_NAHC,KZ-ALA,A,152.30',
				'2020,Мужчины,"16-62 лет, трудоспособные",Процент,SI_POV_NAHC,KZ-ALA,A,7.9',
				'2020,Женщины,,Процент,SI_POV_NAHC,KZ-ALA,A,8.10',
				'2021,,,Процент,SI_POV_NAHC,KZ-ALA,E,7.50',
				''
			].join('\r\n')
		);
		const before = await stored('sdg:1.2.1');
		const again = await importObservations(database.db, fixture.admin, fixture.city.id, [csvSource('indicator_1-2-1.csv', csv)], { format: 'open-sdg' });
		expect(again).toMatchObject({ ok: true, files: [{ rows: 5, new: 0, changed: 0, unchanged: 5 }] });
		expect(await stored('sdg:1.2.1')).toEqual(before);
	});

	it('records a changed GeoCode or precision as a change, and a long-format import keeps the stored extras', async () => {
		await importObservations(database.db, fixture.admin, fixture.city.id, [csvSource('indicator_1-2-1.csv', RUSSIAN)], { format: 'open-sdg' });
		const changed = await importObservations(database.db, fixture.admin, fixture.city.id, [csvSource('indicator_1-2-1.csv', 'Year,Units,Series,GeoCode,Observation status,Value\n2020,Процент,SI_POV_NAHC,KZ-75,A,8.00\n2021,Процент,SI_POV_NAHC,KZ-ALA,E,7.50\n')], { format: 'open-sdg' });
		expect(changed).toMatchObject({ ok: true, files: [{ rows: 2, new: 0, changed: 1, unchanged: 1 }] });
		expect((await stored('sdg:1.2.1'))['2020|']).toBe('8 {"Units":"Процент","GeoCode":"KZ-75","Observation status":"A","Value":"8.00"}');
		const long = await importObservations(database.db, fixture.admin, fixture.city.id, [csvSource('long.csv', 'indicator,period,disaggregation,value\nsdg:1.2.1,2020,,8\n')], { format: 'long' });
		expect(long).toMatchObject({ ok: true, files: [{ unchanged: 1 }] });
		expect((await stored('sdg:1.2.1'))['2020|']).toBe('8 {"Units":"Процент","GeoCode":"KZ-75","Observation status":"A","Value":"8.00"}');
	});

	it('a value changed by hand is exported as its number, not the stale published text', async () => {
		await importObservations(database.db, fixture.admin, fixture.city.id, [csvSource('indicator_1-2-1.csv', RUSSIAN)], { format: 'open-sdg' });
		await importObservations(database.db, fixture.admin, fixture.city.id, [csvSource('long.csv', 'indicator,period,disaggregation,value\nsdg:1.2.1,2021,,7.25\n')], { format: 'long' });
		const csv = await textOf(await exportOpenSdgCsv(database.db, fixture.city.id, 'sdg:1.2.1'));
		expect(csv.split('\r\n')).toContain('2021,,,Процент,SI_POV_NAHC,KZ-ALA,E,7.25');
	});
});

describe('unitMatches', () => {
	it('knows the unit by its code, its labels in the platform languages and the indicator’s own unit text', () => {
		expect(unitMatches('percent', '', null)).toBe(true);
		expect(unitMatches('percent', 'PERCENT', null)).toBe(true);
		expect(unitMatches('percent', 'Porcentaje', null)).toBe(true);
		expect(unitMatches('percent', 'Процент', null)).toBe(true);
		expect(unitMatches('per_100k', 'на 100 000 населения', null)).toBe(false);
		expect(unitMatches('per_100k', 'на 100 000 населения', null, 'На 100 000 населения')).toBe(true);
		expect(unitMatches('currency', 'kzt', 'KZT')).toBe(true);
		expect(unitMatches('count', 'Porcentaje', null)).toBe(false);
	});
});

describe.each(DIALECTS)('look-alike letters in published files on %s', (dialect) => {
	let database: TestDatabase;
	let fixture: ImportFixture;
	beforeEach(async () => {
		database = await createTestDatabase(dialect);
		fixture = await importFixture(database.db);
		await createTestIndicator(database.db, fixture.admin, fixture.city.id, { code: 'sdg:1.4.1', dimensions: 'Область: Алматинская, Жамбылская\nПол: Женщины, Мужчины' });
	});
	afterEach(() => database.cleanup());

	// A Latin O at the start of the header, a Latin C inside a value, a Latin o inside another.
	const MIXED = 'Year,Oбласть,Пол,Value\n2020,Aлматинская,Женщины,1\n2020,Жамбылская,Mужчины,2\n2021,Костанайская,,3\n';

	it('names the letters that differ and imports nothing', async () => {
		const result = await importObservations(database.db, fixture.admin, fixture.city.id, [csvSource('indicator_1-4-1.csv', MIXED)], { format: 'open-sdg' });
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors.map((error) => error.message)).toEqual([
			'indicator_1-4-1.csv, row 1, column "Oбласть": "Oбласть" looks like the dimension "Область" but uses Latin O where the definition has Cyrillic О. Correct the file, or import again treating look-alike letters as the same.'
		]);
		const values = await importObservations(database.db, fixture.admin, fixture.city.id, [csvSource('indicator_1-4-1.csv', MIXED.replace('Oбласть', 'Область'))], { format: 'open-sdg' });
		expect(!values.ok && values.errors.map((error) => [error.row, error.code, error.params.letters])).toEqual([
			[2, 'lookalike_value', 'Latin A where the definition has Cyrillic А'],
			[3, 'lookalike_value', 'Latin M where the definition has Cyrillic М'],
			[4, 'unknown_dimension_value', undefined]
		]);
		expect(await database.db.selectFrom('observation').select('id').where('city_id', '=', fixture.city.id).execute()).toEqual([]);
	});

	it('treats them as the same when asked, storing the definition’s spelling, and never merges a real different name', async () => {
		const asked = await importObservations(database.db, fixture.admin, fixture.city.id, [csvSource('indicator_1-4-1.csv', MIXED)], { format: 'open-sdg', acceptLookalikes: true });
		expect(!asked.ok && asked.errors.map((error) => [error.row, error.code])).toEqual([[4, 'unknown_dimension_value']]);
		const clean = MIXED.split('\n').slice(0, 3).join('\n');
		expect(await importObservations(database.db, fixture.admin, fixture.city.id, [csvSource('indicator_1-4-1.csv', clean)], { format: 'open-sdg', acceptLookalikes: true })).toMatchObject({ ok: true, files: [{ new: 2 }] });
		const keys = (await database.db.selectFrom('observation').select('group_key').where('city_id', '=', fixture.city.id).execute()).map((row) => row.group_key).sort();
		expect(keys).toEqual(['Область=Алматинская;Пол=Женщины', 'Область=Жамбылская;Пол=Мужчины']);
	});

	// The same letters in the long format's disaggregation cells: a Latin O in a dimension, a Latin A
	// and a Latin M in values, and a real different name that must never be merged.
	const LONG = [
		'indicator,period,disaggregation,value',
		'sdg:1.4.1,2020,Oбласть=Алматинская;Пол=Женщины,1',
		'sdg:1.4.1,2020,Область=Aлматинская;Пол=Мужчины,2',
		'sdg:1.4.1,2021,Область=Жамбылская;Пол=Mужчины,3',
		'sdg:1.4.1,2021,Область=Костанайская,4',
		''
	].join('\r\n');

	it('in the long format too: names the letters that differ, imports nothing, and treats them as the same only when asked', async () => {
		const refused = await importObservations(database.db, fixture.admin, fixture.city.id, [csvSource('long.csv', LONG)], { format: 'long' });
		expect(!refused.ok && refused.errors.map((error) => [error.row, error.code, error.params.letters])).toEqual([
			[2, 'lookalike_dimension', 'Latin O where the definition has Cyrillic О'],
			[3, 'lookalike_value', 'Latin A where the definition has Cyrillic А'],
			[4, 'lookalike_value', 'Latin M where the definition has Cyrillic М'],
			[5, 'unknown_dimension_value', undefined]
		]);
		expect(await database.db.selectFrom('observation').select('id').where('city_id', '=', fixture.city.id).execute()).toEqual([]);
		const asked = await importObservations(database.db, fixture.admin, fixture.city.id, [csvSource('long.csv', LONG)], { format: 'long', acceptLookalikes: true });
		expect(!asked.ok && asked.errors.map((error) => [error.row, error.code])).toEqual([[5, 'unknown_dimension_value']]);
		const clean = LONG.split('\r\n').slice(0, 4).join('\r\n');
		expect(await importObservations(database.db, fixture.admin, fixture.city.id, [csvSource('long.csv', clean)], { format: 'long', acceptLookalikes: true })).toMatchObject({ ok: true, files: [{ new: 3 }] });
		const keys = (await database.db.selectFrom('observation').select('group_key').where('city_id', '=', fixture.city.id).execute()).map((row) => row.group_key).sort();
		expect(keys).toEqual(['Область=Алматинская;Пол=Женщины', 'Область=Алматинская;Пол=Мужчины', 'Область=Жамбылская;Пол=Мужчины']);
	});
});
