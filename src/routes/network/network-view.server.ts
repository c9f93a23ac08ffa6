// What the network pages show of members and requests, in the reader's language.
import { countryName } from '#lib/i18n/format.ts';
import { pickText, type LocalizedText } from '#lib/i18n/localized-text.ts';
import { message } from '#lib/i18n/messages.ts';

/** A public reason in the reader's language when there is one, else as written (with its language). */
export function reasonOf(texts: LocalizedText, locale: string): { text: string; lang: string } | null {
	const picked = pickText(texts, locale);
	return picked ? { text: picked.text, lang: picked.lang } : null;
}

export function countryOf(code: string | null, locale: string): string {
	return code ? countryName(code, locale) : '';
}

/** The label of a membership level, status, request status or organisation kind. */
export function label(kind: 'level' | 'status' | 'request_status' | 'org_kind', code: string): string {
	return message(`network_${kind}_${code}`);
}
