// One pairing: the two cities, its state, why the mentor was suggested, its goals and meetings
// (participants also read the meeting notes), and its dialogue — threads only the two cities'
// practitioners and the network coordinator read, which they open here. The two cities' staff (and
// the network admin) add goals and mark them reached, record meetings (their notes only the two
// cities read) and end the pairing on a date, with a note.
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { formFailure, requireActor } from '#lib/server/http/forms.ts';
import { viewerOf } from '#lib/server/network/membership.service.ts';
import { addGoal, addMeeting, closePairing, getPairing, listMeetings, setGoalStatus } from '#lib/server/network/pairing.service.ts';
import type { MeetingInput } from '#lib/server/network/network.schema.ts';
import { EVENT_MODES } from '#lib/server/network/network.schema.ts';
import { fieldErrors } from '#lib/server/errors.ts';
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
	// Goals, meetings and the end are the two cities' work (and the network admin's), while the pairing is open.
	const works = isPairingParticipant(actor, { menteeCityId: pairing.mentee.id, mentorCityId: pairing.mentor.id }) && (pairing.status === 'active' || pairing.status === 'proposed');
	const [meetings, threads] = await Promise.all([listMeetings(db, actor, pairing), participant ? listThreads(db, viewer, { pairingId: pairing.id }) : Promise.resolve({ threads: [], total: 0 })]);
	return {
		pairing: {
			ref: pairing.ref,
			mentee: pairing.mentee,
			mentor: pairing.mentor,
			status: pairing.status,
			version: pairing.version,
			message: pairing.message,
			startedOn: pairing.startedOn,
			endsOn: pairing.endsOn,
			endedOn: pairing.endedOn,
			goals: pairing.goals,
			reasons: reasonTexts(pairing.reasons, locale)
		},
		meetings,
		participant,
		works,
		modes: EVENT_MODES,
		today: new Date().toISOString().slice(0, 10),
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
	},
	goal: (event) => work(event, 'goal', (db, actor, pairingId, form, locale) => addGoal(db, actor, pairingId, { text: formText(form, 'text'), lang: locale }), '#goals'),
	goalStatus: (event) => work(event, 'goal-status', (db, actor, pairingId, form) => setGoalStatus(db, actor, pairingId, { goalId: formText(form, 'goalId'), status: formText(form, 'status') }), '#goals'),
	meeting: (event) =>
		work(
			event,
			'meeting',
			(db, actor, pairingId, form, locale) =>
				addMeeting(db, actor, pairingId, { heldOn: formText(form, 'heldOn'), mode: formText(form, 'mode') as MeetingInput['mode'], summary: formText(form, 'summary'), notes: formText(form, 'notes'), lang: locale }),
			'#meetings'
		),
	end: (event) =>
		work(
			event,
			'end',
			(db, actor, pairingId, form, locale) => {
				const version = Number(formText(form, 'version'));
				if (!Number.isInteger(version)) throw fieldErrors({ form: 'invalid_input' });
				return closePairing(db, actor, pairingId, version, { note: formText(form, 'note'), lang: locale, endedOn: formText(form, 'endedOn') || null });
			},
			''
		)
} satisfies Actions;

/** One of the pairing's work forms: the change, then back to the pairing; a problem shows next to the form (its `intent`). */
async function work(
	event: Parameters<Actions['thread']>[0],
	intent: string,
	change: (db: App.Locals['db'], actor: ReturnType<typeof requireActor>, pairingId: string, form: FormData, locale: string) => Promise<unknown>,
	anchor: string
) {
	const actor = requireActor(event);
	const form = await event.request.formData();
	const { db, locale } = event.locals;
	const pairing = await orHttpError(() => getPairing(db, event.params.ref));
	try {
		await change(db, actor, pairing.id, form, locale);
	} catch (caught) {
		return formFailure(caught, form, { intent });
	}
	redirect(303, `/network/pairings/${encodeURIComponent(pairing.ref)}${anchor}`);
}
