/**
 * Rate limits counted in the database, so every app process sees the same counts. A rule allows
 * `max` hits per `minutes` for one key (an IP hash or an account). Counts live in fixed windows;
 * the previous window still counts for the part of it that overlaps the last `minutes` (a
 * sliding-window estimate), so limits do not reset at a window boundary. Old windows are
 * deleted by the running server's housekeeping (see purge.service.ts).
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

const MINUTE = 60_000;

/** The window a moment falls in (aligned to multiples of its length, so processes agree). */
function windowOf(rule: LimitRule, now: number): { start: number; elapsed: number } {
	const minutes = now / MINUTE;
	const start = Math.floor(minutes / rule.minutes) * rule.minutes;
	return { start, elapsed: (minutes - start) / rule.minutes };
}

async function estimate(db: Db, rule: LimitRule, now: number, current: number): Promise<{ count: number; retryAfterMinutes: number }> {
	const { start, elapsed } = windowOf(rule, now);
	const previous = await repository.countHits(db, rule.key, start - rule.minutes);
	// Rounded up, so hits just before a boundary are never undercounted just after it.
	const count = current + Math.ceil(previous * (1 - elapsed) - 1e-9);
	// When the current window alone is over, waiting for it to end is enough; else the previous
	// window's share fades out within the current one.
	const retry = current >= rule.max ? (1 - elapsed) * rule.minutes : (1 - elapsed) * rule.minutes * Math.min(1, (count - rule.max + 1) / Math.max(previous, 1));
	return { count, retryAfterMinutes: Math.max(1, Math.ceil(retry - 1e-9)) };
}

/** Counts one hit against every rule; refuses when any rule is over its maximum. */
export async function hitLimits(db: Db, rules: LimitRule[], now = Date.now()): Promise<LimitVerdict> {
	let retry = 0;
	for (const rule of rules) {
		const current = await repository.hitRateLimit(db, rule.key, windowOf(rule, now).start);
		const { count, retryAfterMinutes } = await estimate(db, rule, now, current);
		if (count > rule.max) retry = Math.max(retry, retryAfterMinutes);
	}
	return retry > 0 ? { ok: false, retryAfterMinutes: retry } : { ok: true };
}

/** Whether a rule is already at its maximum, without counting a hit. */
export async function overLimit(db: Db, rule: LimitRule, now = Date.now()): Promise<LimitVerdict> {
	const current = await repository.countHits(db, rule.key, windowOf(rule, now).start);
	const { count, retryAfterMinutes } = await estimate(db, rule, now, current);
	return count >= rule.max ? { ok: false, retryAfterMinutes } : { ok: true };
}
