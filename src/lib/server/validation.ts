/**
 * Input validation with zod, one way for every module: a failed parse becomes field → rule codes
 * (the zod issue's message when it is a rule code such as `date_invalid`, else `required` or
 * `invalid`), which forms show next to their fields in the reader's language.
 *
 * @example
 *   const valid = parseInput(actionInputSchema, input);      // throws invalid_input with details.fields
 *   const { query, errors } = parseQuery(ledgerQuerySchema, raw); // drops bad filters, keeps the rest
 */
import type { z } from 'zod';
import { fieldErrors } from './errors.ts';

const RULE = /^[a-z][a-z0-9_]*$/;

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

/** Parses without throwing: the data, or the field → rule codes. */
export function safeParseInput<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.output<S>> {
	const result = schema.safeParse(input);
	return result.success ? { ok: true, data: result.data } : { ok: false, errors: fieldErrorsOf(result.error) };
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
