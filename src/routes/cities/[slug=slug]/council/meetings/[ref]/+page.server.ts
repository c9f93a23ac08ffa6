// One meeting of the human rights council in public: when and where, its agenda, its minutes once
// held, and the recommendations it gave the city (each with the city's response).
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { getMeetingByRef, listRecommendations } from '#lib/server/participation/council.service.ts';
import { text } from '#lib/commitments/present.server.ts';

const REF = /^CM-\d{1,9}$/;

/** A text the city wrote, as paragraphs (blank lines apart); none when it has no text. */
function paragraphs(localized: Parameters<typeof text>[0], locale: string) {
	const picked = text(localized, locale);
	const parts = picked.text.split(/\n\s*\n/).map((part) => part.trim()).filter(Boolean);
	return parts.length ? { lang: picked.lang, parts } : undefined;
}

export const load: PageServerLoad = async ({ locals, params, parent }) => {
	if (!REF.test(params.ref)) error(404, 'meeting_not_found', { code: 'not_found' });
	const { city } = await parent();
	const locale = locals.locale;
	const meeting = await orHttpError(() => getMeetingByRef(locals.db, city.id, params.ref));
	const recommendations = await listRecommendations(locals.db, city.id, { meetingId: meeting.id });
	return {
		city: { slug: city.slug, name: city.displayName },
		meeting: {
			ref: meeting.ref,
			title: text(meeting.title, locale),
			heldOn: meeting.heldOn,
			place: meeting.place,
			status: meeting.status,
			agenda: paragraphs(meeting.agenda, locale),
			minutes: paragraphs(meeting.minutes, locale)
		},
		recommendations: recommendations.map((item) => ({ ref: item.ref, title: text(item.title, locale), issuedOn: item.issuedOn, status: item.status }))
	};
};
