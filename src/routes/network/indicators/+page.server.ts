// The network indicator library: every shared indicator a city can adopt, and how many cities
// report it (each links to its joint evaluation).
import type { PageServerLoad } from './$types';
import { compareCities } from '#lib/server/indicators/evaluation.service.ts';
import { listLibrary } from '#lib/server/indicators/indicators.service.ts';
import { typeLabel, unitLabel } from '#lib/indicators/labels.server.ts';
import { frameworkLabels, rightLabel, titleOf } from '#lib/indicators/view.server.ts';
import { formatNumber } from '#lib/i18n/format.ts';

export const load: PageServerLoad = async ({ locals }) => {
	const locale = locals.locale;
	const library = await listLibrary(locals.db);
	const labels = await frameworkLabels(locals.db, locale, ['udhr']);
	const entries = [];
	for (const entry of library) {
		const joint = await compareCities(locals.db, entry.code, locale);
		const reporting = joint.cities.filter((city) => city.latest !== null).length;
		entries.push({
			code: entry.code,
			title: titleOf(entry.title, locale, entry.code),
			type: typeLabel(entry.type),
			right: entry.rightCode ? rightLabel(entry.rightCode, labels) : null,
			unit: unitLabel(entry.unit),
			source: entry.source,
			adopted: formatNumber(joint.cities.length, locale),
			reporting: formatNumber(reporting, locale)
		});
	}
	return { entries };
};
