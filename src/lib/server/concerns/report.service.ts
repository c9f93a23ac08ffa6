/**
 * The resident's side, without an account: report a concern (web form or Open311), then follow
 * it with the secret tracking link — read the status and the office's replies, add information,
 * appeal a decision once within the appeal period, or withdraw it. The link's token is returned
 * once and only its SHA-256 is stored.
 *
 * @example
 *   const { ref, token } = await submitConcern(db, ring, city, { category: 'discrimination', description: '…', consent: 'yes' },
 *     { locale: 'en', ip, trackingLink: (token) => `${origin}/cities/york/concerns/track?t=${token}` });
 *   const view = await trackConcern(db, ring, city, token, { ip });
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { nowIso, todayIso, uuidv7 } from '../db/ids.ts';
import { inTransaction } from '../db/transaction.ts';
import { conflict, DomainError, fieldErrors } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { hashIp, hitLimits, recordAudit, type LimitRule } from '../accounts/index.ts';
import { listDistricts } from '../cities/index.ts';
import type { KeyRing } from './crypto.ts';
import * as repository from './concerns.repository.ts';
import type { CaseRow } from './concerns.repository.ts';
import { messageInputSchema, reportInputSchema, type ReportInput } from './concerns.schema.ts';
import type { ConcernContact, ConcernDetails, TrackedConcern } from './concerns.types.ts';
import { appendReporterEntry, messageField, openContact, openDetails, sealJson, tallyChanges, toMessage } from './case-record.ts';
import { mailReporter } from './mail.ts';
import { ANSWER_DAYS, INFO_LIMIT_PER_HOUR, isOpen, REPORT_LIMITS, type ConcernStatus } from './vocabulary.ts';

export interface ConcernCity {
	id: string;
	slug: string;
	/** The name mails and pages use. */
	name: string;
}

export interface SubmitContext {
	/** The reader's language (the report's own language defaults to it). */
	locale: string;
	ip?: string | undefined;
	source?: 'web' | 'open311';
	apiKeyId?: string | undefined;
	/** The tracking page's address for a token (for the receipt mail). */
	trackingLink?: (token: string) => string;
	demo?: boolean;
	/** The moment of receipt (the demo and benchmarks set it). */
	now?: Date;
	/** Spam limits are the caller's: false for the demo seed. */
	limit?: boolean;
}

export interface SubmittedConcern {
	id: string;
	ref: string;
	/** The secret of the tracking link: shown once, never stored. */
	token: string;
}

export function hashTracking(token: string): string {
	return createHash('sha256').update(token).digest('base64url');
}

export function addDays(day: string, days: number): string {
	const date = new Date(`${day}T00:00:00Z`);
	date.setUTCDate(date.getUTCDate() + days);
	return date.toISOString().slice(0, 10);
}

/** Rules a report counts against: the IP address, and the Open311 client's key. */
export async function reportLimits(db: Db, ip: string | undefined, apiKeyId: string | undefined): Promise<LimitRule[]> {
	const rules: LimitRule[] = [];
	const ipHash = await hashIp(db, ip);
	if (apiKeyId) {
		rules.push({ key: `concern:key:${apiKeyId}`, max: REPORT_LIMITS.perKeyHour, minutes: 60 });
		// An Open311 client posts for many people from one address: its key is the limit, the address a wider one.
		if (ipHash) rules.push({ key: `concern:api-ip:${ipHash}`, max: REPORT_LIMITS.perApiIpHour, minutes: 60 });
	} else if (ipHash) {
		rules.push({ key: `concern:ip:${ipHash}`, max: REPORT_LIMITS.perIpHour, minutes: 60 }, { key: `concern:ip-day:${ipHash}`, max: REPORT_LIMITS.perIpDay, minutes: 24 * 60 });
	}
	return rules;
}

/** The rule a POST without a usable Open311 key counts against (per address). */
export async function keylessLimits(db: Db, ip: string | undefined): Promise<LimitRule[]> {
	const ipHash = await hashIp(db, ip);
	return ipHash ? [{ key: `concern:api-nokey:${ipHash}`, max: REPORT_LIMITS.keylessPerIpHour, minutes: 60 }] : [];
}

/** Counts a hit against the rules; a refusal is a `rate_limited` error on the whole form. */
export async function enforceLimits(db: Db, rules: LimitRule[]): Promise<void> {
	if (rules.length === 0) return;
	const verdict = await hitLimits(db, rules);
	if (!verdict.ok) throw new DomainError('rate_limited', 'rate_limited', { field: 'form', rule: 'rate_limited', retryAfterMinutes: verdict.retryAfterMinutes });
}

