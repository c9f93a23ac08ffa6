/**
 * Accounts: people, their sessions, roles per city, verification levels, census lists, password
 * reset tokens, the mail outbox, the audit log and rate-limit counters.
 * Person, session and outbox rows are network-level (one person may act in several cities);
 * roles, verifications, census entries and audit entries are city-owned (`city_id` first).
 */
import type { Generated } from 'kysely';

export type CityRole = 'resident' | 'officer' | 'city_admin' | 'cso';
export type VerificationLevel = 'email' | 'census' | 'in_person';

export interface PersonTable {
	id: string;
	/** Lower-cased; unique. */
	email: string;
	display_name: string;
	password_hash: string;
	preferred_locale: string | null;
	network_admin: number;
	email_verified_at: string | null;
	created_at: string;
	updated_at: string;
}

export interface SessionTable {
	/** SHA-256 of the token in the cookie: a database leak gives no usable session. */
	id: string;
	person_id: string;
	created_at: string;
	last_seen_at: string;
	expires_at: string;
	ip_hash: string | null;
	user_agent: string | null;
}

export interface RoleTable {
	city_id: string;
	person_id: string;
	role: CityRole;
	/** Department of an officer (free text until the commitments module brings departments). */
	department: string | null;
	granted_by: string | null;
	created_at: string;
}

export interface VerificationTable {
	city_id: string;
	person_id: string;
	level: VerificationLevel;
	verified_by: string | null;
	created_at: string;
}

export interface CensusEntryTable {
	city_id: string;
	/** HMAC-SHA-256 of the normalised identifier with the city's census key. */
	identifier_hash: string;
	batch_id: string;
	created_at: string;
}

export interface CensusBatchTable {
	city_id: string;
	id: string;
	entries: number;
	uploaded_by: string;
	created_at: string;
}

/** One-time tokens sent by mail: password reset and e-mail confirmation. */
export interface AccountTokenTable {
	token_hash: string;
	person_id: string;
	purpose: 'reset' | 'verify';
	expires_at: string;
	used_at: string | null;
	created_at: string;
}

/** Where a queued mail is (mail.ts): waiting, leased by a delivery run, delivered or given up. */
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'expired';

export interface OutboxTable {
	id: string;
	to_address: string;
	subject: string;
	body: string;
	created_at: string;
	status: Generated<OutboxStatus>;
	attempts: Generated<number>;
	/** When the delivery job may try it (next); null only for rows of the old outbox. */
	next_attempt_at: string | null;
	/** While `sending`: until when the run that claimed it holds it (after a crash, it is due again). */
	lease_until: string | null;
	sent_at: string | null;
	/** The last refusal or failure (no secrets: the server's reply or the error's message). */
	last_error: string | null;
}

export interface AuditTable {
	id: string;
	/** Null for network-level events (sign-in, network administration). */
	city_id: string | null;
	at: string;
	actor_id: string | null;
	action: string;
	target: string | null;
	/** JSON details; never passwords or tokens. */
	details: string;
	ip_hash: string | null;
}

export interface RateLimitTable {
	key: string;
	window_start: number;
	hits: number;
}

/** Keys generated once per installation (HMAC of census identifiers and IP addresses). */
export interface InstanceSecretTable {
	name: string;
	value: string;
}

export interface AccountTables {
	instance_secret: InstanceSecretTable;
	person: PersonTable;
	session: SessionTable;
	city_role: RoleTable;
	verification: VerificationTable;
	census_entry: CensusEntryTable;
	census_batch: CensusBatchTable;
	account_token: AccountTokenTable;
	outbox: OutboxTable;
	audit_log: AuditTable;
	rate_limit: RateLimitTable;
}
