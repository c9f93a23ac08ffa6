// The network admin changes an event (a calendar that has it takes the change: its SEQUENCE
// grows), cancels it (everyone registered is told by mail) or schedules it again.
import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { isNetworkAdmin } from '#lib/server/accounts/index.ts';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { formFailure, invalid, requireActor } from '#lib/server/http/forms.ts';
import { viewerOf } from '#lib/server/network/membership.service.ts';
import { getEvent, setEventCancelled, updateEvent, type NetworkEvent } from '#lib/server/network/events.service.ts';
import { pickText } from '#lib/i18n/localized-text.ts';
import { utcToZoned } from '#lib/server/network/time-zone.ts';
import { eventInputOf, formChoices } from '../../event-form.server.ts';
import { formText } from '../../../network-view.server.ts';

async function adminAndEvent(event: Pick<RequestEvent, 'locals' | 'url' | 'params' | 'request'>) {
	const actor = requireActor(event);
	if (!isNetworkAdmin(actor)) error(403, 'forbidden', { code: 'forbidden' });
	const viewer = await viewerOf(event.locals.db, actor);
	return { viewer, found: await orHttpError(() => getEvent(event.locals.db, viewer, event.params.ref)) };
}

function fieldsOf(found: NetworkEvent, locale: string): Record<string, string> {
	const title = pickText(found.title, locale);
	const lang = title?.lang ?? locale;
	return {
		kind: found.kind,
		audience: found.audience,
		lang,
		title: found.title[lang] ?? '',
		description: found.description[lang] ?? '',
		startsLocal: found.startsLocal,
		endsLocal: found.endsLocal,
		timeZone: found.timeZone,
		mode: found.mode,
		place: found.place,
		onlineUrl: found.onlineUrl ?? '',
		languages: found.languages.join(', '),
		capacity: found.capacity === null ? '' : String(found.capacity),
		registrationClosesLocal: found.registrationClosesAt ? utcToZoned(found.registrationClosesAt, found.timeZone) : '',
		hostCityId: found.host?.id ?? ''
	};
}

export const load: PageServerLoad = async (event) => {
	const { found } = await adminAndEvent(event);
	return {
		ref: found.ref,
		version: found.version,
		cancelled: found.cancelled,
		title: pickText(found.title, event.locals.locale) ?? { text: found.ref, lang: 'en' },
		values: fieldsOf(found, event.locals.locale),
		choices: await formChoices(event.locals.db)
	};
};

function versionOf(form: FormData): number | null {
	const version = Number(formText(form, 'version'));
	return Number.isInteger(version) && version > 0 ? version : null;
}

export const actions = {
	save: async (event) => {
		const { viewer, found } = await adminAndEvent(event);
		const form = await event.request.formData();
		const version = versionOf(form);
		if (version === null) return invalid({ form: 'invalid_input' }, form);
		try {
			await updateEvent(event.locals.db, viewer, found.id, version!, eventInputOf(form, found).input);
		} catch (caught) {
			return formFailure(caught, form);
		}
		redirect(303, `/network/events/${encodeURIComponent(found.ref)}`);
	},
	cancel: async (event) => {
		const { viewer, found } = await adminAndEvent(event);
		const form = await event.request.formData();
		const version = versionOf(form);
		if (version === null) return invalid({ form: 'invalid_input' }, form, { intent: 'status' });
		try {
			await setEventCancelled(event.locals.db, viewer, found.id, version, !found.cancelled);
		} catch (caught) {
			return formFailure(caught, form, { intent: 'status' });
		}
		redirect(303, `/network/events/${encodeURIComponent(found.ref)}`);
	}
} satisfies Actions;
