/**
 * Queries of the accounts module: people, sessions, roles, verifications, census, resets,
 * outbox, audit log and rate-limit counters. The only file of the module that speaks SQL.
 */
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { toNumber } from '../db/dialect.ts';
import type { AuditTable, CityRole, PersonTable, RoleTable, SessionTable, VerificationLevel } from './accounts.tables.ts';

export type PersonRow = PersonTable;

export async function insertPerson(db: Db, person: PersonTable): Promise<void> {
	await db.insertInto('person').values(person).execute();
}

export async function findPersonByEmail(db: Db, email: string): Promise<PersonRow | undefined> {
	return db.selectFrom('person').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function findPersonById(db: Db, id: string): Promise<PersonRow | undefined> {
	return db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updatePerson(db: Db, id: string, changes: Partial<Omit<PersonTable, 'id'>>): Promise<void> {
	await db.updateTable('person').set(changes).where('id', '=', id).execute();
}

export async function deletePerson(db: Db, id: string): Promise<void> {
	await db.deleteFrom('person').where('id', '=', id).execute();
}

export async function insertSession(db: Db, session: SessionTable): Promise<void> {
	await db.insertInto('session').values(session).execute();
}

export async function findSession(db: Db, id: string): Promise<SessionTable | undefined> {
	return db.selectFrom('session').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function touchSession(db: Db, id: string, lastSeenAt: string, expiresAt: string): Promise<void> {
	await db.updateTable('session').set({ last_seen_at: lastSeenAt, expires_at: expiresAt }).where('id', '=', id).execute();
}

export async function deleteSession(db: Db, id: string): Promise<void> {
	await db.deleteFrom('session').where('id', '=', id).execute();
}

export async function deleteSessionsOf(db: Db, personId: string): Promise<number> {
	const result = await db.deleteFrom('session').where('person_id', '=', personId).executeTakeFirst();
	return Number(result.numDeletedRows);
}

/** Deletes at most `limit` sessions that have expired by `now`; returns how many it deleted. */
export async function deleteExpiredSessions(db: Db, now: string, limit: number): Promise<number> {
	const result = await db
		.deleteFrom('session')
		.where('id', 'in', (eb) => eb.selectFrom('session').select('id').where('expires_at', '<=', now).limit(limit))
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}

export async function listSessionsOf(db: Db, personId: string): Promise<SessionTable[]> {
	return db.selectFrom('session').selectAll().where('person_id', '=', personId).orderBy('last_seen_at', 'desc').execute();
}

export async function rolesOf(db: Db, personId: string): Promise<RoleTable[]> {
	return db.selectFrom('city_role').selectAll().where('person_id', '=', personId).execute();
}

export async function insertRole(db: Db, role: RoleTable): Promise<void> {
	await db
		.insertInto('city_role')
		.values(role)
		.onConflict((oc) => oc.columns(['city_id', 'person_id', 'role']).doUpdateSet({ department: role.department }))
		.execute();
}

export async function deleteRole(db: Db, cityId: string, personId: string, role: CityRole): Promise<number> {
	const result = await db
		.deleteFrom('city_role')
		.where('city_id', '=', cityId)
		.where('person_id', '=', personId)
		.where('role', '=', role)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}

export async function countRole(db: Db, cityId: string, role: CityRole): Promise<number> {
	const row = await db
		.selectFrom('city_role')
		.select((eb) => eb.fn.countAll().as('n'))
		.where('city_id', '=', cityId)
		.where('role', '=', role)
		.executeTakeFirstOrThrow();
	return toNumber(row.n);
}

export interface CityPersonRow {
	person_id: string;
	email: string;
	display_name: string;
	role: CityRole;
	department: string | null;
}

/** Everyone holding a role in a city, with their roles (one row per role). */
export async function listCityPeople(db: Db, cityId: string): Promise<CityPersonRow[]> {
	return db
		.selectFrom('city_role')
		.innerJoin('person', 'person.id', 'city_role.person_id')
		.select(['city_role.person_id', 'person.email', 'person.display_name', 'city_role.role', 'city_role.department'])
		.where('city_role.city_id', '=', cityId)
		.orderBy('person.display_name')
		.orderBy('city_role.role')
		.execute();
}

export async function verificationsOf(db: Db, personId: string): Promise<{ city_id: string; level: VerificationLevel }[]> {
	return db.selectFrom('verification').select(['city_id', 'level']).where('person_id', '=', personId).execute();
}

export async function insertVerification(db: Db, row: { city_id: string; person_id: string; level: VerificationLevel; verified_by: string | null; created_at: string }): Promise<void> {
	await db
		.insertInto('verification')
		.values(row)
		.onConflict((oc) => oc.columns(['city_id', 'person_id', 'level']).doNothing())
		.execute();
}

export async function insertCensusBatch(db: Db, cityId: string, batchId: string, hashes: string[], uploadedBy: string, now: string): Promise<void> {
	await db.insertInto('census_batch').values({ city_id: cityId, id: batchId, entries: hashes.length, uploaded_by: uploadedBy, created_at: now }).execute();
	for (let start = 0; start < hashes.length; start += 500) {
		await db
			.insertInto('census_entry')
			.values(hashes.slice(start, start + 500).map((identifier_hash) => ({ city_id: cityId, identifier_hash, batch_id: batchId, created_at: now })))
			.onConflict((oc) => oc.columns(['city_id', 'identifier_hash']).doUpdateSet({ batch_id: batchId }))
			.execute();
	}
}

export async function deleteCensusExcept(db: Db, cityId: string, batchId: string): Promise<void> {
	await db.deleteFrom('census_entry').where('city_id', '=', cityId).where('batch_id', '!=', batchId).execute();
}

export async function censusHas(db: Db, cityId: string, identifierHash: string): Promise<boolean> {
	const row = await db
		.selectFrom('census_entry')
		.select('batch_id')
		.where('city_id', '=', cityId)
		.where('identifier_hash', '=', identifierHash)
		.executeTakeFirst();
	return row !== undefined;
}

export async function censusSize(db: Db, cityId: string): Promise<number> {
	const row = await db.selectFrom('census_entry').select((eb) => eb.fn.countAll().as('n')).where('city_id', '=', cityId).executeTakeFirstOrThrow();
	return toNumber(row.n);
}

export async function insertAccountToken(
	db: Db,
	row: { token_hash: string; person_id: string; purpose: 'reset' | 'verify'; expires_at: string; created_at: string }
): Promise<void> {
	await db.insertInto('account_token').values({ ...row, used_at: null }).execute();
}

export async function findAccountToken(db: Db, tokenHash: string) {
	return db.selectFrom('account_token').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Deletes at most `limit` one-time tokens that expired before `before`; returns how many. */
export async function deleteExpiredAccountTokens(db: Db, before: string, limit: number): Promise<number> {
	const result = await db
		.deleteFrom('account_token')
		.where('token_hash', 'in', (eb) => eb.selectFrom('account_token').select('token_hash').where('expires_at', '<', before).limit(limit))
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}

/** Marks a token used; returns false when it was already used (a second, racing use). */
export async function useAccountToken(db: Db, tokenHash: string, now: string): Promise<boolean> {
	const result = await db
		.updateTable('account_token')
		.set({ used_at: now })
		.where('token_hash', '=', tokenHash)
		.where('used_at', 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

export async function insertOutbox(db: Db, row: { id: string; to_address: string; subject: string; body: string; created_at: string }): Promise<void> {
	await db.insertInto('outbox').values({ ...row, status: 'pending', attempts: 0, next_attempt_at: row.created_at }).execute();
}

// ——— The mail queue (mail.ts): each step one short statement, so SQLite's writer is never held long ———

/** Pending mails older than `before` will not be sent any more (a reset link of last week is useless). */
export async function expireStaleMail(db: Db, before: string): Promise<number> {
	const result = await db.updateTable('outbox').set({ status: 'expired' }).where('status', '=', 'pending').where('created_at', '<', before).executeTakeFirst();
	return Number(result.numUpdatedRows);
}

/** Mails whose run ended before marking them (a crash, a killed process): due again now. */
export async function releaseLapsedLeases(db: Db, now: string): Promise<number> {
	const result = await db.updateTable('outbox').set({ status: 'pending', lease_until: null, next_attempt_at: now }).where('status', '=', 'sending').where('lease_until', '<', now).executeTakeFirst();
	return Number(result.numUpdatedRows);
}

export async function listDueMail(db: Db, now: string, limit: number) {
	return db
		.selectFrom('outbox')
		.select(['id', 'to_address', 'subject', 'body', 'attempts'])
		.where('status', '=', 'pending')
		.where('next_attempt_at', '<=', now)
		.orderBy('next_attempt_at')
		.orderBy('id')
		.limit(limit)
		.execute();
}

/** Takes a due mail for one run (false when another run took it first) and counts the attempt. */
export async function claimMail(db: Db, id: string, now: string, leaseUntil: string): Promise<boolean> {
	const result = await db
		.updateTable('outbox')
		.set((eb) => ({ status: 'sending', lease_until: leaseUntil, attempts: eb('attempts', '+', 1) }))
		.where('id', '=', id)
		.where('status', '=', 'pending')
		.where('next_attempt_at', '<=', now)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

export async function markMailSent(db: Db, id: string, at: string): Promise<void> {
	await db.updateTable('outbox').set({ status: 'sent', sent_at: at, lease_until: null, last_error: null }).where('id', '=', id).where('status', '=', 'sending').execute();
}

export async function markMailRetry(db: Db, id: string, nextAttemptAt: string, error: string): Promise<void> {
	await db.updateTable('outbox').set({ status: 'pending', next_attempt_at: nextAttemptAt, lease_until: null, last_error: error }).where('id', '=', id).where('status', '=', 'sending').execute();
}

export async function markMailFailed(db: Db, id: string, error: string): Promise<void> {
	await db.updateTable('outbox').set({ status: 'failed', lease_until: null, last_error: error }).where('id', '=', id).where('status', '=', 'sending').execute();
}

export async function listOutbox(db: Db, toAddress: string | undefined, limit: number) {
	let query = db.selectFrom('outbox').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit);
	if (toAddress) query = query.where('to_address', '=', toAddress);
	return query.execute();
}

/** The newest sealed mails (their address is ciphertext: `sealed:<scheme>:…`). */
export async function listSealedOutbox(db: Db, limit: number) {
	return db.selectFrom('outbox').selectAll().where('to_address', 'like', 'sealed:%').orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export async function insertAudit(db: Db, row: AuditTable): Promise<void> {
	await db.insertInto('audit_log').values(row).execute();
}

export async function listAudit(db: Db, cityId: string, limit: number, before?: string) {
	let query = db
		.selectFrom('audit_log')
		.leftJoin('person', 'person.id', 'audit_log.actor_id')
		.select(['audit_log.id', 'audit_log.at', 'audit_log.action', 'audit_log.target', 'audit_log.details', 'audit_log.ip_hash', 'person.email as actor_email'])
		.where('audit_log.city_id', '=', cityId)
		.orderBy('audit_log.id', 'desc')
		.limit(limit);
	if (before) query = query.where('audit_log.id', '<', before);
	return query.execute();
}

export async function auditOfPerson(db: Db, personId: string) {
	return db.selectFrom('audit_log').select(['at', 'action', 'city_id', 'target']).where('actor_id', '=', personId).orderBy('at').execute();
}

export async function countHits(db: Db, key: string, windowStart: number): Promise<number> {
	const row = await db.selectFrom('rate_limit').select('hits').where('key', '=', key).where('window_start', '=', windowStart).executeTakeFirst();
	return row?.hits ?? 0;
}

/** Adds one hit to a fixed-window counter and returns the window's total (atomic upsert). */
export async function hitRateLimit(db: Db, key: string, windowStart: number): Promise<number> {
	const row = await db
		.insertInto('rate_limit')
		.values({ key, window_start: windowStart, hits: 1 })
		.onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet({ hits: sql`rate_limit.hits + 1` }))
		.returning('hits')
		.executeTakeFirstOrThrow();
	return row.hits;
}

/** Deletes at most `limit` counters of windows that started before `olderThan` (minutes). */
export async function pruneRateLimits(db: Db, olderThan: number, limit: number): Promise<number> {
	const result = await db
		.deleteFrom('rate_limit')
		.where(({ eb, refTuple, selectFrom }) =>
			eb(refTuple('key', 'window_start'), 'in', selectFrom('rate_limit').select(['key', 'window_start']).where('window_start', '<', olderThan).limit(limit).$asTuple('key', 'window_start'))
		)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}

/** The city's staff (officers and city admins), a row per role held. */
export async function listStaff(db: Db, cityId: string) {
	return db
		.selectFrom('city_role')
		.innerJoin('person', 'person.id', 'city_role.person_id')
		.select(['person.id', 'person.display_name', 'person.email', 'city_role.role', 'city_role.department'])
		.where('city_role.city_id', '=', cityId)
		.where('city_role.role', 'in', ['officer', 'city_admin'])
		.orderBy('person.display_name')
		.execute();
}

/** The administrators of every city (the network admin's registry view), by e-mail address. */
export async function listCityAdmins(db: Db): Promise<{ city_id: string; person_id: string; email: string; display_name: string }[]> {
	return db
		.selectFrom('city_role')
		.innerJoin('person', 'person.id', 'city_role.person_id')
		.select(['city_role.city_id', 'city_role.person_id', 'person.email', 'person.display_name'])
		.where('city_role.role', '=', 'city_admin')
		.orderBy('person.email')
		.execute();
}

/** E-mail addresses of people by id. */
export async function emailsOf(db: Db, personIds: readonly string[]): Promise<Map<string, string>> {
	const map = new Map<string, string>();
	for (let start = 0; start < personIds.length; start += 500) {
		const rows = await db.selectFrom('person').select(['id', 'email']).where('id', 'in', personIds.slice(start, start + 500)).execute();
		for (const row of rows) map.set(row.id, row.email);
	}
	return map;
}

/** Where and in which language to write to these people (mail for what they follow); only confirmed addresses. */
export async function mailContactsOf(db: Db, personIds: readonly string[]): Promise<Map<string, { email: string; locale: string | null }>> {
	const map = new Map<string, { email: string; locale: string | null }>();
	for (let start = 0; start < personIds.length; start += 500) {
		const rows = await db
			.selectFrom('person')
			.select(['id', 'email', 'preferred_locale'])
			.where('id', 'in', personIds.slice(start, start + 500))
			.where('email_verified_at', 'is not', null)
			.execute();
		for (const row of rows) map.set(row.id, { email: row.email, locale: row.preferred_locale });
	}
	return map;
}

/** Voids every reset link of the person not used yet (after any password change). */
export async function voidResetTokens(db: Db, personId: string, now: string): Promise<void> {
	await db.updateTable('account_token').set({ used_at: now }).where('person_id', '=', personId).where('purpose', '=', 'reset').where('used_at', 'is', null).execute();
}
