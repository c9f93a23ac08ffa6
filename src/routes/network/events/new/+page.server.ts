// The network admin creates an event; it shows in the list and the calendar feed at once.
import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { isNetworkAdmin } from '#lib/server/accounts/index.ts';
import { formFailure, requireActor } from '#lib/server/http/forms.ts';
import { viewerOf } from '#lib/server/network/membership.service.ts';
import { createEvent } from '#lib/server/network/events.service.ts';
import { eventInputOf, formChoices } from '../event-form.server.ts';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	if (!isNetworkAdmin(actor)) error(403, 'forbidden', { code: 'forbidden' });
	return {
		choices: await formChoices(event.locals.db),
		values: { kind: 'workshop', audience: 'public', lang: event.locals.locale, mode: 'online', timeZone: 'UTC' }
	};
};

export const actions = {
	default: async (event) => {
		const actor = requireActor(event);
		const form = await event.request.formData();
		const { db } = event.locals;
		const viewer = await viewerOf(db, actor);
		if (!isNetworkAdmin(actor)) error(403, 'forbidden', { code: 'forbidden' });
		let ref: string;
		try {
			ref = (await createEvent(db, viewer, eventInputOf(form).input)).ref;
		} catch (caught) {
			return formFailure(caught, form);
		}
		redirect(303, `/network/events/${encodeURIComponent(ref)}`);
	}
} satisfies Actions;
