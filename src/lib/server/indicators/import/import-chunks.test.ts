// The merge of a large import in short chunks: the write lock is free between chunks (a web
// write made then succeeds), no chunk is larger than its bound, and a failure after some chunks
// committed leaves nothing of the import (all or nothing). Also: changed rows are updated
// through the primary key, not by walking the city's observations.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CompiledQuery } from 'kysely';
import { recordObservation } from '../observations.service.ts';
import { csvSource, importFixture, storedObservations, type ImportFixture } from '../../testing/import-factories.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../testing/test-database.ts';
import { importObservations, MAX_CHUNK_ROWS, type MergedChunk } from './import.service.ts';
import { updateObservationsSql } from './import.repository.ts';

/** `rows` observations of test.hle (years 1901…, both sexes), values `value(i)`. */
function hleCsv(rows: number, value: (i: number) => number): string {
	const lines = ['indicator,period,disaggregation,value'];
	for (let i = 0; i < rows; i++) lines.push(`test.hle,${1901 + Math.floor(i / 2)},sex=${i % 2 ? 'male' : 'female'},${value(i)}`);
	return `${lines.join('\n')}\n`;
}

describe.each(DIALECTS)('chunked import merge on %s', (dialect) => {
	let database: TestDatabase;
	let fixture: ImportFixture;
	beforeEach(async () => {
		database = await createTestDatabase(dialect);
		fixture = await importFixture(database.db);
	});
	afterEach(() => database.cleanup());

	const stored = () => storedObservations(database.db, fixture.city.id);
	const ledger = () => database.db.selectFrom('ledger_entry').select(['seq', 'entity_ref']).where('city_id', '=', fixture.city.id).orderBy('seq').execute();

	it('merges in chunks no larger than asked, and a web write between chunks succeeds at once', async () => {
		const chunks: MergedChunk[] = [];
		let webWrite: Promise<unknown> | undefined;
		const result = await importObservations(database.db, fixture.admin, fixture.city.id, [csvSource('hle.csv', hleCsv(120, (i) => 60 + (i % 10)))], {
			format: 'long',
			chunkRows: 25,
			onChunk: async (chunk) => {
				chunks.push(chunk);
				// Between chunks the import holds no lock: this write goes through the site's own
				// connections and would wait (then fail as busy) if the lock were still held.
				if (chunks.length === 2) {
					webWrite = recordObservation(database.db, fixture.admin, fixture.city.id, 'test.homeless', { period: '2024', group: {}, value: 7 });
					await webWrite;
				}
			}
		});
		expect(result).toMatchObject({ ok: true, files: [{ new: 120, changed: 0 }] });
		expect(chunks.map((chunk) => chunk.rows)).toEqual([25, 25, 25, 25, 20]);
		expect(chunks.every((chunk) => chunk.indicator === 'test.hle' && chunk.lockMs >= 0)).toBe(true);
		await expect(webWrite).resolves.toBeTruthy();
		const observations = await stored();
		expect(Object.keys(observations)).toHaveLength(121);
		expect(observations['test.homeless|2024|']).toBe('7/final//');
		// The web write's entry, then the import's one entry: one chain.
		expect((await ledger()).map((entry) => entry.entity_ref).slice(-2)).toEqual(['test.homeless 2024', 'test.hle']);
	});

	it('keeps the adaptive chunks within the bound', async () => {
		const chunks: MergedChunk[] = [];
		const result = await importObservations(database.db, fixture.admin, fixture.city.id, [csvSource('hle.csv', hleCsv(400, (i) => i))], {
			format: 'long',
			onChunk: (chunk) => void chunks.push(chunk)
		});
		expect(result).toMatchObject({ ok: true, files: [{ new: 400 }] });
		expect(chunks.reduce((sum, chunk) => sum + chunk.rows, 0)).toBe(400);
		expect(chunks.every((chunk) => chunk.rows <= MAX_CHUNK_ROWS)).toBe(true);
	});

	it('undoes the chunks already merged when a later chunk fails: nothing of the import remains', async () => {
		expect(await importObservations(database.db, fixture.admin, fixture.city.id, [csvSource('first.csv', hleCsv(60, () => 50))], { format: 'long' })).toMatchObject({ ok: true });
		const before = await stored();
		const ledgerBefore = await ledger();
		// 60 changed rows and 60 new ones; the third chunk's hook fails after two chunks committed.
		let calls = 0;
		const failing = importObservations(database.db, fixture.admin, fixture.city.id, [csvSource('second.csv', hleCsv(120, (i) => 70 + i))], {
			format: 'long',
			chunkRows: 20,
			onChunk: () => {
				calls += 1;
				if (calls === 3) throw new Error('disk full');
			}
		});
		await expect(failing).rejects.toThrow('disk full');
		expect(calls).toBe(3);
		expect(await stored()).toEqual(before);
		expect(await ledger()).toEqual(ledgerBefore);
		// The import's temporary tables are gone with its connection: the same import now succeeds.
		expect(await importObservations(database.db, fixture.admin, fixture.city.id, [csvSource('second.csv', hleCsv(120, (i) => 70 + i))], { format: 'long' })).toMatchObject({
			ok: true,
			files: [{ new: 60, changed: 60 }]
		});
	});

	it('an undo keeps a change someone made after the import wrote the row', async () => {
		let calls = 0;
		const failing = importObservations(database.db, fixture.admin, fixture.city.id, [csvSource('hle.csv', hleCsv(40, () => 50))], {
			format: 'long',
			chunkRows: 10,
			onChunk: async () => {
				calls += 1;
				if (calls === 1) {
					// A staff member corrects one of the rows just imported.
					await database.db.updateTable('observation').set({ value: 99, updated_at: '2099-01-01T00:00:00.000Z' }).where('city_id', '=', fixture.city.id).where('period', '=', '1901').where('group_key', '=', 'sex=female').execute();
				}
				if (calls === 2) throw new Error('stop');
			}
		});
		await expect(failing).rejects.toThrow('stop');
		expect(await stored()).toEqual({ 'test.hle|1901|sex=female': '99/final//' });
	});

	it.runIf(dialect === 'sqlite')('updates changed rows by primary key, driven by the batch', async () => {
		const { sql: text, parameters } = updateObservationsSql(database.db, fixture.city.id, '[]', '2026-01-01T00:00:00.000Z');
		const { rows } = await database.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${text}`, [...parameters]));
		const details = rows.map((row) => row.detail).join('\n');
		expect(details).toMatch(/SEARCH observation USING .*\(city_id=\? AND id=\?\)/);
		expect(details).not.toMatch(/SEARCH observation USING [^\n]*\(city_id=\?\)\n/);
	});
});
