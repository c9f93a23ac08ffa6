/**
 * The human rights office's side: the triage queue (no personal data), a case with its personal
 * data for the staff allowed to read it (every such read in the audit log), and the handling —
 * assignment to a staff member, referral to a department or an external body, status with the
 * reporter told, replies, internal notes, the deadline and a link to the commitment or action the
 * case shows a systemic problem of. Staff changes are versioned and in the public ledger (status
 * and dates only).
 *
 * @example
 *   const page = await listCaseQueue(db, actor, cityId, { view: 'open' });
 *   const kase = await openCase(db, ring, actor, cityId, 'R-2026-0042', { ip });
 *   await changeStatus(db, ring, actor, city, 'R-2026-0042', kase.version, { status: 'referred', body: 'We asked the equality body.' });
 */
import type { Db } from '../db/database.ts';
import { nowIso, todayIso, uuidv7 } from '../db/ids.ts';
import { inTransaction } from '../db/transaction.ts';
import { DomainError, fieldErrors, forbidden } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { belongsToCity, listCityStaff, recordAudit, type MaybeActor } from '../accounts/index.ts';
import { ledgered } from '../ledger/index.ts';
import { findLinkTarget, getActionByRef, getCommitmentByRef, listDepartments } from '../commitments/index.ts';
import type { KeyRing } from './crypto.ts';
import * as repository from './concerns.repository.ts';
import type { CaseRow } from './concerns.repository.ts';
import { canHandleCase, canManageConcerns, canOpenConcernQueue } from './concerns.policy.ts';
import { deadlineInputSchema, linkInputSchema, messageInputSchema, referralInputSchema, statusInputSchema } from './concerns.schema.ts';
import type { CaseDetail, CaseSummary } from './concerns.types.ts';
import { caseRow, messageField, openContact, openDetails, tallyChanges, toMessage, toSummary } from './case-record.ts';
import { mailReporter } from './mail.ts';
import type { ConcernCity } from './report.service.ts';
import { addDays } from './report.service.ts';
import { APPEAL_DAYS, isOpen } from './vocabulary.ts';

export const QUEUE_PAGE = 50;

export interface QueueQuery {
	/** `open` (by deadline), `overdue`, `mine` (assigned to me) or `closed`. */
	view: 'open' | 'overdue' | 'mine' | 'closed';
	category?: string | undefined;
	status?: string | undefined;
	/** Keyset cursor `due_on|id` from the previous page. */
	after?: string | undefined;
}

export interface QueuePage {
	cases: CaseSummary[];
	next: string | undefined;
	/** Officers see only the cases assigned to them. */
	onlyMine: boolean;
}

/** The triage queue: open cases by deadline (or overdue, mine, closed), no personal data; officers see their own. */
export async function listCaseQueue(db: Db, actor: MaybeActor, cityId: string, query: QueueQuery, now = new Date()): Promise<QueuePage> {
	if (!canOpenConcernQueue(actor, cityId)) throw forbidden();
	const today = todayIso(now);
	const onlyMine = !canManageConcerns(actor, cityId);
	const [dueOn, id] = query.after?.split('|') ?? [];
	const rows = await repository.listQueue(
		db,
		cityId,
		{
			open: query.view !== 'closed',
			handlerId: onlyMine || query.view === 'mine' ? actor!.personId : undefined,
			category: query.category,
			status: query.status,
			overdueBefore: query.view === 'overdue' ? today : undefined,
			after: dueOn && id ? { dueOn, id } : undefined
		},
		QUEUE_PAGE + 1
	);
	const cases = rows.slice(0, QUEUE_PAGE).map((row) => toSummary(row, today));
	const last = cases.at(-1);
	return { cases, next: rows.length > QUEUE_PAGE && last ? `${last.dueOn}|${last.id}` : undefined, onlyMine };
}

/**
 * A case row the actor may work on. Someone with no role in the city learns nothing (404, as for
 * a case that does not exist); staff of the city not allowed on this case get 403.
 */
async function caseFor(db: Db, actor: MaybeActor, cityId: string, ref: string): Promise<CaseRow> {
	if (!belongsToCity(actor, cityId)) throw new DomainError('concern_not_found');
	const row = /^R-\d{4}-\d{1,7}$/.test(ref) ? await repository.findCaseByRef(db, cityId, ref) : undefined;
	if (!row) throw new DomainError('concern_not_found');
	if (!canHandleCase(actor, cityId, { handlerId: row.handler_id })) throw forbidden();
	return row;
}

/** The public facts of a case (no personal data), e.g. for forms; the same checks as `openCase`. */
export async function getCaseSummary(db: Db, actor: MaybeActor, cityId: string, ref: string): Promise<CaseSummary & { version: number }> {
	const row = await caseFor(db, actor, cityId, ref);
	return { ...toSummary(row, todayIso()), version: row.version };
}

