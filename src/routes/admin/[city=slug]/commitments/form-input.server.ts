/**
 * Reads the commitments admin forms into the services' typed input. Failures go back to the page
 * through the shared form layer (`#lib/server/http/forms.ts`: `invalid`, `formFailure`).
 *
 * Field names: a translatable text is one input per UI locale, `title.en`, `title.ar`, …; lists
 * (checkboxes, multi-selects) repeat their name; the edited row's version is `version`.
 *
 * @example
 *   const input = { title: localized(form, 'title'), adoptedOn: text(form, 'adoptedOn'), instruments: list(form, 'instruments') };
 *   try { await updateDeclaration(db, actor, cityId, id, version(form), input) } catch (error) { return formFailure(error, form) }
 */
import { LOCALES } from '#lib/i18n/locales.ts';

/** A trimmed text field; empty → null. */
export function text(form: FormData, name: string): string | null {
	const value = form.get(name);
	if (typeof value !== 'string') return null;
	const trimmed = value.trim();
	return trimmed === '' ? null : trimmed;
}

/** One text per UI locale (`name.en`, `name.es`, …); the schema drops the empty ones. */
export function localized(form: FormData, name: string): Record<string, string> {
	const texts: Record<string, string> = {};
	for (const locale of LOCALES) {
		const value = form.get(`${name}.${locale}`);
		if (typeof value === 'string') texts[locale] = value;
	}
	return texts;
}

/** The non-empty values of a repeated field (checkboxes, multi-select). */
export function list(form: FormData, name: string): string[] {
	return form
		.getAll(name)
		.filter((value): value is string => typeof value === 'string')
		.map((value) => value.trim())
		.filter(Boolean);
}

/**
 * A number typed by a person: empty → null; a decimal comma is accepted ("12,5"); thin and
 * ordinary spaces between thousands are ignored. Anything else is NaN, which the schema refuses
 * with the field's own rule.
 */
export function number(form: FormData, name: string): number | null {
	const raw = text(form, name);
	if (raw === null) return null;
	const compact = raw.replace(/[\s\u00a0\u202f]/g, '');
	const normal = /^-?\d+,\d+$/.test(compact) ? compact.replace(',', '.') : compact;
	return /^-?(\d+\.?\d*|\.\d+)$/.test(normal) ? Number(normal) : Number.NaN;
}

/** The version of the row the editor saw (a missing or bad one can only conflict). */
export function version(form: FormData): number {
	const value = Number(form.get('version'));
	return Number.isInteger(value) && value > 0 ? value : 0;
}
