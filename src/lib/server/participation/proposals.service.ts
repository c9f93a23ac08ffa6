/**
 * Proposals by residents and civil-society organisations: made during the proposals phase by
 * whoever the process lets propose, published at once or after a moderator's look, flagged by
 * residents, hidden with a public reason, withdrawn by their author. The list is searchable,
 * filterable by district, right and state, sorted by supports, date or a seeded random order,
 * and paged by keyset. A form's one-time key makes a double submission create one proposal.
 *
 * @example
 *   const proposal = await createProposal(db, resident, cityId, process.id, { title: 'Shade trees on the Ouse path', body: 'Plant …', district: 'micklegate' }, { submissionKey });
 */
import { createHash, randomInt } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { nowIso, uuidv7 } from '../db/ids.ts';
import { inTransaction } from '../db/transaction.ts';
import { conflict, DomainError, fieldErrors, forbidden } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { hasRole, type MaybeActor } from '../accounts/index.ts';
import { listDistricts } from '../cities/index.ts';
import { findFrameworkCodes } from '../frameworks/index.ts';
import { ledgered } from '../ledger/index.ts';
import * as repository from './proposals.repository.ts';
import * as processes from './processes.repository.ts';
import { canManageParticipation, takePartProblem } from './participation.policy.ts';
import { FLAG_REASONS, proposalInputSchema, reasonSchema, SUBMISSION_KEY, type ProposalInput } from './participation.schema.ts';
import { toProposal, type Process, type Proposal } from './participation.types.ts';
import type { FlagReason } from './participation.tables.ts';
import { proposalRow, type ProposalOf } from './ledger-rows.ts';
import { getProcess, requirePhase } from './processes.service.ts';
import { notifyFollowers } from './follows.service.ts';
import { findActionRef } from './actions-link.ts';
import * as follows from './follows.repository.ts';

/** Refuses a step the actor may not take in the city at this level (see participation.policy.ts). */
export function requireTakePart(actor: MaybeActor, cityId: string, level: Process['levels']['propose']): void {
	const problem = takePartProblem(actor, cityId, level);
	if (problem === 'unauthenticated') throw new DomainError('unauthenticated', 'unauthenticated');
	if (problem === 'other_city' || problem === 'system_actor') throw new DomainError('forbidden', 'forbidden', { field: 'form', rule: 'other_city' });
	if (problem) throw new DomainError('forbidden', 'forbidden', { field: 'form', rule: problem });
}

export async function getProposal(db: Db, cityId: string, id: string): Promise<Proposal> {
	const row = await repository.findProposal(db, cityId, id);
	if (!row) throw new DomainError('proposal_not_found');
	return toProposal(row, (await repository.listTags(db, cityId, [id])).get(id) ?? []);
}

export async function getProposalByRef(db: Db, cityId: string, ref: string): Promise<Proposal> {
	const row = await repository.findProposalByRef(db, cityId, ref);
	if (!row) throw new DomainError('proposal_not_found');
	return toProposal(row, (await repository.listTags(db, cityId, [row.id])).get(row.id) ?? []);
}

/** Pending and refused proposals are seen by their author and the moderators only. */
export function canSeeProposal(actor: MaybeActor, proposal: Proposal): boolean {
	if (proposal.status === 'published' || proposal.status === 'withdrawn' || proposal.status === 'hidden') return true;
	return Boolean(actor && (actor.personId === proposal.authorId || canManageParticipation(actor, proposal.cityId)));
}

/** The proposal with the references its ledger entries name. */
export async function proposalOf(db: Db, cityId: string, id: string): Promise<ProposalOf> {
	const proposal = await getProposal(db, cityId, id);
	const process = await processes.findProcess(db, cityId, proposal.processId);
	return { ...proposal, processRef: process?.ref ?? '', actionRef: proposal.actionId ? ((await findActionRef(db, cityId, proposal.actionId)) ?? null) : null };
}

function authorRoleOf(actor: MaybeActor, cityId: string): string {
	for (const role of ['cso', 'resident', 'officer', 'city_admin'] as const) if (hasRole(actor, cityId, role)) return role;
	return 'resident';
}

export function contentDigest(title: string, body: string): string {
	return createHash('sha256').update(`${title}\n${body}`, 'utf8').digest('hex');
}

async function checkPlaceAndTags(db: Db, cityId: string, process: Process, district: string | null, tags: readonly string[]): Promise<void> {
	const fields: Record<string, string> = {};
	if (district) {
		const known = new Set((await listDistricts(db, cityId)).map((item) => item.code));
		if (!known.has(district)) fields.district = 'district_unknown';
		else if (process.districts.length && !process.districts.includes(district)) fields.district = 'district_outside';
	} else if (process.districts.length === 1) {
		// A one-district process: the proposal is about that district.
	}
	if (tags.length) {
		const found = new Set((await findFrameworkCodes(db, [...tags])).map((entry) => entry.code));
		if (tags.some((tag) => !found.has(tag))) fields.tags = 'tag_unknown';
	}
	if (Object.keys(fields).length) throw fieldErrors(fields);
}

