// Report a rights concern: no account, no JavaScript. On success the reader goes to the tracking
// page of the new case (its address is the secret link to keep).
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { clientIp, formFailure, invalid } from '#lib/server/http/forms.ts';
import { listDistricts } from '#lib/server/cities/districts.service.ts';
import { listCategories } from '#lib/server/concerns/categories.service.ts';
import { submitConcern } from '#lib/server/concerns/report.service.ts';
import { AFFECTED_GROUPS, TEXT_MAX } from '#lib/server/concerns/vocabulary.ts';
import { REPORT_LOCALES } from '#lib/server/concerns/concerns.schema.ts';
import { todayIso } from '#lib/server/db/ids.ts';
import { pickText } from '#lib/i18n/localized-text.ts';
import { privatePage, ringOf, trackingPath } from './concerns.server.ts';
import { cityOf } from '../city.server.ts';

export const load: PageServerLoad = async (event) => {
	const { locals, parent } = event;
	const { city } = await parent();
	const [categories, districts] = await Promise.all([listCategories(locals.db, locals.locale), listDistricts(locals.db, city.id)]);
	return {
		city: { slug: city.slug, name: city.displayName },
		open: ringOf(locals) !== undefined,
		categories,
		districts: districts.map((district) => ({ code: district.code, ...(pickText(district.name, locals.locale) ?? { text: district.code, lang: 'en' }) })),
		groups: [...AFFECTED_GROUPS],
		locales: [...REPORT_LOCALES],
		today: todayIso(),
		max: TEXT_MAX
	};
};

export const actions = {
	report: async (event) => {
		privatePage(event);
		const city = await cityOf(event);
		const form = await event.request.formData();
		const ring = ringOf(event.locals);
		if (!ring) return invalid({ form: 'concerns_unavailable' }, form, { status: 503 });
		const field = (name: string) => {
			const value = form.get(name);
			return typeof value === 'string' ? value : undefined;
		};
		let token: string;
		try {
			({ token } = await submitConcern(
				event.locals.db,
				ring,
				{ id: city.id, slug: city.slug, name: city.displayName },
				{
					category: field('category') ?? '',
					description: field('description'),
					district: field('district'),
					address: field('address'),
					lat: field('lat'),
					long: field('long'),
					occurredOn: field('occurredOn'),
					groups: form.getAll('groups').filter((value): value is string => typeof value === 'string'),
					anonymous: field('anonymous'),
					name: field('name'),
					email: field('email'),
					phone: field('phone'),
					consent: field('consent'),
					publicListing: field('publicListing'),
					reportLocale: field('reportLocale'),
					website: field('website')
				},
				{ locale: event.locals.locale, ip: clientIp(event), trackingLink: (token) => `${event.locals.config.publicOrigin}${trackingPath(city.slug, token)}` }
			));
		} catch (error) {
			return formFailure(error, form);
		}
		redirect(303, `${trackingPath(city.slug, token)}&new=1`);
	}
} satisfies Actions;
