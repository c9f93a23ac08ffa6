// One event: what, when (in its own time zone), where or online (the link for those registered),
// languages, places left; registering (or the waiting list when full) and giving a place up;
// materials afterwards; the event as an iCalendar file.
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { formFailure, requireActor } from '#lib/server/http/forms.ts';
import { viewerOf } from '#lib/server/network/membership.service.ts';
import { canManageEvents, canRegister } from '#lib/server/network/network.policy.ts';
import { cancelRegistration, getEvent, listMaterials, register } from '#lib/server/network/events.service.ts';
import { eventDetails } from '../event-view.server.ts';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { db, locale } = locals;
	const viewer = await viewerOf(db, locals.actor);
	const event = await orHttpError(() => getEvent(db, viewer, params.ref));
	const materials = await listMaterials(db, viewer, event);
	const open = !event.cancelled && new Date().toISOString() < (event.registrationClosesAt ?? event.startsAt);
	return {
		event: eventDetails(event, locale),
		materials: materials.map((material) => ({ id: material.id, title: material.title, url: material.url, file: material.file, layer: material.layer })),
		manager: canManageEvents(viewer),
		signedIn: locals.actor !== null,
		mayRegister: open && (locals.actor === null || canRegister(viewer, event)),
		done: url.searchParams.get('done')
	};
};

async function registration(event: RequestEvent, change: 'register' | 'cancel') {
	const actor = requireActor(event);
	const form = await event.request.formData();
	const { db } = event.locals;
	const viewer = await viewerOf(db, actor);
	const found = await orHttpError(() => getEvent(db, viewer, event.params.ref));
	let done: string;
	try {
		if (change === 'register') done = await register(db, viewer, found.id);
		else {
			await cancelRegistration(db, viewer, found.id);
			done = 'cancelled';
		}
	} catch (caught) {
		return formFailure(caught, form);
	}
	redirect(303, `/network/events/${encodeURIComponent(found.ref)}?done=${done}`);
}

export const actions = {
	register: (event) => registration(event, 'register'),
	cancel: (event) => registration(event, 'cancel')
} satisfies Actions;
