/**
 * Progress updates with evidence, and the "needs attention" list. The responsible officer or a
 * city admin records an update: text, the action's new status and progress, the date, links and
 * files. Files are checked (size, type from the bytes), stored in the file store — never in the
 * database — and the update, its evidence, the action's new state and their ledger entries are
 * written in one transaction against the version of the action the author saw.
 *
 * @example
 *   await recordProgress(db, store, actor, cityId, action.id, action.version,
 *     { text: { en: 'Desk opened in two districts' }, status: 'in_progress', progress: 60, reportedOn: '2026-03-01' },
 *     [{ name: 'minutes.pdf', bytes }]);
 */
import { createHash } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { nowIso, uuidv7 } from '../db/ids.ts';
import { inTransaction } from '../db/transaction.ts';
import { DomainError, forbidden } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { personIdOf, type MaybeActor } from '../accounts/index.ts';
import * as repository from './actions.repository.ts';
import { canManageCommitments, canOpenStaffArea, canRecordProgress, isResponsibleOfficer } from './commitments.policy.ts';
import { progressInputSchema, type ProgressInput } from './commitments.schema.ts';
import type { AttentionItem, AttentionReason, ProgressUpdate } from './commitments.types.ts';
import { toEvidence, toProgressUpdate } from './mappers.ts';
import { actorRoleIn, ledgered } from '../ledger/index.ts';
import { getAction, listActions, responsibilityOf } from './actions.service.ts';
import { actionRow, progressUpdateRow, type ProgressUpdateOf } from './ledger-rows.ts';
import type { FileStore } from '../files/file-store.ts';
import { sniffContentType } from '../files/file-type.ts';
import { isOverdue, todayIso } from './rollup.ts';
import { CLOSED_STATUSES, EVIDENCE_MAX_BYTES, EVIDENCE_MAX_FILES, STALE_AFTER_DAYS } from './vocabulary.ts';

export interface UploadedFile {
	name: string;
	bytes: Uint8Array;
}

interface CheckedFile extends UploadedFile {
	contentType: string;
	sha256: string;
}

/** Size, count and type checks; the first problem is a field error on `files` naming the file. */
export function checkEvidenceFiles(files: readonly UploadedFile[]): CheckedFile[] {
	const real = files.filter((file) => file.bytes.length > 0 || file.name);
	if (real.length > EVIDENCE_MAX_FILES) throw new DomainError('file_rejected', 'too_many_files', { field: 'files', rule: 'too_many_files', max: EVIDENCE_MAX_FILES });
	return real.map((file) => {
		const name = file.name.replace(/[\\/]/g, '_').slice(0, 200) || 'file';
		if (file.bytes.length === 0) throw new DomainError('file_rejected', 'file_empty', { field: 'files', rule: 'file_empty', file: name });
		if (file.bytes.length > EVIDENCE_MAX_BYTES) throw new DomainError('file_rejected', 'file_too_large', { field: 'files', rule: 'file_too_large', file: name, maxMb: EVIDENCE_MAX_BYTES / 1024 / 1024 });
		const contentType = sniffContentType(file.bytes, name);
		if (!contentType) throw new DomainError('file_rejected', 'file_type_forbidden', { field: 'files', rule: 'file_type_forbidden', file: name });
		return { name, bytes: file.bytes, contentType, sha256: createHash('sha256').update(file.bytes).digest('hex') };
	});
}

/**
 * Records a progress update: the action's new status and progress (against the version its author
 * saw), the update with its links and files, and their two ledger entries, in one transaction.
 * `store` keeps the files (none is needed for an update without files, as the demo's).
 */
export async function recordProgress(
	db: Db,
	store: FileStore | null,
	actor: MaybeActor,
	cityId: string,
	actionId: string,
	version: number,
	input: ProgressInput,
	files: readonly UploadedFile[] = []
): Promise<ProgressUpdate> {
	const valid = parseInput(progressInputSchema, input);
	const checked = checkEvidenceFiles(files);
	// Authorise before any file is written.
	const current = await getAction(db, cityId, actionId);
	if (!canRecordProgress(actor, cityId, await responsibilityOf(db, cityId, current))) throw forbidden();
	if (checked.length && !store) throw new Error('recordProgress: files need a file store');
	const updateId = uuidv7();
	const stored = checked.map((file) => ({ ...file, id: uuidv7(), key: `${cityId}/${updateId}/${uuidv7()}`.toLowerCase() }));
	for (const file of stored) await store!.put(file.key, file.bytes);
	const author = { cityId, actor };
	try {
		return await inTransaction(db, async (trx) => {
			const { actionRef: _ref, ...update } = await ledgered.create(trx, progressUpdateRow, author, {
				insert: async (inner) => {
					const now = nowIso();
					await repository.insertProgressUpdate(inner, {
						city_id: cityId,
						id: updateId,
						action_id: actionId,
						author_id: personIdOf(actor),
						author_role: actorRoleIn(actor, cityId),
						text: JSON.stringify(valid.text),
						status: valid.status as ProgressUpdate['status'],
						progress: valid.progress,
						reported_on: valid.reportedOn,
						created_at: now,
						deleted_at: null
					});
					await repository.insertEvidence(inner, [
						...valid.links.map((link) => ({ city_id: cityId, id: uuidv7(), update_id: updateId, kind: 'link' as const, url: link.url, label: link.label, file_key: null, file_name: null, content_type: null, size: null, sha256: null, created_at: now })),
						...stored.map((file) => ({ city_id: cityId, id: file.id, update_id: updateId, kind: 'file' as const, url: null, label: file.name, file_key: file.key, file_name: file.name, content_type: file.contentType, size: file.bytes.length, sha256: file.sha256, created_at: now }))
					]);
					return getProgressUpdate(inner, cityId, updateId);
				}
			});
			await ledgered.update(trx, actionRow, author, {
				load: (inner) => getAction(inner, cityId, actionId),
				apply: (inner, _before, at) =>
					repository.updateAction(inner, cityId, actionId, version, { status: valid.status as ProgressUpdate['status'], progress: valid.progress, status_reason: JSON.stringify(valid.statusReason), updated_at: at })
			});
			return update;
		});
	} catch (error) {
		// Nothing was saved: take the files back out of the store.
		for (const file of stored) await store!.remove(file.key).catch(() => {});
		throw error;
	}
}

