// One recommendation of the human rights council: what it asks, the city's public response and,
// where accepted, the action of the plan that follows it up, live.
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { getMeeting, getRecommendationByRef } from '#lib/server/participation/council.service.ts';
import { deliveryOf } from '#lib/server/participation/actions-link.ts';
import { text } from '#lib/commitments/present.server.ts';
import { deliveryView } from '#lib/participation/delivery.server.ts';

export const load: PageServerLoad = async ({ locals, params, parent }) => {
	if (!/^[A-Z]{1,3}-\d{1,9}$/.test(params.ref)) error(404, 'recommendation_not_found', { code: 'not_found' });
	const { city } = await parent();
	const recommendation = await orHttpError(() => getRecommendationByRef(locals.db, city.id, params.ref));
	const [delivery, meeting] = await Promise.all([deliveryOf(locals.db, city.id, recommendation.actionId), recommendation.meetingId ? getMeeting(locals.db, city.id, recommendation.meetingId).catch(() => undefined) : undefined]);
	const body = text(recommendation.body, locals.locale);
	const response = text(recommendation.response, locals.locale);
	return {
		city: { slug: city.slug, name: city.displayName },
		recommendation: {
			ref: recommendation.ref,
			title: text(recommendation.title, locals.locale),
			body: body.text ? body : undefined,
			issuedOn: recommendation.issuedOn,
			status: recommendation.status,
			response: response.text ? response : undefined,
			respondedOn: recommendation.respondedOn
		},
		meeting: meeting ? { ref: meeting.ref, title: text(meeting.title, locals.locale), heldOn: meeting.heldOn } : undefined,
		delivery: deliveryView(delivery, locals.locale)
	};
};
