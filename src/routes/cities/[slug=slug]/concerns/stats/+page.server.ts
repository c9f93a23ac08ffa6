// The public statistics of a city's concerns: counts by right, district, month and status, and
// time to resolution, with small numbers suppressed (and the cells that would give them away).
import type { PageServerLoad } from './$types';
import { loadConcernStats } from '#lib/server/concerns/stats.service.ts';
import { todayIso } from '#lib/server/db/ids.ts';
import { pickText } from '#lib/i18n/localized-text.ts';

export const load: PageServerLoad = async ({ locals, parent }) => {
	const { city } = await parent();
	const stats = await loadConcernStats(locals.db, city.id, todayIso());
	const districtNames = Object.fromEntries(stats.districts.map((district) => [district.code, pickText(district.name, locals.locale) ?? { text: district.code, lang: 'en' }]));
	return { city: { slug: city.slug, name: city.displayName }, tables: stats.tables, total: stats.total, threshold: stats.threshold, districtNames };
};
