/**
 * `lang` and `dir` for user content that may be shown in a fallback language: none when the text
 * is in the reader's language, both when it is not (an English fallback in an Arabic page reads
 * left to right; an Arabic text in an English page right to left).
 *
 * @example <p {...textAttributes({ text: 'Housing first', lang: 'en' }, 'ar')}> → lang="en" dir="ltr"
 */
import { textDirection } from '#lib/i18n/locales.ts';

export function textAttributes(text: { lang: string }, locale: string): { lang?: string; dir?: 'ltr' | 'rtl' } {
	return text.lang === locale ? {} : { lang: text.lang, dir: textDirection(text.lang) };
}