/** An update with its evidence and its action's reference (which its ledger entries carry). */
async function getProgressUpdate(db: Db, cityId: string, updateId: string): Promise<ProgressUpdateOf> {
	const row = await repository.findProgressUpdate(db, cityId, updateId);
	if (!row) throw new DomainError('update_not_found');
	const [evidence, action] = await Promise.all([repository.listEvidence(db, cityId, [updateId]), getAction(db, cityId, row.action_id)]);
	return { ...toProgressUpdate(row, evidence.map(toEvidence)), actionRef: action.ref };
}

export async function listProgressUpdates(db: Db, cityId: string, actionId: string): Promise<ProgressUpdate[]> {
	const rows = await repository.listProgressUpdates(db, cityId, actionId);
	const evidence = await repository.listEvidence(db, cityId, rows.map((row) => row.id));
	return rows.map((row) => toProgressUpdate(row, evidence.filter((item) => item.update_id === row.id).map(toEvidence)));
}

/** Withdraws an update (city admins); it stays visible in the ledger, and its files stay stored. */
export async function deleteProgressUpdate(db: Db, actor: MaybeActor, cityId: string, updateId: string): Promise<void> {
	if (!canManageCommitments(actor, cityId)) throw forbidden();
	await ledgered.remove(db, progressUpdateRow, { cityId, actor }, {
		load: (trx) => getProgressUpdate(trx, cityId, updateId),
		apply: (trx, _before, at) => repository.softDeleteProgressUpdate(trx, cityId, updateId, at)
	});
}

/** A stored evidence file for download, if its update is still live. */
export async function openEvidenceFile(db: Db, store: FileStore, cityId: string, evidenceId: string) {
	const row = await repository.findEvidenceFile(db, cityId, evidenceId);
	if (!row || row.kind !== 'file' || !row.file_key) throw new DomainError('evidence_not_found', 'evidence_not_found');
	const body = await store.get(row.file_key);
	if (!body) throw new DomainError('evidence_not_found', 'evidence_not_found');
	return { body, fileName: row.file_name ?? 'evidence', contentType: row.content_type ?? 'application/octet-stream', size: row.size === null ? null : Number(row.size), sha256: row.sha256 };
}

function daysBetween(from: string, to: string): number {
	return Math.floor((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Actions that need attention, most urgent first: overdue, delayed, a milestone past due, or
 * under way with no update for 90 days. A city admin sees all; an officer sees their own.
 */
export async function needsAttention(db: Db, actor: MaybeActor, cityId: string, today: string = todayIso()): Promise<AttentionItem[]> {
	if (!canOpenStaffArea(actor, cityId)) throw forbidden();
	const [actions, latest, milestoneLate] = await Promise.all([listActions(db, cityId), repository.latestUpdateDates(db, cityId), repository.listOverdueMilestoneActions(db, cityId, today)]);
	const lastUpdate = new Map(latest.map((row) => [row.action_id, row.latest as string | null]));
	const lateMilestones = new Set(milestoneLate);
	const items: AttentionItem[] = [];
	for (const action of actions) {
		if (CLOSED_STATUSES.includes(action.status)) continue;
		const reasons: AttentionReason[] = [];
		if (isOverdue(action, today)) reasons.push('overdue');
		if (action.status === 'delayed') reasons.push('delayed');
		if (lateMilestones.has(action.id)) reasons.push('milestone_overdue');
		const since = lastUpdate.get(action.id) ?? (action.startDate && action.startDate <= today ? action.startDate : null);
		if (since && daysBetween(since, today) > STALE_AFTER_DAYS) reasons.push('stale');
		if (reasons.length) items.push({ action: { id: action.id, ref: action.ref, title: action.title, status: action.status, progress: action.progress, dueDate: action.dueDate, departmentIds: action.departmentIds }, reasons, lastUpdate: lastUpdate.get(action.id) ?? null });
	}
	let visible = items;
	if (!canManageCommitments(actor, cityId)) {
		visible = [];
		for (const item of items) if (isResponsibleOfficer(actor, cityId, await responsibilityOf(db, cityId, { departmentIds: item.action.departmentIds, leadOfficerId: actions.find((action) => action.id === item.action.id)!.leadOfficerId }))) visible.push(item);
	}
	return visible.sort((a, b) => b.reasons.length - a.reasons.length || (a.action.dueDate ?? '9999').localeCompare(b.action.dueDate ?? '9999'));
}

/**
 * How much progress the city reported in a calendar year: live updates and the actions they are
 * on (other modules show it as evidence that the plan is followed up).
 *
 * @example await progressActivity(db, york.id, 2026) // { updates: 14, actions: 9 }
 */
export async function progressActivity(db: Db, cityId: string, year: number): Promise<{ updates: number; actions: number }> {
	return repository.countProgressUpdates(db, cityId, `${year}-01-01`, `${year + 1}-01-01`);
}
