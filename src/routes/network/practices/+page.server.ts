// The knowledge centre: good practices of the network's cities, the newest first, or found by a
// full-text search in any UI language (ranked, with the matched words highlighted, narrowed by
// the language a practice is written in). Practitioners also find the practitioners-only layer.
import type { PageServerLoad } from './$types';
import { LOCALES } from '#lib/i18n/locales.ts';
import { pickText } from '#lib/i18n/localized-text.ts';
import { viewerOf } from '#lib/server/network/membership.service.ts';
import { listRecentPractices, searchKnowledge, SEARCH_MAX_PAGE, type PracticeCard } from '#lib/server/network/practices.service.ts';

function card(practice: PracticeCard, locale: string) {
	return {
		key: `${practice.city.id}/${practice.id}`,
		href: `/network/practices/${practice.city.slug}/${practice.ref}`,
		city: practice.city.name,
		layer: practice.layer,
		title: pickText(practice.title, locale) ?? { text: practice.ref, lang: 'en' },
		summary: pickText(practice.summary, locale) ?? null
	};
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const { db, locale } = locals;
	const viewer = await viewerOf(db, locals.actor);
	const q = (url.searchParams.get('q') ?? '').slice(0, 10_000);
	const language = url.searchParams.get('language') ?? '';
	const page = Number(url.searchParams.get('page') ?? '1');
	const filter = { q, language: (LOCALES as readonly string[]).includes(language) ? language : '' };
	if (q.trim() === '') {
		const recent = await listRecentPractices(db, viewer, { limit: 20 });
		return { filter, practitioner: viewer.practitioner, search: null, recent: recent.practices.map((practice) => card(practice, locale)) };
	}
	const found = await searchKnowledge(db, viewer, { q, locale: filter.language || undefined, page: Number.isInteger(page) && page > 0 ? Math.min(page, SEARCH_MAX_PAGE) : 1 }, locale);
	return {
		filter,
		practitioner: viewer.practitioner,
		recent: [],
		search: {
			problem: found.problem ?? null,
			dropped: found.dropped,
			total: found.total,
			page: found.page,
			pages: Math.min(SEARCH_MAX_PAGE, Math.ceil(found.total / found.pageSize)),
			languages: Object.entries(found.facets.locale).sort((a, b) => b[1] - a[1]),
			results: found.results.map((result) => ({ ...card(result.practice, locale), locale: result.locale, layer: result.layer, titleParts: result.title, snippet: result.snippet }))
		}
	};
};
