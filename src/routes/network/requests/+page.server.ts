// The network admin's decisions on membership requests: each pending request with its process,
// declaration, motivation and contact (never public), accepted or declined with a public reason
// that goes to the network ledger and to the requester by mail.
import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { isNetworkAdmin } from '#lib/server/accounts/index.ts';
import { decideRequest, listRequests } from '#lib/server/network/membership.service.ts';
import type { DecisionInput } from '#lib/server/network/network.schema.ts';
import { formFailure, invalid, requireActor } from '#lib/server/http/forms.ts';
import { formText, countryOf, reasonOf } from '../network-view.server.ts';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	if (!isNetworkAdmin(actor)) error(403, 'forbidden', { code: 'forbidden' });
	const locale = event.locals.locale;
	const requests = (await listRequests(event.locals.db, actor)).map((request) => ({
		id: request.id,
		ref: request.ref,
		version: request.version,
		applicant: request.applicant,
		name: request.name,
		slug: request.slug,
		orgKind: request.orgKind,
		country: countryOf(request.countryCode, locale),
		level: request.level,
		process: request.process,
		declaration: request.declaration,
		declarationUrl: request.declarationUrl,
		declaredOn: request.declaredOn,
		motivation: request.motivation,
		languages: request.languages,
		population: request.population,
		contact: request.contact,
		status: request.status,
		createdAt: request.createdAt.slice(0, 10),
		decidedAt: request.decidedAt?.slice(0, 10) ?? null,
		reason: reasonOf(request.decisionReason, locale)
	}));
	return {
		pending: requests.filter((request) => request.status === 'pending'),
		decided: requests.filter((request) => request.status !== 'pending').slice(0, 50),
		done: event.url.searchParams.get('decided')
	};
};

export const actions = {
	decide: async (event) => {
		const actor = requireActor(event);
		const form = await event.request.formData();
		const id = formText(form, 'id');
		const version = Number(formText(form, 'version'));
		if (!id || !Number.isInteger(version)) return invalid({ form: 'invalid_input' }, form);
		const input: DecisionInput = { decision: formText(form, 'decision') as 'accept', reason: formText(form, 'reason'), lang: event.locals.locale };
		let ref: string;
		try {
			ref = (await decideRequest(event.locals.db, actor, id, version, input)).ref;
		} catch (caught) {
			return formFailure(caught, form, { intent: id });
		}
		redirect(303, `/network/requests?decided=${encodeURIComponent(ref)}`);
	}
} satisfies Actions;
