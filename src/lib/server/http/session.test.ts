import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../testing/test-database.ts';
import { createPerson } from '../testing/factories.ts';
import { answering, requestEvent } from '../testing/request-event.ts';
import { startSession, SESSION_COOKIE } from '../accounts/index.ts';
import { sessionHandle } from './session.ts';

describe.each(DIALECTS)('session handler on %s', (dialect) => {
	let database: TestDatabase;
	beforeEach(async () => {
		database = await createTestDatabase(dialect);
	});
	afterEach(async () => {
		await database.cleanup();
	});

	it('makes the person behind a valid session cookie the actor', async () => {
		const person = await createPerson(database.db, { display_name: 'Ada' });
		const { token } = await startSession(database.db, person.id, {});
		const { event, jar } = requestEvent('http://example.org/account', { cookies: { [SESSION_COOKIE]: token }, locals: { db: database.db } });
		await sessionHandle({ event, resolve: answering('<p>hi</p>') });
		expect(event.locals.actor).toMatchObject({ personId: person.id, displayName: 'Ada' });
		expect(jar.deleted).toEqual([]);
	});

	it('treats a visitor without a cookie as anonymous and sets no cookie', async () => {
		const { event, jar } = requestEvent('http://example.org/', { locals: { db: database.db } });
		await sessionHandle({ event, resolve: answering('ok') });
		expect(event.locals.actor).toBeNull();
		expect(jar.set).toEqual([]);
		expect(jar.deleted).toEqual([]);
	});

	it('deletes a tampered or revoked session cookie (Secure over https) and serves the visitor signed out', async () => {
		const { event, jar } = requestEvent('https://example.org/', { cookies: { [SESSION_COOKIE]: 'not-a-real-token' }, locals: { db: database.db } });
		const response = await sessionHandle({ event, resolve: answering('ok') });
		expect(response.status).toBe(200);
		expect(event.locals.actor).toBeNull();
		expect(jar.deleted).toEqual([{ name: SESSION_COOKIE, options: { path: '/', secure: true } }]);
	});

	it('keeps pages out of shared caches but leaves a cache policy the route chose', async () => {
		const page = await sessionHandle({ event: requestEvent('http://example.org/', { locals: { db: database.db } }).event, resolve: answering('<p>hi</p>') });
		expect(page.headers.get('cache-control')).toBe('private, no-cache');
		const chosen = await sessionHandle({
			event: requestEvent('http://example.org/reset', { locals: { db: database.db } }).event,
			resolve: answering('<p>hi</p>', 'text/html', { headers: { 'cache-control': 'no-store' } })
		});
		expect(chosen.headers.get('cache-control')).toBe('no-store');
		const file = await sessionHandle({ event: requestEvent('http://example.org/map/land.svg', { locals: { db: database.db } }).event, resolve: answering('<svg/>', 'image/svg+xml') });
		expect(file.headers.get('cache-control')).toBeNull();
	});
});
