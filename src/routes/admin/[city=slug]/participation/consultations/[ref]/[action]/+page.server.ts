// One draft action of a consultation at the city's desk: the residents' comments as threads; the
// city gathers comments into clusters and writes its public response to each (in the ledger); a
// moderator hides a comment with a public reason, which keeps the comment's place, or shows it again.
import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { formFailure, invalid } from '#lib/server/http/forms.ts';
import { getActionByRef } from '#lib/server/commitments/index.ts';
import { loadActionConsultation, moderateComment, saveCluster, type Thread } from '#lib/server/participation/consultations.service.ts';
import type { Comment } from '#lib/server/participation/participation.types.ts';
import { text } from '#lib/commitments/present.server.ts';
import { field, inLocale, versionOf } from '#lib/participation/admin-forms.server.ts';
import { openConsultation } from '../../consultation.server.ts';

const ACTION = /^[A-Z]{1,3}-[0-9-]{1,20}$/;

async function open(event: Pick<RequestEvent, 'locals' | 'url' | 'params'> & { params: { city: string; ref: string; action: string } }) {
	const { actor, city, process } = await openConsultation(event);
	if (!ACTION.test(event.params.action)) error(404, 'action_not_found', { code: 'not_found' });
	const action = await getActionByRef(event.locals.db, city.id, event.params.action).catch(() => undefined);
	if (!action || action.planId !== process.planId) error(404, 'action_not_found', { code: 'not_found' });
	return { actor, city, process, action };
}

/** The checked comments of a form (repeated `commentIds` fields). */
function commentIds(form: FormData): string[] {
	return form.getAll('commentIds').filter((value): value is string => typeof value === 'string' && value.length > 0);
}

export const load: PageServerLoad = async (event) => {
	const { process, action } = await open(event);
	const locale = event.locals.locale;
	const view = await loadActionConsultation(event.locals.db, process, action.id);
	const comment = (item: Comment) => ({
		id: item.id,
		body: item.body,
		lang: item.lang,
		hidden: item.status === 'hidden',
		reason: item.moderationReason ?? null,
		role: item.authorRole,
		supports: item.supports,
		createdOn: item.createdAt.slice(0, 10)
	});
	const thread = (item: Thread) => ({ comment: comment(item.comment), replies: item.replies.map(comment) });
	return {
		process: { ref: process.ref, title: text(process.title, locale) },
		action: { ref: action.ref, title: text(action.title, locale) },
		clusters: view.clusters.map((cluster) => ({
			id: cluster.id,
			ref: cluster.ref,
			version: cluster.version,
			shown: text(cluster.title, locale),
			// What the form edits: the texts in the admin's language.
			title: cluster.title[locale] ?? '',
			response: cluster.response[locale] ?? '',
			threads: cluster.threads.map(thread)
		})),
		unclustered: view.unclustered.map(thread)
	};
};

export const actions = {
	cluster: async (event) => {
		const { actor, city, process, action } = await open(event);
		const form = await event.request.formData();
		const locale = event.locals.locale;
		const title = field(form, 'title');
		const response = field(form, 'response');
		try {
			const cluster = await saveCluster(event.locals.db, actor, city.id, process.id, action.id, { title: title ? { [locale]: title } : {}, response: response ? { [locale]: response } : {}, commentIds: commentIds(form) });
			return { clustered: cluster.ref };
		} catch (failure) {
			return formFailure(failure, form, { intent: 'cluster' });
		}
	},
	editCluster: async (event) => {
		const { actor, city, process, action } = await open(event);
		const form = await event.request.formData();
		const version = versionOf(form);
		if (version === undefined) return invalid({ form: 'invalid' }, form, { intent: 'editCluster' });
		const view = await loadActionConsultation(event.locals.db, process, action.id);
		const cluster = view.clusters.find((candidate) => candidate.id === field(form, 'clusterId'));
		if (!cluster) return invalid({ form: 'cluster_not_found' }, form, { intent: 'editCluster', status: 404 });
		const locale = event.locals.locale;
		try {
			await saveCluster(
				event.locals.db,
				actor,
				city.id,
				process.id,
				action.id,
				{ title: inLocale(cluster.title, locale, field(form, 'title')), response: inLocale(cluster.response, locale, field(form, 'response')), commentIds: commentIds(form) },
				{ id: cluster.id, version }
			);
			return { clustered: cluster.ref };
		} catch (failure) {
			return formFailure(failure, form, { intent: 'editCluster' });
		}
	},
	hide: async (event) => {
		const { actor, city } = await open(event);
		const form = await event.request.formData();
		try {
			await moderateComment(event.locals.db, actor, city.id, field(form, 'commentId'), true, { text: field(form, 'reason'), lang: event.locals.locale });
			return { hidden: true as const };
		} catch (failure) {
			return formFailure(failure, form, { intent: 'hide', rename: { text: 'reason' } });
		}
	},
	show: async (event) => {
		const { actor, city } = await open(event);
		const form = await event.request.formData();
		try {
			await moderateComment(event.locals.db, actor, city.id, field(form, 'commentId'), false);
			return { shown: true as const };
		} catch (failure) {
			return formFailure(failure, form, { intent: 'show' });
		}
	}
} satisfies Actions;
