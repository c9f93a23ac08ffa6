/**
 * Reading the participation desk's forms: trimmed fields, whole numbers (digits only; anything
 * else becomes NaN, which the schemas refuse with a message), versions, and a text typed in the
 * admin's language merged into the city's text in other languages.
 *
 * @example const title = inLocale(project.title, 'es', field(form, 'title')); // { en: 'Shade', es: 'Sombra' }
 */
import type { LocalizedText } from '#lib/i18n/localized-text.ts';

export function field(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value.trim() : '';
}

/** A whole number typed in a form; NaN when empty or not digits only (the schema says why). */
export function wholeNumber(value: string): number {
	return /^\d{1,15}$/.test(value) ? Number(value) : Number.NaN;
}

/**
 * A share typed in per cent (`2.5`, `2,5`, `10`, `3 %`) in basis points (250, 250, 1000, 300);
 * null when empty; NaN (refused by the schema with a message) when it is not such a number.
 */
export function percentInBasisPoints(value: string): number | null {
	if (value === '') return null;
	const match = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(value.replace(/\s*%$/, ''));
	return match ? Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0')) : Number.NaN;
}

/** The positive version a form carries, or undefined. */
export function versionOf(form: FormData): number | undefined {
	const version = Number(field(form, 'version'));
	return Number.isInteger(version) && version > 0 ? version : undefined;
}

/** The text in the reader's language replaced (or removed, when empty); the other languages kept. */
export function inLocale(existing: LocalizedText, locale: string, typed: string): Record<string, string> {
	const texts: Record<string, string> = {};
	for (const [lang, text] of Object.entries(existing)) if (text) texts[lang] = text;
	if (typed) texts[locale] = typed;
	else delete texts[locale];
	return texts;
}
