// One council recommendation at the city's desk: the city's public response (accepted, partly
// accepted, rejected — with its text), then, where accepted, the action of the plan that follows
// it up: an existing one, or a new one made from the recommendation.
import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { formFailure, invalid } from '#lib/server/http/forms.ts';
import { createActionForRecommendation, getMeeting, getRecommendationByRef, linkRecommendationToAction, respondToRecommendation } from '#lib/server/participation/council.service.ts';
import { canManageParticipation } from '#lib/server/participation/participation.policy.ts';
import { findActionRef } from '#lib/server/participation/actions-link.ts';
import { listActions, listPlans } from '#lib/server/commitments/index.ts';
import { text } from '#lib/commitments/present.server.ts';
import { field, inLocale, versionOf } from '#lib/participation/admin-forms.server.ts';
import { cityForAdmin } from '../../../../city-access.server.ts';

const REF = /^CR-\d{1,9}$/;
const RESPONSES = ['accepted', 'partly_accepted', 'rejected'] as const;

async function open(event: Pick<RequestEvent, 'locals' | 'url' | 'params'>) {
	const { actor, city } = await cityForAdmin(event);
	if (!canManageParticipation(actor, city.id)) error(403, 'forbidden', { code: 'forbidden' });
	if (!REF.test(event.params.ref)) error(404, 'recommendation_not_found', { code: 'not_found' });
	const recommendation = await orHttpError(() => getRecommendationByRef(event.locals.db, city.id, event.params.ref));
	return { actor, city, recommendation };
}

export const load: PageServerLoad = async (event) => {
	const { city, recommendation } = await open(event);
	const db = event.locals.db;
	const locale = event.locals.locale;
	const [actions, plans, meeting, actionRef] = await Promise.all([
		listActions(db, city.id),
		listPlans(db, city.id),
		recommendation.meetingId ? getMeeting(db, city.id, recommendation.meetingId) : undefined,
		recommendation.actionId ? findActionRef(db, city.id, recommendation.actionId) : undefined
	]);
	return {
		responses: RESPONSES,
		recommendation: {
			ref: recommendation.ref,
			version: recommendation.version,
			title: text(recommendation.title, locale),
			body: text(recommendation.body, locale),
			issuedOn: recommendation.issuedOn,
			status: recommendation.status,
			// What the response form edits: the text in the admin's language.
			response: recommendation.response[locale] ?? '',
			respondedOn: recommendation.respondedOn,
			meeting: meeting ? { ref: meeting.ref, title: text(meeting.title, locale) } : null,
			actionRef: actionRef ?? null
		},
		actions: actions.map((action) => ({ id: action.id, ref: action.ref, title: text(action.title, locale).text })),
		plans: plans.map((plan) => ({ id: plan.id, ref: plan.ref, title: text(plan.title, locale).text }))
	};
};

export const actions = {
	respond: async (event) => {
		const { actor, city, recommendation } = await open(event);
		const form = await event.request.formData();
		const version = versionOf(form);
		if (version === undefined) return invalid({ form: 'invalid' }, form, { intent: 'respond' });
		const locale = event.locals.locale;
		// The response in the admin's language replaces theirs; the other languages are kept.
		const typed = field(form, 'response');
		try {
			await respondToRecommendation(event.locals.db, actor, city.id, recommendation.id, version, { status: field(form, 'status') as (typeof RESPONSES)[number], response: typed ? inLocale(recommendation.response, locale, typed) : {} });
			return { responded: true as const };
		} catch (failure) {
			return formFailure(failure, form, { intent: 'respond' });
		}
	},
	link: async (event) => {
		const { actor, city, recommendation } = await open(event);
		const form = await event.request.formData();
		const version = versionOf(form);
		if (version === undefined) return invalid({ form: 'invalid' }, form, { intent: 'link' });
		try {
			await linkRecommendationToAction(event.locals.db, actor, city.id, recommendation.id, version, field(form, 'actionId'));
			return { linked: true as const };
		} catch (failure) {
			return formFailure(failure, form, { intent: 'link' });
		}
	},
	makeAction: async (event) => {
		const { actor, city, recommendation } = await open(event);
		const form = await event.request.formData();
		const version = versionOf(form);
		if (version === undefined) return invalid({ form: 'invalid' }, form, { intent: 'makeAction' });
		try {
			const title = field(form, 'title');
			await createActionForRecommendation(event.locals.db, actor, city.id, recommendation.id, version, { planId: field(form, 'planId'), title: title ? { [event.locals.locale]: title } : {} });
			return { linked: true as const };
		} catch (failure) {
			return formFailure(failure, form, { intent: 'makeAction' });
		}
	}
} satisfies Actions;
