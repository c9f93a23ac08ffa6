/**
 * Periodic clean-up inside the running server: a timer started with the app (startApp) and
 * stopped with it (stopApp). It never keeps the process alive (the timers are unref'd), never
 * runs twice at once, and `stop` waits for a run under way, so the database is closed only
 * after it. A failed run is logged and the next one tries again.
 *
 * @example
 *   const housekeeping = startHousekeeping(db);
 *   …
 *   await housekeeping.stop();
 */
import type { Db } from './db/database.ts';
import { purgeExpired, type PurgeOptions, type PurgeResult } from './accounts/purge.service.ts';

export interface HousekeepingOptions {
	/** Delay before the first run, so start-up stays quick. */
	firstAfterMs?: number;
	everyMs?: number;
	purge?: PurgeOptions;
	/** Where a failed run is reported. */
	onError?: (error: unknown) => void;
	/** Told the outcome of each run (tests, and logs if ever wanted). */
	onRun?: (result: PurgeResult) => void;
}

export interface Housekeeping {
	/** Runs now (unless a run is under way) and resolves when that run is done. */
	runNow(): Promise<void>;
	stop(): Promise<void>;
}

export function startHousekeeping(db: Db, options: HousekeepingOptions = {}): Housekeeping {
	const onError = options.onError ?? ((error: unknown) => console.error('Housekeeping failed (it will try again):', error));
	let running: Promise<void> | undefined;
	let stopped = false;

	function run(): Promise<void> {
		if (stopped) return Promise.resolve();
		running ??= (async () => {
			try {
				options.onRun?.(await purgeExpired(db, options.purge));
			} catch (error) {
				onError(error);
			} finally {
				running = undefined;
			}
		})();
		return running;
	}

	const first = setTimeout(run, options.firstAfterMs ?? 60_000);
	const every = setInterval(run, options.everyMs ?? 15 * 60_000);
	first.unref();
	every.unref();

	return {
		runNow: run,
		async stop() {
			stopped = true;
			clearTimeout(first);
			clearInterval(every);
			await running;
		}
	};
}
