// The inter-city dialogue: the threads the reader may read, most recently active first, by topic
// or about one good practice, twenty a page; practitioners start a thread here (on a topic or on
// the practice), and signed-in readers follow a topic for the weekly digest.
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, invalid, requireActor } from '#lib/server/http/forms.ts';
import { viewerOf } from '#lib/server/network/membership.service.ts';
import { createThread, follow, followsOf, listThreads, unfollow } from '#lib/server/network/dialogue.service.ts';
import { LAYERS, TOPICS, type ThreadInput } from '#lib/server/network/network.schema.ts';
import { formText } from '../network-view.server.ts';
import { pageOf, practiceOf, THREADS_PER_PAGE, topicOf } from './dialogue-view.server.ts';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { db, actor, locale } = locals;
	const viewer = await viewerOf(db, actor);
	const topic = topicOf(url.searchParams.get('topic'));
	const practice = await practiceOf(db, viewer, url.searchParams.get('practice'), locale);
	const page = pageOf(url.searchParams.get('page'));
	const { threads, total } = await listThreads(db, viewer, { topic, practice: practice ? { cityId: practice.cityId, id: practice.id } : undefined }, { limit: THREADS_PER_PAGE, offset: (page - 1) * THREADS_PER_PAGE });
	const follows = await followsOf(db, actor);
	return {
		filter: { topic: topic ?? '', practice: practice ? { key: practice.key, title: practice.title, cityName: practice.cityName } : null, page },
		threads: threads.map((thread) => ({ ref: thread.ref, title: thread.title, lang: thread.lang, topic: thread.topic, layer: thread.layer, locked: thread.locked, postCount: thread.postCount, lastPostAt: thread.lastPostAt })),
		total,
		pages: Math.max(1, Math.ceil(total / THREADS_PER_PAGE)),
		topics: TOPICS,
		layers: LAYERS,
		signedIn: actor !== null,
		practitioner: viewer.practitioner,
		followsTopic: topic ? follows.topics.has(topic) : false
	};
};

export const actions = {
	start: async (event) => {
		const actor = requireActor(event);
		const form = await event.request.formData();
		const { db, locale } = event.locals;
		const viewer = await viewerOf(db, actor);
		const practiceKey = formText(form, 'practice');
		const practice = practiceKey ? await practiceOf(db, viewer, practiceKey, locale) : undefined;
		if (practiceKey && !practice) return invalid({ form: 'practice_not_found' }, form, { status: 404 });
		const input: ThreadInput = { topic: formText(form, 'topic') as ThreadInput['topic'], layer: (formText(form, 'layer') || 'practitioners') as ThreadInput['layer'], title: formText(form, 'title'), body: formText(form, 'body'), lang: locale };
		let ref: string;
		try {
			ref = (await createThread(db, viewer, { ...input, practice: practice ? { cityId: practice.cityId, id: practice.id } : null })).ref;
		} catch (caught) {
			return formFailure(caught, form);
		}
		redirect(303, `/network/dialogue/${encodeURIComponent(ref)}`);
	},
	follow: async (event) => followTopic(event, true),
	unfollow: async (event) => followTopic(event, false)
} satisfies Actions;

async function followTopic(event: Parameters<Actions['follow']>[0], on: boolean) {
	const actor = requireActor(event);
	const form = await event.request.formData();
	const topic = topicOf(formText(form, 'topic'));
	if (!topic) return invalid({ topic: 'choice_invalid' }, form, { intent: 'follow' });
	const viewer = await viewerOf(event.locals.db, actor);
	try {
		await (on ? follow : unfollow)(event.locals.db, viewer, { type: 'topic', topic });
	} catch (caught) {
		return formFailure(caught, form, { intent: 'follow' });
	}
	redirect(303, `/network/dialogue?topic=${encodeURIComponent(topic)}`);
}
