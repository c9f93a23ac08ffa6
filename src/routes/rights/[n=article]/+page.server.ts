// One article in full, in the chosen declaration language (`?ul=`), marked with that language's
// `lang` and `dir`; its informal short title; the previous and next articles.
import type { PageServerLoad } from './$types';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { DomainError } from '#lib/server/errors.ts';
import { buildChooser, loadReading, rightsHref } from '../reading.server.ts';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const locale = locals.locale;
	const number = params.n;
	const { scheme, articles, choice, languages, reading } = await loadReading(locals.db, locale, url.searchParams);
	const { entry, text } = await orHttpError(async () => {
		const entry = articles.find((article) => article.number === number);
		const text = choice.declaration.articles.find((article) => article.number === number);
		if (!entry || !text) throw new DomainError('article_not_found', `No UDHR article ${number}`);
		return { entry, text };
	});
	const neighbour = (n: number) => {
		const other = articles.find((article) => article.number === n);
		return other ? { number: other.number, title: other.label, href: rightsHref(`/rights/${other.number}`, reading.ul) } : undefined;
	};
	return {
		reading,
		chooser: buildChooser(languages, reading, locale, { action: `/rights/${number}`, article: number }),
		article: {
			number,
			title: entry.label,
			englishTitle: entry.label.lang === 'en' ? undefined : entry.englishLabel,
			confirmed: entry.confirmed,
			heading: text.heading,
			blocks: text.blocks
		},
		previous: neighbour(number - 1),
		next: neighbour(number + 1),
		listHref: rightsHref('/rights', reading.ul),
		scheme: { source: scheme.source, note: scheme.note, confirmed: scheme.confirmed }
	};
};
