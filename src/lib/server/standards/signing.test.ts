import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newSigningKey, parsePublicJwk, publicKeyPem, signStatement, thumbprint, verifyStatement } from './signing.ts';
import { readBadgeSignature, renderBadge } from './badge.ts';

const statement = '{"city":"york","level":2,"type":"rightscity-maturity/1"}';

describe('the network’s signature', () => {
	it('signs a statement that the published public key verifies, and nothing else', () => {
		const key = newSigningKey('2026-12-08T12:00:00.000Z');
		const jwk = parsePublicJwk(key.public_jwk);
		const signature = signStatement(key.private_pkcs8, statement);
		expect(verifyStatement(jwk, statement, signature)).toBe(true);
		expect(verifyStatement(jwk, statement.replace('"level":2', '"level":4'), signature)).toBe(false);
		expect(verifyStatement(parsePublicJwk(newSigningKey('2026-12-08T12:00:00.000Z').public_jwk), statement, signature)).toBe(false);
		expect(verifyStatement(jwk, statement, 'not-a-signature')).toBe(false);
	});

	it('names a key by its RFC 7638 thumbprint and publishes it as PEM that openssl and node read', () => {
		const key = newSigningKey('2026-12-08T12:00:00.000Z');
		const jwk = parsePublicJwk(key.public_jwk);
		expect(key.kid).toBe(thumbprint(jwk));
		expect(key.public_jwk).not.toContain(key.private_pkcs8);
		const pem = publicKeyPem(jwk);
		expect(pem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
		const signature = signStatement(key.private_pkcs8, statement);
		expect(verify(null, Buffer.from(statement), createPublicKey(pem), Buffer.from(signature, 'base64url'))).toBe(true);
	});

	it('embeds the signed statement in the badge’s metadata, where the verifier reads it back exactly', () => {
		const tricky = '{"city":"saint-denis","cityName":"Saint-Denis & <Co> “quoted”"}';
		const svg = renderBadge({
			title: 'Saint-Denis & Co: Commitment',
			description: 'FRA framework 2021.1',
			lines: ['Human rights city', 'Level 2 of 4: Commitment', 'FRA framework · 2025'],
			level: 2,
			href: 'https://rights.example.org/cities/saint-denis/standards',
			verifyHref: 'https://rights.example.org/network/standards/verify?a=1&b=2',
			statement: tricky,
			signature: 'c2lnbmF0dXJl',
			kid: 'kid-1',
			direction: 'ltr',
			lang: 'en'
		});
		expect(svg).toContain('<title id="badge-title">Saint-Denis &amp; Co: Commitment</title>');
		expect(svg).toContain('href="https://rights.example.org/cities/saint-denis/standards"');
		expect(svg).toContain('verify="https://rights.example.org/network/standards/verify?a=1&amp;b=2"');
		expect(readBadgeSignature(svg)).toEqual({ statement: tricky, signature: 'c2lnbmF0dXJl', kid: 'kid-1' });
		expect(readBadgeSignature('<svg></svg>')).toBeUndefined();
	});
});
