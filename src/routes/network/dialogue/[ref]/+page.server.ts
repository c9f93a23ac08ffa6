// A thread of the inter-city dialogue with its posts as the reader may see them (public pages
// name a post's role and city, practitioners also the person), and the reply form for those who
// may post: practitioners who read the thread, while it is not locked.
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { formFailure, requireActor } from '#lib/server/http/forms.ts';
import { viewerOf } from '#lib/server/network/membership.service.ts';
import { getThread, reply } from '#lib/server/network/dialogue.service.ts';
import { canPost } from '#lib/server/network/network.policy.ts';

export const load: PageServerLoad = async ({ locals, params }) => {
	const viewer = await viewerOf(locals.db, locals.actor);
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
			posts: thread.posts.map((post) => ({ id: post.id, authorName: post.authorName, authorRole: post.authorRole, authorCity: post.authorCity, body: post.body, lang: post.lang, createdAt: post.createdAt.slice(0, 10), hidden: post.hidden }))
		},
		canReply: canPost(viewer, { layer: thread.layer, locked: thread.locked }, pairing)
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
	}
} satisfies Actions;
