// A city's admin area: the city from the URL, for its admins and the network admin only.
import type { LayoutServerLoad } from './$types';
import { countryName } from '#lib/i18n/format.ts';
import { cityForAdmin } from './city-access.server.ts';

export const load: LayoutServerLoad = async (event) => {
	const { city } = await cityForAdmin(event);
	return { city: { ...city, country: countryName(city.countryCode, event.locals.locale) } };
};
