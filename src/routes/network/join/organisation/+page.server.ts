// Asking to join as an associate member: an association of local authorities, a civil society
// organisation, a university, an international organisation or a municipality on its way. Anyone
// signed in may ask for their organisation; the network admin decides as for a city (and the
// requester becomes a practitioner when accepted).
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requestMembership } from '#lib/server/network/membership.service.ts';
import { ORGANISATION_KINDS, type RequestInput } from '#lib/server/network/network.schema.ts';
import { formFailure, requireActor } from '#lib/server/http/forms.ts';
import { formText } from '../../network-view.server.ts';
import { requestCommonOf } from '../request-form.server.ts';

function organisationInput(form: FormData): RequestInput {
	return {
		applicant: 'organisation',
		orgName: formText(form, 'orgName'),
		orgKind: formText(form, 'orgKind') as 'cso',
		countryCode: formText(form, 'countryCode') || null,
		website: formText(form, 'website') || null,
		level: 'associate',
		...requestCommonOf(form),
		population: null
	};
}

export const load: PageServerLoad = async (event) => {
	requireActor(event);
	return { kinds: ORGANISATION_KINDS };
};

export const actions = {
	request: async (event) => {
		const actor = requireActor(event);
		const form = await event.request.formData();
		let ref: string;
		try {
			ref = (await requestMembership(event.locals.db, actor, organisationInput(form))).ref;
		} catch (caught) {
			return formFailure(caught, form);
		}
		redirect(303, `/network/join?sent=${encodeURIComponent(ref)}`);
	}
} satisfies Actions;
