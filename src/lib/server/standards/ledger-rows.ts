/**
 * How the ledger records standards rows: what each entry holds (never who acted by name, never
 * the author of a shadow assessment — only the organisation it speaks for).
 */
import { ledgeredRow } from '../ledger/index.ts';
import type { Assessment, RatingEntry } from './assessments.service.ts';
import type { Review } from './reviews.service.ts';

export const assessmentRow = ledgeredRow<Assessment>({
	entityType: 'standards_assessment',
	snapshot: (assessment) => ({
		kind: assessment.kind,
		framework: assessment.framework,
		framework_version: assessment.frameworkVersion,
		document_hash: assessment.documentHash,
		year: assessment.year,
		status: assessment.status,
		organisation: assessment.organisation,
		submitted_at: assessment.submittedAt,
		demo: assessment.demo
	})
});

export const reviewRow = ledgeredRow<Review>({
	entityType: 'standards_review',
	snapshot: (review) => ({
		assessment: review.assessmentRef,
		reviewer: review.reviewerCitySlug,
		status: review.status,
		submitted_at: review.submittedAt,
		city_confirmed_at: review.cityConfirmedAt,
		reviewer_confirmed_at: review.reviewerConfirmedAt,
		published_at: review.publishedAt,
		demo: review.demo
	})
});

/** A rating as the ledger records it when its assessment is submitted (evidence by kind, reference and address). */
export function ratingChange(rating: RatingEntry): Record<string, unknown> {
	return {
		criterion: [null, rating.criterion],
		rating: [null, rating.rating],
		justification: [null, rating.justification],
		evidence: [null, rating.evidence.map((item) => ({ kind: item.kind, ref: item.ref, href: item.href }))]
	};
}