/** A case with its personal data and messages; the read is written to the audit log. */
export async function openCase(db: Db, ring: KeyRing, actor: MaybeActor, cityId: string, ref: string, context: { ip?: string | undefined } = {}): Promise<CaseDetail> {
	const row = await caseFor(db, actor, cityId, ref);
	const messages = (await repository.listMessages(db, cityId, row.id)).map((message) => toMessage(ring, message));
	const detail: CaseDetail = {
		...toSummary(row, todayIso()),
		version: row.version,
		locale: row.locale,
		anonymous: row.anonymous === 1,
		publicListing: row.public_listing === 1,
		closedAt: row.closed_at,
		appealUntil: row.appeal_until,
		appealedAt: row.appealed_at,
		linked: row.linked_type && row.linked_ref ? { type: row.linked_type, ref: row.linked_ref } : null,
		details: openDetails(ring, row),
		contact: openContact(ring, row),
		erasedAt: row.erased_at,
		messages
	};
	await recordAudit(db, { cityId, actorId: actor!.system ? null : actor!.personId, action: 'concern.personal_data_read', target: row.ref, details: { fields: ['details', 'contact', 'messages'] }, ip: context.ip });
	return detail;
}

/** A versioned staff change of the case row, with its ledger entry and statistics. */
async function changeCase(db: Db, actor: MaybeActor, row: CaseRow, version: number, columns: Partial<CaseRow>, after?: (trx: Db, before: CaseRow, changed: CaseRow) => Promise<void>): Promise<CaseRow> {
	return inTransaction(db, async (trx) => {
		const changed = await ledgered.update(trx, caseRow, { cityId: row.city_id, actor }, {
			load: async (inner) => (await repository.findCase(inner, row.city_id, row.id))!,
			apply: (inner, _before, at) => repository.updateCase(inner, row.city_id, row.id, version, { ...columns, updated_at: at })
		});
		await repository.bumpTallies(trx, row.city_id, tallyChanges(row, changed));
		await after?.(trx, row, changed);
		return changed;
	});
}

/** Assigns the case to a staff member of the city (who may then read it), or to nobody. Only the office. */
export async function assignCase(db: Db, actor: MaybeActor, cityId: string, ref: string, version: number, handlerId: string | null): Promise<void> {
	const row = await caseFor(db, actor, cityId, ref);
	if (!canManageConcerns(actor, cityId)) throw forbidden();
	if (handlerId && !(await listCityStaff(db, cityId)).some((person) => person.id === handlerId)) throw fieldErrors({ handlerId: 'handler_unknown' });
	await changeCase(db, actor, row, version, { handler_id: handlerId });
}

/** Refers the case to a department of the city or an external body (or back to the office). */
export async function referCase(db: Db, actor: MaybeActor, cityId: string, ref: string, version: number, input: { referredTo?: string }): Promise<void> {
	const { referredTo } = parseInput(referralInputSchema, input);
	const row = await caseFor(db, actor, cityId, ref);
	if (referredTo?.startsWith('department:')) {
		const code = referredTo.slice('department:'.length);
		if (!(await listDepartments(db, cityId)).some((department) => department.code === code)) throw fieldErrors({ referredTo: 'referral_unknown' });
	}
	await changeCase(db, actor, row, version, { referred_to: referredTo });
}

/**
 * A new status, said to the reporter (with the office's words, if any, as a reply they read).
 * Closing starts the appeal period of a decision; the reporter gets a mail.
 */
export async function changeStatus(db: Db, ring: KeyRing, actor: MaybeActor, city: ConcernCity, ref: string, version: number, input: { status?: string; body?: string }, now = new Date()): Promise<void> {
	const valid = parseInput(statusInputSchema, input);
	const row = await caseFor(db, actor, city.id, ref);
	if (valid.status === row.status) throw fieldErrors({ status: 'status_unchanged' });
	const at = now.toISOString();
	const closing = !isOpen(valid.status);
	const decision = valid.status === 'resolved' || valid.status === 'not_upheld';
	await changeCase(
		db,
		actor,
		row,
		version,
		{
			status: valid.status,
			is_open: closing ? 0 : 1,
			closed_at: closing ? (row.closed_at ?? at) : null,
			appeal_until: decision ? addDays(todayIso(now), APPEAL_DAYS) : null
		},
		async (trx, _before, changed) => {
			const id = uuidv7();
			await repository.insertMessage(trx, {
				city_id: city.id,
				id,
				case_id: row.id,
				kind: 'status',
				author_id: actor!.system ? null : actor!.personId,
				status: valid.status,
				body_enc: valid.body ? ring.seal(valid.body, { cityId: city.id, caseId: row.id, field: messageField(id) }) : null,
				key_id: valid.body ? ring.currentId : null,
				created_at: at
			});
			await mailReporter(trx, ring, changed, city.name, { kind: 'status', status: valid.status });
		}
	);
}

