/**
 * Inter-city dialogue: threads per topic, per pairing and per practice, where practitioners post
 * and reply. A thread is public (anyone reads; practitioners write), for practitioners, or — a
 * pairing's — for the pairing's participants. The network admin moderates: hides a post with a
 * reason (its author and the moderators still see it), locks and unlocks a thread; practitioners
 * report posts to the moderation queue. People follow threads and topics; the weekly digest
 * (digest.service.ts) tells them what is new.
 *
 * Public pages never show who wrote a post, only in which role and city; practitioners see names.
 *
 * @example
 *   const thread = await createThread(db, viewer, { topic: 'housing', layer: 'practitioners', title: 'Housing First in winter', body: '…', lang: 'en' });
 *   await reply(db, otherViewer, thread.id, { body: 'In Graz we…', lang: 'en' });
 */
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { nowIso, uuidv7 } from '../db/ids.ts';
import { conflict, DomainError, forbidden } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { findPersonById, hasRole, isNetworkAdmin, personIdOf, type MaybeActor } from '../accounts/index.ts';
import { listCitySummaries } from '../cities/index.ts';
import * as repository from './dialogue.repository.ts';
import { findPairing, listPairings as listPairingRows } from './pairing.repository.ts';
import { findPractice } from './practices.repository.ts';
import { canManageNetwork, canPost, canReadLayer, canReadThread, isPairingParticipant, layersFor, type Viewer } from './network.policy.ts';
import { hideSchema, postInputSchema, threadInputSchema, TOPICS, type ThreadInput } from './network.schema.ts';
import type { Layer, ThreadRow, ThreadScope } from './network.tables.ts';
import { nextNetworkRef } from './refs.ts';

export interface ThreadSummary {
	id: string;
	ref: string;
	scope: ThreadScope;
	topic: string;
	layer: Layer | 'participants';
	title: string;
	lang: string;
	locked: boolean;
	postCount: number;
	lastPostAt: string;
	pairingId: string | null;
	practice: { cityId: string; id: string } | null;
}

export interface Post {
	id: string;
	/** The author's name for practitioners; null on public pages (role and city only). */
	authorName: string | null;
	authorRole: string;
	authorCity: { slug: string; name: string } | null;
	body: string;
	lang: string;
	createdAt: string;
	hidden: boolean;
	hiddenReason: string;
	reports: number;
	mine: boolean;
}

export interface Thread extends ThreadSummary {
	posts: Post[];
	/** Who may read it, for the page to say so. */
	pairing: { id: string; ref: string; menteeCityId: string; mentorCityId: string } | null;
}

function toSummary(row: ThreadRow): ThreadSummary {
	return {
		id: row.id,
		ref: row.ref,
		scope: row.scope,
		topic: row.topic,
		layer: row.layer,
		title: row.title,
		lang: row.lang,
		locked: row.locked_at !== null,
		postCount: row.post_count,
		lastPostAt: row.last_post_at,
		pairingId: row.pairing_id,
		practice: row.practice_city_id && row.practice_id ? { cityId: row.practice_city_id, id: row.practice_id } : null
	};
}

async function pairingOf(db: Db, row: Pick<ThreadRow, 'pairing_id'>) {
	if (!row.pairing_id) return undefined;
	const pairing = await findPairing(db, { id: row.pairing_id });
	return pairing ? { id: pairing.id, ref: pairing.ref, menteeCityId: pairing.mentee_city_id, mentorCityId: pairing.mentor_city_id } : undefined;
}

async function readableThread(db: Db, viewer: Viewer, where: { id?: string; ref?: string }) {
	const row = await repository.findThread(db, where);
	if (!row) throw new DomainError('thread_not_found');
	const pairing = await pairingOf(db, row);
	if (!canReadThread(viewer, row, pairing)) throw new DomainError('thread_not_found');
	return { row, pairing };
}

