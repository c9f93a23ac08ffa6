import { systemActor, type Actor } from '../../accounts/index.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isDomainError } from '../../errors.ts';
import { createCity } from '../../testing/factories.ts';
import { indicatorActor } from '../../testing/indicator-factories.ts';
import { csvSource, importFixture, storedObservations, type ImportFixture } from '../../testing/import-factories.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../testing/test-database.ts';
import { changeLine } from './change-digest.ts';
import { createHash } from 'node:crypto';
import type { ImportError } from './import-errors.ts';
import { importObservations, type ImportActor, type ImportResult, type ImportSource } from './import.service.ts';

const LONG_HEADER = 'indicator,period,disaggregation,value';

describe.each(DIALECTS)('importObservations on %s', (dialect) => {
	let database: TestDatabase;
	let fixture: ImportFixture;
	beforeEach(async () => {
		database = await createTestDatabase(dialect);
		fixture = await importFixture(database.db);
	});
	afterEach(() => database.cleanup());

	const run = (sources: ImportSource[], options: { format?: 'open-sdg' | 'long' | 'auto'; actor?: ImportActor; maxErrors?: number } = {}): Promise<ImportResult> =>
		importObservations(database.db, options.actor === undefined ? fixture.admin : options.actor, fixture.city.id, sources, {
			format: options.format ?? 'auto',
			...(options.maxErrors ? { maxErrors: options.maxErrors } : {})
		});

	const stored = () => storedObservations(database.db, fixture.city.id);
	const ledger = () => database.db.selectFrom('ledger_entry').selectAll().where('city_id', '=', fixture.city.id).where('entity_type', '=', 'observation').orderBy('seq').execute();

	async function rejected(sources: ImportSource[], options: Parameters<typeof run>[1] = {}): Promise<ImportError[]> {
		const before = await stored();
		const ledgerBefore = (await ledger()).length;
		const result = await run(sources, options);
		if (result.ok) throw new Error(`expected the import to be rejected, got ${JSON.stringify(result.files)}`);
		expect(await stored()).toEqual(before);
		expect(await ledger()).toHaveLength(ledgerBefore);
		return result.errors;
	}

	it('imports a long-format file, canonicalising each disaggregation, and counts the rows', async () => {
		const csv = [
			'indicator,period,disaggregation,value,status,source,note',
			'test.homeless,2023,,120,final,Council records,',
			'test.homeless,2023,sex=female;age=65+,14,provisional,,"late returns, estimated"',
			' test.homeless , 2023-Q1 , AGE=0-17 ; sex=male ,3,,,',
			'test.hle,2022-05,sex=female,,,,',
			',,,,,,'
		].join('\r\n');
		const result = await run([csvSource('york.csv', csv)]);
		expect(result).toEqual({ ok: true, files: [{ name: 'york.csv', format: 'long', rows: 4, new: 4, changed: 0, unchanged: 0 }] });
		expect(await stored()).toEqual({
			'test.hle|2022-05|sex=female': 'NaN/final//',
			'test.homeless|2023-Q1|age=0-17;sex=male': '3/final//',
			'test.homeless|2023|': '120/final/Council records/',
			'test.homeless|2023|age=65+;sex=female': '14/provisional//late returns, estimated'
		});
	});

	it('gives the new observations distinct UUIDv7 ids carrying the time of the import', async () => {
		const started = Date.now();
		const rows = Array.from({ length: 30 }, (_, i) => `test.hle,${2000 + i},,${i}`);
		await run([csvSource('a.csv', `${LONG_HEADER}\n${rows.join('\n')}\n`), csvSource('b.csv', `${LONG_HEADER}\ntest.hle,1999,,1\n`)]);
		const ids = (await database.db.selectFrom('observation').select('id').execute()).map((row) => row.id);
		expect(ids).toHaveLength(31);
		expect(new Set(ids).size).toBe(31);
		for (const id of ids) {
			expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
			expect(Math.abs(parseInt(id.replace(/-/g, '').slice(0, 12), 16) - started)).toBeLessThan(60_000);
		}
	});

	it('imports an Open SDG file named after its indicator: blank cells are totals, Units must fit, GeoCode is ignored', async () => {
		const csv = ['Year,Sex,AGE,Units,GeoCode,Value', '2021,,,Number,E06000014,300', '2021,female,,count,E06000014,140', '2021,female,18-64,,,90', '2022,,,,,'].join('\n');
		const result = await run([csvSource('data/indicator_test-homeless.csv', csv)], { format: 'open-sdg' });
		expect(result).toEqual({ ok: true, files: [{ name: 'data/indicator_test-homeless.csv', format: 'open-sdg', indicator: 'test.homeless', rows: 4, new: 4, changed: 0, unchanged: 0 }] });
		expect(await stored()).toEqual({
			'test.homeless|2021|': '300/final//',
			'test.homeless|2021|age=18-64;sex=female': '90/final//',
			'test.homeless|2021|sex=female': '140/final//',
			'test.homeless|2022|': 'NaN/final//'
		});
	});

	it('reads an Open SDG file however it was saved: CRLF or lone CR line ends, quoted cells with commas, no final line break', async () => {
		const rows = ['Year,Sex,AGE,Units,GeoCode,Value', '2021,,,Number,"E06000014, York",300', '"2021","female","","count","E06000014","140"', '2021,female,18-64,,,90'];
		const result = await run([csvSource('data/indicator_test-homeless.csv', rows.join('\r\n'), { chunkSize: 3 }), csvSource('indicator_test-hle.csv', 'Year,sex,Value\r2020,male,70\r2021,"male",71')]);
		expect(result.ok && result.files.map((file) => [file.indicator, file.new])).toEqual([
			['test.homeless', 3],
			['test.hle', 2]
		]);
		expect(Object.keys(await stored())).toHaveLength(5);
	});

	it('takes the indicator of an Open SDG file from the option instead of the name', async () => {
		const result = await run([csvSource('upload.csv', 'Year,Value,Status\n2020,71.5,provisional\n', { indicator: 'test.hle' })]);
		expect(result.ok && result.files[0]).toMatchObject({ indicator: 'test.hle', format: 'open-sdg', new: 1 });
		expect(await stored()).toEqual({ 'test.hle|2020|': '71.5/provisional//' });
	});

	it('accepts the UTF-8 byte-order mark spreadsheets write, in both formats', async () => {
		const bom = (text: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
		const result = await run([csvSource('test.hle.csv', bom('Year,sex,Value\n2020,male,70\n')), csvSource('long.csv', bom(`${LONG_HEADER}\ntest.homeless,2020,,5\n`))]);
		expect(result.ok).toBe(true);
		expect(await stored()).toEqual({ 'test.hle|2020|sex=male': '70/final//', 'test.homeless|2020|': '5/final//' });
	});

	it('re-imports idempotently: the same file changes nothing and writes no ledger entry; a changed file reports new, changed and unchanged', async () => {
		const csv = `${LONG_HEADER}\ntest.homeless,2022,,100\ntest.homeless,2023,,110\ntest.hle,2023,sex=male,1234567.891234\ntest.hle,2023,sex=female,0.30000000000000004\n`;
		expect((await run([csvSource('a.csv', csv)])).ok).toBe(true);
		const ids = await database.db.selectFrom('observation').select(['id', 'period', 'group_key', 'created_at']).orderBy('id').execute();
		const entries = (await ledger()).length;
		expect(await run([csvSource('a.csv', csv)])).toEqual({ ok: true, files: [{ name: 'a.csv', format: 'long', rows: 4, new: 0, changed: 0, unchanged: 4 }] });
		expect(await ledger()).toHaveLength(entries);
		const changed = csv.replace('2023,,110', '2023,,111') + 'test.homeless,2024,,120\n';
		expect(await run([csvSource('b.csv', changed)])).toEqual({ ok: true, files: [{ name: 'b.csv', format: 'long', rows: 5, new: 1, changed: 1, unchanged: 3 }] });
		expect((await stored())['test.homeless|2023|']).toBe('111/final//');
		const after = await database.db.selectFrom('observation').select(['id', 'period', 'group_key', 'created_at']).orderBy('id').execute();
		expect(after.filter((row) => ids.some((old) => old.id === row.id))).toEqual(ids);
	});

	it('keeps stored status, source and note when the file has no such column, and clears them when the column is there but empty', async () => {
		await run([csvSource('a.csv', 'indicator,period,disaggregation,value,status,source,note\ntest.homeless,2022,,100,provisional,ONS,first estimate\n')]);
		expect(await run([csvSource('b.csv', `${LONG_HEADER}\ntest.homeless,2022,,100\n`)])).toMatchObject({ ok: true, files: [{ unchanged: 1 }] });
		expect(await stored()).toEqual({ 'test.homeless|2022|': '100/provisional/ONS/first estimate' });
		expect(await run([csvSource('c.csv', 'indicator,period,disaggregation,value,source,status\ntest.homeless,2022,,100,,\n')])).toMatchObject({ ok: true, files: [{ changed: 1 }] });
		expect(await stored()).toEqual({ 'test.homeless|2022|': '100/provisional//first estimate' });
	});

	it('writes one ledger entry per indicator changed, pinning the changes with their digest', async () => {
		const a = `${LONG_HEADER}\ntest.homeless,2022,,100\ntest.homeless,2021,sex=male,40\ntest.hle,2022,,70\n`;
		const b = `${LONG_HEADER}\ntest.homeless,2022,,101\ntest.homeless,2021,sex=male,40\n`;
		await run([csvSource('a.csv', a)]);
		// The CLI names the file by the path it was given: the ledger keeps only its name and digest.
		await run([csvSource('/srv/rightscity/uploads/b.csv', b, { chunkSize: 7 })], { actor: systemActor('cli', [fixture.city.id]) });
		const entries = await ledger();
		expect(entries.map((entry) => [entry.entity_ref, entry.entity_id, entry.action, entry.actor_role])).toEqual([
			['test.homeless', fixture.homeless.id, 'update', 'city_admin'],
			['test.hle', fixture.hle.id, 'update', 'city_admin'],
			['test.homeless', fixture.homeless.id, 'update', 'cli']
		]);
		expect(entries[2]!.actor_id).toBeNull();
		const first = JSON.parse(entries[0]!.change) as { import: [null, Record<string, unknown>] };
		const state = (value: number) => ({ value, status: 'final', source: null, note: null });
		const digest = (lines: string[]) => createHash('sha256').update(lines.join('')).digest('hex');
		const sha = (text: string) => createHash('sha256').update(text).digest('hex');
		expect(first.import).toEqual([
			null,
			{ files: [{ name: 'a.csv', sha256: sha(a) }], rows: 2, new: 2, changed: 0, unchanged: 0, sha256_of_changes: digest([changeLine('2021', 'sex=male', null, state(40)), changeLine('2022', '', null, state(100))]) }
		]);
		const third = JSON.parse(entries[2]!.change) as { import: [null, Record<string, unknown>] };
		expect(third.import[1]).toEqual({ files: [{ name: 'b.csv', sha256: sha(b) }], rows: 2, new: 0, changed: 1, unchanged: 1, sha256_of_changes: digest([changeLine('2022', '', state(100), state(101))]) });
		expect(entries.map((entry) => entry.change).join('\n')).not.toContain('/srv');
	});

	describe('bad input: names file, row and column, and imports nothing', () => {
		const cases: [string, () => ImportSource[], Partial<ImportError>[]][] = [
			['a value that is not a number', () => [csvSource('v.csv', `${LONG_HEADER}\ntest.homeless,2022,,1 000\ntest.homeless,2023,,12.5\ntest.homeless,2024,,abc\n`)], [
				{ file: 'v.csv', row: 2, column: 'value', code: 'value_not_numeric', params: { file: 'v.csv', row: 2, column: 'value', value: '1 000' } },
				{ file: 'v.csv', row: 4, column: 'value', code: 'value_not_numeric' }
			]],
			['a value the unit does not allow', () => [csvSource('v.csv', `${LONG_HEADER}\ntest.homeless,2022,,-3\n`)], [{ row: 2, column: 'value', code: 'value_out_of_range' }]],
			['an unknown indicator', () => [csvSource('i.csv', `${LONG_HEADER}\ntest.nope,2022,,1\n`)], [{ file: 'i.csv', row: 2, column: 'indicator', code: 'unknown_indicator', params: { file: 'i.csv', row: 2, column: 'indicator', value: 'test.nope' } }]],
			['an unknown disaggregation value', () => [csvSource('g.csv', `${LONG_HEADER}\ntest.homeless,2022,sex=female;age=17,1\n`)], [
				{ file: 'g.csv', row: 2, column: 'disaggregation', code: 'unknown_dimension_value', params: { file: 'g.csv', row: 2, column: 'disaggregation', value: '17', dimension: 'age', allowed: '0-17, 18-64, 65+' } }
			]],
			['an unknown dimension', () => [csvSource('g.csv', `${LONG_HEADER}\ntest.hle,2022,colour=red,1\n`)], [{ row: 2, column: 'disaggregation', code: 'unknown_dimension', params: { file: 'g.csv', row: 2, column: 'disaggregation', value: 'colour', indicator: 'test.hle', allowed: 'sex' } }]],
			['a malformed disaggregation', () => [csvSource('g.csv', `${LONG_HEADER}\ntest.hle,2022,sex,1\ntest.hle,2023,sex=male;sex=female,1\n`)], [
				{ row: 2, column: 'disaggregation', code: 'disaggregation_invalid' },
				{ row: 3, column: 'disaggregation', code: 'disaggregation_invalid' }
			]],
			['a period in a wrong format', () => [csvSource('p.csv', `${LONG_HEADER}\ntest.hle,2024-13,,1\ntest.hle,24,,1\n`)], [
				{ row: 2, column: 'period', code: 'period_invalid', params: { file: 'p.csv', row: 2, column: 'period', value: '2024-13' } },
				{ row: 3, column: 'period', code: 'period_invalid' }
			]],
			['a period outside the years allowed', () => [csvSource('p.csv', `${LONG_HEADER}\ntest.hle,1850,,1\n`)], [{ row: 2, column: 'period', code: 'period_out_of_range', params: { file: 'p.csv', row: 2, column: 'period', value: '1850', min: 1900, max: 2100 } }]],
			['a status that is neither provisional nor final', () => [csvSource('s.csv', 'indicator,period,disaggregation,value,status\ntest.hle,2020,,1,draft\n')], [{ row: 2, column: 'status', code: 'status_invalid' }]],
			['a note that is too long', () => [csvSource('n.csv', `indicator,period,disaggregation,value,note\ntest.hle,2020,,1,${'x'.repeat(2001)}\n`)], [{ row: 2, column: 'note', code: 'text_too_long', params: { file: 'n.csv', row: 2, column: 'note', max: 2000 } }]],
			['the same observation twice in a file', () => [csvSource('d.csv', `${LONG_HEADER}\ntest.homeless,2022,sex=male;age=65+,1\ntest.homeless,2023,,1\ntest.homeless,2022,age=65+;sex=male,2\n`)], [
				{ file: 'd.csv', row: 4, column: 'period', code: 'duplicate_key', params: { file: 'd.csv', row: 4, column: 'period', period: '2022', group: 'age=65+;sex=male', first_file: 'd.csv', first_row: 2 } }
			]],
			['the same observation in two files', () => [csvSource('one.csv', `${LONG_HEADER}\ntest.hle,2022,,70\n`), csvSource('test.hle.csv', 'Year,Value\n2021,69\n2022,71\n')], [
				{ file: 'test.hle.csv', row: 3, column: 'Year', code: 'duplicate_key', params: { file: 'test.hle.csv', row: 3, column: 'Year', period: '2022', group: '—', first_file: 'one.csv', first_row: 2 } }
			]],
			['a missing required column', () => [csvSource('m.csv', 'indicator,period,disaggregation\ntest.hle,2020,\n'), csvSource('test.hle.csv', 'sex,Value\nmale,1\n')], [
				{ file: 'm.csv', row: 1, column: 'value', code: 'missing_column' },
				{ file: 'test.hle.csv', row: 1, column: 'year', code: 'missing_column' }
			]],
			['an unknown column', () => [csvSource('u.csv', 'indicator,period,disaggregation,value,comment\ntest.hle,2020,,1,x\n'), csvSource('test.hle.csv', 'Year,Region,Value\n2020,north,1\n')], [
				{ file: 'u.csv', row: 1, column: 'comment', code: 'unknown_column', params: { file: 'u.csv', row: 1, column: 'comment', allowed: 'indicator, period, disaggregation, value, status, source, note' } },
				{ file: 'test.hle.csv', row: 1, column: 'Region', code: 'unknown_dimension', params: { file: 'test.hle.csv', row: 1, column: 'Region', value: 'Region', indicator: 'test.hle', allowed: 'sex' } }
			]],
			['a column twice', () => [csvSource('c.csv', 'indicator,period,disaggregation,value,Value\ntest.hle,2020,,1,2\n')], [{ row: 1, column: 'Value', code: 'duplicate_column' }]],
			['a row with too many or too few fields', () => [csvSource('f.csv', `${LONG_HEADER}\ntest.hle,2020,,1,9\ntest.hle,2021\n`)], [
				{ row: 2, column: null, code: 'wrong_field_count', params: { file: 'f.csv', row: 2, expected: 4, found: 5 } },
				{ row: 3, column: null, code: 'wrong_field_count' }
			]],
			['an empty file, a file with only a header, and one with only a byte-order mark', () => [
				csvSource('empty.csv', ''),
				csvSource('header.csv', `${LONG_HEADER}\n\n`),
				csvSource('bom.csv', new Uint8Array([0xef, 0xbb, 0xbf]))
			], [
				{ file: 'empty.csv', row: null, column: null, code: 'empty_file' },
				{ file: 'header.csv', row: null, column: null, code: 'empty_file' },
				{ file: 'bom.csv', row: null, column: null, code: 'empty_file' }
			]],
			['a file in a wrong encoding', () => [csvSource('latin1.csv', new Uint8Array([...new TextEncoder().encode(`${LONG_HEADER},note\ntest.hle,2020,,1,ok\ntest.hle,2021,,1,Z`), 0xfc, ...new TextEncoder().encode('rich\n')]))], [
				{ file: 'latin1.csv', row: 3, column: 'note', code: 'bad_encoding' }
			]],
			['quotes that do not close or stand in the wrong place', () => [csvSource('q1.csv', `${LONG_HEADER}\ntest.hle,2020,,"1\n`), csvSource('q2.csv', `${LONG_HEADER}\ntest.hle,2020,x"y,1\n`)], [
				{ file: 'q1.csv', row: 2, column: 'value', code: 'unterminated_quote' },
				{ file: 'q2.csv', row: 2, column: 'disaggregation', code: 'bad_quote' }
			]],
			['a NUL or other control character in a cell, and a field far too long', () => [
				csvSource('nul.csv', `${LONG_HEADER},note\ntest.hle,2020,,1,ok\ntest.hle,2021,,1,"a\u0000b"\n`),
				csvSource('esc.csv', `${LONG_HEADER}\ntest.hle,2020,,\u001b1\n`),
				csvSource('long.csv', `${LONG_HEADER},note\ntest.hle,2020,,1,"${'x'.repeat(100_001)}"\n`, { chunkSize: 4096 })
			], [
				{ file: 'nul.csv', row: 3, column: 'note', code: 'control_character', params: { character: 'U+0000' } },
				{ file: 'esc.csv', row: 2, column: 'value', code: 'control_character', message: 'esc.csv, row 2, column "value": The text holds an invisible control character (U+001B), which a CSV file may not carry. Remove it and import again.' },
				{ file: 'long.csv', row: 2, column: 'note', code: 'field_too_long', params: { max: 100_000 } }
			]],
			['a header in no known format', () => [csvSource('x.csv', 'when,how much\n2020,1\n')], [{ file: 'x.csv', row: 1, column: null, code: 'unknown_format' }]],
			['an Open SDG file whose name is no indicator', () => [csvSource('mystery.csv', 'Year,Value\n2020,1\n')], [{ file: 'mystery.csv', row: null, column: null, code: 'unknown_file_indicator', params: { file: 'mystery.csv', value: 'mystery', example: 'test.homeless' } }]],
			['Open SDG cells that are not values of their dimension, and a unit that is no text of a unit', () => [csvSource('test.homeless.csv', `Year,Sex,Units,Value\n2020,woman,Number,1\n2021,,${'u'.repeat(201)},2\n`)], [
				{ row: 2, column: 'Sex', code: 'unknown_dimension_value', params: { file: 'test.homeless.csv', row: 2, column: 'Sex', value: 'woman', dimension: 'sex', allowed: 'female, male' } },
				{ row: 3, column: 'Units', code: 'text_too_long', params: { file: 'test.homeless.csv', row: 3, column: 'Units', max: 200 } }
			]]
		];

		it.each(cases)('%s', async (_name, sources, expected) => {
			const errors = await rejected(sources());
			expect(errors).toHaveLength(expected.length);
			expected.forEach((error, index) => expect(errors[index]).toMatchObject(error));
			for (const error of errors) expect(error.message).toContain(error.file);
		});
	});

	it('imports nothing from a good file when another file of the import is bad', async () => {
		const errors = await rejected([csvSource('good.csv', `${LONG_HEADER}\ntest.hle,2020,,70\n`), csvSource('bad.csv', `${LONG_HEADER}\ntest.hle,2021,,seventy\n`)]);
		expect(errors.map((error) => `${error.file}:${error.row}:${error.column}:${error.code}`)).toEqual(['bad.csv:2:value:value_not_numeric']);
	});

	it('checks every row, listing the first errors up to the limit and counting all', async () => {
		const rows = Array.from({ length: 250 }, (_, i) => `test.hle,${1900 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')},,n/a`);
		const result = await run([csvSource('many.csv', `${LONG_HEADER}\n${rows.join('\n')}\n`, { chunkSize: 1024 })], { maxErrors: 10 });
		expect(result).toMatchObject({ ok: false, truncated: true, errorCount: 250 });
		expect(!result.ok && result.errors.map((error) => error.row)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
	});

	it('finds a repeated observation thousands of rows apart (across staging batches) and reports rows after it', async () => {
		const lines = [`${LONG_HEADER}`, 'test.homeless,2000,sex=male;age=0-17,1'];
		for (let year = 1900; year <= 2100; year++) for (const sex of ['female', 'male']) for (const age of ['0-17', '18-64', '65+']) lines.push(`test.homeless,${year}-06,sex=${sex};age=${age},${year}`);
		lines.push('test.homeless,2000,age=0-17;sex=male,2', 'test.homeless,2001,,x');
		const errors = await rejected([csvSource('big.csv', `${lines.join('\n')}\n`, { chunkSize: 4096 })]);
		expect(errors.map((error) => [error.row, error.code])).toEqual([
			[lines.length - 1, 'duplicate_key'],
			[lines.length, 'value_not_numeric']
		]);
		expect(errors[0]!.params.first_row).toBe(2);
	});

	it('streams: progress is reported while the source is still being produced', async () => {
		const total = 30_000;
		let produced = 0;
		const progress: { rows: number; produced: number }[] = [];
		const stream = new ReadableStream<Uint8Array>({
			pull(controller) {
				if (produced === 0) controller.enqueue(new TextEncoder().encode(`${LONG_HEADER}\n`));
				if (produced >= total) return controller.close();
				let chunk = '';
				for (let i = 0; i < 500; i++, produced++) chunk += `test.hle,${1900 + (produced % 200)}-${String(1 + Math.floor(produced / 200) % 12).padStart(2, '0')}-${String(1 + Math.floor(produced / 2400) + 1).padStart(2, '0')},sex=${produced % 2 ? 'male' : 'female'},${produced}\n`;
				controller.enqueue(new TextEncoder().encode(chunk));
			}
		});
		const result = await importObservations(database.db, fixture.admin, fixture.city.id, [{ name: 'stream.csv', stream }], {
			format: 'long',
			onProgress: (rows) => progress.push({ rows, produced })
		});
		expect(result.ok && result.files[0]!.new).toBe(total);
		expect(progress.length).toBeGreaterThan(10);
		expect(progress[0]!.produced).toBeLessThan(total / 5);
		expect(progress.at(-1)!.rows).toBe(total + 1);
	}, 60_000); // 30,000 rows merged in short chunks, each its own commit: seconds on a busy machine

	describe('who may import', () => {
		const csv = () => [csvSource('a.csv', `${LONG_HEADER}\ntest.hle,2020,,70\n`)];

		it('refuses anonymous visitors, residents and the admin of another city', async () => {
			const resident = await indicatorActor(database.db, fixture.city.id, 'resident');
			const otherCity = await createCity(database.db);
			const otherAdmin = await indicatorActor(database.db, otherCity.id, 'city_admin');
			for (const actor of [null, resident, otherAdmin] as (Actor | null)[]) {
				const error = await run(csv(), { actor }).catch((caught: unknown) => caught);
				expect(isDomainError(error, 'forbidden'), `actor ${actor?.roles[0]?.role ?? 'anonymous'}`).toBe(true);
			}
			expect(await stored()).toEqual({});
		});

		it('lets an officer of the city and the network admin import', async () => {
			const officer = await indicatorActor(database.db, fixture.city.id, 'officer');
			expect((await run(csv(), { actor: officer })).ok).toBe(true);
			const networkAdmin = await indicatorActor(database.db, null);
			expect(await run([csvSource('b.csv', `${LONG_HEADER}\ntest.hle,2021,,71\n`)], { actor: networkAdmin })).toMatchObject({ ok: true });
			const roles = (await ledger()).map((entry) => entry.actor_role);
			expect(roles).toEqual(['officer', 'network_admin']);
		});
	});

	it('refuses an explicit indicator the city does not have', async () => {
		const error = await run([csvSource('x.csv', 'Year,Value\n2020,1\n', { indicator: 'test.none' })]).catch((caught: unknown) => caught);
		expect(isDomainError(error, 'indicator_not_found')).toBe(true);
	});
});
