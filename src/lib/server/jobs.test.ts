import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './testing/test-database.ts';
import { createPerson } from './testing/factories.ts';
import { insertSession, purgeExpired, type PurgeResult } from './accounts/index.ts';
import type { ScheduledJob } from './module.ts';
import { startJobs, type JobOptions } from './jobs.ts';

/** The accounts module's job, as its manifest declares it. */
const purge: ScheduledJob = { name: 'purge-expired', everyMinutes: 15, run: (db) => purgeExpired(db) };
const startHousekeeping = (db: TestDatabase['db'], options: Omit<JobOptions, 'onRun' | 'onError'> & { onRun?: (result: PurgeResult) => void; onError?: (error: unknown) => void }) =>
	startJobs(db, [purge], { ...options, onRun: (_job, result) => options.onRun?.(result as PurgeResult), onError: (_job, error) => options.onError?.(error) });

const until = async (check: () => boolean, ms = 5000) => {
	const end = Date.now() + ms;
	while (!check()) {
		if (Date.now() > end) throw new Error('timed out');
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
};
const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

describe('scheduled jobs', () => {
	let database: TestDatabase;
	beforeEach(async () => {
		database = await createTestDatabase('sqlite');
	});
	afterEach(async () => {
		await database.cleanup();
	});

	it('purges expired sessions on its schedule, again and again, until stopped', async () => {
		const person = await createPerson(database.db, {}, '');
		const old = new Date(Date.now() - 1000).toISOString();
		await insertSession(database.db, { id: 'expired', person_id: person.id, created_at: old, last_seen_at: old, expires_at: old, ip_hash: null, user_agent: null });
		const runs: PurgeResult[] = [];
		const housekeeping = startHousekeeping(database.db, { firstAfterMs: 0, everyMs: 20, onRun: (result) => runs.push(result) });
		await until(() => runs.length >= 3);
		await housekeeping.stop();
		expect(runs[0]).toMatchObject({ sessions: 1 });
		expect(runs[1]).toMatchObject({ sessions: 0 });
		const after = runs.length;
		await new Promise((resolve) => setTimeout(resolve, 80));
		expect(runs.length).toBe(after);
	});

	it('never keeps the process alive on its own', async () => {
		const before = timers();
		const housekeeping = startHousekeeping(database.db, { firstAfterMs: 60_000, everyMs: 60_000 });
		expect(timers()).toBe(before);
		await housekeeping.stop();
	});

	it('waits for a run under way when stopped, so the database is closed only after it', async () => {
		let finished = false;
		const housekeeping = startHousekeeping(database.db, { firstAfterMs: 60_000, onRun: () => (finished = true) });
		void housekeeping.runNow();
		await housekeeping.stop();
		expect(finished).toBe(true);
		await housekeeping.runNow();
	});

	it('reports a failed run and tries again next time', async () => {
		const errors: unknown[] = [];
		const runs: PurgeResult[] = [];
		const housekeeping = startHousekeeping(database.db, { firstAfterMs: 60_000, onError: (error) => errors.push(error), onRun: (result) => runs.push(result) });
		await database.db.schema.alterTable('session').renameTo('session_away').execute();
		await housekeeping.runNow();
		expect(errors).toHaveLength(1);
		await database.db.schema.alterTable('session_away').renameTo('session').execute();
		await housekeeping.runNow();
		expect(runs).toHaveLength(1);
		await housekeeping.stop();
	});
});
