/**
 * Use cases of a person's own account: sign up, confirm the e-mail address, sign in (with rate
 * limits and a temporary lock), password reset by one-time token, change password, profile,
 * download my data, delete my account. Each mutation writes its audit entry in its transaction.
 */
import type { Db } from '../db/database.ts';
import { nowIso, uuidv7 } from '../db/ids.ts';
import { DomainError } from '../errors.ts';
import * as repository from './accounts.repository.ts';
import type { Actor } from './actor.ts';
import { hashIp, recordAudit } from './audit.ts';
import { sendMail } from './mail.ts';
import { dummyPasswordHash, hashPassword, passwordProblem, verifyPassword } from './password.ts';
import { hitLimits, overLimit, type LimitRule } from './rate-limit.ts';
import { hashToken, keyedHash, newToken } from './secrets.ts';
import { startSession, endAllSessions, type RequestContext } from './sessions.service.ts';
import { findCityBySlug } from '../cities/index.ts';

const RESET_TTL_MS = 60 * 60 * 1000;
const VERIFY_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface MailContext extends RequestContext {
	/** Origin for links in mails, e.g. https://rights.example.org */
	origin: string;
	locale: string;
}

function limited(retryAfterMinutes: number, code: 'rate_limited' | 'account_locked' = 'rate_limited'): DomainError {
	return new DomainError(code, `Too many attempts; try again in ${retryAfterMinutes} minute(s)`, { retryAfterMinutes });
}

async function enforce(db: Db, rules: LimitRule[]): Promise<void> {
	const verdict = await hitLimits(db, rules);
	if (!verdict.ok) throw limited(verdict.retryAfterMinutes);
}

async function citiesOf(db: Db, personId: string): Promise<(string | null)[]> {
	const roles = await repository.rolesOf(db, personId);
	const cities = [...new Set(roles.map((role) => role.city_id))];
	return cities.length ? cities : [null];
}

/** Audit an event once for each city the person belongs to (each city admin sees it), else network-level. */
async function auditPerson(db: Db, personId: string, action: string, ip: string | undefined, details: Record<string, unknown> = {}) {
	for (const cityId of await citiesOf(db, personId)) await recordAudit(db, { cityId, actorId: personId, action, target: personId, details, ip });
}

async function sendToken(db: Db, person: { id: string; email: string }, purpose: 'reset' | 'verify', context: MailContext, subject: string, body: (link: string) => string) {
	const token = newToken();
	const now = Date.now();
	await repository.insertAccountToken(db, {
		token_hash: hashToken(token),
		person_id: person.id,
		purpose,
		expires_at: new Date(now + (purpose === 'reset' ? RESET_TTL_MS : VERIFY_TTL_MS)).toISOString(),
		created_at: new Date(now).toISOString()
	});
	const path = purpose === 'reset' ? 'reset-password' : 'verify-email';
	await sendMail(db, { to: person.email, subject, body: body(`${context.origin}/${path}/${token}`) });
}

export interface SignUpInput {
	displayName: string;
	email: string;
	password: string;
	city?: string | undefined;
}

export interface MailTexts {
	verifySubject: string;
	verifyBody: (link: string) => string;
	resetSubject: string;
	resetBody: (link: string) => string;
	/** To the owner of an address someone tried to sign up with again. */
	existsSubject: string;
	existsBody: (links: { signin: string; reset: string }) => string;
}

/**
 * The least time sign-up and a password-reset request take, whatever the address: the answer and
 * its timing never tell whether an account exists (the work itself differs: a mail, rows written).
 */
export const EVEN_ANSWER_MS = 400;

async function evenly<T>(minMs: number, work: () => Promise<T>): Promise<T> {
	const started = performance.now();
	try {
		return await work();
	} finally {
		const left = minMs - (performance.now() - started);
		if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
	}
}

