/**
 * What the rights pages share: links that keep the chosen declaration language (`?ul=`), the
 * compact language chooser, and how the declaration shown is described to the reader.
 */
import type { Db } from '#lib/server/db/database.ts';
import { listUdhrArticles } from '#lib/server/frameworks/frameworks.service.ts';
import { chooseDeclaration, listNamedLanguages, type DeclarationChoice, type NamedLanguage } from '#lib/server/frameworks/udhr.ts';
import { parseReadingQuery } from './rights.schema.ts';

/**
 * What every rights page loads: the articles' short titles in the UI language, the declaration
 * chosen with `?ul=` (or the UI language's default), the language list and the reading described.
 */
export async function loadReading(db: Db, locale: string, searchParams: URLSearchParams) {
	const { ul } = parseReadingQuery(searchParams);
	const [{ scheme, articles }, choice, languages] = await Promise.all([
		listUdhrArticles(db, locale),
		chooseDeclaration(ul, locale),
		listNamedLanguages(locale)
	]);
	return { scheme, articles, choice, languages, reading: describeReading(choice, languages) };
}

/**
 * A rights page's address that keeps the reader's choice of declaration language.
 *
 * @example rightsHref('/rights/25', 'kor') // '/rights/25?ul=kor'
 */
export function rightsHref(path: string, ul: string | undefined, extra: Record<string, string | number | undefined> = {}): string {
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(extra)) if (value !== undefined && value !== '') params.set(key, String(value));
	if (ul) params.set('ul', ul);
	const search = params.toString();
	return search ? `${path}?${search}` : path;
}

export interface Reading {
	code: string;
	/** `lang` and `dir` for the declaration's text. */
	lang: string;
	dir: 'ltr' | 'rtl';
	/** The declaration's own title, in its language. */
	title: string;
	/** The language's name for the reader, and the language that name is in. */
	name: string;
	nameLang: string;
	/** The chosen code to carry on links (undefined when the UI language's default is shown). */
	ul: string | undefined;
	/** An unknown `?ul=` code to report. */
	unknown: string | undefined;
}

export function describeReading(choice: DeclarationChoice, languages: readonly NamedLanguage[]): Reading {
	const { language, title } = choice.declaration;
	const named = languages.find((entry) => entry.code === language.code);
	return {
		code: language.code,
		lang: language.bcp47,
		dir: language.direction,
		title,
		name: named?.label ?? language.englishName,
		nameLang: named?.nameLang ?? 'en',
		ul: choice.chosen,
		unknown: choice.unknown
	};
}

export interface Chooser {
	/** Where the GET form goes (the page itself). */
	action: string;
	selected: string;
	options: { code: string; label: string; lang: string | undefined }[];
	/** The searchable list, coming back to this page. */
	allHref: string;
	count: number;
}

export function buildChooser(
	languages: readonly NamedLanguage[],
	reading: Reading,
	locale: string,
	page: { action: string; article?: number }
): Chooser {
	return {
		action: page.action,
		selected: reading.code,
		options: languages.map((language) => ({
			code: language.code,
			label: language.label,
			lang: language.nameLang === locale ? undefined : language.nameLang
		})),
		allHref: rightsHref('/rights/languages', reading.ul, { article: page.article }),
		count: languages.length
	};
}
