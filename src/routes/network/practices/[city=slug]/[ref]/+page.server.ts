// One good practice: what the city did, for whom, the rights, principles and SDG targets it
// serves, budget and results, links to the city's commitments, actions and indicators that show
// the result, and similar practices. Practitioners also see the contact and the practitioners'
// notes; a practitioners-only practice does not exist for anyone else.
import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { pickText, type LocalizedText } from '#lib/i18n/localized-text.ts';
import { formatNumber } from '#lib/i18n/format.ts';
import { findCityBySlug, listCitySummaries } from '#lib/server/cities/index.ts';
import { formFailure, invalid, requireActor } from '#lib/server/http/forms.ts';
import { membershipOfCity } from '#lib/server/network/membership.service.ts';
import type { MaybeActor } from '#lib/server/accounts/index.ts';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { viewerOf } from '#lib/server/network/membership.service.ts';
import { canManagePractices } from '#lib/server/network/network.policy.ts';
import { adoptionsOf, adoptPractice, getPractice, similarTo } from '#lib/server/network/practices.service.ts';
import type { Db } from '#lib/server/db/database.ts';
import { formText } from '../../../network-view.server.ts';

/** The cities the actor may take the practice up for: those they administer that are active members (not the practice's own). */
async function adoptingCities(db: Db, actor: MaybeActor, practiceCityId: string) {
	if (!actor) return [];
	const ids = [...new Set(actor.roles.filter((held) => held.role === 'city_admin' && held.cityId !== practiceCityId).map((held) => held.cityId))];
	const cities = [];
	for (const city of await listCitySummaries(db, ids)) if ((await membershipOfCity(db, city.id))?.status === 'active') cities.push({ value: city.id, label: city.displayName });
	return cities;
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { db, locale } = locals;
	const city = await findCityBySlug(db, params.city);
	if (!city) error(404, 'practice_not_found', { code: 'practice_not_found' });
	const viewer = await viewerOf(db, locals.actor);
	const practice = await orHttpError(() => getPractice(db, viewer, city.id, params.ref));
	const [similar, adoptions, adopters] = await Promise.all([similarTo(db, viewer, practice), adoptionsOf(db, practice), adoptingCities(db, locals.actor, city.id)]);
	const text = (texts: LocalizedText) => pickText(texts, locale) ?? null;
	return {
		practice: {
			ref: practice.ref,
			city: practice.city,
			layer: practice.layer,
			title: text(practice.title) ?? { text: practice.ref, lang: 'en' },
			summary: text(practice.summary),
			body: text(practice.body),
			results: text(practice.results),
			notes: text(practice.practitionerNotes),
			budget: practice.budget ? (practice.budget.currency ? formatNumber(practice.budget.amount, locale, { style: 'currency', currency: practice.budget.currency, maximumFractionDigits: 0 }) : formatNumber(practice.budget.amount, locale)) : null,
			startedYear: practice.startedYear,
			tags: practice.tags,
			groups: practice.groups,
			contact: practice.contact,
			links: practice.links,
			publishedAt: practice.publishedAt?.slice(0, 10) ?? null,
			status: practice.status,
			attachments: practice.attachments.map((file) => ({ id: file.id, name: file.name, size: file.size, type: file.contentType, layer: file.layer }))
		},
		canEdit: canManagePractices(locals.actor, city.id),
		adoptions: adoptions.map((adoption) => ({ id: adoption.id, city: adoption.city.name, slug: adoption.city.slug, commitment: adoption.commitment.ref, note: adoption.note, lang: adoption.lang })),
		adopters: practice.status === 'published' ? adopters : [],
		adopted: url.searchParams.get('adopted'),
		similar: similar.map((card) => ({ key: `${card.city.id}/${card.id}`, href: `/network/practices/${card.city.slug}/${card.ref}`, city: card.city.name, title: pickText(card.title, locale) ?? { text: card.ref, lang: 'en' } }))
	};
};

export const actions = {
	/** A member city takes the practice up with one of its own commitments (its city admin). */
	adopt: async (event) => {
		const actor = requireActor(event);
		const form = await event.request.formData();
		const { db, locale } = event.locals;
		const city = await findCityBySlug(db, event.params.city);
		if (!city) error(404, 'practice_not_found', { code: 'practice_not_found' });
		const viewer = await viewerOf(db, actor);
		const practice = await orHttpError(() => getPractice(db, viewer, city.id, event.params.ref));
		const cityId = formText(form, 'cityId');
		if (!cityId) return invalid({ cityId: 'required' }, form);
		try {
			await adoptPractice(db, actor, viewer, cityId, practice, { commitmentRef: formText(form, 'commitmentRef'), note: formText(form, 'note'), lang: locale });
		} catch (caught) {
			return formFailure(caught, form);
		}
		redirect(303, `/network/practices/${city.slug}/${encodeURIComponent(practice.ref)}?adopted=1`);
	}
} satisfies Actions;
