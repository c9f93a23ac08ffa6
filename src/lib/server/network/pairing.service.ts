/**
 * Pairing a new city with an experienced one ("existing human rights cities can pair with new
 * cities, to share their philosophy, methodology and concepts"). The new city asks for a mentor;
 * the platform suggests mentors with the reasons shown (region, languages, the rights both work
 * on, size, the mentor's maturity and experience); the asking city proposes, the mentor city
 * accepts — the pairing starts when both have. It has goals, meetings (public summaries,
 * participants' notes), notes, and a planned end; it shows on both cities' network pages; every
 * change of its state is in the network's ledger. The standards module reads pairings through
 * `activePairingsOf` and `pairingBetween` (peer review).
 *
 * @example
 *   const [best] = await suggestMentors(db, newCity.id);
 *   const pairing = await requestPairing(db, newCityAdmin, { menteeCityId: newCity.id, mentorCityId: best.city.id, message: '…' });
 *   await acceptPairing(db, mentorCityAdmin, pairing.id, pairing.version);
 */
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { nowIso, todayIso, uuidv7 } from '../db/ids.ts';
import { conflict, DomainError, fieldErrors, forbidden } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { isCityAdmin, isNetworkAdmin, personIdOf, type MaybeActor } from '../accounts/index.ts';
import { listCitySummaries, type CitySummary } from '../cities/index.ts';
import { listCommitments } from '../commitments/index.ts';
import { ledgered } from '../ledger/index.ts';
import { parseLocalizedText, type LocalizedText } from '../../i18n/localized-text.ts';
import * as repository from './pairing.repository.ts';
import { pairKey } from './pairing.repository.ts';
import { practiceCounts, practiceRightsOf } from './practices.repository.ts';
import { listMembers, type Member } from './membership.service.ts';
import { isPairingCityStaff, isPairingParticipant } from './network.policy.ts';
import { goalSchema, goalStatusSchema, meetingSchema, noteSchema, pairingEndSchema, pairingRequestSchema, type MeetingInput, type PairingRequestInput } from './network.schema.ts';
import type { EventMode, GoalStatus, PairingRow, PairingSide, PairingStatus } from './network.tables.ts';
import { networkAuthor, pairingRow } from './ledger-rows.ts';
import { nextNetworkRef } from './refs.ts';

export interface PairingCity {
	id: string;
	slug: string;
	name: string;
	countryCode: string;
	region: string;
}

/** One reason a mentor is suggested (or, `busy_mentor`, counted against). Labels: `network_reason_<code>`. */
export type SuggestionReason =
	| { code: 'same_region'; region: string }
	| { code: 'shared_languages'; languages: string[] }
	| { code: 'shared_rights'; rights: string[] }
	| { code: 'similar_size'; mentee: number; mentor: number }
	| { code: 'experience_years'; years: number }
	| { code: 'practices_shared'; count: number }
	| { code: 'mentored_before'; count: number }
	| { code: 'formal_process' }
	| { code: 'busy_mentor'; count: number };

export interface MentorSuggestion {
	city: PairingCity;
	score: number;
	reasons: SuggestionReason[];
}

export interface PairingGoal {
	id: string;
	text: string;
	lang: string;
	status: GoalStatus;
}

export interface PairingMeeting {
	id: string;
	heldOn: string;
	mode: EventMode;
	summary: string;
	/** Participants only: empty for everyone else. */
	notes: string;
	lang: string;
}

export interface Pairing {
	id: string;
	ref: string;
	mentee: PairingCity;
	mentor: PairingCity;
	status: PairingStatus;
	proposedBy: PairingSide | 'network';
	message: string;
	reasons: SuggestionReason[];
	menteeAcceptedAt: string | null;
	mentorAcceptedAt: string | null;
	startedOn: string | null;
	endsOn: string | null;
	endedOn: string | null;
	endNote: LocalizedText;
	version: number;
	createdAt: string;
	goals: PairingGoal[];
}

