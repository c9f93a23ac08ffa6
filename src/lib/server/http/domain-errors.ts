/**
 * The one place where domain errors become HTTP statuses: the core codes (errors.ts) and the
 * codes each module declares in its manifest.
 */
import { error } from '@sveltejs/kit';
import { CORE_ERRORS, isDomainError, type DomainError } from '../errors.ts';
import { errorStatusesOf } from '../module.ts';
import { modules } from '../modules.ts';

const STATUSES = errorStatusesOf(modules, CORE_ERRORS);

/** The HTTP status of a domain error (500 for a code no module declared: a bug). */
export function httpStatus(error: DomainError): number {
	return STATUSES.get(error.code) ?? 500;
}

/** Runs `work`; a DomainError becomes an HTTP error page with its status and code. */
export async function orHttpError<T>(work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (caught) {
		if (isDomainError(caught)) error(httpStatus(caught), caught.message, { code: caught.code });
		throw caught;
	}
}
