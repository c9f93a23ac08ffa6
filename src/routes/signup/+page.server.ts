// Create an account: name, e-mail, password and (optionally) the city one lives in. The new
// person is sent a link to confirm the address and signs in; an address that already has an
// account gets the same answer (its owner a mail), so the page never tells who has one.
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { signUp } from '#lib/server/accounts/accounts.service.ts';
import { parseForm, signUpSchema } from '#lib/server/accounts/accounts.schema.ts';
import { getNetworkOverview } from '#lib/server/cities/cities.service.ts';
import { formFailure, invalid } from '#lib/server/http/forms.ts';
import { countryName, sortByLabel } from '#lib/i18n/format.ts';
import { mailContext, mailTexts } from '../account/account.server.ts';

export const load: PageServerLoad = async ({ locals }) => {
	if (locals.actor) redirect(303, '/account');
	const { cities } = await getNetworkOverview(locals.db);
	const options = cities.map((city) => ({ slug: city.slug, label: `${city.displayName}, ${countryName(city.countryCode, locals.locale)}` }));
	return { cities: sortByLabel(options, (city) => city.label, locals.locale) };
};

export const actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const parsed = parseForm(signUpSchema, form);
		if (!parsed.ok) return invalid(parsed.errors, form);
		try {
			await signUp(event.locals.db, parsed.data, mailContext(event), mailTexts(event.locals.locale));
		} catch (error) {
			return formFailure(error, form);
		}
		redirect(303, '/signin?notice=check_mail');
	}
} satisfies Actions;
