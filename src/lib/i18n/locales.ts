/**
 * The UI locales and how a request picks one: `?lang=` → cookie → `Accept-Language` → English.
 *
 * @example
 *   resolveLocale({ query: 'ar', cookie: undefined, acceptLanguage: 'ko-KR,ko;q=0.9' }) // 'ar'
 */
export const LOCALES = ['en', 'es', 'fr', 'ko', 'sv', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];
export const BASE_LOCALE: Locale = 'en';
export const LOCALE_COOKIE = 'lang';

/** Each locale's name in itself, for the language switcher. */
export const AUTONYMS: Record<Locale, string> = {
	en: 'English',
	es: 'Español',
	fr: 'Français',
	ko: '한국어',
	sv: 'Svenska',
	ar: 'العربية'
};

const RTL = new Set<string>(['ar']);

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function textDirection(locale: string): 'ltr' | 'rtl' {
	return RTL.has(locale.split('-')[0]!.toLowerCase()) ? 'rtl' : 'ltr';
}

/** The best UI locale for an Accept-Language header, by quality then order; undefined if none fits. */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale | undefined {
	if (!header) return undefined;
	const ranges = header
		.split(',')
		.slice(0, 30)
		.map((part, index) => {
			const [range, ...params] = part.trim().split(';');
			const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
			const quality = q ? Number(q.slice(2)) : 1;
			return { range: (range ?? '').toLowerCase(), quality: Number.isFinite(quality) ? quality : 0, index };
		})
		.filter((entry) => entry.range && entry.quality > 0)
		.sort((a, b) => b.quality - a.quality || a.index - b.index);
	for (const { range } of ranges) {
		const primary = range.split('-')[0];
		if (isLocale(primary)) return primary;
	}
	return undefined;
}

export function resolveLocale(input: {
	query: string | null | undefined;
	cookie: string | null | undefined;
	acceptLanguage: string | null | undefined;
}): { locale: Locale; fromQuery: boolean } {
	const query = input.query?.toLowerCase();
	if (isLocale(query)) return { locale: query, fromQuery: true };
	if (isLocale(input.cookie)) return { locale: input.cookie, fromQuery: false };
	return { locale: localeFromAcceptLanguage(input.acceptLanguage) ?? BASE_LOCALE, fromQuery: false };
}
