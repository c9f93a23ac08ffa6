// The network directory: filter by country, region, process and year; sort; keyset pages.
import type { PageServerLoad } from './$types';
import { cachePublicly } from '#lib/server/http/page-cache.ts';
import { parseDirectoryQuery, CITY_SORTS } from '#lib/server/cities/cities.schema.ts';
import { browseDirectory, decodeCursor, listCountries } from '#lib/server/cities/cities.service.ts';
import { REGIONS } from '#lib/server/cities/regions.ts';
import { countryName, sortByLabel } from '#lib/i18n/format.ts';

export const load: PageServerLoad = async ({ locals, url, setHeaders }) => {
	const { query, errors } = parseDirectoryQuery(url.searchParams);
	for (const key of ['after', 'before'] as const) {
		if (query[key] && !decodeCursor(query[key])) {
			errors[key] = 'cursor_invalid';
			query[key] = undefined;
		}
	}
	const [page, countries] = await Promise.all([browseDirectory(locals.db, query), listCountries(locals.db)]);
	const pageLink = (cursor: { after?: string; before?: string }) => {
		const params = new URLSearchParams();
		for (const key of ['q', 'country', 'region', 'process', 'from', 'to'] as const) {
			const value = query[key];
			if (value !== undefined) params.set(key, String(value));
		}
		if (query.sort !== 'name') params.set('sort', query.sort);
		if (query.limit !== 20) params.set('limit', String(query.limit));
		if (cursor.after) params.set('after', cursor.after);
		if (cursor.before) params.set('before', cursor.before);
		return `/cities?${params}`;
	};
	if (Object.keys(errors).length > 0) setHeaders({ 'cache-control': 'no-store' });
	else cachePublicly({ setHeaders });
	return {
		query,
		errors,
		total: page.total,
		cities: page.cities.map((city) => ({ ...city, countryName: countryName(city.countryCode, locals.locale) })),
		next: page.next ? pageLink({ after: page.next }) : undefined,
		previous: page.previous ? pageLink({ before: page.previous }) : undefined,
		countries: sortByLabel(
			countries.map((country) => ({ ...country, name: countryName(country.countryCode, locals.locale) })),
			(country) => country.name,
			locals.locale
		),
		regions: REGIONS,
		sorts: CITY_SORTS
	};
};
