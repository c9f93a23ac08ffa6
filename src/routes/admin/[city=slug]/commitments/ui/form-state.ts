/**
 * The outcome of the last form of a commitments admin page, as its controls need it: the failure
 * of that form only (pages with several forms tag each with a hidden `intent`), the values to show
 * (typed after a failure, else stored), and a control's accessible attributes.
 */
import { failureOf } from '../../../form-state.ts';

export interface FormState {
	errors: Record<string, string>;
	values: Record<string, string>;
	params?: Record<string, Record<string, string | number>>;
}

/** The failure of the form with this intent (or of the page's only form), if the last post failed. */
export function stateOf(form: unknown, intent?: string): FormState | undefined {
	return failureOf(form, intent) as FormState | undefined;
}

/** The id of a field's error message; `prefix` keeps ids unique when a page has several forms. */
export function errorIdOf(field: string, prefix = ''): string {
	return `${prefix}${field}-error`;
}

/** aria-invalid and aria-describedby (hint first, then the error) for a control. */
export function describe(state: FormState | undefined, field: string, options: { hint?: string | undefined; prefix?: string } = {}): { 'aria-invalid'?: 'true'; 'aria-describedby'?: string } {
	const invalid = Boolean(state?.errors[field]);
	const describedBy = [options.hint, invalid ? errorIdOf(field, options.prefix) : undefined].filter(Boolean).join(' ');
	return { ...(invalid ? { 'aria-invalid': 'true' as const } : {}), ...(describedBy ? { 'aria-describedby': describedBy } : {}) };
}

/** The conflict of a stale version: the page then offers the current version to save over. */
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
