import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startApp, stopApp } from './app.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rightscity-app-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the app', () => {
	it('starts once with its database, file store and scheduled jobs, and stopApp ends the jobs before closing the database', async () => {
		const env = { DATA_DIR: dir, DATABASE_URL: '' };
		let runs = 0;
		const app = await startApp(env, { jobs: { firstAfterMs: 0, everyMs: 10, onRun: () => (runs += 1) } });
		expect(await startApp(env)).toBe(app);
		await app.files.put('test/file', new TextEncoder().encode('evidence'));
		expect(fs.readFileSync(path.join(dir, 'files', 'test', 'file'), 'utf8')).toBe('evidence');
		while (runs < 2) await new Promise((resolve) => setTimeout(resolve, 5));
		await stopApp();
		const stoppedAt = runs;
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(runs).toBe(stoppedAt);
		await expect(app.database.db.selectFrom('session').selectAll().execute()).rejects.toThrow();
		const again = await startApp(env, { jobs: { firstAfterMs: 60_000 } });
		expect(again).not.toBe(app);
		await stopApp();
	});
});
