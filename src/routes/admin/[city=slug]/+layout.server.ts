// A city's admin area: the city from the URL, for its staff (admins, the network admin and its
// officers); each admin-only page checks `cityForAdmin` itself, staff pages `cityForStaff`.
import type { LayoutServerLoad } from './$types';
import { countryName } from '#lib/i18n/format.ts';
import { cityForStaff } from './staff-access.server.ts';

export const load: LayoutServerLoad = async (event) => {
	const { city, manager } = await cityForStaff(event);
	return { city: { ...city, country: countryName(city.countryCode, event.locals.locale) }, manager };
};
