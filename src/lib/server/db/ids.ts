/**
 * Identifiers for city-owned rows: UUIDv7 text (time-ordered, no collisions when the data of
 * several cities is merged or sharded). Within one millisecond a counter in the `rand_a` bits
 * keeps the ids of one process in creation order, so "newest first" by id is exact.
 *
 * @example uuidv7() // '019a4b8e-7c1a-7d2e-9f00-1b2c3d4e5f60'
 */
import { randomBytes } from 'node:crypto';

let lastMs = 0;
let sequence = 0;
/** `tttttttt-tttt-`, the time part of ids made in millisecond `prefixMs`. */
let prefixMs = -1;
let prefix = '';

// Random bytes are drawn from the OS in blocks (one call per ~400 ids rather than one per id;
// bulk imports make millions of ids).
const POOL_SIZE = 4096;
let pool = randomBytes(POOL_SIZE);
let poolOffset = 0;
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

function takeRandom(count: number): number {
	if (poolOffset + count > POOL_SIZE) {
		pool = randomBytes(POOL_SIZE);
		poolOffset = 0;
	}
	const at = poolOffset;
	poolOffset += count;
	return at;
}

export function uuidv7(now: number = Date.now()): string {
	if (now > lastMs) {
		lastMs = now;
		const at = takeRandom(2);
		sequence = ((pool[at]! << 8) | pool[at + 1]!) & 0x3ff; // start low, leave room to count up
	} else {
		sequence += 1;
		if (sequence > 0xfff) {
			// More than ~3,000 ids in one millisecond: borrow the next millisecond.
			lastMs += 1;
			sequence = 0;
		}
	}
	if (prefixMs !== lastMs) {
		const hex = lastMs.toString(16).padStart(12, '0');
		prefix = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-`;
		prefixMs = lastMs;
	}
	const r = takeRandom(8);
	const p = pool;
	return (
		prefix +
		HEX[0x70 | (sequence >> 8)]! +
		HEX[sequence & 0xff]! +
		'-' +
		HEX[0x80 | (p[r]! & 0x3f)]! +
		HEX[p[r + 1]!]! +
		'-' +
		HEX[p[r + 2]!]! +
		HEX[p[r + 3]!]! +
		HEX[p[r + 4]!]! +
		HEX[p[r + 5]!]! +
		HEX[p[r + 6]!]! +
		HEX[p[r + 7]!]!
	);
}

/** The current time as stored: ISO 8601 in UTC. */
export function nowIso(): string {
	return new Date().toISOString();
}

/** Today as `YYYY-MM-DD` in UTC (the city's time zone, once cities have one, is a later refinement). */
export function todayIso(now: Date = new Date()): string {
	return now.toISOString().slice(0, 10);
}
