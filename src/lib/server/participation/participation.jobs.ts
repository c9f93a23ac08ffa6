/**
 * The module's scheduled work, each run bounded:
 * - `participation-action-events`: reads the city's ledger as an event stream — the `action`
 *   entries after the last one it handled — and tells the followers of every proposal, budget
 *   project and recommendation linked to an action whose status changed. The commitments module
 *   knows nothing of this; the ledger is the only contract.
 * - `participation-phases`: moves processes on by their calendar.
 * - `participation-keys`: forgets one-time form keys after a day.
 */
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { readLedgerAfter } from '../ledger/index.ts';
import type { ScheduledJob } from '../module.ts';
import * as processes from './processes.repository.ts';
import * as proposals from './proposals.repository.ts';
import * as budgets from './budgets.repository.ts';
import * as council from './council.repository.ts';
import { parseLocalizedText } from '../../i18n/localized-text.ts';
import { notifyFollowers } from './follows.service.ts';
import { advancePhases } from './processes.service.ts';

export interface ActionEventsResult {
	entries: number;
	notified: number;
}

/** Reads up to `maxBatches × batchSize` new action entries per city and tells the followers of what is linked to them. */
export async function notifyActionChanges(db: Db, options: { batchSize?: number; maxBatches?: number } = {}): Promise<ActionEventsResult> {
	const batchSize = options.batchSize ?? 500;
	const maxBatches = options.maxBatches ?? 10;
	const result: ActionEventsResult = { entries: 0, notified: 0 };
	for (const cursor of await processes.listCursors(db)) {
		let after = Number(cursor.ledger_seq);
		for (let batch = 0; batch < maxBatches; batch += 1) {
			const entries = await readLedgerAfter(db, cursor.city_id, after, { entityType: 'action' }, batchSize);
			if (entries.length === 0) break;
			// The notifications of a batch and the cursor's move commit together: a crash re-reads the batch, never skips it.
			await inTransaction(db, async (trx) => {
				for (const entry of entries) {
					const status = entry.change.status as [unknown, unknown] | undefined;
					if (entry.action !== 'update' || !Array.isArray(status) || status[0] === status[1]) continue;
					const params = { action: entry.entity_ref ?? '', status: String(status[1]) };
					for (const row of await proposals.listProposalsOfAction(trx, cursor.city_id, entry.entity_id)) {
						result.notified += await notifyFollowers(trx, cursor.city_id, { type: 'proposal', id: row.id, ref: row.ref, title: row.title }, 'action_status', params);
					}
					for (const row of await budgets.listProjectsOfAction(trx, cursor.city_id, entry.entity_id)) {
						result.notified += await notifyFollowers(trx, cursor.city_id, { type: 'project', id: row.id, ref: row.ref, title: parseLocalizedText(row.title) }, 'action_status', params);
					}
					for (const row of await council.listRecommendationRows(trx, cursor.city_id, { actionId: entry.entity_id })) {
						result.notified += await notifyFollowers(trx, cursor.city_id, { type: 'recommendation', id: row.id, ref: row.ref, title: parseLocalizedText(row.title) }, 'action_status', params);
					}
				}
				after = entries.at(-1)!.seq;
				await processes.moveCursor(trx, cursor.city_id, after);
			});
			result.entries += entries.length;
			if (entries.length < batchSize) break;
		}
	}
	return result;
}

export async function forgetSubmissionKeys(db: Db, now: Date): Promise<{ forgotten: number }> {
	return { forgotten: await processes.deleteOldSubmissionKeys(db, new Date(now.getTime() - 86_400_000).toISOString()) };
}

export const participationJobs: readonly ScheduledJob[] = [
	{ name: 'participation-action-events', everyMinutes: 1, run: (db) => notifyActionChanges(db) },
	{ name: 'participation-phases', everyMinutes: 10, run: (db, now) => advancePhases(db, now) },
	{ name: 'participation-keys', everyMinutes: 60, run: (db, now) => forgetSubmissionKeys(db, now) }
];
