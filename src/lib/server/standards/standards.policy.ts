/**
 * Who may do what with standards, tenant check first. A city's own voice (its self-assessment,
 * its answer to a review) is its staff's: officers and city admins prepare, city admins decide
 * (start, submit, confirm). A shadow assessment belongs to the civil-society organisation that
 * filed it. Reviewers are staff of the reviewer city and never of the city reviewed. The network
 * admin publishes frameworks and appoints reviewer cities, but speaks for no city.
 *
 * @example canReview(actor, { cityId: york.id, reviewerCityId: lund.id })
 */
import { belongsToCity, hasRole, isNetworkAdmin, type MaybeActor } from '../accounts/index.ts';

/** Officers and city admins of the city (the network admin is not one). */
export function isStaffOf(actor: MaybeActor, cityId: string): boolean {
	return hasRole(actor, cityId, 'city_admin') || hasRole(actor, cityId, 'officer');
}

/** Rate and justify criteria of the city's own draft assessment, state positions on a review of it. */
export function canPrepareSelfAssessment(actor: MaybeActor, cityId: string): boolean {
	return isStaffOf(actor, cityId);
}

/** Start, submit or discard the city's self-assessment; confirm its positions on a review. */
export function canDecideForCity(actor: MaybeActor, cityId: string): boolean {
	return hasRole(actor, cityId, 'city_admin');
}

/** See the city's drafts and the reviews in progress (its staff, and the network admin, read only). */
export function canSeeCityDrafts(actor: MaybeActor, cityId: string): boolean {
	return isStaffOf(actor, cityId) || isNetworkAdmin(actor);
}

/** Start a shadow assessment of the city: its civil-society organisations. */
export function canFileShadowAssessment(actor: MaybeActor, cityId: string): boolean {
	return hasRole(actor, cityId, 'cso');
}

/**
 * Edit a shadow assessment: the person who started it, while they still act for a CSO of the
 * city (one the demo seed filed, with no person behind it, only the demo operator).
 */
export function canEditShadowAssessment(actor: MaybeActor, cityId: string, authorId: string | null): boolean {
	if (!canFileShadowAssessment(actor, cityId)) return false;
	return actor!.system ? authorId === null : authorId !== null && actor!.personId === authorId;
}

export interface ReviewParties {
	/** The city reviewed. */
	cityId: string;
	reviewerCityId: string;
}

/** Someone of the city reviewed (any role) never reviews it. */
export function isOfReviewedCity(actor: MaybeActor, review: ReviewParties): boolean {
	return belongsToCity(actor, review.cityId);
}

/** Rate and comment as the reviewer city: its staff. */
export function canReview(actor: MaybeActor, review: ReviewParties): boolean {
	return !isOfReviewedCity(actor, review) && isStaffOf(actor, review.reviewerCityId);
}

/** Submit the review and confirm the reviewer city's positions: its city admins. */
export function canDecideForReviewer(actor: MaybeActor, review: ReviewParties): boolean {
	return !isOfReviewedCity(actor, review) && hasRole(actor, review.reviewerCityId, 'city_admin');
}

export function canPublishFrameworks(actor: MaybeActor): boolean {
	return isNetworkAdmin(actor);
}

export function canAppointReviewers(actor: MaybeActor): boolean {
	return isNetworkAdmin(actor);
}
