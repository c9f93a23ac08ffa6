import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI_TEST_TIMEOUT, cliWorkspace } from '../testing/cli-process.ts';
import { DIALECTS } from '../testing/test-database.ts';
import { importFixture, storedObservations, type ImportFixture } from '../testing/import-factories.ts';
import { formatProgress, ProgressBar } from '../cli/progress-bar.ts';

const cli = cliWorkspace('indicators-cli');
const { dir, run, exec, openCliDatabase } = cli;

function file(name: string, content: string): string {
	const target = path.join(dir, name);
	fs.writeFileSync(target, content);
	return target;
}

describe.each(DIALECTS)('indicator import and export commands on %s', { timeout: CLI_TEST_TIMEOUT }, (dialect) => {
	let cli: Awaited<ReturnType<typeof openCliDatabase>>;
	let fixture: ImportFixture;
	let env: Record<string, string>;
	beforeEach(async () => {
		cli = await openCliDatabase(dialect);
		fixture = await importFixture(cli.database.db);
		env = { DATABASE_URL: cli.url };
	});
	afterEach(async () => {
		await cli.database.close();
		await cli.drop();
	});

	// As a process: what an operator sees, with the exit status.
	it('imports several files at once, prints per-file counts, and records the CLI in the ledger', async () => {
		const long = file('long.csv', 'indicator,period,disaggregation,value\ntest.homeless,2022,,300\ntest.homeless,2022,sex=female,140\ntest.hle,2022,,80\n');
		const openSdg = file('indicator_test-hle.csv', 'Year,Sex,Value\n2021,,79.5\n2021,male,77\n');
		const first = run(['import-indicators', '--city', fixture.city.slug, long, openSdg], env);
		expect(first.stderr).toBe('');
		expect(first.code).toBe(0);
		expect(first.stdout).toContain(`${long}: 3 rows (long, several indicators): 3 new, 0 changed, 0 unchanged`);
		expect(first.stdout).toContain(`${openSdg}: 2 rows (open-sdg, test.hle): 2 new, 0 changed, 0 unchanged`);
		expect(first.stdout).toMatch(/Imported 5 rows from 2 file\(s\) in [\d.]+ s/);
		const again = run(['import-indicators', '--city', fixture.city.slug, '--format', 'open-sdg', openSdg], env);
		expect(again.stdout).toContain('2 rows (open-sdg, test.hle): 0 new, 0 changed, 2 unchanged');
		const roles = await cli.database.db.selectFrom('ledger_entry').select(['actor_role', 'actor_id', 'entity_ref']).where('entity_type', '=', 'observation').orderBy('seq').execute();
		expect(roles).toEqual([
			{ actor_role: 'cli', actor_id: null, entity_ref: 'test.homeless' },
			{ actor_role: 'cli', actor_id: null, entity_ref: 'test.hle' }
		]);
	});

	it('lists the problems as file:row:column: message, exits 1 and imports nothing', async () => {
		const good = file('good.csv', 'indicator,period,disaggregation,value\ntest.hle,2020,,70\n');
		const bad = file('bad.csv', 'indicator,period,disaggregation,value\ntest.hle,2021,,seventy\ntest.hle,2022,sex=other,1\ntest.nope,2023,,1\n');
		const result = await exec(['import-indicators', '--city', fixture.city.slug, '--max-errors', '2', good, bad], env);
		expect(result.code).toBe(1);
		expect(result.stdout).toBe('');
		expect(result.stderr.trim().split('\n')).toEqual([
			`${bad}:2:value: "seventy" is not a number. Use a point for decimals and no thousands separators; leave the cell empty for a missing value.`,
			`${bad}:3:disaggregation: "other" is not a value of the dimension sex (allowed: female, male).`,
			'… and 1 more problem(s) (raise --max-errors to list more).',
			'3 problem(s) found; nothing was imported.'
		]);
		expect(await storedObservations(cli.database.db, fixture.city.id)).toEqual({});
	});

	it('names a file-level problem with the file alone', async () => {
		const empty = file('empty.csv', '');
		const result = await exec(['import-indicators', '--city', fixture.city.slug, empty], env);
		expect(result.code).toBe(1);
		expect(result.stderr.split('\n')[0]).toBe(`${empty}: the file is empty: it needs a header row and at least one data row.`);
	});

	it('stops with one line for an unknown city, a missing file or a bad option', async () => {
		const data = file('one.csv', 'Year,Value\n2020,1\n');
		expect(await exec(['import-indicators', '--city', 'atlantis', data], env)).toMatchObject({ code: 1, stderr: 'rightscity import-indicators: no city with the slug "atlantis" (the slugs are in the addresses of the directory, /cities/<slug>)\n' });
		expect(await exec(['import-indicators', '--city', fixture.city.slug, path.join(dir, 'missing.csv')], env)).toMatchObject({ code: 1, stderr: `rightscity import-indicators: cannot read ${path.join(dir, 'missing.csv')}: no such file\n` });
		expect(await exec(['import-indicators', '--city', fixture.city.slug, '--format', 'xlsx', data], env)).toMatchObject({ code: 1, stderr: 'rightscity import-indicators: --format must be one of auto, open-sdg, long (got "xlsx")\n' });
		expect(await exec(['import-indicators', '--city', fixture.city.slug, '--indicator', 'test.nope', data], env)).toMatchObject({ code: 1, stderr: 'rightscity import-indicators: the city has no indicator "test.nope"\n' });
	});

	it('exports Open SDG CSV to stdout, SDMX-CSV and JSON to files', async () => {
		await exec(['import-indicators', '--city', fixture.city.slug, file('in.csv', 'indicator,period,disaggregation,value\ntest.hle,2020,,70\ntest.hle,2020,sex=male,68.5\ntest.hle,2021,,\n')], env);
		const openSdg = await exec(['export-indicators', '--city', fixture.city.slug, '--indicator', 'test.hle'], env);
		expect(openSdg).toMatchObject({ code: 0, stdout: 'Year,sex,Units,Value\r\n2020,,years,70\r\n2020,male,years,68.5\r\n2021,,years,\r\n' });
		const sdmxFile = path.join(dir, `${dialect}.sdmx.csv`);
		const sdmx = await exec(['export-indicators', '--city', fixture.city.slug, '--format', 'sdmx', '--out', sdmxFile], env);
		expect(sdmx.code).toBe(0);
		expect(sdmx.stderr).toMatch(/^Wrote .*\.sdmx\.csv \(\d+ bytes, sdmx\)\.\n$/);
		const lines = fs.readFileSync(sdmxFile, 'utf8').split('\r\n');
		expect(lines[0]).toBe('STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,INDICATOR,TIME_PERIOD,AGE,SEX,OBS_VALUE,UNIT_MEASURE,OBS_STATUS');
		expect(lines).toContain(`dataflow,RIGHTSCITY:DF_HRC_INDICATORS(1.0),I,${fixture.city.slug},test_hle,2021,_Z,_T,,YEARS,M`);
		const structure = await exec(['export-indicators', '--city', fixture.city.slug, '--format', 'sdmx-structure'], env);
		expect(structure.code).toBe(0);
		expect(structure.stdout).toContain('<str:Dataflow urn="urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=RIGHTSCITY:DF_HRC_INDICATORS(1.0)"');
		expect(structure.stdout).toContain('<str:Code urn="urn:sdmx:org.sdmx.infomodel.codelist.Code=RIGHTSCITY:CL_INDICATOR(1.0).test_hle" id="test_hle">');
		const site = path.join(dir, `${dialect}-site`);
		const published = await exec(['export-indicators', '--city', fixture.city.slug, '--format', 'open-sdg-site', '--languages', 'en,es', '--out', site], env);
		expect(published).toMatchObject({ code: 0, stdout: '' });
		expect(published.stderr).toMatch(/^Wrote 8 files to .*-site \([\d,]+ bytes, open-sdg-site\)\.\n$/);
		expect(fs.readFileSync(path.join(site, 'data', 'indicator_test-hle.csv'), 'utf8')).toBe('Year,sex,Units,Value\n2020,,years,70\n2020,male,years,68.5\n2021,,years,\n');
		expect(fs.readFileSync(path.join(site, 'config_data.yml'), 'utf8')).toContain('languages: [en, es]\n');
		expect(await exec(['export-indicators', '--city', fixture.city.slug, '--format', 'open-sdg-site'], env)).toMatchObject({ code: 1, stderr: 'rightscity export-indicators: --out <folder> is required for --format open-sdg-site\n' });
		const jsonFile = path.join(dir, `${dialect}.json`);
		expect((await exec(['export-indicators', '--city', fixture.city.slug, '--format', 'json', '--indicator', 'test.hle', '--out', jsonFile], env)).code).toBe(0);
		expect((JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as { observations: unknown[] }).observations).toHaveLength(3);
		expect(await exec(['export-indicators', '--city', fixture.city.slug, '--format', 'json'], env)).toMatchObject({ code: 1, stderr: 'rightscity export-indicators: --indicator <code> is required for --format json (only sdmx exports all indicators at once)\n' });
		expect(await exec(['export-indicators', '--city', fixture.city.slug, '--indicator', 'test.nope'], env)).toMatchObject({ code: 1, stderr: 'rightscity export-indicators: the city has no indicator "test.nope"\n' });
	});
	it('--define proposes the indicator from the file, saves nothing without --yes, and with --yes creates it and imports, all or nothing', async () => {
		const csv = '\uFEFFYear,Пол,Units,Value\r\n2020,,Процент,8.0\r\n2020,Женщины,Процент,8.1\r\n2021,,тыс. человек,152';
		const data = file('indicator_1-2-1.csv', csv);
		const shown = await exec(['import-indicators', '--city', fixture.city.slug, '--define', data], env);
		expect(shown).toMatchObject({ code: 0, stderr: '' });
		expect(shown.stdout).toBe(
			[`${data}: new indicator sdg:1.2.1 (3 rows)`, '  unit: percent, written "Процент"', '  kept as series of their own: тыс. человек', '  dimension Пол: Женщины', 'Nothing was saved. Run again with --yes to create the indicator(s) shown and import the file(s).', ''].join('\n')
		);
		expect(await cli.database.db.selectFrom('indicator').select('code').where('city_id', '=', fixture.city.id).where('code', '=', 'sdg:1.2.1').execute()).toEqual([]);
		const bad = file('indicator_1-2-2.csv', 'Year,Units,Value\n2020,%,8\n2021,%,eight\n');
		const refused = await exec(['import-indicators', '--city', fixture.city.slug, '--define', '--yes', data, bad], env);
		expect(refused.code).toBe(1);
		expect(refused.stderr).toContain(`${bad}:3:Value: "eight" is not a number.`);
		expect(await cli.database.db.selectFrom('indicator').select('code').where('city_id', '=', fixture.city.id).where('code', 'like', 'sdg:%').execute()).toEqual([]);
		const created = await exec(['import-indicators', '--city', fixture.city.slug, '--define', '--yes', '--language', 'ru', data], env);
		expect(created.code).toBe(0);
		expect(created.stdout).toContain('Created indicator sdg:1.2.1.');
		const indicator = await cli.database.db.selectFrom('indicator').selectAll().where('city_id', '=', fixture.city.id).where('code', '=', 'sdg:1.2.1').executeTakeFirstOrThrow();
		expect(indicator).toMatchObject({ unit: 'percent', unit_text: 'Процент', data_language: 'ru', dimensions: JSON.stringify({ Пол: ['Женщины'] }) });
		const stored = await storedObservations(cli.database.db, fixture.city.id);
		expect(Object.keys(stored).filter((key) => key.startsWith('sdg:'))).toEqual(['sdg:1.2.1|2020|', 'sdg:1.2.1|2020|Пол=Женщины', 'sdg:1.2.1|2021|Units=тыс. человек']);
	}, CLI_TEST_TIMEOUT);
});

