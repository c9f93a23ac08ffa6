// One draft action of a consultation on the action plan: residents' comments as threads (one
// level of replies), grouped under the city's clusters with its public response; during the
// consultation phase a resident comments, replies and supports others' comments with plain POST
// forms (a one-time key makes a double submission one comment).
import { error } from '@sveltejs/kit';
import { randomBytes } from 'node:crypto';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { formFailure, requireActor } from '#lib/server/http/forms.ts';
import { getCity } from '#lib/server/cities/index.ts';
import { getActionByRef } from '#lib/server/commitments/index.ts';
import { getProcessByRef, isPhaseOpen } from '#lib/server/participation/processes.service.ts';
import { addComment, commentsSupportedBy, loadActionConsultation, supportComment, type Thread } from '#lib/server/participation/consultations.service.ts';
import { takePartProblem } from '#lib/server/participation/participation.policy.ts';
import type { Comment } from '#lib/server/participation/participation.types.ts';
import type { Process } from '#lib/server/participation/participation.types.ts';
import type { Db } from '#lib/server/db/database.ts';
import { text } from '#lib/commitments/present.server.ts';
import { field } from '#lib/participation/admin-forms.server.ts';

const REF = /^PP-\d{1,9}$/;
const ACTION = /^[A-Z]{1,3}-[0-9-]{1,20}$/;

/** The consultation (a process with a consultation phase) and the draft action of the address. */
async function consultation(db: Db, cityId: string, params: { ref: string; action: string }): Promise<{ process: Process; actionId: string }> {
	if (!REF.test(params.ref) || !ACTION.test(params.action)) error(404, 'not_found', { code: 'not_found' });
	const process = await orHttpError(() => getProcessByRef(db, cityId, params.ref));
	if (!process.planId || !process.phases.some((phase) => phase.kind === 'consultation')) error(404, 'process_not_found', { code: 'not_found' });
	const action = await getActionByRef(db, cityId, params.action).catch(() => undefined);
	if (!action || action.planId !== process.planId) error(404, 'action_not_found', { code: 'not_found' });
	return { process, actionId: action.id };
}

export const load: PageServerLoad = async ({ locals, params, parent }) => {
	const { city } = await parent();
	const locale = locals.locale;
	const { process, actionId } = await consultation(locals.db, city.id, params);
	const view = await loadActionConsultation(locals.db, process, actionId);
	const all = [...view.clusters.flatMap((cluster) => cluster.threads), ...view.unclustered].flatMap((thread) => [thread.comment, ...thread.replies]);
	const actor = locals.actor && !locals.actor.system ? locals.actor : null;
	const supported = actor ? await commentsSupportedBy(locals.db, city.id, actor.personId, all.map((comment) => comment.id)) : new Set<string>();
	const open = isPhaseOpen(process, 'consultation');
	const comment = (item: Comment) => ({
		id: item.id,
		// A hidden comment keeps its place with the moderators' reason instead of its text.
		body: item.status === 'hidden' ? undefined : item.body,
		lang: item.lang,
		reason: item.status === 'hidden' ? (item.moderationReason ?? undefined) : undefined,
		role: item.authorRole,
		supports: item.supports,
		own: Boolean(actor && item.authorId === actor.personId),
		supported: supported.has(item.id),
		createdOn: item.createdAt.slice(0, 10)
	});
	const thread = (item: Thread) => ({ comment: comment(item.comment), replies: item.replies.map(comment) });
	return {
		city: { slug: city.slug, name: city.displayName },
		process: { ref: process.ref, title: text(process.title, locale) },
		action: { ref: view.action.ref, title: text(view.action.title, locale), description: text(view.action.description, locale) },
		clusters: view.clusters.map((cluster) => {
			const response = text(cluster.response, locale);
			return { ref: cluster.ref, title: text(cluster.title, locale), response: response.text ? response : undefined, respondedOn: cluster.respondedAt?.slice(0, 10), threads: cluster.threads.map(thread) };
		}),
		unclustered: view.unclustered.map(thread),
		comments: view.comments,
		open,
		problem: open ? takePartProblem(locals.actor, city.id, process.levels.support) : undefined,
		submissionKey: randomBytes(16).toString('base64url')
	};
};

async function target(event: RequestEvent) {
	const actor = requireActor(event);
	const city = await orHttpError(() => getCity(event.locals.db, event.params.slug));
	const found = await consultation(event.locals.db, city.id, { ref: event.params.ref ?? '', action: event.params.action ?? '' });
	return { actor, city, ...found, form: await event.request.formData() };
}

export const actions = {
	comment: async (event) => {
		const { actor, city, process, actionId, form } = await target(event);
		// An empty key is refused by the service (after it checks who is commenting).
		const key = field(form, 'submissionKey');
		try {
			await addComment(event.locals.db, actor, city.id, process.id, actionId, { body: field(form, 'body'), lang: event.locals.locale, parentId: field(form, 'parentId') || null }, { submissionKey: key });
			return { commented: true as const };
		} catch (failure) {
			return formFailure(failure, form, { intent: 'comment', rename: { form: 'body', parentId: 'body' } });
		}
	},
	support: async (event) => {
		const { actor, city, form } = await target(event);
		try {
			await supportComment(event.locals.db, actor, city.id, field(form, 'commentId'));
			return { supportedComment: true as const };
		} catch (failure) {
			return formFailure(failure, form, { intent: 'support' });
		}
	}
} satisfies Actions;
