import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../testing/test-database.ts';
import { createTestIndicator } from '../../testing/indicator-factories.ts';
import { csvSource, importFixture, type ImportFixture } from '../../testing/import-factories.ts';
import { importObservations } from '../import/import.service.ts';
import { openSdgId, openSdgSiteFiles } from './open-sdg-site.ts';

async function folder(files: AsyncIterable<{ path: string; chunks: AsyncIterable<string> }>): Promise<Record<string, string>> {
	const out: Record<string, string> = {};
	for await (const file of files) {
		let text = '';
		for await (const chunk of file.chunks) text += chunk;
		out[file.path] = text;
	}
	return out;
}

describe('openSdgId', () => {
	it('numbers SDG indicators as Open SDG does and keeps a dash in every other id', () => {
		expect(openSdgId('sdg:1.2.1')).toBe('1-2-1');
		expect(openSdgId('housing.temporary-accommodation')).toBe('housing-temporary-accommodation');
		expect(openSdgId('hle')).toBe('rc-hle');
	});
});

describe.each(DIALECTS)('Open SDG site export on %s', (dialect) => {
	let database: TestDatabase;
	let fixture: ImportFixture;
	beforeEach(async () => {
		database = await createTestDatabase(dialect);
		fixture = await importFixture(database.db);
		await createTestIndicator(database.db, fixture.admin, fixture.city.id, { code: 'sdg:1.2.1', title: 'Доля населения ниже черты бедности', unit: 'percent', source: 'Бюро статистики', dimensions: 'Пол: Женщины, Мужчины' });
		const csv = 'Year,Пол,Units,GeoCode,Value,Status\r\n2020,,Процент,KZ-ALA,8.0,provisional\r\n2020,Женщины,Процент,KZ-ALA,8.10,final';
		expect((await importObservations(database.db, fixture.admin, fixture.city.id, [csvSource('indicator_1-2-1.csv', csv)], { format: 'open-sdg' })).ok).toBe(true);
	});
	afterEach(() => database.cleanup());

	it('writes data with Year first, GeoCode before Value last, config and metadata per indicator, and the build configuration', async () => {
		const files = await folder(await openSdgSiteFiles(database.db, fixture.city.id, ['ru', 'en']));
		expect(Object.keys(files).sort()).toEqual([
			'config_data.yml',
			'data/indicator_1-2-1.csv',
			'data/indicator_test-hle.csv',
			'data/indicator_test-homeless.csv',
			'indicator-config/1-2-1.yml',
			'indicator-config/test-hle.yml',
			'indicator-config/test-homeless.yml',
			'meta/1-2-1.yml',
			'meta/test-hle.yml',
			'meta/test-homeless.yml',
			'metadata_schema.yml'
		]);
		expect(files['data/indicator_1-2-1.csv']).toBe('Year,Пол,Units,GeoCode,Value\n2020,,Процент,KZ-ALA,8.0\n2020,Женщины,Процент,KZ-ALA,8.10\n');
		expect(files['indicator-config/1-2-1.yml']).toBe(
			['indicator_number: "1.2.1"', 'indicator_name: "Доля населения ниже черты бедности"', 'graph_title: "Доля населения ниже черты бедности"', 'graph_type: line', 'reporting_status: complete', 'data_non_statistical: false', 'published: true', ''].join('\n')
		);
		expect(files['indicator-config/test-hle.yml']).toContain('reporting_status: notstarted\n');
		expect(files['indicator-config/test-hle.yml']).toContain('standalone: true\n');
		expect(files['meta/1-2-1.yml']).toBe('SOURCE_ORGANISATION_1: "Бюро статистики"\n');
		expect(files['config_data.yml']).toContain('languages: [ru, en]\n');
		expect(files['config_data.yml']).toContain('path_pattern: data/*-*.csv');
		for (const [path, text] of Object.entries(files)) {
			expect(text.startsWith('\uFEFF'), path).toBe(false);
			if (path.endsWith('.csv')) {
				const header = text.split('\n')[0]!.split(',');
				expect(header[0]).toBe('Year');
				expect(header.at(-1)).toBe('Value');
			}
		}
	});
});
