// The 30 articles: number, informal short title in the UI language, and the opening of each
// article in the chosen declaration language (`?ul=`, by default the UI language's).
import type { PageServerLoad } from './$types';
import { excerpt, type TextBlock } from '#lib/server/frameworks/udhr.ts';
import { buildChooser, loadReading, rightsHref } from './reading.server.ts';
import { m } from '#lib/i18n/messages.ts';

function firstText(blocks: readonly TextBlock[]): string {
	const first = blocks[0];
	if (!first) return '';
	return first.kind === 'paragraph' ? first.text : (first.items[0] ?? '');
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const locale = locals.locale;
	const { scheme, articles, choice, languages, reading } = await loadReading(locals.db, locale, url.searchParams);
	const texts = new Map(choice.declaration.articles.map((article) => [article.number, article]));
	return {
		description: m.rights_intro(),
		reading,
		chooser: buildChooser(languages, reading, locale, { action: '/rights' }),
		preamble: choice.declaration.preamble,
		articles: articles.map((article) => ({
			number: article.number,
			href: rightsHref(`/rights/${article.number}`, reading.ul),
			title: article.label,
			confirmed: article.confirmed,
			opening: excerpt(firstText(texts.get(article.number)?.blocks ?? []), 140)
		})),
		scheme: { source: scheme.source, note: scheme.note, confirmed: scheme.confirmed },
		titlesInEnglish: articles.some((article) => article.label.lang !== locale)
	};
};