/** The role and city a post is signed with: the network admin, city staff of a member city, or a granted practitioner. */
function signatureOf(viewer: Viewer, preferCities: readonly string[] = []): { role: string; cityId: string | null } {
	const actor = viewer.actor!;
	if (isNetworkAdmin(actor)) return { role: 'network_admin', cityId: null };
	const cities = [...preferCities.filter((id) => viewer.memberStaffCities.includes(id)), ...viewer.memberStaffCities];
	const cityId = cities[0];
	if (cityId) return { role: hasRole(actor, cityId, 'city_admin') ? 'city_admin' : 'officer', cityId };
	return { role: 'practitioner', cityId: null };
}

/** Posting is for practitioners: said as such, so the form can tell the reader why. */
function notPractitioner(): DomainError {
	return new DomainError('forbidden', 'not_practitioner', { field: 'form', rule: 'not_practitioner' });
}

/**
 * Starts a thread with its first post: on a topic, on a pairing (for its participants) or on a
 * practice (no more open than the practice). Practitioners only; the author follows it.
 */
export async function createThread(db: Db, viewer: Viewer, input: ThreadInput & { pairingId?: string | null; practice?: { cityId: string; id: string } | null }): Promise<ThreadSummary> {
	if (!viewer.actor) throw new DomainError('unauthenticated');
	if (!viewer.practitioner) throw notPractitioner();
	const valid = parseInput(threadInputSchema, input);
	return inTransaction(db, async (trx) => {
		let scope: ThreadScope = 'topic';
		let layer: Layer | 'participants' = valid.layer;
		let pairing: { menteeCityId: string; mentorCityId: string } | undefined;
		if (input.pairingId) {
			const row = await findPairing(trx, { id: input.pairingId });
			if (!row) throw new DomainError('pairing_not_found');
			pairing = { menteeCityId: row.mentee_city_id, mentorCityId: row.mentor_city_id };
			scope = 'pairing';
			layer = 'participants';
		} else if (input.practice) {
			const practice = await findPractice(trx, input.practice.cityId, { id: input.practice.id });
			if (!practice || practice.status !== 'published' || !canReadLayer(viewer, practice.layer)) throw new DomainError('practice_not_found');
			scope = 'practice';
			if (practice.layer === 'practitioners') layer = 'practitioners';
		}
		if (!canPost(viewer, { layer, locked: false }, pairing)) throw forbidden();
		const signature = signatureOf(viewer, pairing ? [pairing.menteeCityId, pairing.mentorCityId] : input.practice ? [input.practice.cityId] : []);
		const now = nowIso();
		const id = uuidv7();
		await repository.insertThread(trx, {
			id,
			ref: await nextNetworkRef(trx, 'thread'),
			scope,
			topic: valid.topic,
			pairing_id: input.pairingId ?? null,
			practice_city_id: input.practice?.cityId ?? null,
			practice_id: input.practice?.id ?? null,
			layer,
			title: valid.title,
			lang: valid.lang,
			created_by: personIdOf(viewer.actor),
			created_city_id: signature.cityId,
			locked_at: null,
			post_count: 0,
			last_post_at: now,
			version: 1,
			created_at: now,
			updated_at: now
		});
		await repository.insertPost(trx, { thread_id: id, id: uuidv7(), author_id: personIdOf(viewer.actor), author_city_id: signature.cityId, author_role: signature.role, body: valid.body, lang: valid.lang, reports: 0, hidden_at: null, hidden_by: null, hidden_reason: '', created_at: now });
		const author = personIdOf(viewer.actor);
		if (author) await repository.insertFollow(trx, { person_id: author, target_type: 'thread', target: id, created_at: now });
		return toSummary((await repository.findThread(trx, { id }))!);
	});
}