export interface PairingNote {
	id: string;
	body: string;
	lang: string;
	authorCity: PairingCity | null;
	createdAt: string;
	mine: boolean;
}

function cityOf(summary: CitySummary | undefined, id: string): PairingCity {
	return summary
		? { id: summary.id, slug: summary.slug, name: summary.displayName, countryCode: summary.countryCode, region: summary.region }
		: { id, slug: '', name: id, countryCode: '', region: '' };
}

async function toPairings(db: Db, rows: readonly PairingRow[]): Promise<Pairing[]> {
	if (rows.length === 0) return [];
	const [cities, goals] = await Promise.all([
		listCitySummaries(db, [...new Set(rows.flatMap((row) => [row.mentee_city_id, row.mentor_city_id]))]),
		repository.listGoals(
			db,
			rows.map((row) => row.id)
		)
	]);
	const byId = new Map(cities.map((city) => [city.id, city]));
	return rows.map((row) => ({
		id: row.id,
		ref: row.ref,
		mentee: cityOf(byId.get(row.mentee_city_id), row.mentee_city_id),
		mentor: cityOf(byId.get(row.mentor_city_id), row.mentor_city_id),
		status: row.status,
		proposedBy: row.proposed_by as Pairing['proposedBy'],
		message: row.message,
		reasons: JSON.parse(row.reasons) as SuggestionReason[],
		menteeAcceptedAt: row.mentee_accepted_at,
		mentorAcceptedAt: row.mentor_accepted_at,
		startedOn: row.started_on,
		endsOn: row.ends_on,
		endedOn: row.ended_on,
		endNote: parseLocalizedText(row.end_note),
		version: row.version,
		createdAt: row.created_at,
		goals: goals.filter((goal) => goal.pairing_id === row.id).map((goal) => ({ id: goal.id, text: goal.text, lang: goal.lang, status: goal.status }))
	}));
}

export async function getPairing(db: Db, ref: string): Promise<Pairing> {
	const row = await repository.findPairing(db, { ref });
	if (!row) throw new DomainError('pairing_not_found');
	return (await toPairings(db, [row]))[0]!;
}

async function getPairingById(db: Db, id: string): Promise<Pairing> {
	const row = await repository.findPairing(db, { id });
	if (!row) throw new DomainError('pairing_not_found');
	return (await toPairings(db, [row]))[0]!;
}

/** Every pairing of a city (as mentee or mentor), newest first: both cities' network pages show them. */
export async function pairingsOfCity(db: Db, cityId: string, statuses?: readonly PairingStatus[]): Promise<Pairing[]> {
	return toPairings(db, await repository.listPairings(db, { cityId, ...(statuses ? { statuses } : {}) }));
}

/** The network's pairings in these states (the public list shows those under way and those completed). */
export async function listPairings(db: Db, statuses: readonly PairingStatus[]): Promise<Pairing[]> {
	return toPairings(db, await repository.listPairings(db, { statuses }));
}

/**
 * The pairings under way of a city, as mentee or mentor — for other modules (the standards
 * module's peer review asks which cities accompany one another).
 *
 * @example (await activePairingsOf(db, lund.id)).map((pairing) => pairing.mentor.slug)
 */
export async function activePairingsOf(db: Db, cityId: string): Promise<Pairing[]> {
	return pairingsOfCity(db, cityId, ['active']);
}

/**
 * The latest pairing of two cities in either direction and any state (proposed, active,
 * declined, withdrawn, ended), or undefined when they were never paired — for other modules
 * (peer review: a mentor reviewing its own mentee is a conflict of interest).
 */
export async function pairingBetween(db: Db, cityA: string, cityB: string): Promise<Pairing | undefined> {
	const row = await repository.findLatestPairing(db, cityA, cityB);
	return row ? (await toPairings(db, [row]))[0] : undefined;
}

// ——— Suggestions ———

