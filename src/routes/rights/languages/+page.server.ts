// Every language the Declaration can be read in, searchable by name or code (`?q=`, on the
// server); each links back to the article the reader came from (`?article=`).
import type { PageServerLoad } from './$types';
import { chooseDeclaration, listNamedLanguages, searchLanguages } from '#lib/server/frameworks/udhr.ts';
import { describeReading, rightsHref } from '../reading.server.ts';
import { parseLanguagesQuery } from '../rights.schema.ts';

export const load: PageServerLoad = async ({ locals, url, setHeaders }) => {
	const locale = locals.locale;
	const { query, errors } = parseLanguagesQuery(url.searchParams);
	const [choice, languages] = await Promise.all([chooseDeclaration(query.ul, locale), listNamedLanguages(locale)]);
	const reading = describeReading(choice, languages);
	const target = query.article ? `/rights/${query.article}` : '/rights';
	const found = query.q ? searchLanguages(languages, query.q) : languages;
	if (errors.q) setHeaders({ 'cache-control': 'no-store' });
	return {
		query: { q: query.q ?? '', article: query.article, ul: reading.ul },
		errors,
		total: languages.length,
		reading,
		languages: found.map((language) => ({
			code: language.code,
			href: rightsHref(target, language.code),
			label: language.label,
			labelLang: language.nameLang,
			// The English name as well, where the reader sees a name in another language.
			englishName: language.nameLang === 'en' ? undefined : language.englishName,
			nativeName: language.nativeName !== language.name ? language.nativeName : undefined,
			lang: language.bcp47,
			dir: language.direction,
			current: language.code === reading.code
		})),
		backHref: rightsHref(target, reading.ul),
		showAllHref: rightsHref('/rights/languages', reading.ul, { article: query.article })
	};
};
