/**
 * The audit log: every sign-in, failed sign-in, role change and admin action, with who, when,
 * what and a keyed hash of the IP address. Written in the same transaction as the change.
 */
import type { Db } from '../db/database.ts';
import { nowIso, uuidv7 } from '../db/ids.ts';
import * as repository from './accounts.repository.ts';
import { keyedHash } from './secrets.ts';

export interface AuditEntry {
	cityId: string | null;
	actorId: string | null;
	action: string;
	target?: string | null;
	details?: Record<string, unknown>;
	ip?: string | undefined;
}

export async function hashIp(db: Db, ip: string | undefined): Promise<string | null> {
	return ip ? (await keyedHash(db, 'ip', ip)).slice(0, 16) : null;
}

export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
	await repository.insertAudit(db, {
		id: uuidv7(),
		city_id: entry.cityId,
		at: nowIso(),
		actor_id: entry.actorId,
		action: entry.action,
		target: entry.target ?? null,
		details: JSON.stringify(entry.details ?? {}),
		ip_hash: await hashIp(db, entry.ip)
	});
}

export interface AuditRecord {
	id: string;
	at: string;
	action: string;
	target: string | null;
	details: Record<string, unknown>;
	actorEmail: string | null;
	ipHash: string | null;
}

export async function listCityAudit(db: Db, cityId: string, options: { limit?: number; before?: string } = {}): Promise<AuditRecord[]> {
	const rows = await repository.listAudit(db, cityId, options.limit ?? 50, options.before);
	return rows.map((row) => ({
		id: row.id,
		at: row.at,
		action: row.action,
		target: row.target,
		details: JSON.parse(row.details) as Record<string, unknown>,
		actorEmail: row.actor_email ?? null,
		ipHash: row.ip_hash
	}));
}
