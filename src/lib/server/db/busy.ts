/**
 * The database could not take a write in time: the write lock stayed held (by a long import in
 * another process, say) past the bounded wait. Nothing was written; trying again shortly will
 * most likely work. The HTTP layer answers it with a 503 and `Retry-After`, never a 500.
 *
 * @example
 *   try { await recordObservation(db, …) } catch (error) { if (isDatabaseBusy(error)) … }
 */
export class DatabaseBusyError extends Error {
	/** A fair guess at when to try again, in seconds. */
	readonly retryAfterSeconds: number;

	constructor(message = 'The database is busy with other writes; nothing was changed. Try again in a moment.', retryAfterSeconds = 2) {
		super(message);
		this.name = 'DatabaseBusyError';
		this.retryAfterSeconds = retryAfterSeconds;
	}
}

/**
 * True for a `DatabaseBusyError` (by name: the server bundle and the command line may each
 * hold their own copy of this module), also when it is the `cause` of another error.
 */
export function isDatabaseBusy(error: unknown): error is DatabaseBusyError {
	for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
		if (current.name === 'DatabaseBusyError') return true;
	}
	return false;
}
