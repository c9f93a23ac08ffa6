// The city's profile and declaration facts: facts, instruments and notes in the editor's UI
// language (other languages' texts are kept), sources and coordinates.
import type { Actions, PageServerLoad } from './$types';
import { clientIp, formFailure, invalid } from '#lib/server/http/forms.ts';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { parseForm } from '#lib/server/accounts/accounts.schema.ts';
import { cityProfileSchema } from '#lib/server/cities/cities.schema.ts';
import { getEditableProfile, updateCityProfile } from '#lib/server/cities/city-admin.service.ts';
import { cityForAdmin } from '../city-access.server.ts';

/** A language's name in the reader's language ("English", "español", "inglés"). */
function languageName(lang: string, locale: string): string {
	try {
		return new Intl.DisplayNames([locale], { type: 'language' }).of(lang) ?? lang;
	} catch {
		return lang;
	}
}

export const load: PageServerLoad = async (event) => {
	const { actor, city } = await cityForAdmin(event);
	const locale = event.locals.locale;
	const profile = await orHttpError(() => getEditableProfile(event.locals.db, actor, city.id, locale));
	return {
		profile,
		otherNotes: profile.otherNotes.map((note) => ({ ...note, language: languageName(note.lang, locale) })),
		language: languageName(locale, locale)
	};
};

export const actions = {
	save: async (event) => {
		const { actor, city } = await cityForAdmin(event);
		const form = await event.request.formData();
		const parsed = parseForm(cityProfileSchema, form);
		if (!parsed.ok) return invalid(parsed.errors, form);
		try {
			const { changed } = await updateCityProfile(event.locals.db, actor, city.id, parsed.data, { ip: clientIp(event), locale: event.locals.locale });
			return { saved: true as const, changed: changed.length };
		} catch (error) {
			return formFailure(error, form);
		}
	}
} satisfies Actions;
