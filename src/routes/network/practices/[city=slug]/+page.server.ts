// A city's good practices in the knowledge centre: the published ones the reader may see, and for
// the city's staff also its drafts and archived ones, with the way to write a new one.
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { pickText } from '#lib/i18n/localized-text.ts';
import { findCityBySlug } from '#lib/server/cities/index.ts';
import { viewerOf } from '#lib/server/network/membership.service.ts';
import { canManagePractices } from '#lib/server/network/network.policy.ts';
import { listCityPractices } from '#lib/server/network/practices.service.ts';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { db, locale } = locals;
	const city = await findCityBySlug(db, params.city);
	if (!city) error(404, 'practice_not_found', { code: 'practice_not_found' });
	const viewer = await viewerOf(db, locals.actor);
	const practices = await listCityPractices(db, viewer, city.id);
	return {
		city: { slug: city.slug, name: city.display_name },
		canWrite: canManagePractices(locals.actor, city.id),
		practices: practices.map((card) => ({
			ref: card.ref,
			title: pickText(card.title, locale) ?? { text: card.ref, lang: 'en' },
			status: card.status,
			layer: card.layer,
			updated: card.updatedAt.slice(0, 10)
		}))
	};
};
