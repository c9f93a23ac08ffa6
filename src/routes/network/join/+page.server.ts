// Asking for a city to join the network: its city admin (or the network admin) sends the request
// with the process, the declaration, the languages and a contact; the page also lists the
// requests they sent and the network's decisions with their reasons.
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { isNetworkAdmin } from '#lib/server/accounts/index.ts';
import { listCitySummaries } from '#lib/server/cities/index.ts';
import { listRequests, membershipOfCity, requestMembership } from '#lib/server/network/membership.service.ts';
import type { RequestInput } from '#lib/server/network/network.schema.ts';
import { formFailure, requireActor } from '#lib/server/http/forms.ts';
import { formText, reasonOf } from '../network-view.server.ts';
import { requestCommonOf } from './request-form.server.ts';

/** The form as the service's input; the service's schema names each problem on its field. */
function requestInput(form: FormData): RequestInput {
	const population = formText(form, 'population').replace(/[\s,._']/g, '');
	return {
		applicant: 'city',
		cityId: formText(form, 'cityId'),
		level: formText(form, 'level') as 'member',
		...requestCommonOf(form),
		population: population === '' ? null : /^\d+$/.test(population) ? Number(population) : Number.NaN
	};
}

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const { db } = event.locals;
	const adminOf = actor.roles.filter((held) => held.role === 'city_admin').map((held) => held.cityId);
	const cities = await listCitySummaries(db, adminOf);
	const choices = [];
	for (const city of cities) {
		const membership = await membershipOfCity(db, city.id);
		choices.push({ id: city.id, name: city.displayName, member: membership ? membership.status : null });
	}
	const requests = (await listRequests(db, actor)).map((request) => ({
		ref: request.ref,
		name: request.name,
		level: request.level,
		status: request.status,
		createdAt: request.createdAt.slice(0, 10),
		reason: reasonOf(request.decisionReason, event.locals.locale)
	}));
	return {
		cities: choices.sort((a, b) => a.name.localeCompare(b.name, event.locals.locale)),
		networkAdmin: isNetworkAdmin(actor),
		requests,
		sent: event.url.searchParams.get('sent')
	};
};

export const actions = {
	request: async (event) => {
		const actor = requireActor(event);
		const form = await event.request.formData();
		let ref: string;
		try {
			ref = (await requestMembership(event.locals.db, actor, requestInput(form))).ref;
		} catch (error) {
			return formFailure(error, form);
		}
		redirect(303, `/network/join?sent=${encodeURIComponent(ref)}`);
	}
} satisfies Actions;
