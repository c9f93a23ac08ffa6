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
import * as outboxQueue from './migrations/20261208T0900-outbox-queue.ts';
import { deliverConfiguredMail } from './mail.ts';
import { purgeExpired } from './purge.service.ts';

export type { AccountTables, CityRole, VerificationLevel, PersonTable } from './accounts.tables.ts';
export { hasRole, belongsToCity, isCityAdmin, isNetworkAdmin, verificationLevel, systemActor, personIdOf, type Actor, type MaybeActor, type SystemRole } from './actor.ts';
export { canAdministerCity, canManageRole, canVerifyInPerson, canReadAudit, canManageNetwork } from './accounts.policy.ts';
export { recordAudit, listCityAudit, hashIp, type AuditRecord, type AuditEntry } from './audit.ts';
/** Database-counted rate limits for any module's forms and APIs (reports, API posts). */
export { hitLimits, type LimitRule, type LimitVerdict } from './rate-limit.ts';
export { censusSize, uploadCensus } from './census.service.ts';
export { grantRole, listCityPeople, createAdmin, type CityPerson } from './roles.service.ts';
export { loadActor, startSession, resolveSession, SESSION_COOKIE } from './sessions.service.ts';
export { updatePreferredLocale } from './accounts.service.ts';
export { purgeExpired, type PurgeResult } from './purge.service.ts';
export { hashPassword } from './password.ts';
export { sendMail, deliverOutbox, smtpDelivery, readOutbox, registerMailSeal, openOutboxMail, type Mail, type MailDelivery, type MailSeal, type MailPart } from './mail.ts';
/** Queries for test factories and bench data that make people and roles directly. */
export { insertPerson, insertRole, insertSession, findPersonById, findPersonByEmail } from './accounts.repository.ts';
/** The city's officers and city admins (who may lead an action), a row per role held. */
export { listStaff as listCityStaff, listCityAdmins, emailsOf, mailContactsOf } from './accounts.repository.ts';
/** How many people hold a role in the city (a count, never who). */
export { countRole as countCityRole } from './accounts.repository.ts';

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
	migrations: { '20261123T1000-accounts': accountsMigration, '20261207T1400-expiry-indexes': expiryIndexes, '20261208T0900-outbox-queue': outboxQueue },
	errors: ERRORS,
	commands: () => [createAdminCommand],
	// Expired sessions, one-time links a week after expiry, old rate-limit counters: in bounded batches.
	jobs: [
		{ name: 'purge-expired', everyMinutes: 15, run: (db) => purgeExpired(db) },
		// The mail queue: due mails through SMTP_URL (without it, mails stay in the outbox).
		{ name: 'deliver-mail', everyMinutes: 0.5, run: (db, now) => deliverConfiguredMail(db, now) }
	],
	matrix: () => import('./accounts.matrix.ts')
};
export default manifest;
