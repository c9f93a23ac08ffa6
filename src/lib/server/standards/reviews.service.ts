/**
 * Use cases of peer review: the network admin appoints a reviewer city for a submitted
 * self-assessment, or the platform proposes the city's mentor (its active pairing in the network
 * module) when the city submits, and both cities accept before the review starts; the reviewer
 * city's staff rate and comment on every criterion, on the city's evidence and links of their
 * own; a city admin of the reviewer city submits the review. Nobody of the city reviewed takes
 * part as a reviewer, and a city never reviews itself. The agreement that follows is in
 * agreement.service.ts.
 *
 * Ledger (the reviewed city's chain): the appointment, the submission, each confirmation and the
 * publication are entries of the review; the network's chain records the appointment too. The
 * reviewers' ratings become public (and ledger entries) when the review is published.
 *
 * @example
 *   const review = await appointReviewer(db, networkAdmin, york.id, assessment.id, 'lund');
 *   await saveReviewRatings(db, lundAdmin, york.id, review.id, review.version, [{ criterion: 'role:employer', rating: 'met', justification: '…' }], { locale: 'en' });
 */
import type { Db } from '../db/database.ts';
import { nowIso, uuidv7 } from '../db/ids.ts';
import { inTransaction } from '../db/transaction.ts';
import { conflict, DomainError, fieldErrors, forbidden } from '../errors.ts';
import { parseInput } from '../validation.ts';
import type { MaybeActor } from '../accounts/index.ts';
import { findCityBySlug, listCityRegistry, type CityTable } from '../cities/index.ts';
import { activePairingsOf } from '../network/index.ts';
import { appendLedger, NETWORK_CHAIN, type LedgerActor } from '../ledger/index.ts';
import { parseLocalizedText, type LocalizedText } from '../../i18n/localized-text.ts';
import type { EvidenceItem, Rating } from './evidence.ts';
import { getAssessment, listRatings, type Assessment, type AssessmentView } from './assessments.service.ts';
import { getFrameworkVersion } from './frameworks.service.ts';
import { reviewRow } from './ledger-rows.ts';
import { checkRatings, type RatingInput } from './rating-input.ts';
import * as repository from './reviews.repository.ts';
import { nextRefOf } from './refs.ts';
import { canAppointReviewers, canDecideForCity, canDecideForReviewer, canReview, canSeeCityDrafts, isOfReviewedCity, isStaffOf } from './standards.policy.ts';
import { appointSchema } from './standards.schema.ts';
import type { PositionSide, ReviewRow, ReviewStatus } from './standards.tables.ts';

export interface Review {
	id: string;
	/** The city reviewed. */
	cityId: string;
	citySlug: string;
	cityName: string;
	ref: string;
	assessmentId: string;
	assessmentRef: string;
	reviewerCityId: string;
	reviewerCitySlug: string;
	reviewerCityName: string;
	status: ReviewStatus;
	demo: boolean;
	/** A proposal (from the city's pairing): when each city accepted it. */
	cityAcceptedAt: string | null;
	reviewerAcceptedAt: string | null;
	submittedAt: string | null;
	cityConfirmedAt: string | null;
	reviewerConfirmedAt: string | null;
	publishedAt: string | null;
	version: number;
	createdAt: string;
	updatedAt: string;
}

export interface ReviewRating {
	criterion: string;
	rating: Rating;
	comment: LocalizedText;
	/** Links the reviewers added. */
	evidence: EvidenceItem[];
	updatedAt: string;
}

export interface Position {
	criterion: string;
	side: PositionSide;
	rating: Rating;
	note: LocalizedText;
}

/** A review with the assessment it reviews, the reviewers' ratings and both cities' positions. */
export interface ReviewView {
	review: Review;
	assessment: AssessmentView;
	ratings: Map<string, ReviewRating>;
	positions: Record<PositionSide, Map<string, Position>>;
}

type Registry = Map<string, { slug: string; name: string }>;

async function registry(db: Db): Promise<Registry> {
	return new Map((await listCityRegistry(db)).map((city) => [city.id, { slug: city.slug, name: city.display_name }]));
}