/**
 * Receives a report: checks it (every field's problem at once), counts it against the spam
 * limits, and in one transaction stores the case with its personal data sealed, moves the
 * statistics, appends the ledger entry (reference, status, dates only) and queues the receipt
 * mail when an address was given.
 */
export async function submitConcern(db: Db, ring: KeyRing, city: ConcernCity, input: ReportInput, context: SubmitContext): Promise<SubmittedConcern> {
	const now = context.now ?? new Date();
	const today = todayIso(now);
	const valid = parseInput(reportInputSchema(today), input);
	if (valid.district && !(await listDistricts(db, city.id)).some((district) => district.code === valid.district)) throw fieldErrors({ district: 'district_unknown' });
	if (context.limit !== false) await enforceLimits(db, await reportLimits(db, context.ip, context.apiKeyId));

	const id = uuidv7(now.getTime());
	const token = randomBytes(32).toString('base64url');
	const details: ConcernDetails = { description: valid.description, occurredOn: valid.occurredOn, address: valid.address, lat: valid.lat, long: valid.long, groups: valid.groups };
	const contact: ConcernContact = { name: valid.anonymous ? null : valid.name, email: valid.email, phone: valid.phone };
	const hasContact = Boolean(contact.name || contact.email || contact.phone);
	const at = now.toISOString();
	return inTransaction(db, async (trx) => {
		const year = now.getUTCFullYear();
		const ref = `R-${year}-${String(await repository.nextRefNumber(trx, city.id, year)).padStart(4, '0')}`;
		const row: CaseRow = {
			city_id: city.id,
			id,
			ref,
			tracking_hash: hashTracking(token),
			category: valid.category as CaseRow['category'],
			district: valid.district,
			status: 'received',
			is_open: 1,
			locale: valid.reportLocale ?? context.locale,
			source: context.source ?? 'web',
			api_key_id: context.apiKeyId ?? null,
			anonymous: valid.anonymous ? 1 : 0,
			has_email: contact.email ? 1 : 0,
			public_listing: valid.publicListing ? 1 : 0,
			received_at: at,
			handler_id: null,
			referred_to: null,
			due_on: addDays(today, ANSWER_DAYS),
			closed_at: null,
			appeal_until: null,
			appealed_at: null,
			linked_type: null,
			linked_id: null,
			linked_ref: null,
			key_id: ring.currentId,
			details_enc: sealJson(ring, details, city.id, id, 'details'),
			contact_enc: hasContact ? sealJson(ring, contact, city.id, id, 'contact') : null,
			erased_at: null,
			demo: context.demo ? 1 : 0,
			version: 1,
			created_at: at,
			updated_at: at
		};
		await repository.insertCase(trx, row);
		await repository.bumpTallies(trx, city.id, tallyChanges(null, row));
		await appendReporterEntry(trx, null, row);
		if (context.trackingLink) await mailReporter(trx, ring, row, city.name, { kind: 'received', trackingLink: context.trackingLink(token) });
		return { id, ref, token };
	});
}

/** The case behind a tracking token; `concern_not_found` for any token that is not one (no hint which part was wrong). */
async function caseOfToken(db: Db, cityId: string, token: string): Promise<CaseRow> {
	const row = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? await repository.findCaseByTracking(db, cityId, hashTracking(token)) : undefined;
	if (!row) throw new DomainError('concern_not_found');
	return row;
}

function maskEmail(email: string): string {
	const [local = '', domain = ''] = email.split('@');
	return `${local.slice(0, 1)}•••@${domain}`;
}

/** Whether the reporter may still appeal (a decision, not yet appealed, within the period). */
function appealOpen(row: CaseRow, today: string): boolean {
	return (row.status === 'resolved' || row.status === 'not_upheld') && row.appealed_at === null && row.appeal_until !== null && today <= row.appeal_until;
}

/**
 * What the reporter sees through the link: status, deadline, their own words, the office's
 * replies, their additions and changes of status (never internal notes, never who handles it).
 * Each look is in the audit log (a leaked link shows up there).
 */
