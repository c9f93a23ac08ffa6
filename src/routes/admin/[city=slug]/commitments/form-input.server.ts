/**
 * Turns the commitments admin forms into the services' typed input, and failures back into what
 * the page shows: field errors (with the values their messages need — a file name, the unknown
 * tag codes) and everything that was typed, in full, multi-valued fields included.
 *
 * Field names: a translatable text is one input per UI locale, `title.en`, `title.ar`, …; lists
 * (checkboxes, multi-selects) repeat their name; the edited row's version is `version`.
 *
 * @example
 *   const input = { title: localized(form, 'title'), adoptedOn: text(form, 'adoptedOn'), instruments: list(form, 'instruments') };
 *   try { await updateDeclaration(db, actor, cityId, id, version(form), input) } catch (error) { return failure(error, form) }
 */
import { fail, type ActionFailure } from '@sveltejs/kit';
import { formFailure } from '#lib/server/http/forms.ts';
import { isDomainError } from '#lib/server/errors.ts';
import { LOCALES } from '#lib/i18n/locales.ts';

/** What a failed commitments form sends back to its page. */
export interface CommitmentsFailure {
	errors: Record<string, string>;
	values: Record<string, string>;
	/** Placeholders of a field's message (`{ files: { file: 'x.exe' } }`, `{ sdgTags: { codes: '19.1' } }`). */
	params?: Record<string, Record<string, string | number>>;
}

/** Fields never sent back: secrets and the CSRF token. */
const SECRET = /password|^_csrf$|token/i;
/** The longest text kept (the longest field, a declaration's full text, may be 50,000 characters). */
const KEEP_MAX = 50_000;

/** Every typed string, multi-valued fields joined by new lines (`listOf` in ui/values.ts splits them). */
export function typed(form: FormData): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [key, value] of form.entries()) {
		if (typeof value !== 'string' || SECRET.test(key)) continue;
		const kept = value.slice(0, KEEP_MAX);
		values[key] = key in values ? `${values[key]}\n${kept}` : kept;
	}
	return values;
}

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

/** A page's own validation failure (before any service ran), with its messages' placeholders. */
export function invalidForm(errors: Record<string, string>, form: FormData, params?: CommitmentsFailure['params']): ActionFailure<CommitmentsFailure> {
	return fail(400, { errors, values: typed(form), ...(params ? { params } : {}) });
}

/**
 * A service's DomainError as a failure of this form: field errors from `details.fields`, the
 * file or codes a message names, and what was typed. `rename` maps a service field to the form
 * control that shows it (`tags` → `sdgTags`). Bugs are rethrown.
 */
export function failure(error: unknown, form: FormData, rename: Record<string, string> = {}): ActionFailure<CommitmentsFailure> {
	const base = formFailure(error, form);
	const errors: Record<string, string> = {};
	for (const [field, rule] of Object.entries(base.data.errors)) errors[rename[field] ?? field] = rule;
	const result: CommitmentsFailure = { errors, values: typed(form) };
	const details = isDomainError(error) ? error.details : undefined;
	if (details) {
		const field = rename[String(details.field)] ?? String(details.field ?? 'form');
		const params: Record<string, string | number> = {};
		if (typeof details.file === 'string') params.file = details.file;
		if (typeof details.maxMb === 'number') params.maxMb = details.maxMb;
		if (typeof details.max === 'number') params.max = details.max;
		if (Array.isArray(details.unknown)) params.codes = details.unknown.map(String).join(', ');
		if (Object.keys(params).length) result.params = { [field]: params };
	}
	return fail(base.status, result);
}
