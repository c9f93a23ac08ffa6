/**
 * Translatable user content: one text per locale, stored as JSON, shown in the reader's locale
 * with a fallback chain (reader's locale → English → any), and the language it is really in,
 * so the page can mark it with `lang`.
 *
 * @example
 *   pickText({ en: 'Housing first', es: 'Vivienda primero' }, 'ko') // { text: 'Housing first', lang: 'en' }
 */
export type LocalizedText = Partial<Record<string, string>>;

export interface PickedText {
	text: string;
	lang: string;
}

export function parseLocalizedText(json: string | null | undefined): LocalizedText {
	if (!json) return {};
	try {
		const value: unknown = JSON.parse(json);
		if (value && typeof value === 'object' && !Array.isArray(value)) {
			return Object.fromEntries(
				Object.entries(value as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === 'string')
			);
		}
	} catch {
		// Stored text that is not JSON is treated as English, never lost.
	}
	return { en: json };
}

export function pickText(texts: LocalizedText, locale: string, fallback = 'en'): PickedText | undefined {
	for (const lang of [locale, fallback]) {
		const text = texts[lang];
		if (text) return { text, lang };
	}
	const first = Object.entries(texts).find(([, text]) => text);
	return first ? { text: first[1]!, lang: first[0] } : undefined;
}
