// The dialogue's pages in process: the thread list (by topic and practice, twenty a page),
// starting a thread (practitioners only, with a clear message for everyone else), following,
// and the network admin's moderation (a post hidden with a public reason, a thread locked).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '#lib/server/accounts/index.ts';
import { createCity } from '#lib/server/testing/factories.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '#lib/server/testing/test-database.ts';
import { memberCity, networkAdmin, personWith, practiceInput } from '#lib/server/testing/network-factories.ts';
import { createThread, followsOf, getThread, listThreads } from '#lib/server/network/dialogue.service.ts';
import { viewerOf } from '#lib/server/network/membership.service.ts';
import { createPractice, setPracticeStatus } from '#lib/server/network/practices.service.ts';
import { ANONYMOUS } from '#lib/server/network/network.policy.ts';
import { outcome, routeEvent } from '../route-testing.ts';
import { actions as listActions, load as listLoad } from './+page.server.ts';
import { actions as threadActions, load as threadLoad } from './[ref]/+page.server.ts';

describe.each(DIALECTS)('dialogue routes on %s', (dialect) => {
	let database: TestDatabase;
	beforeEach(async () => {
		database = await createTestDatabase(dialect);
	});
	afterEach(() => database.cleanup());

	async function world() {
		const { db } = database;
		const admin = await networkAdmin(db);
		const york = await memberCity(db, admin, { name: 'York', slug: 'york' });
		const graz = await memberCity(db, admin, { name: 'Graz', slug: 'graz' });
		const resident = await personWith(db, [{ cityId: york.city.id, role: 'resident' }]);
		const outsider = await personWith(db, [{ cityId: (await createCity(db, { name: 'Outsider' })).id, role: 'city_admin' }]);
		return { db, admin, york, graz, resident, outsider };
	}
	const startForm = (overrides: Record<string, string> = {}): [string, string][] => Object.entries({ topic: 'housing', layer: 'public', title: 'Winter shelters', body: 'How do you fund them?', ...overrides });
	const start = (actor: Actor | null, form: [string, string][]) => outcome(() => listActions.start(routeEvent(database.db, '/network/dialogue', actor, { form })));

	it('starts a thread for practitioners only: a resident and the admin of a city outside the network are told why, nobody signed in goes to sign in; nothing is made', async () => {
		const { db, york, resident, outsider } = await world();
		expect(await start(null, startForm())).toMatchObject({ status: 303, location: expect.stringMatching(/^\/signin/) });
		expect(await start(resident, startForm())).toMatchObject({ status: 403, errors: { form: 'not_practitioner' } });
		expect(await start(outsider, startForm())).toMatchObject({ status: 403, errors: { form: 'not_practitioner' } });
		expect((await listThreads(db, ANONYMOUS)).total).toBe(0);
		// Bad input: each problem next to its field, in the reader's language (the code the page turns into a sentence).
		expect(await start(york.cityAdmin, startForm({ title: '', body: ' ' }))).toMatchObject({ status: 400, errors: { title: 'required', body: 'required' } });
		expect(await start(york.cityAdmin, startForm({ topic: 'gossip' }))).toMatchObject({ status: 400, errors: { topic: 'choice_invalid' } });
		expect(await start(york.cityAdmin, startForm({ body: 'x'.repeat(10_001) }))).toMatchObject({ status: 400, errors: { body: 'too_long' } });
		expect(await start(york.cityAdmin, startForm({ practice: 'york/GP-404' }))).toMatchObject({ status: 404, errors: { form: 'practice_not_found' } });
		expect((await listThreads(db, ANONYMOUS)).total).toBe(0);
		const made = await start(york.cityAdmin, startForm());
		expect(made.status).toBe(303);
		const [thread] = (await listThreads(db, ANONYMOUS)).threads;
		expect(made.location).toBe(`/network/dialogue/${thread!.ref}`);
		// A resident reads the public thread and is told who may reply.
		const page = (await threadLoad(routeEvent(db, `/network/dialogue/${thread!.ref}`, resident, { params: { ref: thread!.ref } }))) as { canReply: boolean; following: boolean };
		expect(page).toMatchObject({ canReply: false, following: false });
		expect(await outcome(() => threadActions.reply(routeEvent(db, `/network/dialogue/${thread!.ref}`, resident, { params: { ref: thread!.ref }, form: [['body', 'Me too']] })))).toMatchObject({ status: 403, errors: { form: 'not_practitioner' } });
	});

	it('lists the threads the reader may read, newest activity first, twenty a page, by topic and by practice', async () => {
		const { db, york, graz } = await world();
		const yorkViewer = await viewerOf(db, york.cityAdmin);
		for (let index = 0; index < 23; index += 1) await createThread(db, yorkViewer, { topic: index % 2 ? 'housing' : 'education', layer: 'public', title: `Thread ${index}`, body: 'Body', lang: 'en' });
		await createThread(db, yorkViewer, { topic: 'housing', layer: 'practitioners', title: 'For practitioners', body: 'Body', lang: 'en' });
		type List = { threads: { title: string }[]; total: number; pages: number; filter: { page: number } };
		const list = async (query: string, actor: Actor | null) => (await listLoad(routeEvent(db, `/network/dialogue${query}`, actor))) as unknown as List;
		const first = await list('', null);
		expect(first).toMatchObject({ total: 23, pages: 2 });
		expect(first.threads).toHaveLength(20);
		expect(first.threads[0]!.title).toBe('Thread 22');
		expect((await list('?page=2', null)).threads.map((thread) => thread.title)).toEqual(['Thread 2', 'Thread 1', 'Thread 0']);
		// A page number out of range or not a number is the first page.
		expect((await list('?page=abc', null)).filter.page).toBe(1);
		expect((await list('?topic=housing', null)).total).toBe(11);
		expect((await list('?topic=housing', graz.cityAdmin)).total).toBe(12);
		expect((await list('?topic=nonsense', null)).total).toBe(23);

		const practice = await createPractice(db, graz.cityAdmin, graz.city.id, practiceInput());
		await setPracticeStatus(db, graz.cityAdmin, graz.city.id, practice.id, practice.version, 'published');
		const key = `graz/${practice.ref}`;
		expect(await start(york.cityAdmin, startForm({ practice: key, title: 'About your desks' }))).toMatchObject({ status: 303 });
		const about = await list(`?practice=${encodeURIComponent(key)}`, null);
		expect(about.threads.map((thread) => thread.title)).toEqual(['About your desks']);
		expect(about).toMatchObject({ filter: { practice: { key, cityName: 'Graz' } } });
	});

	it('follows and unfollows a thread and a topic (the digest reads these), signed-in readers only', async () => {
		const { db, york, resident } = await world();
		const thread = await createThread(db, await viewerOf(db, york.cityAdmin), { topic: 'housing', layer: 'public', title: 'Rents', body: 'Body', lang: 'en' });
		const at = (actor: Actor | null, action: 'follow' | 'unfollow') => outcome(() => threadActions[action](routeEvent(db, `/network/dialogue/${thread.ref}`, actor, { params: { ref: thread.ref }, form: [] })));
		expect(await at(null, 'follow')).toMatchObject({ status: 303, location: expect.stringMatching(/^\/signin/) });
		expect(await at(resident, 'follow')).toMatchObject({ status: 303, location: `/network/dialogue/${thread.ref}` });
		expect((await followsOf(db, resident)).threads.has(thread.id)).toBe(true);
		expect(await at(resident, 'unfollow')).toMatchObject({ status: 303 });
		expect((await followsOf(db, resident)).threads.has(thread.id)).toBe(false);

		const topic = (form: [string, string][], action: 'follow' | 'unfollow' = 'follow') => outcome(() => listActions[action](routeEvent(db, '/network/dialogue', resident, { form })));
		expect(await topic([['topic', 'housing']])).toMatchObject({ status: 303, location: '/network/dialogue?topic=housing' });
		expect((await followsOf(db, resident)).topics).toEqual(new Set(['housing']));
		expect(await topic([['topic', 'nonsense']])).toMatchObject({ status: 400, errors: { topic: 'choice_invalid' } });
		expect(await topic([['topic', 'housing']], 'unfollow')).toMatchObject({ status: 303 });
		expect((await followsOf(db, resident)).topics.size).toBe(0);
	});

	it('the network admin hides a post with a public reason and locks the thread; nobody else may; a reason is required', async () => {
		const { db, admin, york, graz } = await world();
		const thread = await createThread(db, await viewerOf(db, york.cityAdmin), { topic: 'housing', layer: 'public', title: 'Rents', body: 'Buy my book', lang: 'en' });
		const postId = (await getThread(db, ANONYMOUS, thread.ref)).posts[0]!.id;
		const act = (actor: Actor | null, action: 'hide' | 'unhide' | 'lock' | 'unlock', form: [string, string][] = []) =>
			outcome(() => threadActions[action](routeEvent(db, `/network/dialogue/${thread.ref}`, actor, { params: { ref: thread.ref }, form })));
		expect(await act(null, 'hide', [['postId', postId], ['reason', 'Advertising']])).toMatchObject({ status: 303, location: expect.stringMatching(/^\/signin/) });
		expect(await act(graz.cityAdmin, 'hide', [['postId', postId], ['reason', 'Advertising']])).toMatchObject({ status: 403 });
		expect(await act(admin, 'hide', [['postId', postId], ['reason', ' ']])).toMatchObject({ status: 400, errors: { reason: 'required' } });
		expect(await act(admin, 'hide', [['postId', 'no-such-post'], ['reason', 'Advertising']])).toMatchObject({ status: 404, errors: { form: 'post_not_found' } });
		expect((await getThread(db, ANONYMOUS, thread.ref)).posts[0]).toMatchObject({ hidden: false, body: 'Buy my book' });
		expect(await act(admin, 'hide', [['postId', postId], ['reason', 'Advertising']])).toMatchObject({ status: 303 });
		// Everyone reads the reason; the text only its author and the moderators.
		expect((await getThread(db, ANONYMOUS, thread.ref)).posts[0]).toMatchObject({ hidden: true, hiddenReason: 'Advertising', body: '' });
		expect((await getThread(db, await viewerOf(db, york.cityAdmin), thread.ref)).posts[0]).toMatchObject({ hidden: true, body: 'Buy my book' });
		expect(await act(admin, 'unhide', [['postId', postId]])).toMatchObject({ status: 303 });
		expect((await getThread(db, ANONYMOUS, thread.ref)).posts[0]).toMatchObject({ hidden: false, body: 'Buy my book' });

		expect(await act(york.cityAdmin, 'lock')).toMatchObject({ status: 403 });
		expect(await act(admin, 'lock')).toMatchObject({ status: 303, location: `/network/dialogue/${thread.ref}` });
		const reply = (actor: Actor) => outcome(() => threadActions.reply(routeEvent(db, `/network/dialogue/${thread.ref}`, actor, { params: { ref: thread.ref }, form: [['body', 'Still here']] })));
		expect(await reply(graz.cityAdmin)).toMatchObject({ status: 409, errors: { form: 'thread_locked' } });
		expect((await getThread(db, ANONYMOUS, thread.ref)).posts).toHaveLength(1);
		expect(await act(admin, 'unlock')).toMatchObject({ status: 303 });
		expect(await reply(graz.cityAdmin)).toMatchObject({ status: 303 });
	});
});
