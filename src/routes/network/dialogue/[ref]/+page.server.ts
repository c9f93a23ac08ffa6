// A thread of the inter-city dialogue with its posts as the reader may see them (public pages
// name a post's role and city, practitioners also the person), and the reply form for those who
// may post: practitioners who read the thread, while it is not locked. Signed-in readers follow it
// (the weekly digest tells them what is new); the network admin hides a post with a public reason
// and locks the thread.
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { formFailure, requireActor } from '#lib/server/http/forms.ts';
import { viewerOf } from '#lib/server/network/membership.service.ts';
import { follow, followsOf, getThread, hidePost, reply, setThreadLocked, unfollow, unhidePost } from '#lib/server/network/dialogue.service.ts';
import { canManageNetwork, canPost } from '#lib/server/network/network.policy.ts';
import type { Db } from '#lib/server/db/database.ts';
import type { Actor } from '#lib/server/accounts/index.ts';
import { formText } from '../../network-view.server.ts';

export const load: PageServerLoad = async ({ locals, params }) => {
	const viewer = await viewerOf(locals.db, locals.actor);
	const follows = await followsOf(locals.db, locals.actor);
	const thread = await orHttpError(() => getThread(locals.db, viewer, params.ref));
	const pairing = thread.pairing ? { menteeCityId: thread.pairing.menteeCityId, mentorCityId: thread.pairing.mentorCityId } : undefined;
	return {
		thread: {
			ref: thread.ref,
			title: thread.title,
			lang: thread.lang,
			topic: thread.topic,
			layer: thread.layer,
			locked: thread.locked,
			pairingRef: thread.pairing?.ref ?? null,
			posts: thread.posts.map((post) => ({ id: post.id, authorName: post.authorName, authorRole: post.authorRole, authorCity: post.authorCity, body: post.body, lang: post.lang, createdAt: post.createdAt.slice(0, 10), hidden: post.hidden, hiddenReason: post.hiddenReason }))
		},
		canReply: canPost(viewer, { layer: thread.layer, locked: thread.locked }, pairing),
		moderator: canManageNetwork(viewer),
		signedIn: locals.actor !== null,
		following: follows.threads.has(thread.id)
	};
};

export const actions = {
	reply: async (event) => {
		const actor = requireActor(event);
		const form = await event.request.formData();
		const { db, locale } = event.locals;
		const viewer = await viewerOf(db, actor);
		const thread = await orHttpError(() => getThread(db, viewer, event.params.ref));
		const body = form.get('body');
		try {
			await reply(db, viewer, thread.id, { body: typeof body === 'string' ? body : '', lang: locale });
		} catch (caught) {
			return formFailure(caught, form);
		}
		redirect(303, `/network/dialogue/${encodeURIComponent(thread.ref)}#replies`);
	},
	follow: (event) => act(event, 'follow', (db, viewer, threadId) => follow(db, viewer, { type: 'thread', threadId })),
	unfollow: (event) => act(event, 'follow', (db, viewer, threadId) => unfollow(db, viewer, { type: 'thread', threadId })),
	hide: (event) => act(event, 'hide', (db, viewer, threadId, form) => hidePost(db, viewer, threadId, formText(form, 'postId'), { reason: formText(form, 'reason') })),
	unhide: (event) => act(event, 'hide', (db, viewer, threadId, form) => unhidePost(db, viewer, threadId, formText(form, 'postId'))),
	lock: (event) => act(event, 'lock', (db, viewer, threadId) => setThreadLocked(db, viewer, threadId, true)),
	unlock: (event) => act(event, 'lock', (db, viewer, threadId) => setThreadLocked(db, viewer, threadId, false))
} satisfies Actions;

type Viewer = Awaited<ReturnType<typeof viewerOf>>;

/**
 * One of the thread's small forms: the thread as the actor may read it, the change, then back to
 * the thread; a refusal or bad input is shown next to the form it came from (by its `intent`, the
 * post's id for a hide form).
 */
async function act(
	event: Parameters<Actions['reply']>[0],
	kind: 'follow' | 'hide' | 'lock',
	change: (db: Db, viewer: Viewer, threadId: string, form: FormData) => Promise<unknown>
) {
	const actor: Actor = requireActor(event);
	const form = await event.request.formData();
	const { db } = event.locals;
	const viewer = await viewerOf(db, actor);
	const thread = await orHttpError(() => getThread(db, viewer, event.params.ref));
	const intent = kind === 'hide' ? formText(form, 'postId') : kind;
	try {
		await change(db, viewer, thread.id, form);
	} catch (caught) {
		return formFailure(caught, form, { intent });
	}
	redirect(303, `/network/dialogue/${encodeURIComponent(thread.ref)}${kind === 'hide' ? '#replies' : ''}`);
}
