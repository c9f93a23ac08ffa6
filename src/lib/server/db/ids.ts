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

export function uuidv7(now: number = Date.now()): string {
	if (now > lastMs) {
		lastMs = now;
		sequence = randomBytes(2).readUInt16BE(0) & 0x3ff; // start low, leave room to count up
	} else {
		sequence += 1;
		if (sequence > 0xfff) {
			// More than ~3,000 ids in one millisecond: borrow the next millisecond.
			lastMs += 1;
			sequence = 0;
		}
	}
	const bytes = randomBytes(16);
	bytes.writeUIntBE(lastMs, 0, 6);
	bytes[6] = 0x70 | (sequence >> 8);
	bytes[7] = sequence & 0xff;
	bytes[8] = 0x80 | (bytes[8]! & 0x3f);
	const hex = bytes.toString('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The current time as stored: ISO 8601 in UTC. */
export function nowIso(): string {
	return new Date().toISOString();
}
