/**
 * The modules' scheduled jobs (their manifests' `jobs`), run inside the server: timers started
 * with the app (startApp) and stopped with it (stopApp). They never keep the process alive (the
 * timers are unref'd), a job never runs twice at once, and `stop` waits for the runs under way,
 * so the database is closed only after them. A failed run is logged and the next one tries again.
 *
 * @example
 *   const jobs = startJobs(db, jobsOf(modules));
 *   …
 *   await jobs.stop();
 */
import type { Db } from './db/database.ts';
import type { ScheduledJob } from './module.ts';

export interface JobOptions {
	/** Delay before each job's first run, so start-up stays quick. */
	firstAfterMs?: number;
	/** Runs every job this often instead of its own `everyMinutes` (tests). */
	everyMs?: number;
	/** Where a failed run is reported. */
	onError?: (job: ScheduledJob, error: unknown) => void;
	/** Told the outcome of each run (tests, and logs if ever wanted). */
	onRun?: (job: ScheduledJob, result: unknown) => void;
}

export interface Jobs {
	/** Runs every job now (a job already running is not started twice); resolves when they are done. */
	runNow(): Promise<void>;
	stop(): Promise<void>;
}

export function startJobs(db: Db, jobs: readonly ScheduledJob[], options: JobOptions = {}): Jobs {
	const onError = options.onError ?? ((job: ScheduledJob, error: unknown) => console.error(`Scheduled job ${job.name} failed (it will try again):`, error));
	const running = new Map<ScheduledJob, Promise<void>>();
	const timers: NodeJS.Timeout[] = [];
	let stopped = false;

	function run(job: ScheduledJob): Promise<void> {
		if (stopped) return Promise.resolve();
		let current = running.get(job);
		if (!current) {
			current = (async () => {
				try {
					options.onRun?.(job, await job.run(db, new Date()));
				} catch (error) {
					onError(job, error);
				} finally {
					running.delete(job);
				}
			})();
			running.set(job, current);
		}
		return current;
	}

	for (const job of jobs) {
		const first = setTimeout(() => void run(job), options.firstAfterMs ?? 60_000);
		const every = setInterval(() => void run(job), options.everyMs ?? job.everyMinutes * 60_000);
		first.unref();
		every.unref();
		timers.push(first, every);
	}

	return {
		runNow: async () => {
			await Promise.all(jobs.map(run));
		},
		async stop() {
			stopped = true;
			for (const timer of timers) clearTimeout(timer);
			await Promise.all(running.values());
		}
	};
}
