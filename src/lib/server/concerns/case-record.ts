/**
 * One case across its rows: mapping rows to domain types, sealing and opening its personal data,
 * its public ledger snapshot (no personal data, no category or district: see below) and the
 * statistics tallies a change of it moves.
 */
import { appendLedger, diffSnapshots, ledgeredRow, type LedgerActor } from '../ledger/index.ts';
import type { Db } from '../db/database.ts';
import type { KeyRing } from './crypto.ts';
import type { CaseRow, MessageRow, TallyChange } from './concerns.repository.ts';
import type { CaseSummary, ConcernContact, ConcernDetails, ConcernMessage } from './concerns.types.ts';
import { isOpen, resolutionBucket, statusGroupOf } from './vocabulary.ts';

export function toSummary(row: Pick<CaseRow, 'id' | 'ref' | 'category' | 'district' | 'status' | 'received_at' | 'due_on' | 'handler_id' | 'referred_to' | 'appealed_at' | 'source' | 'demo' | 'erased_at'>, today: string): CaseSummary {
	return {
		id: row.id,
		ref: row.ref,
		category: row.category,
		district: row.district,
		status: row.status,
		statusGroup: statusGroupOf(row.status),
		receivedAt: row.received_at,
		dueOn: row.due_on,
		overdue: isOpen(row.status) && row.due_on < today,
		handlerId: row.handler_id,
		referredTo: row.referred_to,
		appealed: row.appealed_at !== null,
		source: row.source,
		demo: row.demo === 1,
		erased: row.erased_at !== null
	};
}

export function sealJson(ring: KeyRing, value: unknown, cityId: string, caseId: string, field: string): string {
	return ring.seal(JSON.stringify(value), { cityId, caseId, field });
}

export function openDetails(ring: KeyRing, row: Pick<CaseRow, 'city_id' | 'id' | 'details_enc'>): ConcernDetails | null {
	return row.details_enc ? (JSON.parse(ring.open(row.details_enc, { cityId: row.city_id, caseId: row.id, field: 'details' })) as ConcernDetails) : null;
}

export function openContact(ring: KeyRing, row: Pick<CaseRow, 'city_id' | 'id' | 'contact_enc'>): ConcernContact | null {
	return row.contact_enc ? (JSON.parse(ring.open(row.contact_enc, { cityId: row.city_id, caseId: row.id, field: 'contact' })) as ConcernContact) : null;
}

/** A message's field name in the associated data: its own id, so bodies cannot be swapped. */
export function messageField(messageId: string): string {
	return `message:${messageId}`;
}

export function toMessage(ring: KeyRing, row: MessageRow): ConcernMessage {
	return {
		id: row.id,
		kind: row.kind,
		authorId: row.author_id,
		status: row.status,
		body: row.body_enc ? ring.open(row.body_enc, { cityId: row.city_id, caseId: row.case_id, field: messageField(row.id) }) : null,
		createdAt: row.created_at
	};
}

/**
 * What the public ledger records of a case: its reference, status and dates. Not its category or
 * district: the ledger lists every case one by one, and with them anyone could count the small
 * cells the statistics page suppresses. Never what happened, where, or who.
 */
export function caseSnapshot(row: CaseRow): Record<string, unknown> {
	return {
		status: row.status,
		received_on: row.received_at.slice(0, 10),
		due_date: row.due_on,
		closed_on: row.closed_at?.slice(0, 10) ?? null,
		appealed_on: row.appealed_at?.slice(0, 10) ?? null,
		linked_to: row.linked_ref
	};
}

export const caseRow = ledgeredRow<CaseRow>({ entityType: 'concern', snapshot: caseSnapshot });

/** A change made by the reporter (no account): in the ledger as `reporter`. */
export async function appendReporterEntry(db: Db, before: CaseRow | null, after: CaseRow): Promise<void> {
	const change = diffSnapshots(before ? caseSnapshot(before) : {}, caseSnapshot(after));
	if (Object.keys(change).length === 0) return;
	await appendLedger(db, { cityId: after.city_id, actor: null as LedgerActor | null, actorRole: 'reporter', entityType: 'concern', entityId: after.id, entityRef: after.ref, action: before ? 'update' : 'create', change });
}

function daysBetween(fromIso: string, toIso: string): number {
	return Math.max(0, Math.floor((Date.parse(toIso) - Date.parse(fromIso)) / 86_400_000));
}

/** The tally rows a case counts in (`sign` +1 to add it, -1 to take it away). */
function talliesOf(row: Pick<CaseRow, 'category' | 'district' | 'status' | 'received_at' | 'closed_at'>, sign: number): TallyChange[] {
	const status = statusGroupOf(row.status);
	const changes: TallyChange[] = [
		{ dimension: 'right', key: row.category, status, delta: sign },
		{ dimension: 'district', key: row.district ?? '', status, delta: sign },
		{ dimension: 'month', key: row.received_at.slice(0, 7), status, delta: sign }
	];
	if (!isOpen(row.status) && row.closed_at) changes.push({ dimension: 'resolution', key: resolutionBucket(daysBetween(row.received_at, row.closed_at)), status, delta: sign });
	return changes;
}

/** The tallies to move when a case goes from `before` (null: new) to `after`; nothing when its counted facts are the same. */
export function tallyChanges(before: CaseRow | null, after: CaseRow): TallyChange[] {
	const removed = before ? talliesOf(before, -1) : [];
	const added = talliesOf(after, 1);
	const net = new Map<string, TallyChange>();
	for (const change of [...removed, ...added]) {
		const key = `${change.dimension}\u0000${change.key}\u0000${change.status}`;
		const known = net.get(key);
		net.set(key, known ? { ...known, delta: known.delta + change.delta } : change);
	}
	return [...net.values()].filter((change) => change.delta !== 0);
}
