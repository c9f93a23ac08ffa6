// The city's human rights council at its desk: the members (appoint one to a seat, end a term;
// the sitting members are the public roster), the meetings (schedule one; each has its own page
// for the agenda and minutes) and the recommendations (record one, from a meeting or not; each
// has its own page for the city's response and the action that follows it up).
import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { formFailure, invalid } from '#lib/server/http/forms.ts';
import { addMember, createMeeting, createRecommendation, listMeetings, listMembers, listRecommendations, sitting, updateMember } from '#lib/server/participation/council.service.ts';
import { canManageParticipation } from '#lib/server/participation/participation.policy.ts';
import { SEATS } from '#lib/server/participation/participation.schema.ts';
import { todayIso } from '#lib/server/db/ids.ts';
import { text } from '#lib/commitments/present.server.ts';
import { field, versionOf } from '#lib/participation/admin-forms.server.ts';
import { cityForAdmin } from '../../city-access.server.ts';

async function open(event: Pick<RequestEvent, 'locals' | 'url' | 'params'>) {
	const { actor, city } = await cityForAdmin(event);
	if (!canManageParticipation(actor, city.id)) error(403, 'forbidden', { code: 'forbidden' });
	return { actor, city };
}

/** A text typed in the admin's language, as the service's text per language (empty: none). */
function typed(form: FormData, name: string, locale: string): Record<string, string> {
	const value = field(form, name);
	return value ? { [locale]: value } : {};
}

export const load: PageServerLoad = async (event) => {
	const { city } = await open(event);
	const db = event.locals.db;
	const locale = event.locals.locale;
	const [members, meetings, recommendations] = await Promise.all([listMembers(db, city.id), listMeetings(db, city.id), listRecommendations(db, city.id)]);
	const seated = new Set(sitting(members).map((member) => member.id));
	const meetingRefs = new Map(meetings.map((meeting) => [meeting.id, meeting.ref]));
	return {
		seats: SEATS,
		today: todayIso(),
		members: members.map((member) => ({ ...member, sitting: seated.has(member.id) })),
		meetings: meetings.map((meeting) => ({ id: meeting.id, ref: meeting.ref, title: text(meeting.title, locale), heldOn: meeting.heldOn, status: meeting.status })),
		recommendations: recommendations.map((item) => ({ ref: item.ref, title: text(item.title, locale), issuedOn: item.issuedOn, status: item.status, meetingRef: item.meetingId ? (meetingRefs.get(item.meetingId) ?? null) : null, linked: item.actionId !== null }))
	};
};

export const actions = {
	appoint: async (event) => {
		const { actor, city } = await open(event);
		const form = await event.request.formData();
		try {
			const member = await addMember(event.locals.db, actor, city.id, {
				name: field(form, 'name'),
				seat: field(form, 'seat') as (typeof SEATS)[number],
				organisation: field(form, 'organisation') || null,
				termStart: field(form, 'termStart'),
				termEnd: field(form, 'termEnd') || null
			});
			return { appointed: member.name };
		} catch (failure) {
			return formFailure(failure, form, { intent: 'appoint' });
		}
	},
	endTerm: async (event) => {
		const { actor, city } = await open(event);
		const form = await event.request.formData();
		const version = versionOf(form);
		const memberId = field(form, 'memberId');
		if (version === undefined) return invalid({ form: 'invalid' }, form, { intent: 'endTerm' });
		const member = (await listMembers(event.locals.db, city.id)).find((candidate) => candidate.id === memberId);
		if (!member) return invalid({ form: 'member_not_found' }, form, { intent: 'endTerm', status: 404 });
		try {
			await updateMember(event.locals.db, actor, city.id, member.id, version, { name: member.name, seat: member.seat, organisation: member.organisation, termStart: member.termStart, termEnd: field(form, 'termEnd') });
			return { ended: member.name };
		} catch (failure) {
			return formFailure(failure, form, { intent: 'endTerm' });
		}
	},
	schedule: async (event) => {
		const { actor, city } = await open(event);
		const form = await event.request.formData();
		const locale = event.locals.locale;
		try {
			const meeting = await createMeeting(event.locals.db, actor, city.id, { title: typed(form, 'title', locale), heldOn: field(form, 'heldOn'), place: field(form, 'place') || null, agenda: typed(form, 'agenda', locale) });
			return { scheduled: meeting.ref };
		} catch (failure) {
			return formFailure(failure, form, { intent: 'schedule' });
		}
	},
	recommend: async (event) => {
		const { actor, city } = await open(event);
		const form = await event.request.formData();
		const locale = event.locals.locale;
		try {
			const recommendation = await createRecommendation(event.locals.db, actor, city.id, {
				title: typed(form, 'title', locale),
				body: typed(form, 'body', locale),
				issuedOn: field(form, 'issuedOn'),
				meetingId: field(form, 'meetingId') || null
			});
			return { recorded: recommendation.ref };
		} catch (failure) {
			return formFailure(failure, form, { intent: 'recommend' });
		}
	}
} satisfies Actions;
