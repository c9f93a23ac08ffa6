// A new indicator of the city's own (city admins and the network admin); shared indicators are
// adopted from the library on the list page instead.
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, invalid } from '#lib/server/http/forms.ts';
import { createIndicator } from '#lib/server/indicators/indicators.service.ts';
import { indicatorFormInput } from '#lib/server/indicators/indicators.schema.ts';
import { isLocale, AUTONYMS } from '#lib/i18n/locales.ts';
import { proposeIndicator, proposalForm } from '#lib/server/indicators/import/define-from-file.ts';
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

/** A data file read to fill in the form is held in memory: far below the server's body limit. */
const MAX_FILE_BYTES = 10 * 1024 * 1024;

export const actions = {
	/**
	 * "New indicator from a file": reads an Open SDG data file and fills the form in with what it
	 * proposes (code, dimensions and values, unit and series as written). Nothing is saved: the
	 * person checks every field and creates the indicator with the form as usual.
	 */
	fromFile: async (event) => {
		await cityForManager(event);
		const form = await event.request.formData();
		const file = form.get('file');
		if (!(file instanceof File) || (file.size === 0 && file.name === '')) return invalid({ file: 'indicator_file_required' }, form);
		if (file.size > MAX_FILE_BYTES) return invalid({ file: 'indicator_file_too_large' }, form);
		const proposed = proposeIndicator(file.name || 'upload.csv', new Uint8Array(await file.arrayBuffer()));
		if (!proposed.ok) return invalid({ file: `indicator_file_${proposed.problem}` }, form);
		const { proposal } = proposed;
		return {
			proposal: {
				file: file.name,
				unitRecognised: proposal.unitRecognised,
				unitText: proposal.unitText ?? '',
				others: [...proposal.units.filter((unit) => unit !== proposal.unitText && unit.toLowerCase() !== proposal.unit), ...proposal.series.filter((item) => item !== proposal.seriesText)],
				values: { ...proposalForm(proposal), type: 'outcome' }
			}
		};
	},
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
