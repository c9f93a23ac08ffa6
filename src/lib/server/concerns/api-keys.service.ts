/**
 * Open311 API keys, one per client (an app, FixMyStreet, a partner organisation), issued and
 * revoked by the city admin. The key is shown once; only its SHA-256 and last four characters are
 * kept. Issuing and revoking are in the city's audit log.
 *
 * @example
 *   const { key } = await issueApiKey(db, actor, cityId, { name: 'FixMyStreet York' }, { ip });
 *   await findUsableApiKey(db, cityId, key) // { id, name } or undefined when unknown or revoked
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { nowIso, uuidv7 } from '../db/ids.ts';
import { DomainError, forbidden } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { personIdOf, recordAudit, type MaybeActor } from '../accounts/index.ts';
import * as repository from './concerns.repository.ts';
import { canManageConcerns } from './concerns.policy.ts';
import { apiKeyInputSchema } from './concerns.schema.ts';

export interface ApiKey {
	id: string;
	name: string;
	hint: string;
	createdAt: string;
	revokedAt: string | null;
	lastUsedAt: string | null;
}

function hashKey(key: string): string {
	return createHash('sha256').update(key).digest('base64url');
}

export async function listApiKeys(db: Db, actor: MaybeActor, cityId: string): Promise<ApiKey[]> {
	if (!canManageConcerns(actor, cityId)) throw forbidden();
	return (await repository.listApiKeys(db, cityId)).map((row) => ({ id: row.id, name: row.name, hint: row.key_hint, createdAt: row.created_at, revokedAt: row.revoked_at, lastUsedAt: row.last_used_at }));
}

/** A new key for a client; the key is in the result only (give it to the client now). */
export async function issueApiKey(db: Db, actor: MaybeActor, cityId: string, input: { name?: string }, context: { ip?: string | undefined } = {}): Promise<{ id: string; key: string }> {
	if (!canManageConcerns(actor, cityId)) throw forbidden();
	const { name } = parseInput(apiKeyInputSchema, input);
	const key = `rc_${randomBytes(24).toString('base64url')}`;
	const id = uuidv7();
	await db.transaction().execute(async (trx) => {
		await repository.insertApiKey(trx, { city_id: cityId, id, name, key_hash: hashKey(key), key_hint: key.slice(-4), created_at: nowIso(), created_by: personIdOf(actor), revoked_at: null, last_used_at: null });
		await recordAudit(trx, { cityId, actorId: personIdOf(actor), action: 'concern.api_key_issued', target: id, details: { name }, ip: context.ip });
	});
	return { id, key };
}

export async function revokeApiKey(db: Db, actor: MaybeActor, cityId: string, id: string, context: { ip?: string | undefined } = {}): Promise<void> {
	if (!canManageConcerns(actor, cityId)) throw forbidden();
	await db.transaction().execute(async (trx) => {
		if (!(await repository.revokeApiKey(trx, cityId, id, nowIso()))) throw new DomainError('api_key_not_found');
		await recordAudit(trx, { cityId, actorId: personIdOf(actor), action: 'concern.api_key_revoked', target: id, ip: context.ip });
	});
}

/** The key's client when the key is one of the city's and not revoked. */
export async function findUsableApiKey(db: Db, cityId: string, key: string): Promise<{ id: string; name: string } | undefined> {
	if (!/^[A-Za-z0-9_-]{8,200}$/.test(key)) return undefined;
	const row = await repository.findApiKeyByHash(db, cityId, hashKey(key));
	if (!row || row.revoked_at) return undefined;
	await repository.touchApiKey(db, cityId, row.id, nowIso());
	return { id: row.id, name: row.name };
}
