/**
 * Input validation with zod, one way for every module: a failed parse becomes field → rule codes
 * (the zod issue's message when it is a rule code such as `date_invalid`, else `required` or
 * `invalid`), which forms show next to their fields in the reader's language.
 *
 * @example
 *   const valid = parseInput(actionInputSchema, input);      // throws invalid_input with details.fields
 *   const { query, errors } = parseQuery(ledgerQuerySchema, raw); // drops bad filters, keeps the rest
 *   const schema = z.object({ title: localized(200, true), heldOn: isoDate, url: httpUrl.nullable() });
 */
import { z } from 'zod';
import { LOCALES } from '../i18n/locales.ts';
import { fieldErrors } from './errors.ts';

const RULE = /^[a-z][a-z0-9_]*$/;

/**
 * NUL and the other C0 controls except tab, line feed and carriage return: no person types them,
 * SQLite would store them and PostgreSQL refuses NUL in text outright. Refused in every input.
 */
export const CONTROL_CHARACTER = /[\0-\x08\x0B\x0C\x0E-\x1F]/;

function holdsControl(value: unknown, depth = 0): boolean {
	if (typeof value === 'string') return CONTROL_CHARACTER.test(value);
	if (depth > 8 || value === null || typeof value !== 'object' || value instanceof Date) return false;
	return Object.entries(value).some(([key, inner]) => CONTROL_CHARACTER.test(key) || holdsControl(inner, depth + 1));
}

/** The fields (path[0]; `form` for a bare value or a bad field name) whose text holds a control character. */
export function controlCharacterErrors(input: unknown): Record<string, string> {
	if (input === null || typeof input !== 'object' || Array.isArray(input)) return holdsControl(input) ? { form: 'control_character' } : {};
	const fields: Record<string, string> = {};
	for (const [key, value] of Object.entries(input)) {
		if (CONTROL_CHARACTER.test(key)) fields.form = 'control_character';
		else if (holdsControl(value)) fields[key] = 'control_character';
	}
	return fields;
}

/** The first problem of each field (path[0]; `form` for the whole input) as a rule code. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
	const fields: Record<string, string> = {};
	for (const issue of error.issues) {
		const field = issue.path.length ? String(issue.path[0]) : 'form';
		fields[field] ??= RULE.test(issue.message) ? issue.message : issue.code === 'invalid_type' ? 'required' : 'invalid';
	}
	return fields;
}

export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: Record<string, string> };

/** Parses without throwing: the data, or the field → rule codes (a control character first). */
export function safeParseInput<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.output<S>> {
	const controls = controlCharacterErrors(input);
	const result = schema.safeParse(input);
	if (result.success && !Object.keys(controls).length) return { ok: true, data: result.data };
	return { ok: false, errors: { ...(result.success ? {} : fieldErrorsOf(result.error)), ...controls } };
}

/** Parses input (form strings or typed values) or throws one `invalid_input` DomainError naming every field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
	const parsed = safeParseInput(schema, input);
	if (parsed.ok) return parsed.data;
	throw fieldErrors(parsed.errors);
}

/**
 * Parses a page's query (filters, paging): each bad field is reported and dropped, and the rest
 * parsed again, so one bad filter does not hide the others' results.
 */
export function parseQuery<S extends z.ZodType>(schema: S, raw: Record<string, unknown>, fallback: z.output<S>): { query: z.output<S>; errors: Record<string, string> } {
	const input = { ...raw };
	const errors: Record<string, string> = {};
	for (const field of Object.keys(controlCharacterErrors(raw))) {
		errors[field] = 'control_character';
		delete input[field];
	}
	let result = schema.safeParse(input);
	for (let attempt = 0; !result.success && attempt <= Object.keys(raw).length; attempt++) {
		let dropped = false;
		for (const [field, rule] of Object.entries(fieldErrorsOf(result.error))) {
			if (field === 'form' || !(field in input)) continue;
			errors[field] ??= rule;
			delete input[field];
			dropped = true;
		}
		if (!dropped) break;
		result = schema.safeParse(input);
	}
	return { query: result.success ? result.data : fallback, errors };
}

/** A form's text fields as a plain object (the first value of each name; files left out). */
export function formFields(form: FormData): Record<string, string> {
	const raw: Record<string, string> = {};
	for (const [key, value] of form.entries()) if (typeof value === 'string' && !(key in raw)) raw[key] = value;
	return raw;
}

/**
 * Text per UI locale, `{ en: '…', ar: '…' }`: each text trimmed, blank ones and other languages
 * dropped; `too_long` past `max` characters, `required` when none is left and one is needed.
 *
 * @example localized(200, true).parse({ en: ' Housing ', de: 'Wohnen', ar: '' }) // { en: 'Housing' }
 */
export function localized(max: number, required: boolean) {
	return z
		.record(z.string(), z.string().max(max, 'too_long'))
		.transform((texts) => {
			const kept: Record<string, string> = {};
			for (const [lang, text] of Object.entries(texts)) if (text.trim() && (LOCALES as readonly string[]).includes(lang)) kept[lang] = text.trim();
			return kept;
		})
		.refine((texts) => !required || Object.keys(texts).length > 0, 'required');
}

/** Whether `text` is a calendar date `YYYY-MM-DD` that exists: `isRealDate('2026-02-30')` is false. */
export function isRealDate(text: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
	const date = new Date(`${text}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** A calendar date `YYYY-MM-DD` that exists (no 2026-02-30); anything else is `date_invalid`. */
export const isoDate = z.string('date_invalid').refine(isRealDate, 'date_invalid');

/** An absolute `http:` or `https:` address, trimmed: `url_invalid` (so no `javascript:`), `too_long` past 2,000 characters. */
export const httpUrl = z
	.string()
	.trim()
	.max(2000, 'too_long')
	.refine((text) => {
		try {
			const url = new URL(text);
			return url.protocol === 'https:' || url.protocol === 'http:';
		} catch {
			return false;
		}
	}, 'url_invalid');