export interface SubmissionOptions {
	/** The form's one-time key: the same key again returns what the first submission made. */
	submissionKey?: string | undefined;
	demo?: boolean;
}

/**
 * Makes a proposal in the process's proposals phase. Published at once (post-moderation) or
 * pending a moderator (pre-moderation); the author follows it from the start.
 */
export async function createProposal(db: Db, actor: MaybeActor, cityId: string, processId: string, input: ProposalInput, options: SubmissionOptions = {}): Promise<Proposal> {
	return inTransaction(db, async (trx) => {
		// Who may propose here comes first: another city's people learn nothing from the form's problems.
		const process = await getProcess(trx, cityId, processId);
		requireTakePart(actor, cityId, process.levels.propose);
		requirePhase(process, 'proposals');
		const valid = parseInput(proposalInputSchema, input);
		if (options.submissionKey !== undefined && !SUBMISSION_KEY.test(options.submissionKey)) throw fieldErrors({ form: 'submission_key_invalid' });
		const personId = actor!.personId;
		const now = nowIso();
		if (options.submissionKey) {
			const earlier = await processes.claimSubmissionKey(trx, cityId, personId, options.submissionKey, '', now);
			if (earlier !== undefined) {
				if (!earlier) throw conflict('submission_in_progress');
				return getProposalByRef(trx, cityId, earlier);
			}
		}
		await checkPlaceAndTags(trx, cityId, process, valid.district, valid.tags);
		const id = uuidv7();
		const ref = `PR-${await processes.nextNumber(trx, cityId, 'proposal')}`;
		const created = await ledgered.create(trx, proposalRow, { cityId, actor }, {
			insert: async (inner) => {
				await repository.insertProposal(
					inner,
					{
						city_id: cityId,
						id,
						ref,
						process_id: process.id,
						author_id: personId,
						author_role: authorRoleOf(actor, cityId),
						title: valid.title,
						body: valid.body,
						lang: valid.lang,
						district: valid.district,
						latitude: valid.latitude,
						longitude: valid.longitude,
						place: valid.place,
						status: process.moderation === 'pre' ? 'pending' : 'published',
						moderation_reason: null,
						supports_count: 0,
						flags_count: 0,
						shuffle: randomInt(0, 2 ** 31 - 1),
						qualified_at: null,
						answer: null,
						answer_text: null,
						answered_at: null,
						action_id: null,
						content_digest: contentDigest(valid.title, valid.body),
						demo: options.demo ? 1 : 0,
						version: 1,
						created_at: now,
						updated_at: now
					},
					[...new Set(valid.tags)]
				);
				return { ...(await getProposal(inner, cityId, id)), processRef: process.ref, actionRef: null };
			}
		});
		await follows.insertFollow(trx, cityId, personId, 'proposal', id, now);
		if (options.submissionKey) await processes.setSubmissionOutcome(trx, cityId, personId, options.submissionKey, ref);
		const { processRef: _p, actionRef: _a, ...proposal } = created;
		return proposal;
	});
}

/** A moderator's or the author's change of the proposal, recorded in the ledger. */
async function changeProposal(db: Db, actor: MaybeActor, cityId: string, id: string, check: (before: ProposalOf) => void, values: (before: ProposalOf) => Parameters<typeof repository.updateProposal>[4]): Promise<ProposalOf> {
	return ledgered.update(db, proposalRow, { cityId, actor }, {
		load: (trx) => proposalOf(trx, cityId, id),
		check: (_trx, before) => check(before),
		apply: (trx, before, at) => repository.updateProposal(trx, cityId, id, before.version, { ...values(before), updated_at: at })
	});
}

/** The author withdraws their proposal: it stays readable, marked withdrawn, and takes no more supports. */
export async function withdrawProposal(db: Db, actor: MaybeActor, cityId: string, id: string): Promise<Proposal> {
	if (!actor) throw new DomainError('unauthenticated', 'unauthenticated');
	return changeProposal(
		db,
		actor,
		cityId,
		id,
		(before) => {
			if (before.authorId !== actor.personId || actor.system) throw forbidden();
			if (before.status !== 'published' && before.status !== 'pending') throw conflict('proposal_not_open');
			if (before.answer) throw conflict('proposal_answered');
		},
		() => ({ status: 'withdrawn' })
	);
}

