// One event: what, when (in its own time zone), where or online (the link for those registered),
// languages, places left; registering (or the waiting list when full) and giving a place up;
// materials afterwards; the event as an iCalendar file.
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { formFailure, requireActor } from '#lib/server/http/forms.ts';
import { viewerOf } from '#lib/server/network/membership.service.ts';
import { canManageEvents, canManageMaterials, canRegister } from '#lib/server/network/network.policy.ts';
import { addMaterial, cancelRegistration, getEvent, listMaterials, register, removeMaterial } from '#lib/server/network/events.service.ts';
import { LOCALES } from '#lib/i18n/locales.ts';
import { LAYERS } from '#lib/server/network/network.schema.ts';
import { EVIDENCE_MAX_BYTES } from '#lib/server/commitments/vocabulary.ts';
import { ACCEPTED_EXTENSIONS } from '#lib/server/files/file-type.ts';
import { uploadedFiles } from '../../practices/practice-form.server.ts';
import { formText } from '../../network-view.server.ts';
import { eventDetails } from '../event-view.server.ts';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { db, locale } = locals;
	const viewer = await viewerOf(db, locals.actor);
	const event = await orHttpError(() => getEvent(db, viewer, params.ref));
	const materials = await listMaterials(db, viewer, event);
	const open = !event.cancelled && new Date().toISOString() < (event.registrationClosesAt ?? event.startsAt);
	return {
		event: eventDetails(event, locale),
		// The reader's language first, then the others as added.
		materials: materials
			.map((material) => ({ id: material.id, title: material.title, url: material.url, file: material.file, layer: material.layer, lang: material.lang }))
			.sort((a, b) => Number(b.lang === locale) - Number(a.lang === locale)),
		manager: canManageEvents(viewer),
		organiser: canManageMaterials(viewer, { host_city_id: event.host?.id ?? null }),
		materialChoices: { locales: LOCALES, layers: LAYERS, maxMb: EVIDENCE_MAX_BYTES / 1024 / 1024, extensions: ACCEPTED_EXTENSIONS },
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

/** The network admin or the organiser adds or removes a material (a file or a link, in a language). */
async function material(event: RequestEvent, change: 'add' | 'remove') {
	const actor = requireActor(event);
	const form = await event.request.formData();
	const { db, files } = event.locals;
	const viewer = await viewerOf(db, actor);
	const found = await orHttpError(() => getEvent(db, viewer, event.params.ref));
	try {
		if (change === 'add') {
			await addMaterial(db, files, viewer, found.id, { title: formText(form, 'title'), url: formText(form, 'url') || null, layer: formText(form, 'layer'), lang: formText(form, 'lang') || null }, await uploadedFiles(form, 'file'));
		} else {
			await removeMaterial(db, files, viewer, found.id, formText(form, 'materialId'));
		}
	} catch (caught) {
		return formFailure(caught, form, { intent: change === 'add' ? 'material' : 'unmaterial', rename: { files: 'file' } });
	}
	redirect(303, `/network/events/${encodeURIComponent(found.ref)}?done=material_${change === 'add' ? 'added' : 'removed'}#materials`);
}

export const actions = {
	register: (event) => registration(event, 'register'),
	cancel: (event) => registration(event, 'cancel'),
	material: (event) => material(event, 'add'),
	unmaterial: (event) => material(event, 'remove')
} satisfies Actions;
