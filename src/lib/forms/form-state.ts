/**
 * A form's outcome as its page shows it, without client JavaScript: after a failed post, the
 * errors per field (`form` for the whole form), what was typed, the placeholders of each
 * field's message, and which area's sentences explain the codes. The same shape serves the
 * filter forms of public pages (their load returns `errors`). The server side is
 * `#lib/server/http/forms.ts`; the components are `FieldError` and `ErrorSummary`.
 *
 * @example
 *   const state = $derived(stateOf(form, 'commitments-admin', 'save'));
 *   <input id="due" name="dueDate" {...describe(state, 'dueDate', { hint: 'due-hint' })} />
 *   <FieldError {state} field="dueDate" />
 */
import type { ErrorArea, ErrorParams } from './error-text.ts';

export type { ErrorArea, ErrorParams } from './error-text.ts';

/** What a failed form action sends back to its page (see `formFailure` on the server). */
export interface FormFailure {
	/** Field name → error code; `form` for a problem of the whole form. */
	errors: Record<string, string>;
	/** What was typed (never passwords or tokens); repeated fields joined by new lines. */
	values: Record<string, string>;
	/** A field's message placeholders: `{ files: { file: 'scan.exe' } }`, `{ form: { minutes: 12 } }`. */
	params?: Record<string, ErrorParams>;
	/** Row problems of an upload (census list), shown in a table. */
	rows?: unknown[];
}

export interface FormState extends FormFailure {
	area: ErrorArea;
}

/**
 * The failure of the form with this `intent` (a page with several forms tags each with a hidden
 * `intent` field), or of the page's only form; undefined when the last post did not fail.
 */
export function stateOf(result: unknown, area: ErrorArea, intent?: string): FormState | undefined {
	if (!result || typeof result !== 'object' || !('errors' in result)) return undefined;
	const failure = result as Partial<FormFailure> & { errors: Record<string, string> };
	const values = failure.values ?? {};
	if (intent !== undefined && values.intent !== intent) return undefined;
	return { errors: failure.errors ?? {}, values, area, ...(failure.params ? { params: failure.params } : {}), ...(failure.rows ? { rows: failure.rows } : {}) };
}

/** The id of a field's error message; `prefix` keeps ids unique when a page has several forms. */
export function errorIdOf(field: string, prefix: string | undefined = ''): string {
	return `${prefix}${field}-error`;
}

export interface DescribeOptions {
	/** Id of the field's hint, read before the error. */
	hint?: string | undefined;
	prefix?: string | undefined;
	/** Another field whose error shows here when this one has none (e.g. `form`). */
	fallback?: string | undefined;
	/** The error message's id, when it is not `<prefix><field>-error`. */
	errorId?: string | undefined;
}

/** The error code shown at a field (its own, else the fallback field's). */
export function errorAt(state: FormState | undefined, field: string, fallback?: string): string | undefined {
	return state?.errors[field] ?? (fallback ? state?.errors[fallback] : undefined);
}

/** aria-invalid and aria-describedby (hint first, then the error) for a control. */
export function describe(state: FormState | undefined, field: string, options: DescribeOptions = {}): { 'aria-invalid'?: 'true'; 'aria-describedby'?: string } {
	const invalid = Boolean(errorAt(state, field, options.fallback));
	const errorId = options.errorId ?? errorIdOf(field, options.prefix);
	const describedBy = [options.hint, invalid ? errorId : undefined].filter(Boolean).join(' ');
	return { ...(invalid ? { 'aria-invalid': 'true' as const } : {}), ...(describedBy ? { 'aria-describedby': describedBy } : {}) };
}

/** A repeated field (checkboxes, multi-select) as the values keep it: joined by new lines. */
export function listOf(values: Record<string, string> | undefined, key: string): string[] {
	const value = values?.[key];
	return value ? value.split('\n').filter(Boolean) : [];
}

/** A stale save: someone else saved the row meanwhile. */
export function isConflict(state: FormState | undefined): boolean {
	return state?.errors.form === 'conflict';
}

/**
 * The version to send with the next save: after a conflict, the current one (the editor has been
 * told and may now save over it); after any other failure, the one they started from (so a change
 * saved meanwhile by someone else is still caught); else the stored one.
 */
export function versionToSend(state: FormState | undefined, stored: number): string {
	if (state && !isConflict(state) && state.values.version) return state.values.version;
	return String(stored);
}
