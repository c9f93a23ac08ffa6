// A city's staff (or the network admin) write a new good practice of the city: it is kept as a
// draft, and the edit page (where files are added and the practice is published) opens next.
import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { isLocale } from '#lib/i18n/locales.ts';
import { findCityBySlug } from '#lib/server/cities/index.ts';
import { formFailure, requireActor } from '#lib/server/http/forms.ts';
import { createPractice } from '#lib/server/network/practices.service.ts';
import { practiceChoices, practiceFields, practiceInputOf, requirePracticeWriter } from '../../practice-form.server.ts';

async function writerAndCity(event: Pick<RequestEvent, 'locals' | 'url' | 'params' | 'request'>) {
	const actor = requireActor(event);
	const city = await findCityBySlug(event.locals.db, event.params.city);
	if (!city) error(404, 'practice_not_found', { code: 'practice_not_found' });
	requirePracticeWriter(actor, city.id);
	return { actor, city };
}

export const load: PageServerLoad = async (event) => {
	const { city } = await writerAndCity(event);
	const asked = event.url.searchParams.get('text');
	return { city: { slug: city.slug, name: city.display_name }, values: practiceFields(undefined, isLocale(asked) ? asked : event.locals.locale), choices: practiceChoices(0) };
};

export const actions = {
	default: async (event) => {
		const { actor, city } = await writerAndCity(event);
		const form = await event.request.formData();
		let ref: string;
		try {
			ref = (await createPractice(event.locals.db, actor, city.id, practiceInputOf(form).input)).ref;
		} catch (caught) {
			return formFailure(caught, form);
		}
		redirect(303, `/network/practices/${city.slug}/${encodeURIComponent(ref)}/edit?done=created`);
	}
} satisfies Actions;
