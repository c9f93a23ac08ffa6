// The network indicator library: every shared indicator a city can adopt, and how many cities
// report it (each links to its joint evaluation).
import type { PageServerLoad } from './$types';
import { libraryUse, listLibrary } from '#lib/server/indicators/indicators.service.ts';
import { typeLabel, unitLabel } from '#lib/indicators/labels.server.ts';
import { frameworkLabels, rightLabel, titleOf } from '#lib/indicators/view.server.ts';
import { formatNumber } from '#lib/i18n/format.ts';

export const load: PageServerLoad = async ({ locals }) => {
	const locale = locals.locale;
	const library = await listLibrary(locals.db);
	const [labels, use] = await Promise.all([frameworkLabels(locals.db, locale, ['udhr']), libraryUse(locals.db)]);
	const entries = [];
	for (const entry of library) {
		const counts = use.get(entry.code) ?? { adopted: 0, reporting: 0 };
		entries.push({
			code: entry.code,
			title: titleOf(entry.title, locale, entry.code),
			type: typeLabel(entry.type),
			right: entry.rightCode ? rightLabel(entry.rightCode, labels) : null,
			unit: unitLabel(entry.unit),
			source: entry.source,
			adopted: formatNumber(counts.adopted, locale),
			reporting: formatNumber(counts.reporting, locale)
		});
	}
	return { entries };
};