/** The rights (UDHR articles) a city works on: its commitments' tags and its practices' tags. */
async function rightsOf(db: Db, cityIds: readonly string[]): Promise<Map<string, Set<string>>> {
	const rights = new Map<string, Set<string>>(cityIds.map((id) => [id, new Set<string>()]));
	for (const cityId of cityIds) {
		for (const commitment of await listCommitments(db, cityId)) for (const tag of commitment.tags) if (tag.startsWith('udhr:')) rights.get(cityId)!.add(tag);
	}
	for (const [cityId, codes] of await practiceRightsOf(db, cityIds)) for (const code of codes) rights.get(cityId)?.add(code);
	return rights;
}

const REASON_WEIGHTS = { same_region: 3, language: 2, right: 1, similar_size: 2, year: 0.5, practice: 0.5, mentored: 1, formal: 1, busy: 2 } as const;

function similarSize(a: number | null, b: number | null): boolean {
	if (!a || !b) return false;
	const ratio = a > b ? a / b : b / a;
	return ratio <= 2.5;
}

/**
 * Mentors for a city, best first, each with the reasons: full members of the network under way,
 * other than the city itself and those it is already paired with.
 */
export async function suggestMentors(db: Db, menteeCityId: string, options: { limit?: number; today?: string } = {}): Promise<MentorSuggestion[]> {
	const members = await listMembers(db);
	const mentee = members.find((member) => member.cityId === menteeCityId && member.status === 'active');
	if (!mentee) throw conflict('not_member');
	const open = new Set((await repository.listPairings(db, { cityId: menteeCityId, statuses: ['proposed', 'active'] })).map((row) => (row.mentee_city_id === menteeCityId ? row.mentor_city_id : row.mentee_city_id)));
	const candidates = members.filter((member) => member.cityId && member.cityId !== menteeCityId && member.level === 'member' && member.status === 'active' && !open.has(member.cityId));
	const ids = [menteeCityId, ...candidates.map((member) => member.cityId!)];
	const [cities, rights, practices, mentoring] = await Promise.all([listCitySummaries(db, ids), rightsOf(db, ids), practiceCounts(db, ids), repository.mentoringCounts(db)]);
	const cityById = new Map(cities.map((city) => [city.id, city]));
	const menteeCity = cityById.get(menteeCityId);
	const menteeRights = rights.get(menteeCityId) ?? new Set<string>();
	const thisYear = Number((options.today ?? todayIso()).slice(0, 4));
	const suggestions = candidates.map((member): MentorSuggestion => {
		const city = cityById.get(member.cityId!);
		const reasons: SuggestionReason[] = [];
		let score = 0;
		if (city && menteeCity && city.region === menteeCity.region) {
			reasons.push({ code: 'same_region', region: city.region });
			score += REASON_WEIGHTS.same_region;
		}
		const languages = member.languages.filter((language) => mentee.languages.includes(language));
		if (languages.length) {
			reasons.push({ code: 'shared_languages', languages });
			score += REASON_WEIGHTS.language * Math.min(languages.length, 2);
		}
		const shared = [...(rights.get(member.cityId!) ?? [])].filter((code) => menteeRights.has(code)).sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)));
		if (shared.length) {
			reasons.push({ code: 'shared_rights', rights: shared });
			score += REASON_WEIGHTS.right * Math.min(shared.length, 5);
		}
		if (similarSize(member.population, mentee.population)) {
			reasons.push({ code: 'similar_size', mentee: mentee.population!, mentor: member.population! });
			score += REASON_WEIGHTS.similar_size;
		}
		const since = city?.year ?? Number(member.since.slice(0, 4));
		const years = Math.max(0, thisYear - since);
		if (years >= 3) {
			reasons.push({ code: 'experience_years', years });
			score += REASON_WEIGHTS.year * Math.min(years, 10);
		}
		const shares = practices.get(member.cityId!) ?? 0;
		if (shares > 0) {
			reasons.push({ code: 'practices_shared', count: shares });
			score += REASON_WEIGHTS.practice * Math.min(shares, 6);
		}
		const mentored = mentoring.get(member.cityId!);
		if (mentored && mentored.ended > 0) {
			reasons.push({ code: 'mentored_before', count: mentored.ended });
			score += REASON_WEIGHTS.mentored * Math.min(mentored.ended, 3);
		}
		if (member.process === 'formal') {
			reasons.push({ code: 'formal_process' });
			score += REASON_WEIGHTS.formal;
		}
		if (mentored && mentored.active >= 2) {
			reasons.push({ code: 'busy_mentor', count: mentored.active });
			score -= REASON_WEIGHTS.busy * (mentored.active - 1);
		}
		return { city: cityOf(city, member.cityId!), score: Math.round(score * 10) / 10, reasons };
	});
	return suggestions.sort((a, b) => b.score - a.score || a.city.name.localeCompare(b.city.name)).slice(0, options.limit ?? 5);
}

