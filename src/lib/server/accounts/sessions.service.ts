/**
 * Sessions live in the database (several app processes can share them). The cookie holds a
 * random token; the table holds its SHA-256. Sessions expire after 30 idle days and at most
 * 90 days after sign-in; a new session is made at every sign-in (rotation).
 */
import type { Db } from '../db/database.ts';
import { nowIso } from '../db/ids.ts';
import * as repository from './accounts.repository.ts';
import type { Actor } from './actor.ts';
import { hashIp } from './audit.ts';
import { hashToken, newToken } from './secrets.ts';

export const SESSION_COOKIE = 'session';
const IDLE_MS = 30 * 24 * 60 * 60 * 1000;
const ABSOLUTE_MS = 90 * 24 * 60 * 60 * 1000;
const TOUCH_AFTER_MS = 60 * 60 * 1000;

export interface RequestContext {
	ip?: string | undefined;
	userAgent?: string | undefined;
}

/** Starts a session; returns the token for the cookie and when it expires. */
export async function startSession(db: Db, personId: string, context: RequestContext): Promise<{ token: string; expiresAt: Date }> {
	const token = newToken();
	const now = Date.now();
	const expiresAt = new Date(now + IDLE_MS);
	await repository.insertSession(db, {
		id: hashToken(token),
		person_id: personId,
		created_at: new Date(now).toISOString(),
		last_seen_at: new Date(now).toISOString(),
		expires_at: expiresAt.toISOString(),
		ip_hash: await hashIp(db, context.ip),
		user_agent: context.userAgent?.slice(0, 200) ?? null
	});
	return { token, expiresAt };
}

/** The actor behind a session cookie, or null for a missing, unknown, tampered or expired one. */
export async function resolveSession(db: Db, token: string | undefined): Promise<{ actor: Actor; sessionId: string; expiresAt: Date } | null> {
	if (!token || token.length > 100) return null;
	const id = hashToken(token);
	const session = await repository.findSession(db, id);
	if (!session) return null;
	const now = Date.now();
	if (Date.parse(session.expires_at) <= now || Date.parse(session.created_at) + ABSOLUTE_MS <= now) {
		await repository.deleteSession(db, id);
		return null;
	}
	const actor = await loadActor(db, session.person_id);
	if (!actor) return null;
	let expiresAt = new Date(session.expires_at);
	if (now - Date.parse(session.last_seen_at) > TOUCH_AFTER_MS) {
		expiresAt = new Date(Math.min(now + IDLE_MS, Date.parse(session.created_at) + ABSOLUTE_MS));
		await repository.touchSession(db, id, nowIso(), expiresAt.toISOString());
	}
	return { actor, sessionId: id, expiresAt };
}

export async function endSession(db: Db, token: string | undefined): Promise<void> {
	if (token) await repository.deleteSession(db, hashToken(token));
}

export async function endAllSessions(db: Db, personId: string): Promise<number> {
	return repository.deleteSessionsOf(db, personId);
}

export async function loadActor(db: Db, personId: string): Promise<Actor | null> {
	const person = await repository.findPersonById(db, personId);
	if (!person) return null;
	const [roles, verifications] = await Promise.all([repository.rolesOf(db, personId), repository.verificationsOf(db, personId)]);
	return {
		personId: person.id,
		email: person.email,
		displayName: person.display_name,
		networkAdmin: person.network_admin === 1,
		preferredLocale: person.preferred_locale,
		roles: roles.map((role) => ({ cityId: role.city_id, role: role.role, department: role.department })),
		verifications: verifications.map((verification) => ({ cityId: verification.city_id, level: verification.level }))
	};
}
