/**
 * Rate limits as fixed one-minute windows counted in the database, so every app process sees
 * the same counts. A rule allows `max` hits per `minutes` for one key (an IP hash or an account).
 *
 * @example
 *   const verdict = await hitLimits(db, [{ key: `signin:ip:${ipHash}`, max: 20, minutes: 15 }]);
 *   if (!verdict.ok) … `try again in ${verdict.retryAfterMinutes} minutes`
 */
import type { Db } from '../db/database.ts';
import * as repository from './accounts.repository.ts';

export interface LimitRule {
	key: string;
	max: number;
	minutes: number;
}

export type LimitVerdict = { ok: true } | { ok: false; retryAfterMinutes: number };

function minuteNow(now: number): number {
	return Math.floor(now / 60_000);
}

/** Counts one hit against every rule; refuses when any rule's window is over its maximum. */
export async function hitLimits(db: Db, rules: LimitRule[], now = Date.now()): Promise<LimitVerdict> {
	const minute = minuteNow(now);
	let retry = 0;
	for (const rule of rules) {
		// The window is aligned to multiples of its length, so all processes agree on it.
		const windowStart = minute - (minute % rule.minutes);
		const hits = await repository.hitRateLimit(db, rule.key, windowStart);
		if (hits > rule.max) retry = Math.max(retry, windowStart + rule.minutes - minute);
	}
	if (Math.random() < 0.01) await repository.pruneRateLimits(db, minute - 24 * 60);
	return retry > 0 ? { ok: false, retryAfterMinutes: Math.max(1, retry) } : { ok: true };
}

/** Whether a rule's current window is already over its maximum, without counting a hit. */
export async function overLimit(db: Db, rule: LimitRule, now = Date.now()): Promise<LimitVerdict> {
	const minute = minuteNow(now);
	const windowStart = minute - (minute % rule.minutes);
	const hits = await repository.countHits(db, rule.key, windowStart);
	return hits >= rule.max ? { ok: false, retryAfterMinutes: Math.max(1, windowStart + rule.minutes - minute) } : { ok: true };
}
