/**
 * The network's signature on maturity results, so a city cannot draw its own badge: an Ed25519
 * key pair per installation (made by the migration, kept in the database like the other
 * installation secrets, the private half never leaving the server), a statement signed once when
 * a result is published, and the check anyone can repeat with the published public key.
 *
 *   signature = Ed25519(private key, UTF-8 bytes of the canonical JSON statement)   (base64url)
 *
 * Keys are named by their RFC 7638 thumbprint (`kid`). A retired key stays published, so the
 * badges it signed still verify.
 *
 * @example
 *   const key = newSigningKey(nowIso());
 *   const signature = signStatement(key.private_pkcs8, statement);
 *   verifyStatement(JSON.parse(key.public_jwk), statement, signature) // true
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import type { SigningKeyTable } from './standards.tables.ts';

export interface PublicJwk {
	kty: 'OKP';
	crv: 'Ed25519';
	/** The 32-byte public key, base64url. */
	x: string;
}

/** A published key: the JWK with its id and use (what `/network/standards/public-key` lists). */
export interface PublishedKey extends PublicJwk {
	kid: string;
	use: 'sig';
	alg: 'EdDSA';
}

/** RFC 7638: SHA-256 of the required members in lexical order, base64url. */
export function thumbprint(jwk: PublicJwk): string {
	return createHash('sha256').update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x })).digest('base64url');
}

/** A fresh key pair, as stored. */
export function newSigningKey(createdAt: string): SigningKeyTable {
	const { publicKey, privateKey } = generateKeyPairSync('ed25519');
	const exported = publicKey.export({ format: 'jwk' }) as { kty?: string; crv?: string; x?: string };
	if (exported.kty !== 'OKP' || exported.crv !== 'Ed25519' || !exported.x) throw new Error('Ed25519 key export failed');
	const jwk: PublicJwk = { kty: 'OKP', crv: 'Ed25519', x: exported.x };
	return {
		kid: thumbprint(jwk),
		public_jwk: JSON.stringify(jwk),
		private_pkcs8: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64url'),
		created_at: createdAt,
		retired_at: null
	};
}

export function signStatement(privatePkcs8: string, statement: string): string {
	const key = createPrivateKey({ key: Buffer.from(privatePkcs8, 'base64url'), format: 'der', type: 'pkcs8' });
	return sign(null, Buffer.from(statement, 'utf8'), key).toString('base64url');
}

/** True when the signature is the key's over exactly these bytes; false for anything malformed. */
export function verifyStatement(jwk: PublicJwk, statement: string, signature: string): boolean {
	try {
		const key = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: 'jwk' });
		const bytes = Buffer.from(signature, 'base64url');
		if (bytes.length !== 64) return false;
		return verify(null, Buffer.from(statement, 'utf8'), key, bytes);
	} catch {
		return false;
	}
}

/** The public key as SPKI PEM (for `openssl pkeyutl -verify`). */
export function publicKeyPem(jwk: PublicJwk): string {
	return createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: 'jwk' }).export({ format: 'pem', type: 'spki' }).toString();
}

export function parsePublicJwk(json: string): PublicJwk {
	const value = JSON.parse(json) as Partial<PublicJwk>;
	if (value.kty !== 'OKP' || value.crv !== 'Ed25519' || typeof value.x !== 'string') throw new Error('not an Ed25519 JWK');
	return { kty: 'OKP', crv: 'Ed25519', x: value.x };
}