/**
 * Creates the account (resident of the chosen city, not signed in) and mails a confirmation link.
 * An address that already has an account gets the same answer, and its owner a mail saying so
 * (with links to sign in and to reset the password): sign-up never tells who has an account.
 * Returns whether an account was created (for tests and the CLI; the page answers the same).
 */
export async function signUp(db: Db, input: SignUpInput, context: MailContext, texts: MailTexts, options: { minMs?: number } = {}): Promise<{ created: boolean }> {
	const ipHash = (await hashIp(db, context.ip)) ?? 'none';
	await enforce(db, [{ key: `signup:ip:${ipHash}`, max: 10, minutes: 60 }]);
	const problem = passwordProblem(input.password, input.email);
	if (problem) throw new DomainError('weak_password', problem, { field: 'password', rule: problem });
	const city = input.city ? await findCityBySlug(db, input.city) : undefined;
	if (input.city && !city) throw new DomainError('invalid_input', 'city_invalid', { field: 'city' });
	return evenly(options.minMs ?? EVEN_ANSWER_MS, async () => {
		const passwordHash = await hashPassword(input.password);
		return db.transaction().execute(async (trx) => {
			const existing = await repository.findPersonByEmail(trx, input.email);
			if (existing) {
				const links = { signin: `${context.origin}/signin`, reset: `${context.origin}/reset-password` };
				await sendMail(trx, { to: existing.email, subject: texts.existsSubject, body: texts.existsBody(links) });
				await auditPerson(trx, existing.id, 'account.signup_existing', context.ip);
				return { created: false };
			}
			const now = nowIso();
			const personId = uuidv7();
			await repository.insertPerson(trx, {
				id: personId,
				email: input.email,
				display_name: input.displayName,
				password_hash: passwordHash,
				preferred_locale: context.locale,
				network_admin: 0,
				email_verified_at: null,
				created_at: now,
				updated_at: now
			});
			if (city) {
				await repository.insertRole(trx, { city_id: city.id, person_id: personId, role: 'resident', department: null, granted_by: null, created_at: now });
			}
			await auditPerson(trx, personId, 'account.signup', context.ip);
			await sendToken(trx, { id: personId, email: input.email }, 'verify', context, texts.verifySubject, texts.verifyBody);
			return { created: true };
		});
	});
}

/** Confirms the address: verification level `email` in every city the person belongs to. */
export async function confirmEmail(db: Db, token: string, context: RequestContext): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const row = await checkToken(trx, token, 'verify');
		const now = nowIso();
		await repository.useAccountToken(trx, row.token_hash, now);
		await repository.updatePerson(trx, row.person_id, { email_verified_at: now, updated_at: now });
		for (const role of await repository.rolesOf(trx, row.person_id)) {
			await repository.insertVerification(trx, { city_id: role.city_id, person_id: row.person_id, level: 'email', verified_by: null, created_at: now });
		}
		await auditPerson(trx, row.person_id, 'account.email_confirmed', context.ip);
	});
}

/**
 * Signs in with e-mail and password. Unknown address and wrong password give the same error
 * and take the same time. Failures lock the address for that IP after 5 tries and for everyone
 * after 50, for the rest of a 15-minute window only (nobody can lock another out for good).
 */
export async function signIn(db: Db, input: { email: string; password: string }, context: RequestContext): Promise<{ token: string; expiresAt: Date; personId: string }> {
	const ipHash = (await hashIp(db, context.ip)) ?? 'none';
	const emailHash = await keyedHash(db, 'email', input.email);
	await enforce(db, [{ key: `signin:ip:${ipHash}`, max: 30, minutes: 15 }]);
	const failRules: LimitRule[] = [
		{ key: `signin-fail:${emailHash}:${ipHash}`, max: 5, minutes: 15 },
		{ key: `signin-fail:${emailHash}`, max: 50, minutes: 15 }
	];
	for (const rule of failRules) {
		const verdict = await overLimit(db, rule);
		if (!verdict.ok) throw limited(verdict.retryAfterMinutes, 'account_locked');
	}
	const person = await repository.findPersonByEmail(db, input.email);
	const valid = await verifyPassword(input.password, person?.password_hash ?? (await dummyPasswordHash()));
	if (!person || !valid) {
		await hitLimits(db, failRules);
		if (person) await auditPerson(db, person.id, 'account.signin_failed', context.ip);
		else await recordAudit(db, { cityId: null, actorId: null, action: 'account.signin_failed', target: null, details: { unknownAccount: true }, ip: context.ip });
		throw new DomainError('invalid_credentials', 'invalid_credentials');
	}
	return db.transaction().execute(async (trx) => {
		await auditPerson(trx, person.id, 'account.signin', context.ip);
		return { ...(await startSession(trx, person.id, context)), personId: person.id };
	});
}

