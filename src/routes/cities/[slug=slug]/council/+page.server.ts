// The city's human rights council in public: the members sitting today (name, seat, organisation,
// term), its meetings and its recommendations, each with the city's response and, where accepted,
// the action that follows it up.
import type { PageServerLoad } from './$types';
import { listMeetings, listMembers, listRecommendations, sitting } from '#lib/server/participation/council.service.ts';
import { text } from '#lib/commitments/present.server.ts';

export const load: PageServerLoad = async ({ locals, parent }) => {
	const { city } = await parent();
	const [members, meetings, recommendations] = await Promise.all([listMembers(locals.db, city.id), listMeetings(locals.db, city.id), listRecommendations(locals.db, city.id)]);
	return {
		city: { slug: city.slug, name: city.displayName },
		members: sitting(members).map((member) => ({ id: member.id, name: member.name, seat: member.seat, organisation: member.organisation, termStart: member.termStart, termEnd: member.termEnd })),
		meetings: meetings.map((meeting) => ({ ref: meeting.ref, title: text(meeting.title, locals.locale), heldOn: meeting.heldOn, status: meeting.status })),
		recommendations: recommendations.map((item) => ({ ref: item.ref, title: text(item.title, locals.locale), issuedOn: item.issuedOn, status: item.status, linked: item.actionId !== null }))
	};
};
