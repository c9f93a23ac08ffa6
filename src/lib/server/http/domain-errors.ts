/**
 * Turns a domain error into SvelteKit's HTTP error (the one place routes map errors to statuses).
 */
import { error } from '@sveltejs/kit';
import { httpStatus, isDomainError } from '../errors.ts';

/** Runs `work`; a DomainError becomes an HTTP error page with its status and code. */
export async function orHttpError<T>(work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (caught) {
		if (isDomainError(caught)) error(httpStatus(caught), caught.message, { code: caught.code });
		throw caught;
	}
}