// ——— The pairing's life ———

/** The sides the actor speaks for: a city accepts through its own city admin (not the network admin). */
function sideOf(actor: MaybeActor, pairing: Pick<Pairing, 'mentee' | 'mentor'>): PairingSide[] {
	const sides: PairingSide[] = [];
	if (isCityAdmin(actor, pairing.mentee.id)) sides.push('mentee');
	if (isCityAdmin(actor, pairing.mentor.id)) sides.push('mentor');
	return sides;
}

async function memberOf(members: Member[], cityId: string): Promise<Member | undefined> {
	return members.find((member) => member.cityId === cityId && member.status === 'active');
}

/**
 * The mentee city's admin asks a mentor city (or the network admin proposes a pairing between
 * two cities): the pairing is proposed, accepted already by the side that asked.
 */
export async function requestPairing(db: Db, actor: MaybeActor, input: PairingRequestInput, options: { today?: string } = {}): Promise<Pairing> {
	if (!actor) throw new DomainError('unauthenticated');
	const valid = parseInput(pairingRequestSchema, input);
	if (valid.menteeCityId === valid.mentorCityId) throw fieldErrors({ mentorCityId: 'pairing_self' });
	const asMentee = isCityAdmin(actor, valid.menteeCityId);
	if (!asMentee && !isNetworkAdmin(actor)) throw forbidden();
	const today = options.today ?? todayIso();
	if (valid.endsOn && valid.endsOn <= today) throw fieldErrors({ endsOn: 'date_past' });
	return inTransaction(db, async (trx) => {
		const members = await listMembers(trx);
		if (!(await memberOf(members, valid.menteeCityId))) throw conflict('not_member');
		const mentor = await memberOf(members, valid.mentorCityId);
		if (!mentor || mentor.level !== 'member') throw fieldErrors({ mentorCityId: 'mentor_not_member' });
		if (await repository.findOpenPairing(trx, valid.menteeCityId, valid.mentorCityId)) throw conflict('pairing_exists');
		const suggestion = (await suggestMentors(trx, valid.menteeCityId, { limit: 1000, today })).find((item) => item.city.id === valid.mentorCityId);
		const now = nowIso();
		const id = uuidv7();
		return ledgered.create(trx, pairingRow, networkAuthor(actor, asMentee ? valid.menteeCityId : null), {
			insert: async (inner) => {
				await repository.insertPairing(inner, {
					id,
					ref: await nextNetworkRef(inner, 'pairing'),
					pair_key: pairKey(valid.menteeCityId, valid.mentorCityId),
					mentee_city_id: valid.menteeCityId,
					mentor_city_id: valid.mentorCityId,
					status: 'proposed',
					proposed_by: asMentee ? 'mentee' : 'network',
					message: valid.message,
					reasons: JSON.stringify(suggestion?.reasons ?? []),
					mentee_accepted_at: asMentee ? now : null,
					mentor_accepted_at: null,
					started_on: null,
					ends_on: valid.endsOn,
					ended_on: null,
					end_note: '{}',
					version: 1,
					created_at: now,
					updated_at: now
				});
				return getPairingById(inner, id);
			}
		});
	});
}

