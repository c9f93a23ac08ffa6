// One pairing: the two cities, its state, why the mentor was suggested, its goals and meetings
// (participants also read the meeting notes), and its dialogue — threads only the two cities'
// practitioners and the network coordinator read, which they open here.
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { formFailure, requireActor } from '#lib/server/http/forms.ts';
import { viewerOf } from '#lib/server/network/membership.service.ts';
import { getPairing, listMeetings } from '#lib/server/network/pairing.service.ts';
import { createThread, listThreads } from '#lib/server/network/dialogue.service.ts';
import { isPairingParticipant } from '#lib/server/network/network.policy.ts';
import { TOPICS, type ThreadInput } from '#lib/server/network/network.schema.ts';
import { reasonTexts } from '../pairing-view.server.ts';
import { formText } from '../../network-view.server.ts';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { db, actor, locale } = locals;
	const pairing = await orHttpError(() => getPairing(db, params.ref));
	const viewer = await viewerOf(db, actor);
	const participant = viewer.practitioner && isPairingParticipant(actor, { menteeCityId: pairing.mentee.id, mentorCityId: pairing.mentor.id });
	const [meetings, threads] = await Promise.all([listMeetings(db, actor, pairing), participant ? listThreads(db, viewer, { pairingId: pairing.id }) : Promise.resolve({ threads: [], total: 0 })]);
	return {
		pairing: {
			ref: pairing.ref,
			mentee: pairing.mentee,
			mentor: pairing.mentor,
			status: pairing.status,
			message: pairing.message,
			startedOn: pairing.startedOn,
			endsOn: pairing.endsOn,
			endedOn: pairing.endedOn,
			goals: pairing.goals,
			reasons: reasonTexts(pairing.reasons, locale)
		},
		meetings,
		participant,
		threads: threads.threads.map((thread) => ({ ref: thread.ref, title: thread.title, lang: thread.lang, postCount: thread.postCount, lastPostAt: thread.lastPostAt.slice(0, 10) })),
		topics: TOPICS
	};
};

export const actions = {
	thread: async (event) => {
		const actor = requireActor(event);
		const form = await event.request.formData();
		const { db, locale } = event.locals;
		const pairing = await orHttpError(() => getPairing(db, event.params.ref));
		const input: ThreadInput = { topic: formText(form, 'topic') as ThreadInput['topic'], layer: 'practitioners', title: formText(form, 'title'), body: formText(form, 'body'), lang: locale };
		let ref: string;
		try {
			ref = (await createThread(db, await viewerOf(db, actor), { ...input, pairingId: pairing.id })).ref;
		} catch (caught) {
			return formFailure(caught, form);
		}
		redirect(303, `/network/dialogue/${encodeURIComponent(ref)}`);
	}
} satisfies Actions;
