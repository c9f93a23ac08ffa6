/**
 * The city's human rights council (Rosario's Citizens' Committee; the FRA's "consultative
 * participatory human rights council"): members in seats (civil-society organisations,
 * residents, officials, experts) with terms, meetings with agenda and minutes, and the
 * recommendations it gives the city — each tracked to the city's public response and, where
 * accepted, to an action of the plan. Meetings, recommendations, responses and links are in the
 * ledger; members' names are public on the council page but kept out of the permanent ledger
 * (their changes are in the city's audit log).
 *
 * @example
 *   const recommendation = await createRecommendation(db, admin, cityId, { title: { en: 'Count evictions by district' }, issuedOn: '2026-10-02' });
 *   await respondToRecommendation(db, admin, cityId, recommendation.id, recommendation.version, { status: 'accepted', response: { en: 'Included from 2027.' } });
 */
import type { Db } from '../db/database.ts';
import { nowIso, todayIso, uuidv7 } from '../db/ids.ts';
import { inTransaction } from '../db/transaction.ts';
import { conflict, DomainError, fieldErrors, forbidden } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { personIdOf, recordAudit, type MaybeActor } from '../accounts/index.ts';
import { findFrameworkCodes } from '../frameworks/index.ts';
import { ledgered } from '../ledger/index.ts';
import * as repository from './council.repository.ts';
import * as processes from './processes.repository.ts';
import { canManageParticipation } from './participation.policy.ts';
import { meetingInputSchema, memberInputSchema, recommendationInputSchema, responseInputSchema, type MeetingInput, type MemberInput, type RecommendationInput, type ResponseInput } from './participation.schema.ts';
import { toMeeting, toMember, toRecommendation, type CouncilMeeting, type CouncilMember, type Recommendation } from './participation.types.ts';
import { meetingRow, recommendationRow, type RecommendationOf } from './ledger-rows.ts';
import { createLinkedAction, findActionRef, requireAction, watchActions, type NewLinkedAction } from './actions-link.ts';
import { notifyFollowers } from './follows.service.ts';

function manager(actor: MaybeActor, cityId: string): void {
	if (!canManageParticipation(actor, cityId)) throw forbidden();
}

// ——— Members ———

export async function listMembers(db: Db, cityId: string): Promise<CouncilMember[]> {
	return (await repository.listMemberRows(db, cityId)).map(toMember);
}

/** Members whose term covers `today` (the council as it sits). */
export function sitting(members: readonly CouncilMember[], today = todayIso()): CouncilMember[] {
	return members.filter((member) => member.termStart <= today && (member.termEnd === null || member.termEnd >= today));
}

export async function addMember(db: Db, actor: MaybeActor, cityId: string, input: MemberInput): Promise<CouncilMember> {
	manager(actor, cityId);
	const valid = parseInput(memberInputSchema, input);
	return inTransaction(db, async (trx) => {
		const id = uuidv7();
		const now = nowIso();
		await repository.insertMember(trx, { city_id: cityId, id, name: valid.name, seat: valid.seat, organisation: valid.organisation, term_start: valid.termStart, term_end: valid.termEnd, version: 1, created_at: now, updated_at: now, deleted_at: null });
		await recordAudit(trx, { cityId, actorId: personIdOf(actor), action: 'council.member_added', target: id, details: { seat: valid.seat } });
		return toMember((await repository.findMember(trx, cityId, id))!);
	});
}

export async function updateMember(db: Db, actor: MaybeActor, cityId: string, id: string, version: number, input: MemberInput): Promise<CouncilMember> {
	manager(actor, cityId);
	const valid = parseInput(memberInputSchema, input);
	return inTransaction(db, async (trx) => {
		if (!(await repository.findMember(trx, cityId, id))) throw new DomainError('member_not_found');
		if (!(await repository.updateMember(trx, cityId, id, version, { name: valid.name, seat: valid.seat, organisation: valid.organisation, term_start: valid.termStart, term_end: valid.termEnd, updated_at: nowIso() }))) throw conflict();
		await recordAudit(trx, { cityId, actorId: personIdOf(actor), action: 'council.member_changed', target: id, details: { seat: valid.seat } });
		return toMember((await repository.findMember(trx, cityId, id))!);
	});
}

export async function removeMember(db: Db, actor: MaybeActor, cityId: string, id: string, version: number): Promise<void> {
	manager(actor, cityId);
	await inTransaction(db, async (trx) => {
		if (!(await repository.findMember(trx, cityId, id))) throw new DomainError('member_not_found');
		const now = nowIso();
		if (!(await repository.updateMember(trx, cityId, id, version, { deleted_at: now, updated_at: now }))) throw conflict();
		await recordAudit(trx, { cityId, actorId: personIdOf(actor), action: 'council.member_removed', target: id });
	});
}

