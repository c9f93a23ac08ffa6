// One good practice: what the city did, for whom, the rights, principles and SDG targets it
// serves, budget and results, links to the city's commitments, actions and indicators that show
// the result, and similar practices. Practitioners also see the contact and the practitioners'
// notes; a practitioners-only practice does not exist for anyone else.
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { pickText, type LocalizedText } from '#lib/i18n/localized-text.ts';
import { formatNumber } from '#lib/i18n/format.ts';
import { findCityBySlug } from '#lib/server/cities/index.ts';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { viewerOf } from '#lib/server/network/membership.service.ts';
import { getPractice, similarTo } from '#lib/server/network/practices.service.ts';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { db, locale } = locals;
	const city = await findCityBySlug(db, params.city);
	if (!city) error(404, { message: 'practice_not_found', code: 'practice_not_found' });
	const viewer = await viewerOf(db, locals.actor);
	const practice = await orHttpError(() => getPractice(db, viewer, city.id, params.ref));
	const similar = await similarTo(db, viewer, practice);
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
			publishedAt: practice.publishedAt?.slice(0, 10) ?? null
		},
		similar: similar.map((card) => ({ key: `${card.city.id}/${card.id}`, href: `/network/practices/${card.city.slug}/${card.ref}`, city: card.city.name, title: pickText(card.title, locale) ?? { text: card.ref, lang: 'en' } }))
	};
};