/** Always answers the same way, in the same time; mails a one-hour link only when the account exists. */
export async function requestPasswordReset(db: Db, email: string, context: MailContext, texts: MailTexts, options: { minMs?: number } = {}): Promise<void> {
	const ipHash = (await hashIp(db, context.ip)) ?? 'none';
	const emailHash = await keyedHash(db, 'email', email);
	await enforce(db, [
		{ key: `reset:ip:${ipHash}`, max: 10, minutes: 15 },
		{ key: `reset:${emailHash}`, max: 3, minutes: 60 }
	]);
	await evenly(options.minMs ?? EVEN_ANSWER_MS, async () => {
		const person = await repository.findPersonByEmail(db, email);
		if (!person) return;
		await db.transaction().execute(async (trx) => {
			await sendToken(trx, person, 'reset', context, texts.resetSubject, texts.resetBody);
			await auditPerson(trx, person.id, 'account.reset_requested', context.ip);
		});
	});
}

async function checkToken(db: Db, token: string, purpose: 'reset' | 'verify') {
	const row = token.length <= 100 ? await repository.findAccountToken(db, hashToken(token)) : undefined;
	if (!row || row.purpose !== purpose || row.used_at) throw new DomainError('reset_token_invalid', 'reset_token_invalid');
	if (Date.parse(row.expires_at) <= Date.now()) throw new DomainError('reset_token_expired', 'reset_token_expired');
	return row;
}

/** Whether a reset link can still be used (to show the form or the "expired" page). */
export async function checkResetToken(db: Db, token: string): Promise<void> {
	await checkToken(db, token, 'reset');
}

/** Sets a new password from a reset link; voids every other reset link and ends every session of the account. */
export async function resetPassword(db: Db, token: string, password: string, context: RequestContext): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const row = await checkToken(trx, token, 'reset');
		const person = await repository.findPersonById(trx, row.person_id);
		if (!person) throw new DomainError('reset_token_invalid', 'reset_token_invalid');
		const problem = passwordProblem(password, person.email);
		if (problem) throw new DomainError('weak_password', problem, { field: 'password', rule: problem });
		if (!(await repository.useAccountToken(trx, row.token_hash, nowIso()))) throw new DomainError('reset_token_invalid', 'reset_token_invalid');
		await repository.updatePerson(trx, person.id, { password_hash: await hashPassword(password), updated_at: nowIso() });
		await repository.voidResetTokens(trx, person.id, nowIso());
		await endAllSessions(trx, person.id);
		await auditPerson(trx, person.id, 'account.password_reset', context.ip);
	});
}

async function requirePassword(db: Db, actor: Actor, password: string, field: string): Promise<void> {
	const person = await repository.findPersonById(db, actor.personId);
	if (!person || !(await verifyPassword(password, person.password_hash))) {
		throw new DomainError('invalid_credentials', 'current_password_wrong', { field });
	}
}

