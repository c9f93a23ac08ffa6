import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../testing/test-database.ts';
import { createPerson } from '../testing/factories.ts';
import { insertAccountToken, insertSession } from './accounts.repository.ts';
import { resolveSession, startSession } from './sessions.service.ts';
import { hitLimits } from './rate-limit.ts';
import { purgeExpired, TOKEN_GRACE_MS } from './purge.service.ts';

const NOW = Date.UTC(2026, 11, 7, 12, 0);
const DAY = 24 * 60 * 60 * 1000;
const iso = (ms: number) => new Date(ms).toISOString();

describe.each(DIALECTS)('purging expired account data on %s', (dialect) => {
	let database: TestDatabase;
	let personId: string;
	beforeEach(async () => {
		database = await createTestDatabase(dialect);
		personId = (await createPerson(database.db, {}, '')).id;
	});
	afterEach(async () => {
		await database.cleanup();
	});

	async function session(id: string, expiresAt: number) {
		await insertSession(database.db, { id, person_id: personId, created_at: iso(expiresAt - 30 * DAY), last_seen_at: iso(expiresAt - 30 * DAY), expires_at: iso(expiresAt), ip_hash: null, user_agent: null });
	}
	async function token(hash: string, expiresAt: number) {
		await insertAccountToken(database.db, { token_hash: hash, person_id: personId, purpose: 'reset', expires_at: iso(expiresAt), created_at: iso(expiresAt - DAY) });
	}
	const rows = async (table: 'session' | 'account_token' | 'rate_limit') => Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

	it('deletes expired sessions and keeps live ones, which still sign their person in', async () => {
		await session('expired-long-ago', NOW - 40 * DAY);
		await session('expired-just-now', NOW);
		const live = await startSession(database.db, personId, {});
		const result = await purgeExpired(database.db, { now: NOW });
		expect(result).toEqual({ sessions: 2, tokens: 0, rateLimits: 0, more: false });
		expect(await rows('session')).toBe(1);
		expect((await resolveSession(database.db, live.token))?.actor.personId).toBe(personId);
	});

	it('keeps an expired one-time link for a week, so it still reads "expired", then deletes it', async () => {
		await token('expired-yesterday', NOW - DAY);
		await token('expired-last-month', NOW - 30 * DAY);
		await token('still-valid', NOW + DAY);
		expect(await purgeExpired(database.db, { now: NOW })).toMatchObject({ tokens: 1 });
		expect(await purgeExpired(database.db, { now: NOW + TOKEN_GRACE_MS })).toMatchObject({ tokens: 1 });
		const left = await database.db.selectFrom('account_token').select('token_hash').execute();
		expect(left.map((row) => row.token_hash)).toEqual(['still-valid']);
	});

	it('deletes rate-limit counters older than a day, keeping the windows the limits still read', async () => {
		const rule = { key: 'signin:ip:x', max: 5, minutes: 15 };
		await hitLimits(database.db, [rule], NOW - 2 * DAY);
		await hitLimits(database.db, [{ ...rule, key: 'signin:ip:y' }], NOW - 2 * DAY);
		await hitLimits(database.db, [rule], NOW - 20 * 60_000);
		await hitLimits(database.db, [rule], NOW);
		expect(await purgeExpired(database.db, { now: NOW })).toMatchObject({ rateLimits: 2 });
		expect(await rows('rate_limit')).toBe(2);
	});

	it('does a bounded amount of work per run and says when rows are left for the next one', async () => {
		for (let index = 0; index < 7; index += 1) await session(`old-${index}`, NOW - DAY - index);
		const first = await purgeExpired(database.db, { now: NOW, batchSize: 2, maxBatches: 2 });
		expect(first).toEqual({ sessions: 4, tokens: 0, rateLimits: 0, more: true });
		const second = await purgeExpired(database.db, { now: NOW, batchSize: 2, maxBatches: 2 });
		expect(second).toEqual({ sessions: 3, tokens: 0, rateLimits: 0, more: false });
		expect(await rows('session')).toBe(0);
	});
});
