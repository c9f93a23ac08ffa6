// What the network pages show of members and requests, in the reader's language, and reading their forms.
import { countryName } from '#lib/i18n/format.ts';
import { pickText, type LocalizedText } from '#lib/i18n/localized-text.ts';

/** A public reason in the reader's language when there is one, else as written (with its language). */
export function reasonOf(texts: LocalizedText, locale: string): { text: string; lang: string } | null {
	const picked = pickText(texts, locale);
	return picked ? { text: picked.text, lang: picked.lang } : null;
}

export function countryOf(code: string | null, locale: string): string {
	return code ? countryName(code, locale) : '';
}

/** A form field's text, trimmed ('' when absent). */
export function formText(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value.trim() : '';
}
