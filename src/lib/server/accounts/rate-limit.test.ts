import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../testing/test-database.ts';
import { hitLimits, overLimit } from './rate-limit.ts';

const rule = { key: 'test:key', max: 3, minutes: 15 };
const windowStart = Date.UTC(2026, 10, 23, 10, 0); // a 15-minute boundary

describe.each(DIALECTS)('rate limits on %s', (dialect) => {
	let database: TestDatabase;
	beforeEach(async () => {
		database = await createTestDatabase(dialect);
	});
	afterEach(async () => {
		await database.cleanup();
	});

	it('allows max hits in a window, then refuses with the minutes left', async () => {
		const at = windowStart + 5 * 60_000;
		for (let i = 0; i < 3; i++) expect(await hitLimits(database.db, [rule], at)).toEqual({ ok: true });
		expect(await hitLimits(database.db, [rule], at)).toEqual({ ok: false, retryAfterMinutes: 10 });
		expect(await overLimit(database.db, rule, at)).toEqual({ ok: false, retryAfterMinutes: 10 });
	});

	it('does not forget the hits of the previous window at a boundary', async () => {
		for (let i = 0; i < 3; i++) await hitLimits(database.db, [rule], windowStart - 60_000);
		// One minute after the boundary, 14/15 of the previous window still counts.
		const verdict = await overLimit(database.db, rule, windowStart + 60_000);
		expect(verdict.ok).toBe(false);
		// A full window later, everything is forgotten.
		expect(await overLimit(database.db, rule, windowStart + 15 * 60_000)).toEqual({ ok: true });
	});

	it('keeps keys apart', async () => {
		const at = windowStart + 60_000;
		for (let i = 0; i < 4; i++) await hitLimits(database.db, [rule], at);
		expect(await hitLimits(database.db, [{ ...rule, key: 'test:other' }], at)).toEqual({ ok: true });
	});
});