// ——— Meetings ———

export async function listMeetings(db: Db, cityId: string): Promise<CouncilMeeting[]> {
	return (await repository.listMeetingRows(db, cityId)).map(toMeeting);
}

export async function getMeetingByRef(db: Db, cityId: string, ref: string): Promise<CouncilMeeting> {
	const row = await repository.findMeetingByRef(db, cityId, ref);
	if (!row) throw new DomainError('meeting_not_found');
	return toMeeting(row);
}

export async function getMeeting(db: Db, cityId: string, id: string): Promise<CouncilMeeting> {
	const row = await repository.findMeeting(db, cityId, id);
	if (!row) throw new DomainError('meeting_not_found');
	return toMeeting(row);
}

function meetingColumns(valid: ReturnType<typeof meetingInputSchema.parse>) {
	return { title: JSON.stringify(valid.title), held_on: valid.heldOn, place: valid.place, agenda: JSON.stringify(valid.agenda), minutes: JSON.stringify(valid.minutes), status: valid.status };
}

export async function createMeeting(db: Db, actor: MaybeActor, cityId: string, input: MeetingInput): Promise<CouncilMeeting> {
	manager(actor, cityId);
	const valid = parseInput(meetingInputSchema, input);
	return ledgered.create(db, meetingRow, { cityId, actor }, {
		insert: async (trx) => {
			const id = uuidv7();
			const now = nowIso();
			await repository.insertMeeting(trx, { city_id: cityId, id, ref: `CM-${await processes.nextNumber(trx, cityId, 'meeting')}`, ...meetingColumns(valid), version: 1, created_at: now, updated_at: now, deleted_at: null });
			return getMeeting(trx, cityId, id);
		}
	});
}

export async function updateMeeting(db: Db, actor: MaybeActor, cityId: string, id: string, version: number, input: MeetingInput): Promise<CouncilMeeting> {
	manager(actor, cityId);
	const valid = parseInput(meetingInputSchema, input);
	return ledgered.update(db, meetingRow, { cityId, actor }, {
		load: (trx) => getMeeting(trx, cityId, id),
		apply: (trx, _before, at) => repository.updateMeeting(trx, cityId, id, version, { ...meetingColumns(valid), updated_at: at })
	});
}

// ——— Recommendations ———

async function recommendationOf(db: Db, cityId: string, id: string): Promise<RecommendationOf> {
	const row = await repository.findRecommendation(db, cityId, id);
	if (!row) throw new DomainError('recommendation_not_found');
	const recommendation = toRecommendation(row);
	const meeting = recommendation.meetingId ? await repository.findMeeting(db, cityId, recommendation.meetingId) : undefined;
	return { ...recommendation, meetingRef: meeting?.ref ?? null, actionRef: recommendation.actionId ? ((await findActionRef(db, cityId, recommendation.actionId)) ?? null) : null };
}

function strip(value: RecommendationOf): Recommendation {
	const { meetingRef: _m, actionRef: _a, ...recommendation } = value;
	return recommendation;
}

export async function getRecommendationByRef(db: Db, cityId: string, ref: string): Promise<Recommendation> {
	const row = await repository.findRecommendationByRef(db, cityId, ref);
	if (!row) throw new DomainError('recommendation_not_found');
	return toRecommendation(row);
}

export async function listRecommendations(db: Db, cityId: string, filter: { meetingId?: string } = {}): Promise<Recommendation[]> {
	return (await repository.listRecommendationRows(db, cityId, filter)).map(toRecommendation);
}

async function checkRecommendation(db: Db, cityId: string, valid: ReturnType<typeof recommendationInputSchema.parse>): Promise<void> {
	if (valid.meetingId && !(await repository.findMeeting(db, cityId, valid.meetingId))) throw fieldErrors({ meetingId: 'meeting_unknown' });
	if (valid.tags.length) {
		const found = new Set((await findFrameworkCodes(db, valid.tags)).map((entry) => entry.code));
		if (valid.tags.some((tag) => !found.has(tag))) throw fieldErrors({ tags: 'tag_unknown' });
	}
}

