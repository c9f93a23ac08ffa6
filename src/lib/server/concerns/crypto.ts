/**
 * Encryption at rest of a concern's personal data (contact details, what happened, where, the
 * messages): AES-256-GCM from node:crypto, a fresh 96-bit nonce per value, and the row and field
 * bound in as associated data, so a ciphertext copied into another case or field does not open.
 * A stored value is `<keyId>.<base64url(nonce | tag | ciphertext)>`: the key id says which key of
 * CONCERNS_KEYS opens it, so keys can be rotated (the re-encryption job moves old values to the
 * current key).
 *
 * @example
 *   const ring = keyRingOf(config);                      // throws concerns_unavailable when no key is set
 *   const sealed = ring.seal('text', { cityId, caseId, field: 'details' });
 *   ring.open(sealed, { cityId, caseId, field: 'details' }) // 'text'
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DomainError } from '../errors.ts';
import { loadConfig, type Config, type ConcernsKey, type ConcernsKeys } from '../config/config.ts';

/** What a sealed value belongs to (its associated data). */
export interface SealContext {
	cityId: string;
	caseId: string;
	field: string;
}

export interface KeyRing {
	/** The id of the key new values are sealed with. */
	readonly currentId: string;
	/** `development` when the published key is in use (the admin pages warn). */
	readonly source: ConcernsKeys['source'];
	seal(plain: string, context: SealContext): string;
	open(sealed: string, context: SealContext): string;
	/** The key id of a sealed value. */
	keyIdOf(sealed: string): string;
}

const NONCE = 12;
const TAG = 16;

function aad(context: SealContext): Buffer {
	return Buffer.from(`rightscity-concerns\u0000${context.cityId}\u0000${context.caseId}\u0000${context.field}`);
}

export function keyRing(keys: ConcernsKeys): KeyRing {
	const current = keys.keys[0];
	if (!current) throw new DomainError('concerns_unavailable', 'CONCERNS_KEYS is not set: concern reports cannot be stored or read on this server');
	const byId = new Map<string, ConcernsKey>(keys.keys.map((key) => [key.id, key]));
	return {
		currentId: current.id,
		source: keys.source,
		seal(plain, context) {
			const nonce = randomBytes(NONCE);
			const cipher = createCipheriv('aes-256-gcm', current.key, nonce);
			cipher.setAAD(aad(context));
			const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
			return `${current.id}.${Buffer.concat([nonce, cipher.getAuthTag(), body]).toString('base64url')}`;
		},
		open(sealed, context) {
			const dot = sealed.indexOf('.');
			const key = byId.get(sealed.slice(0, dot));
			// A value sealed with a key no longer configured cannot be read: say so, never guess.
			if (dot < 1 || !key) throw new DomainError('concerns_key_missing', `No key "${sealed.slice(0, Math.max(dot, 0))}" in CONCERNS_KEYS to open this value`);
			const bytes = Buffer.from(sealed.slice(dot + 1), 'base64url');
			const decipher = createDecipheriv('aes-256-gcm', key.key, bytes.subarray(0, NONCE));
			decipher.setAAD(aad(context));
			decipher.setAuthTag(bytes.subarray(NONCE, NONCE + TAG));
			return Buffer.concat([decipher.update(bytes.subarray(NONCE + TAG)), decipher.final()]).toString('utf8');
		},
		keyIdOf(sealed) {
			return sealed.slice(0, sealed.indexOf('.'));
		}
	};
}

const rings = new WeakMap<Config, KeyRing>();

/** The key ring of a configuration (routes: `keyRingOf(locals.config)`); throws `concerns_unavailable` without keys. */
export function keyRingOf(config: Config): KeyRing {
	let ring = rings.get(config);
	if (!ring) {
		ring = keyRing(config.concernsKeys);
		rings.set(config, ring);
	}
	return ring;
}

let fromEnvironment: Config | undefined;

/**
 * The key ring from the process's configuration, for the work that runs without a request: the
 * demo seed and the scheduled jobs (the same environment `startApp` reads).
 */
export function keyRingFromEnvironment(): KeyRing {
	fromEnvironment ??= loadConfig(process.env);
	return keyRingOf(fromEnvironment);
}

/** Whether the environment has keys (the demo seed skips the cases when it has none). */
export function environmentHasKeys(): boolean {
	fromEnvironment ??= loadConfig(process.env);
	return fromEnvironment.concernsKeys.keys.length > 0;
}
