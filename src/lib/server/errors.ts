/**
 * Domain errors with stable codes. Domain code throws `DomainError` (through the helpers below);
 * only the web edge turns one into an HTTP status (http/domain-errors.ts), from the core codes
 * here and the codes each module declares in its manifest.
 *
 * `details` carries what a form needs to show the problem next to its field:
 * `field` and `rule` (the first problem), `fields` (every field → rule), `rows` (import
 * problems), `retryAfterMinutes`.
 */
import type { ErrorCodesOf } from './module.ts';
import type { Modules } from './modules.ts';

/** Codes every module may use; their HTTP statuses are fixed here. */
export const CORE_ERRORS = {
	not_found: 404,
	invalid_input: 400,
	unauthenticated: 401,
	forbidden: 403,
	conflict: 409,
	rate_limited: 429,
	import_invalid: 400,
	file_rejected: 400,
	database_unavailable: 503,
	busy: 503
} as const;

export type CoreErrorCode = keyof typeof CORE_ERRORS;
export type ErrorCode = CoreErrorCode | ErrorCodesOf<Modules[number]>;

export class DomainError extends Error {
	readonly code: ErrorCode;
	readonly details: Record<string, unknown> | undefined;
	constructor(code: ErrorCode, message: string = code, details?: Record<string, unknown>) {
		super(message);
		this.name = 'DomainError';
		this.code = code;
		this.details = details;
	}
}

export function isDomainError(error: unknown, code?: ErrorCode): error is DomainError {
	return error instanceof DomainError && (code === undefined || error.code === code);
}

/** The actor may not do this (policies said no). */
export function forbidden(): DomainError {
	return new DomainError('forbidden', 'forbidden');
}

/**
 * The row changed since the editor read it (a stale version), or its state forbids the change
 * (`conflict('action_has_children')`). Shown on the form as a whole.
 */
export function conflict(rule = 'conflict', details: Record<string, unknown> = {}): DomainError {
	return new DomainError('conflict', rule === 'conflict' ? 'edited_by_someone_else' : rule, { field: 'form', rule, ...details });
}

/** One `invalid_input` error for one or more fields: `{ field: rule }`, the first also as `field`/`rule`. */
export function fieldErrors(fields: Record<string, string>, details: Record<string, unknown> = {}): DomainError {
	const [field, rule] = Object.entries(fields)[0] ?? ['form', 'invalid'];
	return new DomainError('invalid_input', `invalid ${field}: ${rule}`, { field, rule, fields, ...details });
}
