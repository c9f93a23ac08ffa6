/**
 * Domain errors with stable codes, and the one place that maps them to HTTP statuses.
 * Domain code throws `DomainError`; routes call `httpStatus(error)`; nothing else knows HTTP.
 */
export type ErrorCode =
	| 'not_found'
	| 'city_not_found'
	| 'article_not_found'
	| 'language_not_found'
	| 'invalid_input'
	| 'unauthenticated'
	| 'forbidden'
	| 'conflict'
	| 'invalid_credentials'
	| 'account_locked'
	| 'rate_limited'
	| 'email_taken'
	| 'weak_password'
	| 'reset_token_invalid'
	| 'reset_token_expired'
	| 'person_not_found'
	| 'last_city_admin'
	| 'census_invalid'
	| 'census_no_match'
	| 'declaration_not_found'
	| 'department_not_found'
	| 'plan_not_found'
	| 'commitment_not_found'
	| 'action_not_found'
	| 'milestone_not_found'
	| 'update_not_found'
	| 'evidence_not_found'
	| 'file_rejected'
	| 'import_invalid'
	| 'indicator_not_found'
	| 'observation_not_found'
	| 'database_unavailable';

export class DomainError extends Error {
	readonly code: ErrorCode;
	readonly details: Record<string, unknown> | undefined;
	constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
		super(message);
		this.name = 'DomainError';
		this.code = code;
		this.details = details;
	}
}

const STATUS: Record<ErrorCode, number> = {
	not_found: 404,
	city_not_found: 404,
	article_not_found: 404,
	language_not_found: 404,
	invalid_input: 400,
	unauthenticated: 401,
	forbidden: 403,
	conflict: 409,
	invalid_credentials: 400,
	account_locked: 429,
	rate_limited: 429,
	email_taken: 400,
	weak_password: 400,
	reset_token_invalid: 400,
	reset_token_expired: 400,
	person_not_found: 404,
	last_city_admin: 409,
	census_invalid: 400,
	census_no_match: 400,
	declaration_not_found: 404,
	department_not_found: 404,
	plan_not_found: 404,
	commitment_not_found: 404,
	action_not_found: 404,
	milestone_not_found: 404,
	update_not_found: 404,
	evidence_not_found: 404,
	file_rejected: 400,
	import_invalid: 400,
	indicator_not_found: 404,
	observation_not_found: 404,
	database_unavailable: 503
};

export function httpStatus(error: DomainError): number {
	return STATUS[error.code];
}

export function isDomainError(error: unknown, code?: ErrorCode): error is DomainError {
	return error instanceof DomainError && (code === undefined || error.code === code);
}
