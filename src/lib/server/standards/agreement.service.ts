/**
 * After the reviewers submit, both cities state a final position per criterion: the rating they
 * can stand behind, with a note. Each side confirms its positions once (a criterion left as it was
 * keeps the side's own rating); when both have confirmed, the review is published with both
 * voices: a criterion is agreed where the positions are the same, otherwise the disagreement is
 * recorded and the lower rating counts. Publication computes the maturity level and has the
 * network sign it (results.service.ts).
 *
 * @example
 *   await savePositions(db, yorkAdmin, york.id, review.id, review.version, 'city', [{ criterion: 'role:employer', rating: 'partly_met', note: 'We accept the reviewers’ view.' }], { locale: 'en' });
 *   await confirmPositions(db, yorkAdmin, york.id, review.id, version, 'city');
 *   await confirmPositions(db, lundAdmin, york.id, review.id, version, 'reviewer'); // publishes
 */
import type { Db } from '../db/database.ts';
import { nowIso } from '../db/ids.ts';
import { inTransaction } from '../db/transaction.ts';
import { conflict, fieldErrors, forbidden } from '../errors.ts';
import type { MaybeActor } from '../accounts/index.ts';
import { appendLedgerMany } from '../ledger/index.ts';
import { isRating, lowerRating, type Rating } from './evidence.ts';
import { getReview, loadReview, recordReviewChange, requireReviewer, REVIEWER_ROLE, type Review, type ReviewView } from './reviews.service.ts';
import * as repository from './reviews.repository.ts';
import { canDecideForCity, canPrepareSelfAssessment, isOfReviewedCity } from './standards.policy.ts';
import { NOTE_MAX } from './standards.schema.ts';
import { publishResult } from './results.service.ts';
import type { PositionSide } from './standards.tables.ts';

export interface PositionInput {
	criterion: string;
	rating: string;
	note: string;
}

export interface CriterionOutcome {
	criterion: string;
	city: Rating;
	reviewer: Rating;
	agreed: boolean;
	/** The rating that counts: the agreed one, else the lower one. */
	counted: Rating;
}

/** A side's own rating of a criterion: the self-assessment's for the city, the review's for the reviewers. */
function ownRating(view: ReviewView, side: PositionSide, criterion: string): Rating | undefined {
	return side === 'city' ? view.assessment.ratings.get(criterion)?.rating : view.ratings.get(criterion)?.rating;
}

/** Each side's final rating per criterion: its confirmed position, or its own rating. */
export function outcomesOf(view: ReviewView): CriterionOutcome[] {
	return view.assessment.framework.document.criteria.map((criterion) => {
		const city = view.positions.city.get(criterion.code)?.rating ?? ownRating(view, 'city', criterion.code) ?? 'not_met';
		const reviewer = view.positions.reviewer.get(criterion.code)?.rating ?? ownRating(view, 'reviewer', criterion.code) ?? 'not_met';
		return { criterion: criterion.code, city, reviewer, agreed: city === reviewer, counted: city === reviewer ? city : lowerRating(city, reviewer) };
	});
}

function requireSide(actor: MaybeActor, review: Review, side: PositionSide, decide: boolean): void {
	if (side === 'reviewer') return requireReviewer(actor, review, decide);
	if (!(decide ? canDecideForCity(actor, review.cityId) : canPrepareSelfAssessment(actor, review.cityId))) throw forbidden();
}

function confirmedAt(review: Review, side: PositionSide): string | null {
	return side === 'city' ? review.cityConfirmedAt : review.reviewerConfirmedAt;
}

function requireOpen(review: Review, side: PositionSide): void {
	if (review.status === 'appointed' || review.status === 'proposed') throw conflict('review_not_submitted');
	if (review.status !== 'submitted') throw conflict('review_closed');
	if (confirmedAt(review, side)) throw conflict('positions_confirmed');
}

