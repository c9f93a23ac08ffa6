import { describe, expect, it } from 'vitest';
import type { App } from '../app.ts';
import type { Config } from '../config/config.ts';
import type { Database } from '../db/database.ts';
import type { FileStore } from '../files/file-store.ts';
import { answering, requestEvent } from '../testing/request-event.ts';
import { appContext } from './app-context.ts';

const app: App = {
	config: { dataDir: '/data' } as Config,
	database: { db: { fake: 'db' }, dialect: 'postgres' } as unknown as Database,
	files: { put: async () => {} } as unknown as FileStore,
	jobs: { runNow: async () => {}, stop: async () => {} }
};

describe('app context handler', () => {
	it('puts the database, its dialect, the configuration and the file store on locals before the route runs', async () => {
		const { event } = requestEvent('http://example.org/');
		const resolve = answering('ok');
		let seen: App.Locals | undefined;
		await appContext(async () => app)({ event, resolve: async (inner) => ((seen = { ...inner.locals }), resolve(inner)) });
		expect(seen).toMatchObject({ db: app.database.db, dialect: 'postgres', config: app.config, files: app.files });
	});

	it('asks for the app on every request, so all requests share the one the server started', async () => {
		let starts = 0;
		const handle = appContext(async () => ((starts += 1), app));
		for (let i = 0; i < 3; i += 1) await handle({ event: requestEvent('http://example.org/').event, resolve: answering('ok') });
		expect(starts).toBe(3);
	});

	it('fails the request when the app cannot start (no route runs without its database)', async () => {
		const resolve = answering('ok');
		const handle = appContext(async () => {
			throw new Error('DATABASE_URL: cannot connect');
		});
		await expect(handle({ event: requestEvent('http://example.org/').event, resolve })).rejects.toThrow('DATABASE_URL');
		expect(resolve.calls).toHaveLength(0);
	});
});
