/**
 * Long database work (an import, a seed, a plan of thousands of actions) must not hold the event
 * loop: better-sqlite3 answers synchronously, so a transaction of many statements runs as one
 * unbroken chain of promise callbacks and nothing else (no request, no timer) could run until it
 * ends. The drivers call `breather()` before each statement: once the current turn of the event
 * loop has run for `SLICE_MS`, it returns a promise that resolves on the next turn, letting the
 * waiting requests through.
 *
 * @example
 *   const pause = breather();
 *   if (pause) await pause;
 */
export const SLICE_MS = 20;

let sliceStart = 0;
let sliceOpen = false;

function closeSlice(): void {
	sliceOpen = false;
}

/** undefined while the current turn is young; else a promise of the next turn. */
export function breather(): Promise<void> | undefined {
	const now = performance.now();
	if (!sliceOpen) {
		sliceOpen = true;
		sliceStart = now;
		setImmediate(closeSlice);
		return undefined;
	}
	if (now - sliceStart < SLICE_MS) return undefined;
	return new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * The breather of one piece of work that holds the write lock (a transaction of the group
 * commit): it pauses only once the work itself has run for `SLICE_MS` since it began or last
 * paused. A short transaction then runs in one go, however long the current turn already is —
 * pausing it would keep the lock (and every writer queued behind it) through all the other
 * requests of the turn; a long one still lets the event loop through every slice.
 */
export function workBreather(): () => Promise<void> | undefined {
	let start = performance.now();
	return () => {
		if (performance.now() - start < SLICE_MS) return undefined;
		return new Promise<void>((resolve) =>
			setImmediate(() => {
				start = performance.now();
				resolve();
			})
		);
	};
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
