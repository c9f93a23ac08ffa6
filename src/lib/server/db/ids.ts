/**
 * Identifiers for city-owned rows: UUIDv7 text (time-ordered, no collisions when the data of
 * several cities is merged or sharded).
 *
 * @example uuidv7() // '019a4b8e-7c1a-7d2e-9f00-1b2c3d4e5f60'
 */
import { randomBytes } from 'node:crypto';

export function uuidv7(now: number = Date.now()): string {
	const bytes = randomBytes(16);
	bytes.writeUIntBE(now, 0, 6);
	bytes[6] = 0x70 | (bytes[6]! & 0x0f);
	bytes[8] = 0x80 | (bytes[8]! & 0x3f);
	const hex = bytes.toString('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The current time as stored: ISO 8601 in UTC. */
export function nowIso(): string {
	return new Date().toISOString();
}