function toReview(row: ReviewRow, assessmentRef: string, cities: Registry): Review {
	const city = cities.get(row.city_id);
	const reviewer = cities.get(row.reviewer_city_id);
	return {
		id: row.id,
		cityId: row.city_id,
		citySlug: city?.slug ?? '',
		cityName: city?.name ?? '',
		ref: row.ref,
		assessmentId: row.assessment_id,
		assessmentRef,
		reviewerCityId: row.reviewer_city_id,
		reviewerCitySlug: reviewer?.slug ?? '',
		reviewerCityName: reviewer?.name ?? '',
		status: row.status,
		demo: row.demo === 1,
		cityAcceptedAt: row.city_accepted_at,
		reviewerAcceptedAt: row.reviewer_accepted_at,
		submittedAt: row.submitted_at,
		cityConfirmedAt: row.city_confirmed_at,
		reviewerConfirmedAt: row.reviewer_confirmed_at,
		publishedAt: row.published_at,
		version: row.version,
		createdAt: row.created_at,
		updatedAt: row.updated_at
	};
}

async function reviewOf(db: Db, row: ReviewRow | undefined, cities?: Registry): Promise<Review> {
	if (!row) throw new DomainError('review_not_found');
	const assessment = await getAssessment(db, row.city_id, row.assessment_id);
	return toReview(row, assessment.ref, cities ?? (await registry(db)));
}

export async function getReview(db: Db, cityId: string, id: string): Promise<Review> {
	return reviewOf(db, await repository.findReview(db, cityId, id));
}

export async function getReviewByRef(db: Db, cityId: string, ref: string): Promise<Review> {
	return reviewOf(db, await repository.findReviewByRef(db, cityId, ref));
}

export async function listReviewRatings(db: Db, cityId: string, reviewId: string): Promise<Map<string, ReviewRating>> {
	return new Map(
		(await repository.listReviewRatings(db, cityId, reviewId)).map((row) => [
			row.criterion,
			{ criterion: row.criterion, rating: row.rating as Rating, comment: parseLocalizedText(row.comment), evidence: JSON.parse(row.evidence) as EvidenceItem[], updatedAt: row.updated_at }
		])
	);
}

export async function listPositions(db: Db, cityId: string, reviewId: string): Promise<Record<PositionSide, Map<string, Position>>> {
	const positions: Record<PositionSide, Map<string, Position>> = { city: new Map(), reviewer: new Map() };
	for (const row of await repository.listPositions(db, cityId, reviewId)) {
		positions[row.side].set(row.criterion, { criterion: row.criterion, side: row.side, rating: row.rating as Rating, note: parseLocalizedText(row.note) });
	}
	return positions;
}

/** Everything of a review, without deciding who may see what (callers do: `viewReview`). */
export async function loadReview(db: Db, review: Review): Promise<ReviewView> {
	const assessment = await getAssessment(db, review.cityId, review.assessmentId);
	const framework = await getFrameworkVersion(db, assessment.frameworkVersionId);
	const [selfRatings, ratings, positions] = await Promise.all([listRatings(db, review.cityId, assessment.id), listReviewRatings(db, review.cityId, review.id), listPositions(db, review.cityId, review.id)]);
	return { review, assessment: { assessment, framework, ratings: selfRatings }, ratings, positions };
}

export type ReviewAudience = 'public' | 'city' | 'reviewer';

/**
 * A review as one audience may see it: the public sees published reviews; the reviewed city's
 * staff (and the network admin) see its progress, and the reviewers' ratings from submission
 * on; the reviewer city's staff see their own work. Anyone else: `review_not_found`.
 */
export async function viewReview(db: Db, actor: MaybeActor, cityId: string, ref: string, audience: ReviewAudience, reviewerCityId?: string): Promise<ReviewView> {
	const review = await getReviewByRef(db, cityId, ref);
	const allowed =
		audience === 'public'
			? review.status === 'published'
			: audience === 'city'
				? review.status !== 'withdrawn' && canSeeCityDrafts(actor, cityId)
				: review.reviewerCityId === reviewerCityId && review.status !== 'withdrawn' && (isStaffOf(actor, review.reviewerCityId) || actor?.networkAdmin === true);
	if (!allowed) throw new DomainError('review_not_found');
	const view = await loadReview(db, review);
	if (audience === 'city' && (review.status === 'appointed' || review.status === 'proposed')) view.ratings = new Map();
	return view;
}

/** The city's reviews: published ones for the public, every live one for its staff. */
export async function listCityReviews(db: Db, actor: MaybeActor, cityId: string): Promise<Review[]> {
	const cities = await registry(db);
	const rows = (await repository.listReviews(db, cityId)).filter((row) => row.status === 'published' || (row.status !== 'withdrawn' && canSeeCityDrafts(actor, cityId)));
	return Promise.all(rows.map((row) => reviewOf(db, row, cities)));
}