export async function createRecommendation(db: Db, actor: MaybeActor, cityId: string, input: RecommendationInput): Promise<Recommendation> {
	manager(actor, cityId);
	const valid = parseInput(recommendationInputSchema, input);
	return strip(
		await ledgered.create(db, recommendationRow, { cityId, actor }, {
			insert: async (trx) => {
				await checkRecommendation(trx, cityId, valid);
				const id = uuidv7();
				const now = nowIso();
				await repository.insertRecommendation(trx, {
					city_id: cityId,
					id,
					ref: `CR-${await processes.nextNumber(trx, cityId, 'recommendation')}`,
					meeting_id: valid.meetingId,
					title: JSON.stringify(valid.title),
					body: JSON.stringify(valid.body),
					tags: JSON.stringify([...new Set(valid.tags)]),
					issued_on: valid.issuedOn,
					status: 'awaiting',
					response: '{}',
					responded_on: null,
					action_id: null,
					version: 1,
					created_at: now,
					updated_at: now,
					deleted_at: null
				});
				return recommendationOf(trx, cityId, id);
			}
		})
	);
}

export async function updateRecommendation(db: Db, actor: MaybeActor, cityId: string, id: string, version: number, input: RecommendationInput): Promise<Recommendation> {
	manager(actor, cityId);
	const valid = parseInput(recommendationInputSchema, input);
	return strip(
		await ledgered.update(db, recommendationRow, { cityId, actor }, {
			load: (trx) => recommendationOf(trx, cityId, id),
			check: (trx) => checkRecommendation(trx, cityId, valid),
			apply: (trx, _before, at) =>
				repository.updateRecommendation(trx, cityId, id, version, { meeting_id: valid.meetingId, title: JSON.stringify(valid.title), body: JSON.stringify(valid.body), tags: JSON.stringify([...new Set(valid.tags)]), issued_on: valid.issuedOn, updated_at: at })
		})
	);
}

/** The city's public response: accepted, partly accepted or rejected, with its text. Followers are told. */
export async function respondToRecommendation(db: Db, actor: MaybeActor, cityId: string, id: string, version: number, input: ResponseInput): Promise<Recommendation> {
	manager(actor, cityId);
	const valid = parseInput(responseInputSchema, input);
	return inTransaction(db, async (trx) => {
		const after = await ledgered.update(trx, recommendationRow, { cityId, actor }, {
			load: (inner) => recommendationOf(inner, cityId, id),
			apply: (inner, _before, at) =>
				repository.updateRecommendation(inner, cityId, id, version, { status: valid.status, response: JSON.stringify(valid.response), responded_on: todayIso(), ...(valid.status === 'rejected' ? { action_id: null } : {}), updated_at: at })
		});
		await notifyFollowers(trx, cityId, { type: 'recommendation', id, ref: after.ref, title: after.title }, 'recommendation_answered', { status: valid.status });
		return strip(after);
	});
}

async function link(db: Db, actor: MaybeActor, cityId: string, id: string, version: number, actionId: string): Promise<Recommendation> {
	const after = await ledgered.update(db, recommendationRow, { cityId, actor }, {
		load: (inner) => recommendationOf(inner, cityId, id),
		check: async (inner, before) => {
			if (before.status !== 'accepted' && before.status !== 'partly_accepted') throw conflict('response_first');
			await requireAction(inner, cityId, actionId);
		},
		apply: (inner, _before, at) => repository.updateRecommendation(inner, cityId, id, version, { action_id: actionId, updated_at: at })
	});
	await watchActions(db, cityId);
	await notifyFollowers(db, cityId, { type: 'recommendation', id, ref: after.ref, title: after.title }, 'recommendation_linked', { action: after.actionRef ?? '' });
	return strip(after);
}

/** Links an accepted recommendation to an existing action of the plan. */
export async function linkRecommendationToAction(db: Db, actor: MaybeActor, cityId: string, id: string, version: number, actionId: string): Promise<Recommendation> {
	manager(actor, cityId);
	return inTransaction(db, (trx) => link(trx, actor, cityId, id, version, actionId));
}

/** The recommendation becomes an action of the plan (made by the commitments module), linked in the same transaction. */
export async function createActionForRecommendation(db: Db, actor: MaybeActor, cityId: string, id: string, version: number, input: NewLinkedAction): Promise<Recommendation> {
	manager(actor, cityId);
	return inTransaction(db, async (trx) => {
		const recommendation = await recommendationOf(trx, cityId, id);
		if (recommendation.status !== 'accepted' && recommendation.status !== 'partly_accepted') throw conflict('response_first');
		const action = await createLinkedAction(trx, actor, cityId, { ...input, title: Object.keys(input.title).length ? input.title : recommendation.title });
		return link(trx, actor, cityId, id, version, action.id);
	});
}
