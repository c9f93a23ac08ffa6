/**
 * What the accounts module no longer needs, deleted in bounded batches: expired sessions,
 * one-time links (password reset, e-mail confirmation) a week after they expired, and
 * rate-limit counters older than a day. Run by the server's housekeeping job
 * (server/housekeeping.ts); each batch is one short delete, so SQLite's single writer is never
 * held for long and requests go on in between.
 *
 * @example const purged = await purgeExpired(db); // { sessions: 12, tokens: 0, rateLimits: 340, more: false }
 */
import type { Db } from '../db/database.ts';
import * as repository from './accounts.repository.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** An expired link still says "this link has expired" (not "not valid") for a week. */
export const TOKEN_GRACE_MS = 7 * DAY_MS;
/** Longer than the longest rate-limit window and the one before it (rules use at most 60 minutes). */
export const RATE_LIMIT_KEEP_MS = DAY_MS;

export interface PurgeOptions {
	now?: number;
	/** Rows per delete statement. */
	batchSize?: number;
	/** Delete statements per kind of row in one call: the bound on one run's work. */
	maxBatches?: number;
}

export interface PurgeResult {
	sessions: number;
	tokens: number;
	rateLimits: number;
	/** True when a kind still had rows left after its last batch (the next run goes on). */
	more: boolean;
}

export async function purgeExpired(db: Db, options: PurgeOptions = {}): Promise<PurgeResult> {
	const now = options.now ?? Date.now();
	const batchSize = options.batchSize ?? 500;
	const maxBatches = options.maxBatches ?? 10;
	let more = false;

	async function inBatches(remove: (limit: number) => Promise<number>): Promise<number> {
		let total = 0;
		for (let batch = 0; batch < maxBatches; batch += 1) {
			const removed = await remove(batchSize);
			total += removed;
			if (removed < batchSize) return total;
			// Let waiting requests write between batches.
			await new Promise((resolve) => setImmediate(resolve));
		}
		more = true;
		return total;
	}

	const sessions = await inBatches((limit) => repository.deleteExpiredSessions(db, new Date(now).toISOString(), limit));
	const tokens = await inBatches((limit) => repository.deleteExpiredAccountTokens(db, new Date(now - TOKEN_GRACE_MS).toISOString(), limit));
	const rateLimits = await inBatches((limit) => repository.pruneRateLimits(db, Math.floor((now - RATE_LIMIT_KEEP_MS) / 60_000), limit));
	return { sessions, tokens, rateLimits, more };
}