describe('progress bar', () => {
	it('shows rows, megabytes, rows per second and, with a known size, a bar with the percentage', () => {
		expect(formatProgress(250_000, 13_500_000, 2000)).toBe('250,000 rows  13.5 MB  125,000 rows/s');
		expect(formatProgress(250_000, 13_500_000, 2000, 27_000_000)).toBe('[############------------]  50%  250,000 rows  13.5 MB  125,000 rows/s');
	});

	it('redraws one line on a terminal at most ten times a second', () => {
		let now = 0;
		let written = '';
		const bar = new ProgressBar({ label: 'Importing', totalBytes: 100, output: { interactive: true, write: (text) => (written += text) }, now: () => now });
		bar.update(1, 10);
		now = 50;
		bar.update(2, 20);
		now = 150;
		bar.update(3, 30);
		bar.finish();
		expect(written.split('\r').filter(Boolean)).toHaveLength(3);
		expect(written.endsWith('\x1b[K\n')).toBe(true);
		expect(written).toContain(' 30%  3 rows');
	});

	it('writes an occasional plain line when stderr is not a terminal, and nothing for a short job', () => {
		let now = 0;
		const lines: string[] = [];
		const output = { interactive: false, write: (text: string) => lines.push(text) };
		const quick = new ProgressBar({ label: 'Importing', output, now: () => now });
		quick.update(10, 100);
		now = 1000;
		quick.finish();
		expect(lines).toEqual([]);
		const slow = new ProgressBar({ label: 'Importing', output, now: () => now });
		for (let second = 1; second <= 12; second++) {
			now = 1000 + second * 1000;
			slow.update(second * 1000, second * 10_000);
		}
		slow.finish();
		// The first line comes 5 s after the first update, then every 5 s, and once at the end.
		expect(lines).toEqual(['Importing  6,000 rows  0.1 MB  1,000 rows/s\n', 'Importing  11,000 rows  0.1 MB  1,000 rows/s\n', 'Importing  12,000 rows  0.1 MB  1,000 rows/s\n']);
	});
});
