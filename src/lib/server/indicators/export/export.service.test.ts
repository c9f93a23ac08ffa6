import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isDomainError } from '../../errors.ts';
import { csvSource, importFixture, storedObservations, type ImportFixture, textOf } from '../../testing/import-factories.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../testing/test-database.ts';
import { readCsvSync, toByteStream } from '../../csv/index.ts';
import { importObservations } from '../import/import.service.ts';
import { exportJson, exportOpenSdgCsv, exportSdmxCsv } from './export.service.ts';
import { valueCode } from './sdmx-ids.ts';

const DATA = [
	'indicator,period,disaggregation,value,status,note',
	'test.homeless,2022,,300,final,',
	'test.homeless,2022,sex=female,140,final,',
	'test.homeless,2022,sex=female;age=65+,21.25,provisional,"estimate, from ""survey"""',
	'test.homeless,2023-Q1,age=0-17,,final,not collected',
	'test.hle,2021,,80.123456789,final,',
	'test.hle,2021,sex=male,78.5,final,'
].join('\n');

describe.each(DIALECTS)('indicator exports on %s', (dialect) => {
	let database: TestDatabase;
	let fixture: ImportFixture;
	beforeEach(async () => {
		database = await createTestDatabase(dialect);
		fixture = await importFixture(database.db);
		const result = await importObservations(database.db, fixture.admin, fixture.city.id, [csvSource('data.csv', DATA)], { format: 'long' });
		expect(result.ok).toBe(true);
	});
	afterEach(() => database.cleanup());

	it('writes an Open SDG file in key order: Year, a column per dimension (empty = total), Units, Value (empty = missing), Status when some data is provisional', async () => {
		expect(await textOf(await exportOpenSdgCsv(database.db, fixture.city.id, 'test.homeless'))).toBe(
			['Year,sex,age,Units,Value,Status', '2022,,,count,300,final', '2022,female,65+,count,21.25,provisional', '2022,female,,count,140,final', '2023-Q1,,0-17,count,,final', ''].join('\r\n')
		);
		expect(await textOf(await exportOpenSdgCsv(database.db, fixture.city.id, 'test.hle'))).toBe(['Year,sex,Units,Value', '2021,,years,80.123456789', '2021,male,years,78.5', ''].join('\r\n'));
	});

	it('round-trips: the Open SDG export imported into another city gives the same observations', async () => {
		const other = await importFixture(database.db);
		const sources = [];
		for (const code of ['test.homeless', 'test.hle']) {
			sources.push(csvSource(`indicator_${code.replace('.', '-')}.csv`, await textOf(await exportOpenSdgCsv(database.db, fixture.city.id, code)), { chunkSize: 5 }));
		}
		const result = await importObservations(database.db, other.admin, other.city.id, sources, { format: 'open-sdg' });
		expect(result.ok && result.files.map((file) => [file.indicator, file.new])).toEqual([
			['test.homeless', 4],
			['test.hle', 2]
		]);
		const withoutTexts = (observations: Record<string, string>) => Object.fromEntries(Object.entries(observations).map(([key, value]) => [key, value.split('/').slice(0, 2).join('/')]));
		expect(withoutTexts(await storedObservations(database.db, other.city.id))).toEqual(withoutTexts(await storedObservations(database.db, fixture.city.id)));
	});

	it('re-importing its own Open SDG export changes nothing, notes included', async () => {
		const before = await storedObservations(database.db, fixture.city.id);
		const csv = await textOf(await exportOpenSdgCsv(database.db, fixture.city.id, 'test.homeless'));
		const result = await importObservations(database.db, fixture.admin, fixture.city.id, [csvSource('test.homeless.csv', csv)], { format: 'auto' });
		expect(result.ok && result.files[0]).toMatchObject({ rows: 4, new: 0, changed: 0, unchanged: 4 });
		expect(await storedObservations(database.db, fixture.city.id)).toEqual(before);
	});

	it('writes SDMX-CSV 2.0 with the exact header, _T for totals, value codes, an empty value with status M where missing', async () => {
		const csv = await textOf(await exportSdmxCsv(database.db, fixture.city.id, 'test.homeless'));
		const lines = csv.split('\r\n');
		expect(lines[0]).toBe('STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,INDICATOR,TIME_PERIOD,AGE,SEX,OBS_VALUE,UNIT_MEASURE,OBS_STATUS');
		const slug = fixture.city.slug;
		expect(lines.slice(1)).toEqual([
			`dataflow,RIGHTSCITY:DF_HRC_INDICATORS(1.0),I,${slug},test_homeless,2022,_T,_T,300,COUNT,A`,
			`dataflow,RIGHTSCITY:DF_HRC_INDICATORS(1.0),I,${slug},test_homeless,2022,${valueCode('65+')},female,21.25,COUNT,P`,
			`dataflow,RIGHTSCITY:DF_HRC_INDICATORS(1.0),I,${slug},test_homeless,2022,_T,female,140,COUNT,A`,
			`dataflow,RIGHTSCITY:DF_HRC_INDICATORS(1.0),I,${slug},test_homeless,2023-Q1,${valueCode('0-17')},_T,,COUNT,M`,
			''
		]);
	});

	it('writes SDMX-CSV of all indicators with one column per dimension, _Z where a dimension does not apply', async () => {
		const csv = await textOf(await exportSdmxCsv(database.db, fixture.city.id));
		const records = [...readCsvSync(csv)].map((record) => record.fields);
		expect(records[0]).toEqual(['STRUCTURE', 'STRUCTURE_ID', 'ACTION', 'REF_AREA', 'INDICATOR', 'TIME_PERIOD', 'AGE', 'SEX', 'OBS_VALUE', 'UNIT_MEASURE', 'OBS_STATUS']);
		expect(records).toHaveLength(7);
		expect(records.filter((record) => record[4] === 'test_hle').map((record) => record.slice(5))).toEqual([
			['2021', '_Z', '_T', '80.123456789', 'YEARS', 'A'],
			['2021', '_Z', 'male', '78.5', 'YEARS', 'A']
		]);
		expect(records.slice(1).every((record) => record.slice(0, 3).join(',') === 'dataflow,RIGHTSCITY:DF_HRC_INDICATORS(1.0),I')).toBe(true);
	});

	it('writes JSON with the definition and every observation', async () => {
		const document = JSON.parse(await textOf(await exportJson(database.db, fixture.city.id, 'test.homeless'))) as {
			city: string;
			indicator: { code: string; unit: string; dimensions: Record<string, string[]> };
			observations: { period: string; group: Record<string, string>; value: number | null; status: string; note: string | null }[];
		};
		expect(document.city).toBe(fixture.city.slug);
		expect(document.indicator).toMatchObject({ code: 'test.homeless', unit: 'count', dimensions: { sex: ['female', 'male'], age: ['0-17', '18-64', '65+'] } });
		expect(document.observations).toHaveLength(4);
		expect(document.observations[1]).toMatchObject({ period: '2022', group: { age: '65+', sex: 'female' }, value: 21.25, status: 'provisional', note: 'estimate, from "survey"' });
		expect(document.observations[3]).toMatchObject({ period: '2023-Q1', value: null, note: 'not collected' });
	});

	it('streams the bytes through a web ReadableStream', async () => {
		const response = new Response(toByteStream(await exportOpenSdgCsv(database.db, fixture.city.id, 'test.hle')));
		expect(await response.text()).toBe('Year,sex,Units,Value\r\n2021,,years,80.123456789\r\n2021,male,years,78.5\r\n');
	});

	it('refuses an unknown indicator before anything is streamed', async () => {
		for (const exporter of [exportOpenSdgCsv, exportJson, exportSdmxCsv]) {
			const error = await exporter(database.db, fixture.city.id, 'test.nope').catch((caught: unknown) => caught);
			expect(isDomainError(error, 'indicator_not_found')).toBe(true);
		}
	});
});
