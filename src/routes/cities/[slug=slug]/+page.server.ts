// A city's profile: facts, instruments, notes and sources, its place on the map, its neighbours.
import type { PageServerLoad } from './$types';
import { cachePublicly } from '#lib/server/http/page-cache.ts';
import { listCitiesInCountry } from '#lib/server/cities/cities.service.ts';
import { buildLocatorMap } from '#lib/server/cities/map.ts';
import { countryName } from '#lib/i18n/format.ts';
import { pickText } from '#lib/i18n/localized-text.ts';

export const load: PageServerLoad = async ({ locals, parent, setHeaders }) => {
	cachePublicly({ setHeaders });
	const { city } = await parent();
	const locale = locals.locale;
	const country = countryName(city.countryCode, locale);
	const neighbours = await listCitiesInCountry(locals.db, city.countryCode, city.id);
	return {
		city: {
			slug: city.slug,
			name: city.displayName,
			country,
			region: city.region,
			year: city.year,
			process: city.process,
			processConfirmed: city.processConfirmed,
			coordsChecked: city.coordsChecked,
			latitude: city.latitude,
			longitude: city.longitude,
			notes: pickText(city.notes, locale),
			instruments: city.instruments.map((text) => pickText(text, locale)).filter((text) => text !== undefined),
			evidence: city.evidence
		},
		neighbours: neighbours.map((neighbour) => ({ slug: neighbour.slug, name: neighbour.displayName })),
		map: buildLocatorMap(city, `${city.displayName}, ${country}`)
	};
};
