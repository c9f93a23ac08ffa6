/**
 * `lang` and `dir` for a piece of text that may not be in the reader's language: none when it is,
 * both when it is not — so English fallbacks and declaration texts read right in an Arabic page
 * and Arabic texts in a left-to-right page.
 *
 * @example <span {...langAttributes('en', data.locale)}>Right to Equality</span>
 */
export function langAttributes(lang: string, locale: string, dir: 'ltr' | 'rtl' = 'ltr'): { lang?: string; dir?: 'ltr' | 'rtl' } {
	return lang === locale ? {} : { lang, dir };
}
