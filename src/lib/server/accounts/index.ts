/**
 * The accounts module: people, sessions, roles per city, verification levels (e-mail, census,
 * in person), the audit log, rate limits and the mail outbox. Every policy in the platform starts
 * from the `Actor` exported here.
 */
import { type ModuleManifest, tableTypes } from '../module.ts';
import type { AccountTables } from './accounts.tables.ts';
import * as accountsMigration from './migrations/20261123T1000-accounts.ts';
import { createAdminCommand } from './create-admin.command.ts';
import * as expiryIndexes from './migrations/20261207T1400-expiry-indexes.ts';
import { purgeExpired } from './purge.service.ts';

export type { AccountTables, CityRole, VerificationLevel, PersonTable } from './accounts.tables.ts';
export { hasRole, belongsToCity, isCityAdmin, isNetworkAdmin, verificationLevel, systemActor, personIdOf, type Actor, type MaybeActor, type SystemRole } from './actor.ts';
export { canAdministerCity, canManageRole, canVerifyInPerson, canReadAudit, canManageNetwork } from './accounts.policy.ts';
export { recordAudit, listCityAudit, type AuditRecord, type AuditEntry } from './audit.ts';
export { censusSize } from './census.service.ts';
export { grantRole, listCityPeople, createAdmin, type CityPerson } from './roles.service.ts';
export { loadActor, startSession, resolveSession, SESSION_COOKIE } from './sessions.service.ts';
export { updatePreferredLocale } from './accounts.service.ts';
export { purgeExpired, type PurgeResult } from './purge.service.ts';
export { hashPassword } from './password.ts';
export { sendMail, readOutbox, type Mail } from './mail.ts';
/** Queries for test factories and bench data that make people and roles directly. */
export { insertPerson, insertRole, insertSession, findPersonById, findPersonByEmail } from './accounts.repository.ts';
/** The city's officers and city admins (who may lead an action), a row per role held. */
export { listStaff as listCityStaff, listCityAdmins, emailsOf } from './accounts.repository.ts';

const ERRORS = {
	invalid_credentials: 400,
	account_locked: 429,
	email_taken: 400,
	weak_password: 400,
	reset_token_invalid: 400,
	reset_token_expired: 400,
	person_not_found: 404,
	last_city_admin: 409,
	census_invalid: 400,
	census_no_match: 400
} as const;

const manifest: ModuleManifest<AccountTables, keyof typeof ERRORS> = {
	name: 'accounts',
	tables: tableTypes<AccountTables>(),
	migrations: { '20261123T1000-accounts': accountsMigration, '20261207T1400-expiry-indexes': expiryIndexes },
	errors: ERRORS,
	commands: () => [createAdminCommand],
	// Expired sessions, one-time links a week after expiry, old rate-limit counters: in bounded batches.
	jobs: [{ name: 'purge-expired', everyMinutes: 15, run: (db) => purgeExpired(db) }]
};
export default manifest;
