// The network admin's registry: every city with its admins, a new city, and appointing a city
// admin by e-mail for any city.
import type { Actions, PageServerLoad } from './$types';
import { clientIp, formFailure, invalid, requireActor } from '#lib/server/http/forms.ts';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { grantRoleSchema, parseForm } from '#lib/server/accounts/accounts.schema.ts';
import { appointCityAdmin, createCity, listNetworkCities } from '#lib/server/cities/city-admin.service.ts';
import { newCitySchema } from '#lib/server/cities/cities.schema.ts';
import { regionOf } from '#lib/server/cities/regions.ts';
import { countryName, sortByLabel } from '#lib/i18n/format.ts';
import { canManageNetwork } from '#lib/server/accounts/accounts.policy.ts';
import { error } from '@sveltejs/kit';
import { z } from 'zod';

const appointSchema = grantRoleSchema.pick({ email: true }).extend({
	city: z.string({ error: 'city_required' }).trim().min(1, { error: 'city_required' }).max(80, { error: 'city_not_found' })
});

/** Every ISO 3166 code that belongs to a region (the ones a city can be in). */
const COUNTRY_CODES = Array.from({ length: 26 * 26 }, (_, index) => String.fromCharCode(65 + Math.floor(index / 26), 65 + (index % 26))).filter(
	(code) => regionOf(code) !== undefined
);

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const locale = event.locals.locale;
	const cities = await orHttpError(() => listNetworkCities(event.locals.db, actor));
	return {
		cities: sortByLabel(
			cities.map((city) => ({ ...city, country: countryName(city.countryCode, locale) })),
			(city) => city.displayName,
			locale
		),
		countries: sortByLabel(
			COUNTRY_CODES.map((code) => ({ code, name: countryName(code, locale) })),
			(country) => country.name,
			locale
		)
	};
};

/** The network admin only; others get the 403 page (before their input is even read). */
function requireNetworkAdmin(event: Parameters<typeof requireActor>[0]) {
	const actor = requireActor(event);
	if (!canManageNetwork(actor)) error(403, 'forbidden', { code: 'forbidden' });
	return actor;
}

export const actions = {
	create: async (event) => {
		const actor = requireNetworkAdmin(event);
		const form = await event.request.formData();
		const parsed = parseForm(newCitySchema, form);
		if (!parsed.ok) return invalid(parsed.errors, form);
		try {
			const city = await createCity(event.locals.db, actor, parsed.data, { ip: clientIp(event) });
			return { done: 'created' as const, slug: city.slug, name: city.displayName };
		} catch (caught) {
			return formFailure(caught, form);
		}
	},
	appoint: async (event) => {
		const actor = requireNetworkAdmin(event);
		const form = await event.request.formData();
		const parsed = parseForm(appointSchema, form);
		if (!parsed.ok) return invalid(parsed.errors, form);
		try {
			const city = await appointCityAdmin(event.locals.db, actor, parsed.data, { ip: clientIp(event) });
			return { done: 'appointed' as const, slug: city.slug, name: city.displayName, email: parsed.data.email };
		} catch (caught) {
			return formFailure(caught, form);
		}
	}
} satisfies Actions;
