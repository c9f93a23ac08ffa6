// A city's districts, kept by its admins as `code: name` lines (names in the editor's language).
import type { Actions, PageServerLoad } from './$types';
import { clientIp, formFailure } from '#lib/server/http/forms.ts';
import { districtsText, listDistricts, saveDistricts } from '#lib/server/cities/districts.service.ts';
import { cityForAdmin } from '../city-access.server.ts';

export const load: PageServerLoad = async (event) => {
	const { city } = await cityForAdmin(event);
	const districts = await listDistricts(event.locals.db, city.id);
	return {
		text: districtsText(districts, event.locals.locale),
		count: districts.length,
		/** Districts without a name in the reader's language (they show another language's name). */
		untranslated: districts.filter((district) => !district.name[event.locals.locale]).map((district) => district.code)
	};
};

export const actions = {
	save: async (event) => {
		const { actor, city } = await cityForAdmin(event);
		const form = await event.request.formData();
		const text = form.get('districts');
		try {
			const saved = await saveDistricts(event.locals.db, actor, city.id, typeof text === 'string' ? text : '', { locale: event.locals.locale, ip: clientIp(event) });
			return { saved: true as const, count: saved.length };
		} catch (error) {
			return formFailure(error, form);
		}
	}
} satisfies Actions;
