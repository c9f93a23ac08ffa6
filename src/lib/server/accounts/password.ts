/**
 * Passwords: scrypt (memory-hard, in Node's crypto) with a random salt, compared in constant time,
 * and the rules a new password must meet (each failure has its own code for the form).
 *
 * @example
 *   const stored = await hashPassword('correct horse battery staple');
 *   await verifyPassword('correct horse battery staple', stored); // true
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// N = 2^15, r = 8: 32 MiB of memory per hash; about 50–100 ms on a small server.
const PARAMS = { N: 32768, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...options, maxmem: 128 * options.N! * options.r! * 2 }, (error, key) =>
			error ? reject(error) : resolve(key)
		);
	});
}

export async function hashPassword(password: string): Promise<string> {
	const salt = randomBytes(16);
	const key = await derive(password, salt, PARAMS);
	return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const [scheme, n, r, p, salt, key] = stored.split('$');
	if (scheme !== 'scrypt' || !salt || !key) return false;
	const expected = Buffer.from(key, 'base64url');
	const actual = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
	return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash of a random password, to spend the same time when no account matches (no enumeration by timing). */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
	dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
	return dummyHash;
}

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

const COMMON = new Set([
	'password123', 'password1234', '1234567890', '12345678910', 'qwertyuiop', 'iloveyou123', 'administrator',
	'letmein1234', 'welcome1234', 'passw0rd123', 'abcdefghij', '0123456789', 'qwerty12345', '1q2w3e4r5t',
	'11111111111', 'aaaaaaaaaa', 'password!!', 'changeme123', 'humanrights', 'rightscity1'
]);

export type PasswordProblem = 'password_too_short' | 'password_too_long' | 'password_too_common' | 'password_contains_email';

/** The first rule a new password breaks, or undefined when it is acceptable. */
export function passwordProblem(password: string, email?: string): PasswordProblem | undefined {
	if ([...password].length < MIN_PASSWORD_LENGTH) return 'password_too_short';
	if (password.length > MAX_PASSWORD_LENGTH) return 'password_too_long';
	const lower = password.toLowerCase();
	if (COMMON.has(lower) || new Set(lower).size <= 2) return 'password_too_common';
	const local = email?.split('@')[0]?.toLowerCase();
	if (local && local.length >= 4 && lower.includes(local)) return 'password_contains_email';
	return undefined;
}
