/**
 * The form pipeline shared by every route with actions: who is acting, and turning a page's own
 * checks and domain errors into field errors that the page shows next to the field, keeping what
 * was typed. The page side is `#lib/forms/form-state.ts` with the `FieldError` and
 * `ErrorSummary` components.
 *
 * @example
 *   const actor = requireActor(event);          // anonymous → /signin?next=…
 *   const parsed = parseForm(schema, form);
 *   if (!parsed.ok) return invalid(parsed.errors, form);
 *   try { await service(…) } catch (error) { return formFailure(error, form); }
 */
import { fail, redirect, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import type { ErrorParams, FormFailure } from '#lib/forms/form-state.ts';
import { isDomainError } from '../errors.ts';
import { httpStatus } from './domain-errors.ts';
import { noteRetryAfter } from './retry-after.ts';
import type { Actor } from '../accounts/index.ts';

export type { FormFailure } from '#lib/forms/form-state.ts';

/** Never sent back: secrets, the CSRF token, and "yes, delete it" (ticked again on purpose only). */
const NOT_KEPT = /password|^_csrf$|token|^confirm$/i;
/** The longest text kept (a declaration's full text may be 50,000 characters). */
const KEEP_MAX = 50_000;

/** What was typed, to show again: repeated fields (checkboxes, multi-selects) joined by new lines. */
export function keptValues(form: FormData): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [key, value] of form.entries()) {
		if (typeof value !== 'string' || NOT_KEPT.test(key)) continue;
		const kept = value.slice(0, KEEP_MAX);
		values[key] = key in values ? `${values[key]}\n${kept}` : kept;
	}
	return values;
}

export interface FailureOptions {
	/** Which of the page's forms failed, when the form carries no hidden `intent` field itself. */
	intent?: string;
	/** The values to show again instead of everything typed (e.g. none after a failed delete). */
	values?: Record<string, string>;
	/** A service's field → the control that shows it (`tags` → `sdgTags`, `form` → `files`). */
	rename?: Record<string, string>;
}

function valuesOf(form: FormData, options: FailureOptions): Record<string, string> {
	const values = options.values ?? keptValues(form);
	return options.intent === undefined ? values : { ...values, intent: options.intent };
}

function renamed<T>(entries: Record<string, T>, rename: Record<string, string> = {}): Record<string, T> {
	return Object.fromEntries(Object.entries(entries).map(([field, value]) => [rename[field] ?? field, value]));
}

/**
 * The page's own check failed (before any service ran): the errors, what was typed, and the
 * placeholders or extra data (an upload's row problems) the page shows with them.
 */
export function invalid<Extra extends object = object>(
	errors: Record<string, string>,
	form: FormData,
	options: FailureOptions & { status?: number; params?: Record<string, ErrorParams>; extra?: Extra } = {}
): ActionFailure<FormFailure & Extra> {
	const failure: FormFailure = { errors: renamed(errors, options.rename), values: valuesOf(form, options) };
	if (options.params) failure.params = renamed(options.params, options.rename);
	return fail(options.status ?? 400, { ...(options.extra as Extra), ...failure });
}

/**
 * A DomainError as a form failure: the field from its details (else the whole form), several at
 * once from `details.fields`, the numbers and names its message needs (`retryAfterMinutes`, a
 * file, a limit, unknown codes) and an upload's `rows`. Anything else is a bug and is rethrown.
 */
export function formFailure(error: unknown, form: FormData, options: FailureOptions = {}): ActionFailure<FormFailure> {
	if (!isDomainError(error)) throw error;
	const details = error.details ?? {};
	const field = typeof details.field === 'string' ? details.field : 'form';
	const codeOrRule = typeof details.rule === 'string' ? details.rule : error.message;
	let errors: Record<string, string> = { [field]: /^[a-z_]+$/.test(codeOrRule) ? codeOrRule : error.code };
	// Several fields at once: `details.fields = { fieldName: rule }`.
	if (details.fields && typeof details.fields === 'object') {
		errors = {};
		if (field !== 'form') errors[field] = /^[a-z_]+$/.test(codeOrRule) ? codeOrRule : error.code;
		for (const [name, rule] of Object.entries(details.fields as Record<string, unknown>)) if (typeof rule === 'string') errors[name] = rule;
	}
	const params: ErrorParams = {};
	if (typeof details.retryAfterMinutes === 'number') {
		params.minutes = details.retryAfterMinutes;
		noteRetryAfter(details.retryAfterMinutes * 60);
	}
	if (typeof details.file === 'string') params.file = details.file;
	if (typeof details.maxMb === 'number') params.maxMb = details.maxMb;
	if (typeof details.max === 'number') params.max = details.max;
	if (Array.isArray(details.unknown)) params.codes = details.unknown.map(String).join(', ');

	const failure: FormFailure = { errors: renamed(errors, options.rename), values: valuesOf(form, options) };
	if (Object.keys(params).length) failure.params = { [options.rename?.[field] ?? field]: params };
	if (Array.isArray(details.rows)) failure.rows = details.rows;
	return fail(httpStatus(error), failure);
}

/** The signed-in actor, or a redirect to the sign-in page that comes back here afterwards. */
export function requireActor(event: Pick<RequestEvent, 'locals' | 'url'> & { request?: Request }): Actor {
	if (event.locals.actor) return event.locals.actor;
	// After a form post, come back to the page, not to the action's `?/name` address.
	const back = (event.request?.method ?? 'GET') === 'GET' ? event.url.pathname + event.url.search : event.url.pathname;
	redirect(303, `/signin?next=${encodeURIComponent(back)}`);
}

/** The client address as SvelteKit sees it (the proxy's, unless TRUST_PROXY is set). */
export function clientIp(event: Pick<RequestEvent, 'getClientAddress'>): string | undefined {
	try {
		return event.getClientAddress();
	} catch {
		return undefined;
	}
}