/** A reply; practitioners who may read the thread, while it is not locked (moderators also then). */
export async function reply(db: Db, viewer: Viewer, threadId: string, input: { body: string; lang: string }): Promise<Post> {
	if (!viewer.actor) throw new DomainError('unauthenticated');
	const valid = parseInput(postInputSchema, input);
	return inTransaction(db, async (trx) => {
		const { row, pairing } = await readableThread(trx, viewer, { id: threadId });
		if (!viewer.practitioner) throw notPractitioner();
		if (!canPost(viewer, { layer: row.layer, locked: false }, pairing)) throw forbidden();
		if (row.locked_at && !canManageNetwork(viewer)) throw conflict('thread_locked');
		const signature = signatureOf(viewer, pairing ? [pairing.menteeCityId, pairing.mentorCityId] : row.practice_city_id ? [row.practice_city_id] : []);
		const now = nowIso();
		const post = { thread_id: row.id, id: uuidv7(), author_id: personIdOf(viewer.actor), author_city_id: signature.cityId, author_role: signature.role, body: valid.body, lang: valid.lang, reports: 0, hidden_at: null, hidden_by: null, hidden_reason: '', created_at: now };
		await repository.insertPost(trx, post);
		if (post.author_id) await repository.insertFollow(trx, { person_id: post.author_id, target_type: 'thread', target: row.id, created_at: now });
		return { id: post.id, authorName: viewer.actor!.displayName, authorRole: post.author_role, authorCity: null, body: post.body, lang: post.lang, createdAt: now, hidden: false, hiddenReason: '', reports: 0, mine: true };
	});
}

/** A thread with its posts as the viewer may see them. */
export async function getThread(db: Db, viewer: Viewer, ref: string): Promise<Thread> {
	const { row, pairing } = await readableThread(db, viewer, { ref });
	const rows = await repository.listPosts(db, row.id);
	const cities = new Map((await listCitySummaries(db, [...new Set(rows.map((post) => post.author_city_id).filter((id): id is string => Boolean(id)))])).map((city) => [city.id, city]));
	const names = new Map<string, string>();
	if (viewer.practitioner) {
		for (const id of new Set(rows.map((post) => post.author_id).filter((value): value is string => Boolean(value)))) names.set(id, (await findPersonById(db, id))?.display_name ?? '');
	}
	const moderator = canManageNetwork(viewer);
	const me = personIdOf(viewer.actor);
	return {
		...toSummary(row),
		pairing: pairing ?? null,
		posts: rows.map((post) => {
			const hidden = post.hidden_at !== null;
			const mine = me !== null && post.author_id === me;
			const city = post.author_city_id ? cities.get(post.author_city_id) : undefined;
			return {
				id: post.id,
				authorName: viewer.practitioner && post.author_id ? (names.get(post.author_id) ?? null) : null,
				authorRole: post.author_role,
				authorCity: city ? { slug: city.slug, name: city.displayName } : null,
				body: hidden && !moderator && !mine ? '' : post.body,
				lang: post.lang,
				createdAt: post.created_at,
				hidden,
				hiddenReason: post.hidden_reason,
				reports: moderator ? post.reports : 0,
				mine
			};
		})
	};
}

/** Threads the viewer may read, most recently active first. */
export async function listThreads(
	db: Db,
	viewer: Viewer,
	filter: { topic?: string | undefined; pairingId?: string | undefined; practice?: { cityId: string; id: string } | undefined } = {},
	page: { limit: number; offset: number } = { limit: 30, offset: 0 }
): Promise<{ threads: ThreadSummary[]; total: number }> {
	const pairingIds: string[] = [];
	if (filter.pairingId) {
		const row = await findPairing(db, { id: filter.pairingId });
		if (row && viewer.practitioner && isPairingParticipant(viewer.actor, { menteeCityId: row.mentee_city_id, mentorCityId: row.mentor_city_id })) pairingIds.push(row.id);
	} else if (viewer.practitioner && viewer.actor) {
		// The participants' threads of the viewer's own pairings, and all of them for the network admin.
		const own = isNetworkAdmin(viewer.actor) ? await listPairingRows(db) : (await Promise.all(viewer.memberStaffCities.map((cityId) => listPairingRows(db, { cityId })))).flat();
		pairingIds.push(...new Set(own.map((pairing) => pairing.id)));
	}
	const { rows, total } = await repository.listThreads(db, { layers: layersFor(viewer), pairingIds, topic: filter.topic, pairingId: filter.pairingId, practice: filter.practice }, page);
	return { threads: rows.map(toSummary), total };
}

