// The city's indicators for its staff: the list with status and latest value, links to record
// data and import files; for city admins also the network library, each entry not yet adopted
// with its own "adopt" button (one click, one form).
import type { Actions, PageServerLoad } from './$types';
import { formFailure, invalid } from '#lib/server/http/forms.ts';
import { adoptLibraryIndicator, listIndicators, listLibrary } from '#lib/server/indicators/indicators.service.ts';
import { typeLabel, unitLabel } from '#lib/indicators/labels.server.ts';
import { frameworkLabels, rightLabel, summarise, titleOf } from '#lib/indicators/view.server.ts';
import { cityForManager, cityForStaff } from '../staff-access.server.ts';

export const load: PageServerLoad = async (event) => {
	const { city, manager } = await cityForStaff(event);
	const { db, locale } = event.locals;
	const indicators = (await listIndicators(db, city.id)).map((indicator) => summarise(indicator, locale));
	let library: { code: string; title: { text: string; lang: string }; type: string; right: string | null; unit: string; source: string }[] = [];
	if (manager) {
		const labels = await frameworkLabels(db, locale, ['udhr']);
		library = (await listLibrary(db, city.id))
			.filter((entry) => !entry.adopted)
			.map((entry) => ({
				code: entry.code,
				title: titleOf(entry.title, locale, entry.code),
				type: typeLabel(entry.type),
				right: entry.rightCode ? rightLabel(entry.rightCode, labels) : null,
				unit: unitLabel(entry.unit),
				source: entry.source
			}));
	}
	const deleted = event.url.searchParams.get('deleted');
	return { manager, indicators, library, deleted: deleted && /^[a-z0-9.-]{1,80}$/.test(deleted) ? deleted : null };
};

export const actions = {
	adopt: async (event) => {
		const { actor, city } = await cityForManager(event);
		const form = await event.request.formData();
		const code = form.get('libraryCode');
		if (typeof code !== 'string' || code === '') return invalid({ libraryCode: 'invalid_input' }, form, { values: {} });
		try {
			const indicator = await adoptLibraryIndicator(event.locals.db, actor, city.id, code);
			return { adopted: indicator.code };
		} catch (error) {
			return formFailure(error, form);
		}
	}
} satisfies Actions;
