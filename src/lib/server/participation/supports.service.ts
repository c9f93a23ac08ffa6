/**
 * Supports: one person, one support per proposal, only in the supports phase, within the
 * process's per-person limit, withdrawable within the phase. Each support is one short
 * transaction whose statements carry the rules (the support's primary key, the per-person
 * counter's conditional update, the proposal's counter), so the count stays exact — equal to the
 * number of distinct supporters — however many requests arrive at once. Supports are private:
 * no ledger entry, never listed one by one; a proposal's qualification is in the ledger.
 *
 * @example
 *   await supportProposal(db, resident, cityId, proposal.id, { submissionKey }); // { supports: 41, qualified: false }
 */
import type { Db } from '../db/database.ts';
import { nowIso } from '../db/ids.ts';
import { inTransaction } from '../db/transaction.ts';
import { conflict, DomainError, fieldErrors } from '../errors.ts';
import type { MaybeActor } from '../accounts/index.ts';
import * as repository from './proposals.repository.ts';
import * as processes from './processes.repository.ts';
import { SUBMISSION_KEY } from './participation.schema.ts';
import { getProcess, requirePhase } from './processes.service.ts';
import { requireTakePart } from './proposals.service.ts';
import { qualify } from './qualification.ts';

export interface SupportOutcome {
	supports: number;
	/** The proposal is qualified (now, or before). */
	qualified: boolean;
	/** This support made it qualify. */
	qualifiedNow: boolean;
}

async function openProposal(db: Db, cityId: string, proposalId: string) {
	const row = await repository.findProposal(db, cityId, proposalId);
	if (!row) throw new DomainError('proposal_not_found');
	return row;
}

export async function supportProposal(db: Db, actor: MaybeActor, cityId: string, proposalId: string, options: { submissionKey?: string | undefined } = {}): Promise<SupportOutcome> {
	if (options.submissionKey !== undefined && !SUBMISSION_KEY.test(options.submissionKey)) throw fieldErrors({ form: 'submission_key_invalid' });
	return inTransaction(db, async (trx) => {
		const proposal = await openProposal(trx, cityId, proposalId);
		const process = await getProcess(trx, cityId, proposal.process_id);
		requireTakePart(actor, cityId, process.levels.support);
		requirePhase(process, 'supports');
		if (proposal.status !== 'published') throw conflict('proposal_not_open');
		const personId = actor!.personId;
		const now = nowIso();
		if (options.submissionKey && (await processes.claimSubmissionKey(trx, cityId, personId, options.submissionKey, `support:${proposalId}`, now)) !== undefined) {
			// The same form sent twice: the first one counted; report the count as it is.
			const current = await openProposal(trx, cityId, proposalId);
			return { supports: Number(current.supports_count), qualified: current.qualified_at !== null, qualifiedNow: false };
		}
		if (!(await repository.insertSupport(trx, cityId, proposalId, personId, now))) throw conflict('already_supported');
		if (!(await repository.takeSupportSlot(trx, cityId, process.id, personId, process.supportLimit))) throw conflict('support_limit_reached', { max: process.supportLimit });
		const supports = await repository.addToSupportCount(trx, cityId, proposalId, 1);
		const threshold = process.threshold.supports;
		let qualifiedNow = false;
		if (threshold !== null && supports >= threshold && proposal.qualified_at === null) qualifiedNow = await qualify(trx, cityId, { id: proposalId, ref: proposal.ref, title: proposal.title });
		return { supports, qualified: proposal.qualified_at !== null || qualifiedNow, qualifiedNow };
	});
}

/** Takes a support back, within the supports phase (a qualification already reached stays). */
export async function withdrawSupport(db: Db, actor: MaybeActor, cityId: string, proposalId: string): Promise<SupportOutcome> {
	return inTransaction(db, async (trx) => {
		const proposal = await openProposal(trx, cityId, proposalId);
		const process = await getProcess(trx, cityId, proposal.process_id);
		requireTakePart(actor, cityId, 'member');
		requirePhase(process, 'supports');
		if (!(await repository.deleteSupport(trx, cityId, proposalId, actor!.personId))) throw conflict('not_supported');
		await repository.giveBackSupportSlot(trx, cityId, process.id, actor!.personId);
		const supports = await repository.addToSupportCount(trx, cityId, proposalId, -1);
		return { supports, qualified: proposal.qualified_at !== null, qualifiedNow: false };
	});
}

/** What the person may still do on a proposal page (their own support, the limit left). */
export async function supportStateOf(db: Db, actor: MaybeActor, cityId: string, proposal: { id: string; processId: string }, limit: number | null): Promise<{ supported: boolean; used: number; left: number | null }> {
	if (!actor || actor.system) return { supported: false, used: 0, left: limit };
	const [supported, used] = await Promise.all([repository.hasSupport(db, cityId, proposal.id, actor.personId), repository.supportsUsed(db, cityId, proposal.processId, actor.personId)]);
	return { supported, used, left: limit === null ? null : Math.max(0, limit - used) };
}

export const supportedAmong = repository.supportedAmong;
export const countSupportRows = repository.countSupportRows;