/** Changes the password; outstanding reset links are void, other sessions end, a fresh one is returned for this browser. */
export async function changePassword(db: Db, actor: Actor, input: { currentPassword: string; newPassword: string }, context: RequestContext) {
	await requirePassword(db, actor, input.currentPassword, 'currentPassword');
	const problem = passwordProblem(input.newPassword, actor.email);
	if (problem) throw new DomainError('weak_password', problem, { field: 'newPassword', rule: problem });
	const hash = await hashPassword(input.newPassword);
	return db.transaction().execute(async (trx) => {
		await repository.updatePerson(trx, actor.personId, { password_hash: hash, updated_at: nowIso() });
		await repository.voidResetTokens(trx, actor.personId, nowIso());
		await endAllSessions(trx, actor.personId);
		await auditPerson(trx, actor.personId, 'account.password_changed', context.ip);
		return startSession(trx, actor.personId, context);
	});
}

/** Remembers the UI language a signed-in person picked (used where no cookie says otherwise). */
export async function updatePreferredLocale(db: Db, personId: string, locale: string): Promise<void> {
	await repository.updatePerson(db, personId, { preferred_locale: locale });
}

export async function updateProfile(db: Db, actor: Actor, input: { displayName: string; preferredLocale?: string | undefined }): Promise<void> {
	await repository.updatePerson(db, actor.personId, { display_name: input.displayName, preferred_locale: input.preferredLocale ?? null, updated_at: nowIso() });
}

/** Deletes the account and everything that is only about the person (roles, sessions, tokens). */
export async function deleteAccount(db: Db, actor: Actor, password: string, context: RequestContext): Promise<void> {
	await requirePassword(db, actor, password, 'password');
	await db.transaction().execute(async (trx) => {
		// The audit keeps that an account was deleted (by whom, when), not who the person was.
		await auditPerson(trx, actor.personId, 'account.deleted', context.ip);
		await repository.deletePerson(trx, actor.personId);
	});
}

/** Everything the platform holds about the person, as JSON-ready data (no password hash, no tokens). */
export async function exportMyData(db: Db, actor: Actor) {
	const person = await repository.findPersonById(db, actor.personId);
	if (!person) throw new DomainError('person_not_found', 'person_not_found');
	const [roles, verifications, sessions, activity] = await Promise.all([
		repository.rolesOf(db, actor.personId),
		repository.verificationsOf(db, actor.personId),
		repository.listSessionsOf(db, actor.personId),
		repository.auditOfPerson(db, actor.personId)
	]);
	return {
		exportedAt: nowIso(),
		person: {
			id: person.id,
			email: person.email,
			displayName: person.display_name,
			preferredLocale: person.preferred_locale,
			emailVerifiedAt: person.email_verified_at,
			createdAt: person.created_at,
			updatedAt: person.updated_at
		},
		roles: roles.map((role) => ({ cityId: role.city_id, role: role.role, department: role.department, since: role.created_at })),
		verifications,
		sessions: sessions.map((session) => ({ createdAt: session.created_at, lastSeenAt: session.last_seen_at, expiresAt: session.expires_at, userAgent: session.user_agent })),
		activity
	};
}

export interface MySession {
	/** A key to tell rows apart that reveals nothing of the stored token hash. */
	key: string;
	userAgent: string | null;
	createdAt: string;
	lastSeenAt: string;
	current: boolean;
}

/** What the account page shows about the person: whether the e-mail is confirmed, and live sessions. */
export async function describeMyAccount(db: Db, actor: Actor, currentToken: string | undefined): Promise<{ emailConfirmed: boolean; sessions: MySession[] }> {
	const [person, sessions] = await Promise.all([repository.findPersonById(db, actor.personId), repository.listSessionsOf(db, actor.personId)]);
	const currentId = currentToken ? hashToken(currentToken) : undefined;
	const now = Date.now();
	return {
		emailConfirmed: Boolean(person?.email_verified_at),
		sessions: sessions
			.filter((session) => Date.parse(session.expires_at) > now)
			.map((session) => ({
				key: `${session.created_at}-${session.id.slice(0, 6)}`,
				userAgent: session.user_agent,
				createdAt: session.created_at,
				lastSeenAt: session.last_seen_at,
				current: session.id === currentId
			}))
	};
}
