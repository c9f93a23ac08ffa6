import type { PageServerLoad } from './$types';
import { cachePublicly } from '#lib/server/http/page-cache.ts';
import { getNetworkOverview } from '#lib/server/cities/cities.service.ts';
import { buildWorldMap } from '#lib/server/cities/map.ts';
import { countryName, sortByLabel } from '#lib/i18n/format.ts';
import { m } from '#lib/i18n/messages.ts';

export const load: PageServerLoad = async ({ locals, setHeaders }) => {
	cachePublicly({ setHeaders });
	const overview = await getNetworkOverview(locals.db);
	// Only what the page shows: SvelteKit serialises load data even when no script uses it.
	const cities = sortByLabel(
		overview.cities.map((city) => ({ slug: city.slug, displayName: city.displayName, countryName: countryName(city.countryCode, locals.locale) })),
		(city) => city.displayName,
		locals.locale
	);
	const map = buildWorldMap(overview.cities, (city) => `${city.displayName}, ${countryName(city.countryCode, locals.locale)}`);
	return { counts: overview.counts, cities, map, description: m.home_intro_1() };
};
