// The admin area's start page: the cities the person administers (all of them for the network
// admin) and where they are an officer. Anonymous → sign in; no admin or officer role → 403.
import type { PageServerLoad } from './$types';
import { requireActor } from '#lib/server/http/forms.ts';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { listAdminCities } from '#lib/server/cities/city-admin.service.ts';
import { countryName, sortByLabel } from '#lib/i18n/format.ts';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const home = await orHttpError(() => listAdminCities(event.locals.db, actor));
	const locale = event.locals.locale;
	const named = <T extends { displayName: string; countryCode: string }>(cities: T[]) =>
		sortByLabel(
			cities.map((city) => ({ ...city, country: countryName(city.countryCode, locale) })),
			(city) => city.displayName,
			locale
		);
	return { administered: named(home.administered), officerOf: named(home.officerOf), networkAdmin: home.networkAdmin };
};