/** A city accepts (its admin, for the side it is on); when both have, the pairing starts. */
export async function acceptPairing(db: Db, actor: MaybeActor, id: string, version: number, options: { today?: string } = {}): Promise<Pairing> {
	if (!actor) throw new DomainError('unauthenticated');
	const current = await getPairingById(db, id);
	return ledgered.update(db, pairingRow, networkAuthor(actor, sideOf(actor, current).includes('mentor') ? current.mentor.id : current.mentee.id), {
		load: (trx) => getPairingById(trx, id),
		check: (_trx, before) => {
			const sides = sideOf(actor, before);
			if (sides.length === 0) throw forbidden();
			if (before.status !== 'proposed') throw conflict('pairing_not_proposed');
			// The side that asked has accepted already: it waits for the other.
			if (sides.every((side) => (side === 'mentee' ? before.menteeAcceptedAt : before.mentorAcceptedAt) !== null)) throw conflict('pairing_already_accepted');
		},
		apply: (trx, before, at) => {
			const sides = sideOf(actor, before);
			const menteeAccepted = before.menteeAcceptedAt ?? (sides.includes('mentee') ? at : null);
			const mentorAccepted = before.mentorAcceptedAt ?? (sides.includes('mentor') ? at : null);
			const both = menteeAccepted !== null && mentorAccepted !== null;
			return repository.updatePairing(trx, id, version, {
				mentee_accepted_at: menteeAccepted,
				mentor_accepted_at: mentorAccepted,
				...(both ? { status: 'active' as const, started_on: options.today ?? todayIso() } : {}),
				updated_at: at
			});
		}
	});
}

/**
 * Ends a pairing's proposal or its course, with a note: the side that did not propose declines,
 * the side that proposed withdraws, either side or the network admin ends one under way.
 */
export async function closePairing(db: Db, actor: MaybeActor, id: string, version: number, input: { note: string; lang: string; endedOn?: string | null }, options: { today?: string } = {}): Promise<Pairing> {
	if (!actor) throw new DomainError('unauthenticated');
	const valid = parseInput(pairingEndSchema, input);
	const today = options.today ?? todayIso();
	let status: PairingStatus = 'ended';
	const current = await getPairingById(db, id);
	return ledgered.update(db, pairingRow, networkAuthor(actor, sideOf(actor, current).includes('mentor') ? current.mentor.id : current.mentee.id), {
		load: (trx) => getPairingById(trx, id),
		check: (_trx, before) => {
			const sides = sideOf(actor, before);
			if (sides.length === 0 && !isNetworkAdmin(actor)) throw forbidden();
			if (before.status === 'proposed') {
				const proposer: PairingSide | undefined = before.proposedBy === 'network' ? undefined : before.proposedBy;
				status = proposer && sides.includes(proposer) ? 'withdrawn' : 'declined';
			} else if (before.status === 'active') {
				status = 'ended';
				// The end date: not after today, not before the pairing started.
				if (valid.endedOn && valid.endedOn > today) throw fieldErrors({ endedOn: 'date_future' });
				if (valid.endedOn && before.startedOn && valid.endedOn < before.startedOn) throw fieldErrors({ endedOn: 'ended_before_start' });
			} else throw conflict('pairing_closed');
		},
		apply: (trx, _before, at) =>
			repository.updatePairing(trx, id, version, { status, ...(status === 'ended' ? { ended_on: valid.endedOn ?? today } : {}), end_note: JSON.stringify({ [valid.lang]: valid.note }), updated_at: at })
	});
}

async function participantPairing(db: Db, actor: MaybeActor, id: string, open = true): Promise<Pairing> {
	const pairing = await getPairingById(db, id);
	if (!actor || !isPairingParticipant(actor, { menteeCityId: pairing.mentee.id, mentorCityId: pairing.mentor.id })) throw forbidden();
	if (open && (pairing.status === 'declined' || pairing.status === 'withdrawn')) throw conflict('pairing_closed');
	return pairing;
}

