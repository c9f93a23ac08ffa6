/**
 * How the ledger sees each kind of row of this module: its entity type, the snapshot it diffs
 * (the public fields; no version counters), and the reference its entries carry. Milestones carry
 * their action's reference, so an action's history and page show them.
 */
import { ledgeredRow } from '../ledger/index.ts';
import type { Action, ActionPlan, Commitment, Declaration, Department, Milestone, ProgressUpdate } from './commitments.types.ts';
import { snapshot } from './mappers.ts';

export const declarationRow = ledgeredRow<Declaration>({ entityType: 'declaration', snapshot: (value) => snapshot(value) });
export const departmentRow = ledgeredRow<Department>({ entityType: 'department', snapshot: (value) => snapshot(value), identify: (value) => ({ id: value.id, ref: value.code }) });
export const planRow = ledgeredRow<ActionPlan>({ entityType: 'plan', snapshot: (value) => snapshot(value) });
export const commitmentRow = ledgeredRow<Commitment>({ entityType: 'commitment', snapshot: (value) => snapshot(value) });
export const actionRow = ledgeredRow<Action>({ entityType: 'action', snapshot: (value) => snapshot(value) });

/** A milestone with its action's reference (which its ledger entries carry). */
export type MilestoneOf = Milestone & { actionRef: string };
export const milestoneRow = ledgeredRow<MilestoneOf>({
	entityType: 'milestone',
	snapshot: ({ actionRef: _actionRef, ...value }) => snapshot(value, ['position']),
	identify: (value) => ({ id: value.id, ref: value.actionRef })
});

/** A progress update with its action's reference. Its entry records what was reported and the evidence (files by name, type, size and hash). */
export type ProgressUpdateOf = ProgressUpdate & { actionRef: string };
export const progressUpdateRow = ledgeredRow<ProgressUpdateOf>({
	entityType: 'progress_update',
	snapshot: (update) => ({
		action_id: update.actionId,
		text: update.text,
		status: update.status,
		progress: update.progress,
		reported_on: update.reportedOn,
		evidence: update.evidence.map((item) => (item.kind === 'link' ? { url: item.url, label: item.label } : { file: item.fileName, type: item.contentType, size: item.size, sha256: item.sha256 }))
	}),
	identify: (update) => ({ id: update.id, ref: update.actionRef })
});