export async function trackConcern(db: Db, ring: KeyRing, cityId: string, token: string, context: { ip?: string | undefined; now?: Date } = {}): Promise<TrackedConcern> {
	const row = await caseOfToken(db, cityId, token);
	const today = todayIso(context.now);
	const messages = (await repository.listMessages(db, cityId, row.id, ['info', 'reply', 'status'])).map((message) => toMessage(ring, message));
	const email = openContact(ring, row)?.email ?? null;
	await recordAudit(db, { cityId, actorId: null, action: 'concern.tracked', target: row.ref, ip: context.ip });
	return {
		ref: row.ref,
		category: row.category,
		status: row.status,
		receivedAt: row.received_at,
		dueOn: row.due_on,
		closedAt: row.closed_at,
		canAppealUntil: appealOpen(row, today) ? row.appeal_until : null,
		appealedAt: row.appealed_at,
		canAddInformation: isOpen(row.status) && row.erased_at === null,
		canWithdraw: isOpen(row.status),
		description: openDetails(ring, row)?.description ?? null,
		maskedEmail: email ? maskEmail(email) : null,
		erasedAt: row.erased_at,
		messages
	};
}

/** A message from the reporter, sealed; the case is "touched" so the office sees something new. */
async function addReporterMessage(trx: Db, ring: KeyRing, row: CaseRow, body: string, at: string): Promise<void> {
	const id = uuidv7();
	await repository.insertMessage(trx, { city_id: row.city_id, id, case_id: row.id, kind: 'info', author_id: null, status: null, body_enc: ring.seal(body, { cityId: row.city_id, caseId: row.id, field: messageField(id) }), key_id: ring.currentId, created_at: at });
}

/** The reporter adds information to an open case (at most a few messages an hour). */
export async function addInformation(db: Db, ring: KeyRing, cityId: string, token: string, input: { body?: string }): Promise<void> {
	const { body } = parseInput(messageInputSchema, input);
	const row = await caseOfToken(db, cityId, token);
	if (!isOpen(row.status) || row.erased_at) throw conflict('case_closed');
	const since = new Date(Date.now() - 60 * 60_000).toISOString();
	if ((await repository.countRecentMessages(db, cityId, row.id, 'info', since)) >= INFO_LIMIT_PER_HOUR) throw new DomainError('rate_limited', 'rate_limited', { field: 'form', rule: 'rate_limited', retryAfterMinutes: 60 });
	await inTransaction(db, async (trx) => {
		const at = nowIso();
		await addReporterMessage(trx, ring, row, body, at);
		if (!(await repository.updateCase(trx, cityId, row.id, row.version, { updated_at: at }))) throw conflict();
	});
}

/** Moves the case to a new status as the reporter (appeal, withdrawal): statistics and ledger follow. */
async function reporterChange(trx: Db, row: CaseRow, status: ConcernStatus, columns: Partial<CaseRow>, at: string): Promise<CaseRow> {
	const changes: Partial<CaseRow> = { status, is_open: isOpen(status) ? 1 : 0, updated_at: at, ...columns };
	if (!(await repository.updateCase(trx, row.city_id, row.id, row.version, changes))) throw conflict();
	const after = { ...row, ...changes, version: row.version + 1 } as CaseRow;
	await repository.bumpTallies(trx, row.city_id, tallyChanges(row, after));
	await repository.insertMessage(trx, { city_id: row.city_id, id: uuidv7(), case_id: row.id, kind: 'status', author_id: null, status, body_enc: null, key_id: null, created_at: at });
	await appendReporterEntry(trx, row, after);
	return after;
}

/**
 * The reporter appeals a decision (resolved or not upheld) within the appeal period, once, with
 * their reasons: the case opens again for review with a new deadline.
 */
export async function appealConcern(db: Db, ring: KeyRing, cityId: string, token: string, input: { body?: string }, now = new Date()): Promise<void> {
	const { body } = parseInput(messageInputSchema, input);
	const row = await caseOfToken(db, cityId, token);
	if (!appealOpen(row, todayIso(now))) throw conflict('appeal_closed');
	await inTransaction(db, async (trx) => {
		const at = now.toISOString();
		await addReporterMessage(trx, ring, row, body, at);
		await reporterChange(trx, row, 'under_review', { closed_at: null, appealed_at: at, due_on: addDays(todayIso(now), ANSWER_DAYS) }, at);
	});
}

/** The reporter withdraws an open concern. */
export async function withdrawConcern(db: Db, cityId: string, token: string): Promise<void> {
	const row = await caseOfToken(db, cityId, token);
	if (!isOpen(row.status)) throw conflict('case_closed');
	await inTransaction(db, async (trx) => {
		const at = nowIso();
		await reporterChange(trx, row, 'withdrawn', { closed_at: at }, at);
	});
}