export async function addGoal(db: Db, actor: MaybeActor, pairingId: string, input: { text: string; lang: string }): Promise<PairingGoal> {
	const valid = parseInput(goalSchema, input);
	return inTransaction(db, async (trx) => {
		await participantPairing(trx, actor, pairingId);
		const now = nowIso();
		const goal = { pairing_id: pairingId, id: uuidv7(), position: await repository.nextGoalPosition(trx, pairingId), text: valid.text, lang: valid.lang, status: 'open' as const, created_at: now, updated_at: now };
		await repository.insertGoal(trx, goal);
		return { id: goal.id, text: goal.text, lang: goal.lang, status: goal.status };
	});
}

export async function setGoalStatus(db: Db, actor: MaybeActor, pairingId: string, input: { goalId: string; status: string }): Promise<void> {
	const valid = parseInput(goalStatusSchema, input);
	await inTransaction(db, async (trx) => {
		await participantPairing(trx, actor, pairingId);
		if (!(await repository.updateGoalStatus(trx, pairingId, valid.goalId, valid.status, nowIso()))) throw new DomainError('goal_not_found');
	});
}

/** The pairing's meetings; the notes of each for the two cities' staff only. */
export async function listMeetings(db: Db, actor: MaybeActor, pairing: Pick<Pairing, 'id' | 'mentee' | 'mentor'>): Promise<PairingMeeting[]> {
	// The notes are the two cities' own: their staff read them (not the network admin, not the public).
	const participant = isPairingCityStaff(actor, { menteeCityId: pairing.mentee.id, mentorCityId: pairing.mentor.id });
	return (await repository.listMeetings(db, pairing.id)).map((row) => ({ id: row.id, heldOn: row.held_on, mode: row.mode, summary: row.summary, notes: participant ? row.notes : '', lang: row.lang }));
}

export async function addMeeting(db: Db, actor: MaybeActor, pairingId: string, input: MeetingInput): Promise<PairingMeeting> {
	const valid = parseInput(meetingSchema, input);
	return inTransaction(db, async (trx) => {
		await participantPairing(trx, actor, pairingId);
		const row = { pairing_id: pairingId, id: uuidv7(), held_on: valid.heldOn, mode: valid.mode, summary: valid.summary, notes: valid.notes, lang: valid.lang, created_by: personIdOf(actor), created_at: nowIso() };
		await repository.insertMeeting(trx, row);
		return { id: row.id, heldOn: row.held_on, mode: row.mode, summary: row.summary, notes: row.notes, lang: row.lang };
	});
}

/** The participants' notes (newest first); nobody else reads them. */
export async function listNotes(db: Db, actor: MaybeActor, pairingId: string): Promise<PairingNote[]> {
	const pairing = await participantPairing(db, actor, pairingId, false);
	const cities = new Map([pairing.mentee, pairing.mentor].map((city) => [city.id, city]));
	return (await repository.listNotes(db, pairingId)).map((row) => ({
		id: row.id,
		body: row.body,
		lang: row.lang,
		authorCity: row.author_city_id ? (cities.get(row.author_city_id) ?? null) : null,
		createdAt: row.created_at,
		mine: row.author_id !== null && row.author_id === personIdOf(actor)
	}));
}

export async function addNote(db: Db, actor: MaybeActor, pairingId: string, input: { body: string; lang: string }): Promise<void> {
	const valid = parseInput(noteSchema, input);
	await inTransaction(db, async (trx) => {
		const pairing = await participantPairing(trx, actor, pairingId);
		const cityId = [pairing.mentee.id, pairing.mentor.id].find((id) => actor!.roles.some((held) => held.cityId === id)) ?? null;
		await repository.insertNote(trx, { pairing_id: pairingId, id: uuidv7(), author_id: personIdOf(actor), author_city_id: cityId, body: valid.body, lang: valid.lang, created_at: nowIso() });
	});
}
