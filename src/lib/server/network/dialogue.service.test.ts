import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../testing/test-database.ts';
import { createCity } from '../testing/factories.ts';
import { memberCity, networkAdmin, personWith } from '../testing/network-factories.ts';
import { readOutbox } from '../accounts/index.ts';
import { isDomainError } from '../errors.ts';
import { ANONYMOUS } from './network.policy.ts';
import { viewerOf } from './membership.service.ts';
import { createThread, follow, getThread, hidePost, listThreads, reply, setThreadLocked } from './dialogue.service.ts';
import { digestWeek, sendWeeklyDigests } from './digest.service.ts';

async function failure(promise: Promise<unknown>): Promise<string> {
	try {
		await promise;
	} catch (error) {
		if (!isDomainError(error)) throw error;
		return typeof error.details?.rule === 'string' && error.code !== 'forbidden' ? `${error.code}:${error.details.rule}` : error.code;
	}
	throw new Error('expected a failure');
}

const WEEK = 7 * 86_400_000;

describe.each(DIALECTS)('dialogue and digest on %s', (dialect) => {
	let database: TestDatabase;
	beforeEach(async () => {
		database = await createTestDatabase(dialect);
	});
	afterEach(() => database.cleanup());

	async function world() {
		const { db } = database;
		const admin = await networkAdmin(db);
		const york = await memberCity(db, admin, { name: 'York' });
		const graz = await memberCity(db, admin, { name: 'Graz' });
		const resident = await personWith(db, [{ cityId: york.city.id, role: 'resident' }], { preferredLocale: 'sv' });
		const outsiderCity = await createCity(db, { name: 'Outsider' });
		const outsider = await personWith(db, [{ cityId: outsiderCity.id, role: 'city_admin' }]);
		return { db, admin, york, graz, resident, outsider };
	}

	it('practitioners post and reply; residents, staff of non-members and anonymous people may not; the practitioners’ layer is hidden from them', async () => {
		const { db, admin, york, graz, resident, outsider } = await world();
		const yorkViewer = await viewerOf(db, york.cityAdmin);
		const thread = await createThread(db, yorkViewer, { topic: 'housing', layer: 'practitioners', title: 'Winter shelter funding', body: 'How do you fund it?', lang: 'en' });
		const grazViewer = await viewerOf(db, graz.cityAdmin);
		await reply(db, grazViewer, thread.id, { body: 'From the social budget.', lang: 'en' });

		const residentViewer = await viewerOf(db, resident);
		expect(residentViewer.practitioner).toBe(false);
		expect(await failure(reply(db, residentViewer, thread.id, { body: 'Me too', lang: 'en' }))).toBe('thread_not_found');
		expect(await failure(getThread(db, residentViewer, thread.ref))).toBe('thread_not_found');
		expect(await failure(getThread(db, ANONYMOUS, thread.ref))).toBe('thread_not_found');
		expect((await listThreads(db, residentViewer, {})).threads.map((item) => item.ref)).not.toContain(thread.ref);
		expect(await failure(reply(db, ANONYMOUS, thread.id, { body: 'Hello', lang: 'en' }))).toBe('unauthenticated');
		const outsiderViewer = await viewerOf(db, outsider);
		expect(outsiderViewer.practitioner).toBe(false);
		expect(await failure(reply(db, outsiderViewer, thread.id, { body: 'Hello', lang: 'en' }))).toBe('thread_not_found');

		// A public thread: everyone reads it, only practitioners write in it.
		const open = await createThread(db, grazViewer, { topic: 'monitoring', layer: 'public', title: 'Indicators each year', body: 'Which do you report?', lang: 'en' });
		expect((await getThread(db, ANONYMOUS, open.ref)).posts).toHaveLength(1);
		expect(await failure(reply(db, residentViewer, open.id, { body: 'As a resident…', lang: 'en' }))).toBe('forbidden');
		expect(await failure(createThread(db, residentViewer, { topic: 'monitoring', layer: 'public', title: 'Mine', body: 'Text', lang: 'en' }))).toBe('forbidden');
		// Public pages name the role and city, never the person.
		const publicPost = (await getThread(db, ANONYMOUS, open.ref)).posts[0]!;
		expect(publicPost.authorName ?? '').not.toContain(graz.cityAdmin.displayName);

		// Bad input is refused on its field.
		expect(await failure(reply(db, yorkViewer, open.id, { body: '   ', lang: 'en' }))).toMatch(/^invalid_input/);
		expect(await failure(reply(db, yorkViewer, open.id, { body: 'x'.repeat(10_001), lang: 'en' }))).toMatch(/^invalid_input/);
		expect(await failure(createThread(db, yorkViewer, { topic: 'no-such-topic' as 'housing', layer: 'public', title: 'T', body: 'B', lang: 'en' }))).toMatch(/^invalid_input/);

		// Moderation: the network admin locks a thread; practitioners can no longer reply, the admin can.
		const adminViewer = await viewerOf(db, admin);
		await setThreadLocked(db, adminViewer, open.id, true);
		expect(await failure(reply(db, yorkViewer, open.id, { body: 'Late reply', lang: 'en' }))).toBe('conflict:thread_locked');
		await reply(db, adminViewer, open.id, { body: 'Closed, see the new thread.', lang: 'en' });
		expect(await failure(setThreadLocked(db, yorkViewer, open.id, false))).toBe('forbidden');
		const post = (await getThread(db, adminViewer, open.ref)).posts[0]!;
		await hidePost(db, adminViewer, open.id, post.id, { reason: 'Off topic' });
		expect(await failure(hidePost(db, grazViewer, open.id, post.id, { reason: 'No' }))).toBe('forbidden');
	});

	it('the weekly digest tells followers what others posted in what they may read, in their language, once per week', async () => {
		const { db, york, graz, resident } = await world();
		const yorkViewer = await viewerOf(db, york.cityAdmin);
		const grazViewer = await viewerOf(db, graz.cityAdmin);
		const residentViewer = await viewerOf(db, resident);
		const closed = await createThread(db, yorkViewer, { topic: 'housing', layer: 'practitioners', title: 'Winter shelter funding', body: 'My own question', lang: 'en' });
		await reply(db, grazViewer, closed.id, { body: 'Graz funds it from the social budget.', lang: 'en' });
		const open = await createThread(db, grazViewer, { topic: 'monitoring', layer: 'public', title: 'Indicators each year', body: 'Which indicators do you report?', lang: 'en' });
		// The resident follows both topics: only the public thread is theirs to read.
		await follow(db, residentViewer, { type: 'topic', topic: 'housing' });
		await follow(db, residentViewer, { type: 'topic', topic: 'monitoring' });
		expect(await failure(follow(db, residentViewer, { type: 'thread', threadId: closed.id }))).toBe('thread_not_found');

		const nextWeek = new Date(Date.now() + WEEK);
		const run = await sendWeeklyDigests(db, nextWeek, { origin: 'https://rights.example.org' });
		expect(run).toMatchObject({ week: digestWeek(nextWeek).key, more: false });

		// Each person's digests (their outbox also holds the mail that told them they were accepted).
		const digests = async (email: string) => (await readOutbox(db, email)).filter((mail) => mail.subject.includes(run.week));
		const [yorkMail] = await digests(york.cityAdmin.email);
		expect(yorkMail!.subject).toContain(run.week);
		expect(yorkMail!.body).toContain('Winter shelter funding');
		expect(yorkMail!.body).toContain('Graz funds it from the social budget.');
		expect(yorkMail!.body).toContain(`https://rights.example.org/network/dialogue/${closed.ref}`);
		expect(yorkMail!.body).toContain('City administrator');
		expect(yorkMail!.body).not.toContain('My own question');
		expect(yorkMail!.body).not.toMatch(/network_[a-z_]+/);

		const [residentMail] = await digests(resident.email);
		expect(residentMail!.subject).toContain('Nytt i nätverket');
		expect(residentMail!.body).toContain('Indicators each year');
		expect(residentMail!.body).not.toContain('Winter shelter funding');
		expect(residentMail!.body).not.toContain('social budget');
		// Graz follows the thread it replied in: York's question is new to it, its own reply is not.
		const [grazMail, ...more] = await digests(graz.cityAdmin.email);
		expect(more).toHaveLength(0);
		expect(grazMail!.body).toContain('My own question');
		expect(grazMail!.body).not.toContain('Graz funds it');
		expect(run.sent).toBe(3);

		// Running again in the same week sends nothing more.
		expect(await sendWeeklyDigests(db, nextWeek, { origin: 'https://rights.example.org' })).toMatchObject({ sent: 0, empty: 0 });
		expect(await digests(york.cityAdmin.email)).toHaveLength(1);
		expect(open.ref).toMatch(/^[A-Z]{1,2}-\d+$/);
	});
});
