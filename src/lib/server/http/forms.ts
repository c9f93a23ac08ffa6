/**
 * The form pipeline shared by every route with actions: who is acting, and turning domain
 * errors into field errors that the page shows next to the field, keeping what was typed.
 *
 * @example
 *   const actor = requireActor(event);          // anonymous → /signin?next=…
 *   const parsed = parseForm(schema, form);
 *   if (!parsed.ok) return invalid(parsed.errors, form);
 *   try { await service(…) } catch (error) { return formFailure(error, form); }
 */
import { fail, redirect, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import { isDomainError } from '../errors.ts';
import { httpStatus } from './domain-errors.ts';
import type { Actor } from '../accounts/index.ts';

/** Field values to send back to the form (never passwords, tokens or files). */
export function keptValues(form: FormData): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [key, value] of form.entries()) {
		if (typeof value === 'string' && !/password|^_csrf$|token|^confirm$/i.test(key)) values[key] = value.slice(0, 2000);
	}
	return values;
}

export interface FormFailure {
	errors: Record<string, string>;
	values: Record<string, string>;
	/** For messages with a number in them, e.g. "try again in N minutes". */
	retryAfterMinutes?: number;
	rows?: unknown[];
}

export function invalid(errors: Record<string, string>, form: FormData, status = 400): ActionFailure<FormFailure> {
	return fail(status, { errors, values: keptValues(form) });
}

/** A DomainError as a form failure (field from its details, else the whole form); rethrows bugs. */
export function formFailure(error: unknown, form: FormData): ActionFailure<FormFailure> {
	if (!isDomainError(error)) throw error;
	const field = typeof error.details?.field === 'string' ? error.details.field : 'form';
	const codeOrRule = typeof error.details?.rule === 'string' ? error.details.rule : error.message;
	const errors: Record<string, string> = { [field]: /^[a-z_]+$/.test(codeOrRule) ? codeOrRule : error.code };
	// Several fields at once: `details.fields = { fieldName: rule }`.
	const fields = error.details?.fields;
	if (fields && typeof fields === 'object') {
		delete errors.form;
		for (const [name, rule] of Object.entries(fields as Record<string, unknown>)) if (typeof rule === 'string') errors[name] = rule;
	}
	const failure: FormFailure = { errors, values: keptValues(form) };
	if (typeof error.details?.retryAfterMinutes === 'number') failure.retryAfterMinutes = error.details.retryAfterMinutes;
	if (Array.isArray(error.details?.rows)) failure.rows = error.details.rows;
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