// ——— Moderation ———

export async function hidePost(db: Db, viewer: Viewer, threadId: string, postId: string, input: { reason: string }): Promise<void> {
	if (!canManageNetwork(viewer)) throw forbidden();
	const valid = parseInput(hideSchema, input);
	if (!(await repository.updatePost(db, threadId, postId, { hidden_at: nowIso(), hidden_by: personIdOf(viewer.actor), hidden_reason: valid.reason, reports: 0 }))) throw new DomainError('post_not_found');
}

export async function unhidePost(db: Db, viewer: Viewer, threadId: string, postId: string): Promise<void> {
	if (!canManageNetwork(viewer)) throw forbidden();
	if (!(await repository.updatePost(db, threadId, postId, { hidden_at: null, hidden_by: null, hidden_reason: '' }))) throw new DomainError('post_not_found');
}

export async function setThreadLocked(db: Db, viewer: Viewer, threadId: string, locked: boolean): Promise<void> {
	if (!canManageNetwork(viewer)) throw forbidden();
	const row = await repository.findThread(db, { id: threadId });
	if (!row) throw new DomainError('thread_not_found');
	await repository.updateThread(db, threadId, { locked_at: locked ? (row.locked_at ?? nowIso()) : null, updated_at: nowIso() });
}

/** A practitioner who reads the thread reports a post to the moderators (once per report; the queue counts them). */
export async function reportPost(db: Db, viewer: Viewer, threadId: string, postId: string): Promise<void> {
	if (!viewer.practitioner) throw forbidden();
	await inTransaction(db, async (trx) => {
		await readableThread(trx, viewer, { id: threadId });
		const post = await repository.findPost(trx, threadId, postId);
		if (!post) throw new DomainError('post_not_found');
		await repository.updatePost(trx, threadId, postId, { reports: post.reports + 1 });
	});
}

export async function moderationQueue(db: Db, viewer: Viewer) {
	if (!canManageNetwork(viewer)) throw forbidden();
	return (await repository.listReportedPosts(db)).map((row) => ({ threadId: row.thread_id, threadRef: row.thread_ref, threadTitle: row.thread_title, postId: row.id, body: row.body, lang: row.lang, reports: row.reports, createdAt: row.created_at }));
}

// ——— Following ———

/** Follow a thread the viewer may read, or a topic (signed-in people; the digest shows only what they may read). */
export async function follow(db: Db, viewer: Viewer, target: { type: 'thread'; threadId: string } | { type: 'topic'; topic: string }): Promise<void> {
	const personId = personIdOf(viewer.actor);
	if (!personId) throw new DomainError('unauthenticated');
	if (target.type === 'thread') await readableThread(db, viewer, { id: target.threadId });
	else if (!(TOPICS as readonly string[]).includes(target.topic)) throw new DomainError('not_found');
	await repository.insertFollow(db, { person_id: personId, target_type: target.type, target: target.type === 'thread' ? target.threadId : target.topic, created_at: nowIso() });
}

export async function unfollow(db: Db, viewer: Viewer, target: { type: 'thread'; threadId: string } | { type: 'topic'; topic: string }): Promise<void> {
	const personId = personIdOf(viewer.actor);
	if (!personId) throw new DomainError('unauthenticated');
	await repository.deleteFollow(db, personId, target.type, target.type === 'thread' ? target.threadId : target.topic);
}

export async function followsOf(db: Db, actor: MaybeActor): Promise<{ threads: Set<string>; topics: Set<string> }> {
	const personId = personIdOf(actor);
	const rows = personId ? await repository.listFollows(db, personId) : [];
	return { threads: new Set(rows.filter((row) => row.target_type === 'thread').map((row) => row.target)), topics: new Set(rows.filter((row) => row.target_type === 'topic').map((row) => row.target)) };
}