async function addStaffMessage(db: Db, ring: KeyRing, actor: MaybeActor, row: CaseRow, kind: 'reply' | 'note', body: string): Promise<string> {
	const id = uuidv7();
	const at = nowIso();
	await repository.insertMessage(db, { city_id: row.city_id, id, case_id: row.id, kind, author_id: actor!.system ? null : actor!.personId, status: null, body_enc: ring.seal(body, { cityId: row.city_id, caseId: row.id, field: messageField(id) }), key_id: ring.currentId, created_at: at });
	return id;
}

/** A reply the reporter reads through the tracking link (and is told of by mail). */
export async function replyToReporter(db: Db, ring: KeyRing, actor: MaybeActor, city: ConcernCity, ref: string, input: { body?: string }): Promise<void> {
	const { body } = parseInput(messageInputSchema, input);
	const row = await caseFor(db, actor, city.id, ref);
	if (row.erased_at) throw new DomainError('conflict', 'case_erased', { field: 'form', rule: 'case_erased' });
	await inTransaction(db, async (trx) => {
		await addStaffMessage(trx, ring, actor, row, 'reply', body);
		await mailReporter(trx, ring, row, city.name, { kind: 'reply' });
	});
}

/** An internal note: staff only, never shown to the reporter. */
export async function addNote(db: Db, ring: KeyRing, actor: MaybeActor, cityId: string, ref: string, input: { body?: string }): Promise<void> {
	const { body } = parseInput(messageInputSchema, input);
	const row = await caseFor(db, actor, cityId, ref);
	if (row.erased_at) throw new DomainError('conflict', 'case_erased', { field: 'form', rule: 'case_erased' });
	await addStaffMessage(db, ring, actor, row, 'note', body);
}

/** A new deadline to answer. */
export async function setDeadline(db: Db, actor: MaybeActor, cityId: string, ref: string, version: number, input: { dueOn?: string }): Promise<void> {
	const { dueOn } = parseInput(deadlineInputSchema, input);
	const row = await caseFor(db, actor, cityId, ref);
	if (dueOn < row.received_at.slice(0, 10)) throw fieldErrors({ dueOn: 'due_before_receipt' });
	await changeCase(db, actor, row, version, { due_on: dueOn });
}

/**
 * Links the case to the commitment or action it shows a systemic problem of (`action:A-2025-001`),
 * or removes the link (empty). The target must be a live one of the same city; its public page
 * then counts linked cases, never shows them.
 */
export async function linkCase(db: Db, actor: MaybeActor, cityId: string, ref: string, version: number, input: { target?: string }): Promise<void> {
	const { target } = parseInput(linkInputSchema, input);
	const row = await caseFor(db, actor, cityId, ref);
	if (!target) {
		await changeCase(db, actor, row, version, { linked_type: null, linked_id: null, linked_ref: null });
		return;
	}
	const [type, targetRef] = target.split(':') as ['action' | 'commitment', string];
	let id: string | undefined;
	try {
		id = type === 'action' ? (await getActionByRef(db, cityId, targetRef)).id : (await getCommitmentByRef(db, cityId, targetRef)).id;
	} catch {
		id = undefined;
	}
	const found = id ? await findLinkTarget(db, cityId, type, id) : undefined;
	if (!found || !id) throw fieldErrors({ target: 'link_unknown' });
	await changeCase(db, actor, row, version, { linked_type: type, linked_id: id, linked_ref: found.ref });
}

/**
 * How many concerns are linked to a commitment or an action of the city: what its public page
 * shows (a count, never the cases).
 *
 * @example await countLinkedConcerns(db, york.id, 'action', action.id) // 3
 */
export async function countLinkedConcerns(db: Db, cityId: string, targetType: 'commitment' | 'action', targetId: string): Promise<number> {
	return repository.countLinked(db, cityId, targetType, targetId);
}

/** The staff a case can be assigned to (officers and admins of the city), one entry per person. */
export async function listAssignableStaff(db: Db, actor: MaybeActor, cityId: string): Promise<{ id: string; displayName: string }[]> {
	if (!canManageConcerns(actor, cityId)) throw forbidden();
	const seen = new Map<string, string>();
	for (const person of await listCityStaff(db, cityId)) seen.set(person.id, person.display_name);
	return [...seen].map(([id, displayName]) => ({ id, displayName }));
}