export type ModerationDecision = 'publish' | 'reject' | 'hide' | 'restore';

/**
 * A moderator's decision: publish a pending proposal, reject it, hide a published one (with a
 * public reason, which stays on its page), or restore a hidden one. Flags are cleared by any
 * decision. The author is told.
 */
export async function moderateProposal(db: Db, actor: MaybeActor, cityId: string, id: string, decision: ModerationDecision, reason?: { text: string; lang?: string }): Promise<Proposal> {
	if (!canManageParticipation(actor, cityId)) throw forbidden();
	const needsReason = decision === 'reject' || decision === 'hide';
	const parsedReason = needsReason ? parseInput(reasonSchema, reason ?? { text: '' }) : null;
	return inTransaction(db, async (trx) => {
		const after = await changeProposal(
			trx,
			actor,
			cityId,
			id,
			(before) => {
				const allowed: Record<ModerationDecision, string[]> = { publish: ['pending', 'rejected'], reject: ['pending'], hide: ['published'], restore: ['hidden'] };
				if (!allowed[decision].includes(before.status)) throw conflict('moderation_not_possible');
			},
			() => ({
				status: decision === 'publish' || decision === 'restore' ? 'published' : decision === 'reject' ? 'rejected' : 'hidden',
				moderation_reason: parsedReason ? JSON.stringify(parsedReason) : null
			})
		);
		await repository.clearFlags(trx, cityId, id);
		const kind = decision === 'hide' ? 'proposal_hidden' : decision === 'reject' ? 'proposal_rejected' : 'proposal_published';
		await notifyFollowers(trx, cityId, { type: 'proposal', id, ref: after.ref, title: after.title }, kind, {}, { except: null });
		return after;
	});
}

/** A resident flags a proposal for the moderators (once each; private, not in the ledger). */
export async function flagProposal(db: Db, actor: MaybeActor, cityId: string, id: string, reason: string): Promise<{ flagged: boolean }> {
	requireTakePart(actor, cityId, 'member');
	if (!(FLAG_REASONS as readonly string[]).includes(reason)) throw fieldErrors({ reason: 'choice_invalid' });
	return inTransaction(db, async (trx) => {
		const proposal = await getProposal(trx, cityId, id);
		if (proposal.status !== 'published') throw conflict('proposal_not_open');
		return { flagged: await repository.insertFlag(trx, cityId, id, actor!.personId, reason as FlagReason, nowIso()) };
	});
}

export interface ModerationItem {
	proposal: Proposal;
	flags: { reason: FlagReason; count: number }[];
}

export async function listModerationQueue(db: Db, actor: MaybeActor, cityId: string, limit = 100): Promise<ModerationItem[]> {
	if (!canManageParticipation(actor, cityId)) throw forbidden();
	const rows = await repository.listModerationRows(db, cityId, limit);
	const tags = await repository.listTags(db, cityId, rows.map((row) => row.id));
	const flags = Map.groupBy(await repository.flagReasons(db, cityId, rows.map((row) => row.id)), (row) => row.proposal_id);
	return rows.map((row) => ({ proposal: toProposal(row, tags.get(row.id) ?? []), flags: (flags.get(row.id) ?? []).map((flag) => ({ reason: flag.reason, count: Number(flag.count) })) }));
}

export async function listAwaitingAnswer(db: Db, actor: MaybeActor, cityId: string, limit = 100): Promise<Proposal[]> {
	if (!canManageParticipation(actor, cityId)) throw forbidden();
	const rows = await repository.listAwaitingAnswerRows(db, cityId, limit);
	const tags = await repository.listTags(db, cityId, rows.map((row) => row.id));
	return rows.map((row) => toProposal(row, tags.get(row.id) ?? []));
}

/** Accepted (or already planned) proposals not yet linked to an action, oldest answer first. */
export async function listAwaitingLink(db: Db, actor: MaybeActor, cityId: string, limit = 100): Promise<Proposal[]> {
	if (!canManageParticipation(actor, cityId)) throw forbidden();
	const rows = await repository.listUnlinkedAnsweredRows(db, cityId, limit);
	const tags = await repository.listTags(db, cityId, rows.map((row) => row.id));
	return rows.map((row) => toProposal(row, tags.get(row.id) ?? []));
}

export async function listMyProposals(db: Db, actor: MaybeActor, cityId: string, limit = 50): Promise<Proposal[]> {
	if (!actor || actor.system) return [];
	const rows = await repository.listProposalsByAuthor(db, cityId, actor.personId, limit);
	const tags = await repository.listTags(db, cityId, rows.map((row) => row.id));
	return rows.map((row) => toProposal(row, tags.get(row.id) ?? []));
}
