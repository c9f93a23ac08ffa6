// A new indicator of the city's own (city admins and the network admin); shared indicators are
// adopted from the library on the list page instead.
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, invalid } from '#lib/server/http/forms.ts';
import { createIndicator } from '#lib/server/indicators/indicators.service.ts';
import { indicatorFormInput } from '#lib/server/indicators/indicators.schema.ts';
import { isLocale, AUTONYMS } from '#lib/i18n/locales.ts';
import { cityForManager } from '../../staff-access.server.ts';
import { definitionOptions, textLanguages, textLocaleOf } from '../definition-form.server.ts';

export const load: PageServerLoad = async (event) => {
	await cityForManager(event);
	const textLocale = textLocaleOf(event.url, event.locals.locale);
	return {
		options: await definitionOptions(event.locals.db, event.locals.locale),
		textLocale,
		textLanguage: AUTONYMS[textLocale],
		textLanguages: textLanguages(textLocale)
	};
};

export const actions = {
	create: async (event) => {
		const { actor, city } = await cityForManager(event);
		const form = await event.request.formData();
		const textLocale = form.get('textLocale');
		if (!isLocale(textLocale)) return invalid({ form: 'invalid_input' }, form);
		let code: string;
		try {
			code = (await createIndicator(event.locals.db, actor, city.id, indicatorFormInput(form), { locale: textLocale })).code;
		} catch (error) {
			return formFailure(error, form);
		}
		redirect(303, `/admin/${city.slug}/indicators/${code}?created=1`);
	}
} satisfies Actions;
