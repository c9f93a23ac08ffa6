// One council meeting at the city's desk: its title, date, place and agenda (in the admin's
// language; the other languages are kept), then the minutes and the state — held minutes are
// published on the city's public council page as soon as they are saved.
import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { formFailure, invalid } from '#lib/server/http/forms.ts';
import { getMeetingByRef, listRecommendations, updateMeeting } from '#lib/server/participation/council.service.ts';
import { canManageParticipation } from '#lib/server/participation/participation.policy.ts';
import { MEETING_STATUSES } from '#lib/server/participation/participation.schema.ts';
import { text } from '#lib/commitments/present.server.ts';
import { field, inLocale, versionOf } from '#lib/participation/admin-forms.server.ts';
import { cityForAdmin } from '../../../../city-access.server.ts';

const REF = /^CM-\d{1,9}$/;

async function open(event: Pick<RequestEvent, 'locals' | 'url' | 'params'>) {
	const { actor, city } = await cityForAdmin(event);
	if (!canManageParticipation(actor, city.id)) error(403, 'forbidden', { code: 'forbidden' });
	if (!REF.test(event.params.ref)) error(404, 'meeting_not_found', { code: 'not_found' });
	const meeting = await orHttpError(() => getMeetingByRef(event.locals.db, city.id, event.params.ref));
	return { actor, city, meeting };
}

export const load: PageServerLoad = async (event) => {
	const { city, meeting } = await open(event);
	const locale = event.locals.locale;
	const recommendations = await listRecommendations(event.locals.db, city.id, { meetingId: meeting.id });
	return {
		statuses: MEETING_STATUSES,
		meeting: {
			ref: meeting.ref,
			version: meeting.version,
			shown: text(meeting.title, locale),
			// What the form edits: the texts in the admin's language (empty when there is none yet).
			title: meeting.title[locale] ?? '',
			agenda: meeting.agenda[locale] ?? '',
			minutes: meeting.minutes[locale] ?? '',
			heldOn: meeting.heldOn,
			place: meeting.place ?? '',
			status: meeting.status
		},
		recommendations: recommendations.map((item) => ({ ref: item.ref, title: text(item.title, locale), status: item.status }))
	};
};

export const actions = {
	save: async (event) => {
		const { actor, city, meeting } = await open(event);
		const form = await event.request.formData();
		const version = versionOf(form);
		if (version === undefined) return invalid({ form: 'invalid' }, form, { intent: 'save' });
		const locale = event.locals.locale;
		try {
			await updateMeeting(event.locals.db, actor, city.id, meeting.id, version, {
				title: inLocale(meeting.title, locale, field(form, 'title')),
				heldOn: field(form, 'heldOn'),
				place: field(form, 'place') || null,
				agenda: inLocale(meeting.agenda, locale, field(form, 'agenda')),
				minutes: inLocale(meeting.minutes, locale, field(form, 'minutes')),
				status: field(form, 'status') as (typeof MEETING_STATUSES)[number]
			});
			return { saved: true as const };
		} catch (failure) {
			return formFailure(failure, form, { intent: 'save' });
		}
	}
} satisfies Actions;