/** The reviews a city is appointed to carry out (through the network-level appointments). */
export async function listReviewsByReviewer(db: Db, reviewerCityId: string): Promise<Review[]> {
	const cities = await registry(db);
	const reviews: Review[] = [];
	for (const appointment of await repository.listAppointmentsOfReviewer(db, reviewerCityId)) {
		const row = await repository.findReview(db, appointment.reviewed_city_id, appointment.review_id);
		if (row && row.status !== 'withdrawn') reviews.push(await reviewOf(db, row, cities));
	}
	return reviews;
}

/** What the reviewers do, as the ledger names their role in the reviewed city's chain. */
const REVIEWER_ROLE = 'peer_reviewer';

async function record(trx: Db, review: Review, actor: LedgerActor | null, change: Record<string, unknown>, actorRole?: string): Promise<void> {
	await appendLedger(trx, { cityId: review.cityId, actor, entityType: reviewRow.entityType, entityId: review.id, entityRef: review.ref, action: 'update', change, ...(actorRole ? { actorRole } : {}) });
}

/**
 * Appoints a reviewer city (by slug) for a submitted self-assessment of the city. Refused: the
 * city itself (`self_review`), an assessment still in draft or a shadow one, one that already has
 * a live review (a proposal from the pairing too: withdraw it first). The network admin.
 */
export async function appointReviewer(db: Db, actor: MaybeActor, cityId: string, assessmentId: string, input: { reviewerCity: string }): Promise<Review> {
	if (!canAppointReviewers(actor)) throw forbidden();
	const valid = parseInput(appointSchema, input);
	return inTransaction(db, async (trx) => {
		const reviewer = await findCityBySlug(trx, valid.reviewerCity);
		if (!reviewer) throw fieldErrors({ reviewerCity: 'city_not_found' });
		if (reviewer.id === cityId) throw fieldErrors({ reviewerCity: 'self_review' });
		return createReview(trx, actor, cityId, await getAssessment(trx, cityId, assessmentId), reviewer, { source: 'network_admin' });
	});
}

/** The mentor city of the city's active pairing (the city being the mentee), if it has one. */
export async function pairedMentorOf(db: Db, cityId: string): Promise<{ slug: string; name: string; pairing: string } | undefined> {
	const pairing = (await activePairingsOf(db, cityId)).find((candidate) => candidate.mentee.id === cityId && candidate.mentor.id !== cityId);
	return pairing && { slug: pairing.mentor.slug, name: pairing.mentor.name, pairing: pairing.ref };
}

/**
 * When the city submits a self-assessment and has a mentor (an active pairing): the mentor city
 * is proposed as reviewer (`proposed`, source `pairing`); the review starts once both cities
 * accept. Nothing when the city has no mentor or the assessment already has a live review.
 * Called in the submission's transaction.
 */
export async function proposeReviewerFromPairing(trx: Db, actor: MaybeActor, assessment: Assessment): Promise<Review | undefined> {
	if (assessment.kind !== 'self' || assessment.status !== 'submitted') return undefined;
	const mentor = await pairedMentorOf(trx, assessment.cityId);
	if (!mentor) return undefined;
	if ((await repository.listReviewsOfAssessment(trx, assessment.cityId, assessment.id)).some((row) => row.status !== 'withdrawn')) return undefined;
	const reviewer = await findCityBySlug(trx, mentor.slug);
	if (!reviewer) return undefined;
	return createReview(trx, actor, assessment.cityId, assessment, reviewer, { source: 'pairing', pairing: mentor.pairing });
}

