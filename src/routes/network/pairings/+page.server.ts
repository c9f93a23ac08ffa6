// Pairing new cities with experienced ones. Everyone sees the pairings under way and completed;
// a member city's admin sees the suggested mentors with the reasons, asks one, and accepts what
// another city asked of theirs.
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { listCitySummaries } from '#lib/server/cities/index.ts';
import { membershipOfCity } from '#lib/server/network/membership.service.ts';
import { acceptPairing, listPairings, pairingsOfCity, requestPairing, suggestMentors, type Pairing } from '#lib/server/network/pairing.service.ts';
import { formFailure, invalid, requireActor } from '#lib/server/http/forms.ts';
import { reasonTexts } from './pairing-view.server.ts';
import { formText } from '../network-view.server.ts';

function row(pairing: Pairing) {
	return { id: pairing.id, ref: pairing.ref, version: pairing.version, mentee: pairing.mentee, mentor: pairing.mentor, status: pairing.status, startedOn: pairing.startedOn, endsOn: pairing.endsOn, endedOn: pairing.endedOn };
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const { db, actor, locale } = locals;
	const pairings = (await listPairings(db, ['active', 'ended'])).map(row);
	const mine = [];
	if (actor) {
		const adminOf = [...new Set(actor.roles.filter((held) => held.role === 'city_admin').map((held) => held.cityId))];
		for (const city of await listCitySummaries(db, adminOf)) {
			const membership = await membershipOfCity(db, city.id);
			if (membership?.status !== 'active') continue;
			const own = await pairingsOfCity(db, city.id, ['proposed', 'active']);
			const suggestions = (await suggestMentors(db, city.id, { limit: 5 })).map((suggestion) => ({ city: suggestion.city, reasons: reasonTexts(suggestion.reasons, locale) }));
			mine.push({
				city: { id: city.id, name: city.displayName },
				suggestions: membership.level === 'member' || membership.level === 'guest' ? suggestions : [],
				pairings: own.map((pairing) => ({
					...row(pairing),
					/** This city's side has still to accept. */
					toAccept:
						pairing.status === 'proposed' && ((pairing.mentor.id === city.id && !pairing.mentorAcceptedAt) || (pairing.mentee.id === city.id && !pairing.menteeAcceptedAt))
				}))
			});
		}
	}
	return { pairings, mine, asked: url.searchParams.get('asked') };
};

export const actions = {
	ask: async (event) => {
		const actor = requireActor(event);
		const form = await event.request.formData();
		const endsOn = formText(form, 'endsOn');
		let ref: string;
		try {
			ref = (await requestPairing(event.locals.db, actor, { menteeCityId: formText(form, 'menteeCityId'), mentorCityId: formText(form, 'mentorCityId'), message: formText(form, 'message'), endsOn: endsOn || null })).ref;
		} catch (caught) {
			return formFailure(caught, form, { intent: `ask-${formText(form, 'menteeCityId')}` });
		}
		redirect(303, `/network/pairings?asked=${encodeURIComponent(ref)}`);
	},
	accept: async (event) => {
		const actor = requireActor(event);
		const form = await event.request.formData();
		const id = formText(form, 'id');
		const version = Number(formText(form, 'version'));
		if (!id || !Number.isInteger(version)) return invalid({ form: 'invalid_input' }, form, { intent: `accept-${id}` });
		let ref: string;
		try {
			ref = (await acceptPairing(event.locals.db, actor, id, version)).ref;
		} catch (caught) {
			return formFailure(caught, form, { intent: `accept-${id}` });
		}
		redirect(303, `/network/pairings/${encodeURIComponent(ref)}`);
	}
} satisfies Actions;
