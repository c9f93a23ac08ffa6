/**
 * What the admin pages need to show a form's outcome without client JavaScript: the failure of the
 * last action (field errors, what was typed, which form it came from) and accessible attributes.
 */
import { errorId } from '#lib/forms/field-error.ts';
import { message } from '#lib/i18n/messages.ts';

export interface Failure {
	errors: Record<string, string>;
	values: Record<string, string>;
	rows?: unknown[];
}

/** The failure in an action's result, if the last action failed (its data carries `errors`). */
export function failureOf(form: unknown, intent?: string): Failure | undefined {
	if (!form || typeof form !== 'object' || !('errors' in form)) return undefined;
	const failure = form as Failure;
	// Pages with several forms tag each with a hidden `intent` field, kept in `values`.
	if (intent !== undefined && failure.values?.intent !== intent) return undefined;
	return failure;
}

/** aria-invalid and aria-describedby (hint first, then the error) for a control. */
export function fieldAttributes(errors: Record<string, string> | undefined, field: string, hintId?: string): { 'aria-invalid'?: 'true'; 'aria-describedby'?: string } {
	const invalid = Boolean(errors?.[field]);
	const describedBy = [hintId, invalid ? errorId(field) : undefined].filter(Boolean).join(' ');
	return { ...(invalid ? { 'aria-invalid': 'true' as const } : {}), ...(describedBy ? { 'aria-describedby': describedBy } : {}) };
}

/** An error code as a sentence in the reader's language (`admin_error_<code>`). */
export function errorText(code: string, inputs?: Record<string, unknown>): string {
	const key = `admin_error_${code}`;
	const text = message(key, inputs);
	return text === key ? message('admin_error_unknown', { code }) : text;
}