async function createReview(trx: Db, actor: MaybeActor, cityId: string, assessment: Assessment, reviewer: CityTable, origin: { source: 'network_admin' } | { source: 'pairing'; pairing: string }): Promise<Review> {
	if (reviewer.id === cityId) throw fieldErrors({ reviewerCity: 'self_review' });
	if (assessment.kind !== 'self' || assessment.status !== 'submitted') throw conflict('assessment_not_submitted');
	if ((await repository.listReviewsOfAssessment(trx, cityId, assessment.id)).some((row) => row.status !== 'withdrawn')) throw conflict('review_exists');
	const { source } = origin;
	const status: ReviewStatus = source === 'pairing' ? 'proposed' : 'appointed';
	const now = nowIso();
	const id = uuidv7();
	const ref = nextRefOf('PR', assessment.year, await repository.reviewRefsWithPrefix(trx, cityId, `PR-${assessment.year}-`));
	await repository.insertReview(trx, {
		city_id: cityId,
		id,
		ref,
		assessment_id: assessment.id,
		reviewer_city_id: reviewer.id,
		status,
		demo: actor?.system === 'demo' ? 1 : 0,
		city_accepted_at: null,
		reviewer_accepted_at: null,
		submitted_at: null,
		city_confirmed_at: null,
		reviewer_confirmed_at: null,
		published_at: null,
		version: 1,
		created_at: now,
		updated_at: now,
		deleted_at: null
	});
	await repository.insertAppointment(trx, { id: uuidv7(), reviewed_city_id: cityId, reviewer_city_id: reviewer.id, review_id: id, source, created_at: now, withdrawn_at: null });
	const review = await getReview(trx, cityId, id);
	const pairing = origin.source === 'pairing' ? { pairing: [null, origin.pairing] } : {};
	await appendLedger(trx, { cityId, actor, entityType: reviewRow.entityType, entityId: id, entityRef: ref, action: 'create', change: { assessment: [null, assessment.ref], reviewer: [null, review.reviewerCitySlug], status: [null, status], source: [null, source], ...pairing } });
	await appendLedger(trx, {
		cityId: NETWORK_CHAIN,
		actor,
		entityType: 'standards_appointment',
		entityId: id,
		entityRef: `${review.citySlug} ${ref}`,
		action: 'create',
		change: { reviewed: [null, review.citySlug], reviewer: [null, review.reviewerCitySlug], source: [null, source], ...pairing }
	});
	return review;
}

export type ProposalSide = 'city' | 'reviewer';

function requireProposalParty(actor: MaybeActor, review: Review, side: ProposalSide): void {
	if (side === 'city') {
		if (!canDecideForCity(actor, review.cityId)) throw forbidden();
	} else requireReviewer(actor, review, true);
	if (review.status !== 'proposed') throw conflict('review_not_proposed');
}

/**
 * One city accepts the proposal (a city admin of the city reviewed, or of the reviewer city);
 * when both have, the review starts (`appointed`). @throws conflict review_not_proposed
 */
export async function acceptProposal(db: Db, actor: MaybeActor, cityId: string, reviewId: string, version: number, side: ProposalSide): Promise<Review> {
	return inTransaction(db, async (trx) => {
		const review = await getReview(trx, cityId, reviewId);
		requireProposalParty(actor, review, side);
		if ((side === 'city' ? review.cityAcceptedAt : review.reviewerAcceptedAt) !== null) throw conflict('proposal_accepted');
		const at = nowIso();
		const both = (side === 'city' ? review.reviewerAcceptedAt : review.cityAcceptedAt) !== null;
		const accepted = side === 'city' ? { city_accepted_at: at } : { reviewer_accepted_at: at };
		if (!(await repository.updateReview(trx, cityId, reviewId, version, { ...accepted, ...(both ? { status: 'appointed' as const } : {}), updated_at: at }))) throw conflict();
		await record(trx, review, actor, { [`${side}_accepted_at`]: [null, at], ...(both ? { status: ['proposed', 'appointed'] } : {}) }, side === 'reviewer' ? REVIEWER_ROLE : undefined);
		return getReview(trx, cityId, reviewId);
	});
}

/** One city declines the proposal: it is withdrawn, and the network admin may appoint a reviewer. */
export async function declineProposal(db: Db, actor: MaybeActor, cityId: string, reviewId: string, version: number, side: ProposalSide): Promise<Review> {
	return inTransaction(db, async (trx) => {
		const review = await getReview(trx, cityId, reviewId);
		requireProposalParty(actor, review, side);
		return withdraw(trx, actor, review, version, side === 'city' ? 'city' : 'reviewer');
	});
}

/** Who ends an appointment: the network admin, the reviewer city itself, or (declining a proposal) the city reviewed. */
export type WithdrawnBy = 'network_admin' | 'reviewer' | 'city';

async function withdraw(trx: Db, actor: MaybeActor, review: Review, version: number, by: WithdrawnBy): Promise<Review> {
	if (review.status !== 'appointed' && review.status !== 'proposed') throw conflict(by === 'network_admin' ? 'review_not_open' : review.status === 'withdrawn' ? 'review_closed' : 'review_submitted');
	const at = nowIso();
	if (!(await repository.updateReview(trx, review.cityId, review.id, version, { status: 'withdrawn', updated_at: at }))) throw conflict();
	await repository.withdrawAppointment(trx, review.id, at);
	await record(trx, review, actor, { status: [review.status, 'withdrawn'], withdrawn_by: [null, by] }, by === 'reviewer' ? REVIEWER_ROLE : undefined);
	await appendLedger(trx, {
		cityId: NETWORK_CHAIN,
		actor,
		entityType: 'standards_appointment',
		entityId: review.id,
		entityRef: `${review.citySlug} ${review.ref}`,
		action: 'update',
		change: { withdrawn_at: [null, at], withdrawn_by: [null, by] }
	});
	return getReview(trx, review.cityId, review.id);
}

