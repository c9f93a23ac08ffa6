// The city's human rights council in public: its meetings and its recommendations, each with the
// city's response and, where accepted, the action that follows it up.
import type { PageServerLoad } from './$types';
import { listMeetings, listRecommendations } from '#lib/server/participation/council.service.ts';
import { text } from '#lib/commitments/present.server.ts';

export const load: PageServerLoad = async ({ locals, parent }) => {
	const { city } = await parent();
	const [meetings, recommendations] = await Promise.all([listMeetings(locals.db, city.id), listRecommendations(locals.db, city.id)]);
	return {
		city: { slug: city.slug, name: city.displayName },
		meetings: meetings.map((meeting) => ({ ref: meeting.ref, title: text(meeting.title, locals.locale), heldOn: meeting.heldOn, status: meeting.status })),
		recommendations: recommendations.map((item) => ({ ref: item.ref, title: text(item.title, locals.locale), issuedOn: item.issuedOn, status: item.status, linked: item.actionId !== null }))
	};
};
