/**
 * The city's answers: every qualified proposal gets a public answer — accepted, rejected (with
 * the reason), or already in the plan — and an accepted proposal is linked to an action of the
 * plan, existing or made from it, so its page follows the idea to delivery. Each answer and link
 * is a ledger entry, and the proposal's followers are told.
 *
 * @example
 *   await answerProposal(db, admin, cityId, proposal.id, proposal.version, { answer: 'accepted', text: { en: 'We will pilot it in 2027.' } });
 *   await createActionForProposal(db, admin, cityId, proposal.id, { planId, title: { en: 'Shade trees on the Ouse path' } });
 */
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { conflict, forbidden } from '../errors.ts';
import { parseInput } from '../validation.ts';
import type { MaybeActor } from '../accounts/index.ts';
import { ledgered } from '../ledger/index.ts';
import * as repository from './proposals.repository.ts';
import { canManageParticipation } from './participation.policy.ts';
import { answerInputSchema, type AnswerInput } from './participation.schema.ts';
import { proposalRow } from './ledger-rows.ts';
import { proposalOf } from './proposals.service.ts';
import { notifyFollowers } from './follows.service.ts';
import { createLinkedAction, requireAction, watchActions, type NewLinkedAction } from './actions-link.ts';
import type { Proposal } from './participation.types.ts';
import { isLocale } from '../../i18n/locales.ts';

/** Answers (or re-answers) a published proposal. A rejection needs its reason. */
export async function answerProposal(db: Db, actor: MaybeActor, cityId: string, id: string, version: number, input: AnswerInput): Promise<Proposal> {
	if (!canManageParticipation(actor, cityId)) throw forbidden();
	const valid = parseInput(answerInputSchema, input);
	return inTransaction(db, async (trx) => {
		const after = await ledgered.update(trx, proposalRow, { cityId, actor }, {
			load: (inner) => proposalOf(inner, cityId, id),
			check: (_inner, before) => {
				if (before.status !== 'published') throw conflict('proposal_not_open');
			},
			apply: (inner, _before, at) =>
				repository.updateProposal(inner, cityId, id, version, {
					answer: valid.answer,
					answer_text: JSON.stringify(valid.text),
					answered_at: at,
					// A rejected proposal is linked to nothing.
					...(valid.answer === 'rejected' ? { action_id: null } : {}),
					updated_at: at
				})
		});
		await notifyFollowers(trx, cityId, { type: 'proposal', id, ref: after.ref, title: after.title }, 'proposal_answered', { answer: valid.answer });
		return after;
	});
}

async function link(db: Db, actor: MaybeActor, cityId: string, id: string, version: number, actionId: string): Promise<Proposal> {
	const after = await ledgered.update(db, proposalRow, { cityId, actor }, {
		load: (inner) => proposalOf(inner, cityId, id),
		check: async (inner, before) => {
			if (before.answer !== 'accepted' && before.answer !== 'in_plan') throw conflict('answer_first');
			await requireAction(inner, cityId, actionId);
		},
		apply: (inner, _before, at) => repository.updateProposal(inner, cityId, id, version, { action_id: actionId, updated_at: at })
	});
	await watchActions(db, cityId);
	await notifyFollowers(db, cityId, { type: 'proposal', id, ref: after.ref, title: after.title }, 'proposal_linked', { action: after.actionRef ?? '' });
	return after;
}

/** Links an accepted (or already planned) proposal to an existing action of the city's plan. */
export async function linkProposalToAction(db: Db, actor: MaybeActor, cityId: string, id: string, version: number, actionId: string): Promise<Proposal> {
	if (!canManageParticipation(actor, cityId)) throw forbidden();
	return inTransaction(db, (trx) => link(trx, actor, cityId, id, version, actionId));
}

/** The proposal becomes an action of the plan (made by the commitments module), linked in the same transaction. */
export async function createActionForProposal(db: Db, actor: MaybeActor, cityId: string, id: string, version: number, input: NewLinkedAction): Promise<Proposal> {
	if (!canManageParticipation(actor, cityId)) throw forbidden();
	return inTransaction(db, async (trx) => {
		const proposal = await proposalOf(trx, cityId, id);
		if (proposal.answer !== 'accepted') throw conflict('answer_first');
		const action = await createLinkedAction(trx, actor, cityId, { ...input, title: Object.keys(input.title).length ? input.title : { [isLocale(proposal.lang) ? proposal.lang : 'en']: proposal.title } });
		return link(trx, actor, cityId, id, version, action.id);
	});
}