/** Withdraws an appointment the reviewers have not submitted yet (the assessment can get another). The network admin. */
export async function withdrawReview(db: Db, actor: MaybeActor, cityId: string, reviewId: string, version: number): Promise<Review> {
	if (!canAppointReviewers(actor)) throw forbidden();
	return inTransaction(db, async (trx) => withdraw(trx, actor, await getReview(trx, cityId, reviewId), version, 'network_admin'));
}

/**
 * The reviewer city steps back from a review it has not submitted (its ratings so far are never
 * published; the network admin can appoint another city). A city admin of the reviewer city. @throws conflict review_submitted once the review is submitted
 */
export async function withdrawFromReview(db: Db, actor: MaybeActor, cityId: string, reviewId: string, version: number): Promise<Review> {
	return inTransaction(db, async (trx) => {
		const review = await getReview(trx, cityId, reviewId);
		requireReviewer(actor, review, true);
		return withdraw(trx, actor, review, version, 'reviewer');
	});
}

function requireReviewer(actor: MaybeActor, review: Review, decide: boolean): void {
	// Someone of the city reviewed, whatever else they are, never reviews it.
	if (isOfReviewedCity(actor, review)) throw conflict('self_review');
	if (!(decide ? canDecideForReviewer(actor, review) : canReview(actor, review))) throw forbidden();
}

/** The city's evidence for a criterion (what the reviewers rate on). */
function cityEvidence(view: AssessmentView) {
	return (criterion: { code: string }) => view.ratings.get(criterion.code)?.evidence ?? [];
}

/**
 * Saves the reviewers' ratings and comments (the criteria given). A rating needs the evidence
 * its criterion requires, counting the city's evidence and the links the reviewers add.
 */
export async function saveReviewRatings(db: Db, actor: MaybeActor, cityId: string, reviewId: string, version: number, inputs: readonly RatingInput[], options: { locale: string }): Promise<Review> {
	return inTransaction(db, async (trx) => {
		const review = await getReview(trx, cityId, reviewId);
		requireReviewer(actor, review, false);
		if (review.status === 'proposed') throw conflict('review_not_accepted');
		if (review.status !== 'appointed') throw conflict('review_submitted');
		const view = await loadReview(trx, review);
		const checked = checkRatings(view.assessment.framework.document, inputs, { locale: options.locale, suggestions: new Map(), given: cityEvidence(view.assessment) });
		if (Object.keys(checked.errors).length > 0) throw fieldErrors(checked.errors);
		const at = nowIso();
		if (!(await repository.updateReview(trx, cityId, reviewId, version, { updated_at: at }))) throw conflict();
		await repository.replaceReviewRatings(
			trx,
			cityId,
			reviewId,
			checked.ratings.map(({ criterion, value }) => ({ criterion, row: value ? { rating: value.rating, comment: JSON.stringify(value.text), evidence: JSON.stringify(value.evidence), updated_at: at } : null }))
		);
		return getReview(trx, cityId, reviewId);
	});
}

/** Submits the review: every criterion rated. The reviewed city then sees it and both state their positions. */
export async function submitReview(db: Db, actor: MaybeActor, cityId: string, reviewId: string, version: number): Promise<Review> {
	return inTransaction(db, async (trx) => {
		const review = await getReview(trx, cityId, reviewId);
		requireReviewer(actor, review, true);
		if (review.status === 'proposed') throw conflict('review_not_accepted');
		if (review.status !== 'appointed') throw conflict('review_submitted');
		const view = await loadReview(trx, review);
		const missing = view.assessment.framework.document.criteria.filter((criterion) => !view.ratings.has(criterion.code));
		if (missing.length > 0) throw fieldErrors({ form: 'ratings_missing', ...Object.fromEntries(missing.map((criterion) => [criterion.code, 'rating_required'])) });
		const at = nowIso();
		if (!(await repository.updateReview(trx, cityId, reviewId, version, { status: 'submitted', submitted_at: at, updated_at: at }))) throw conflict();
		await record(trx, review, actor, { status: ['appointed', 'submitted'], submitted_at: [null, at] }, REVIEWER_ROLE);
		return getReview(trx, cityId, reviewId);
	});
}

export { REVIEWER_ROLE, record as recordReviewChange, requireReviewer };