/** Saves a side's positions (the criteria given) until that side confirms them. */
export async function savePositions(db: Db, actor: MaybeActor, cityId: string, reviewId: string, version: number, side: PositionSide, inputs: readonly PositionInput[], options: { locale: string }): Promise<Review> {
	return inTransaction(db, async (trx) => {
		const review = await getReview(trx, cityId, reviewId);
		requireSide(actor, review, side, false);
		requireOpen(review, side);
		const view = await loadReview(trx, review);
		const criteria = new Map(view.assessment.framework.document.criteria.map((criterion) => [criterion.code, criterion]));
		const errors: Record<string, string> = {};
		const rows: { criterion: string; rating: string; note: string; updated_at: string }[] = [];
		const at = nowIso();
		for (const input of inputs) {
			const criterion = criteria.get(input.criterion);
			const note = input.note.trim();
			if (!criterion) errors[input.criterion] = 'criterion_unknown';
			else if (!isRating(input.rating)) errors[criterion.code] = 'choice_invalid';
			else if (input.rating === 'not_applicable' && !criterion.notApplicable) errors[criterion.code] = 'not_applicable_refused';
			else if (note.length > NOTE_MAX) errors[criterion.code] = 'note_too_long';
			else rows.push({ criterion: criterion.code, rating: input.rating, note: JSON.stringify(note ? { [options.locale]: note } : {}), updated_at: at });
		}
		if (Object.keys(errors).length > 0) throw fieldErrors(errors);
		if (!(await repository.updateReview(trx, cityId, reviewId, version, { updated_at: at }))) throw conflict();
		await repository.replacePositions(trx, cityId, reviewId, side, rows);
		return getReview(trx, cityId, reviewId);
	});
}

/**
 * Confirms a side's positions (criteria without one keep the side's own rating). When the other
 * side has confirmed too, the review is published and its result signed.
 */
export async function confirmPositions(db: Db, actor: MaybeActor, cityId: string, reviewId: string, version: number, side: PositionSide): Promise<Review> {
	return inTransaction(db, async (trx) => {
		const review = await getReview(trx, cityId, reviewId);
		requireSide(actor, review, side, true);
		requireOpen(review, side);
		const view = await loadReview(trx, review);
		const at = nowIso();
		const missing = view.assessment.framework.document.criteria
			.filter((criterion) => !view.positions[side].has(criterion.code))
			.map((criterion) => ({ criterion: criterion.code, rating: ownRating(view, side, criterion.code) ?? 'not_met', note: '{}', updated_at: at }));
		await repository.replacePositions(trx, cityId, reviewId, side, missing);
		const column = side === 'city' ? 'city_confirmed_at' : 'reviewer_confirmed_at';
		if (!(await repository.updateReview(trx, cityId, reviewId, version, { [column]: at, updated_at: at }))) throw conflict();
		await recordReviewChange(trx, review, actor, { [column]: [null, at] }, side === 'reviewer' ? REVIEWER_ROLE : undefined);
		const confirmed = await getReview(trx, cityId, reviewId);
		if (confirmed.cityConfirmedAt && confirmed.reviewerConfirmedAt) return publishReview(trx, actor, confirmed);
		return confirmed;
	});
}

/** Publishes a review both sides confirmed: both voices in the ledger, the result computed and signed. */
async function publishReview(trx: Db, actor: MaybeActor, review: Review): Promise<Review> {
	const view = await loadReview(trx, review);
	const at = nowIso();
	if (!(await repository.updateReview(trx, review.cityId, review.id, review.version, { status: 'published', published_at: at, updated_at: at }))) throw conflict();
	const role = actor && isOfReviewedCity(actor, review) ? undefined : REVIEWER_ROLE;
	await recordReviewChange(trx, review, actor, { status: ['submitted', 'published'], published_at: [null, at] }, role);
	const criteria = view.assessment.framework.document.criteria;
	await appendLedgerMany(trx, review.cityId, [
		...criteria.map((criterion) => {
			const rating = view.ratings.get(criterion.code)!;
			return {
				actor,
				actorRole: REVIEWER_ROLE,
				entityType: 'standards_review_rating',
				entityId: `${review.id}/${criterion.code}`,
				entityRef: review.ref,
				action: 'create' as const,
				change: { criterion: [null, criterion.code], rating: [null, rating.rating], comment: [null, rating.comment], evidence: [null, rating.evidence.map((item) => ({ kind: item.kind, ref: item.ref, href: item.href }))] }
			};
		}),
		...(['city', 'reviewer'] as const).flatMap((side) =>
			criteria.map((criterion) => {
				const position = view.positions[side].get(criterion.code)!;
				return {
					actor,
					...(side === 'reviewer' ? { actorRole: REVIEWER_ROLE } : {}),
					entityType: 'standards_position',
					entityId: `${review.id}/${criterion.code}/${side}`,
					entityRef: review.ref,
					action: 'create' as const,
					change: { criterion: [null, criterion.code], side: [null, side], rating: [null, position.rating], note: [null, position.note] }
				};
			})
		)
	]);
	const published = await getReview(trx, review.cityId, review.id);
	await publishResult(trx, actor, published, outcomesOf(view), view, role);
	return published;
}
