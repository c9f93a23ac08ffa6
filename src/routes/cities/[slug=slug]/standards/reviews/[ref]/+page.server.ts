// A published peer review, public: per criterion the city's rating and justification, the
// reviewers' rating and comment, both positions and the rating that counts.
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { cachePublicly } from '#lib/server/http/page-cache.ts';
import { isDomainError } from '#lib/server/errors.ts';
import { viewReview } from '#lib/server/standards/reviews.service.ts';
import { reviewRows, textOf } from '#lib/standards/view.server.ts';

export const load: PageServerLoad = async ({ locals, parent, params, setHeaders }) => {
	const { city } = await parent();
	const view = await viewReview(locals.db, null, city.id, params.ref, 'public').catch((problem: unknown) => {
		if (isDomainError(problem)) error(404, 'review_not_found', { code: 'review_not_found' });
		throw problem;
	});
	const { review, assessment } = view;
	cachePublicly({ setHeaders });
	return {
		review: { ref: review.ref, reviewer: review.reviewerCityName, assessment: review.assessmentRef, demo: review.demo },
		framework: { short: textOf(assessment.framework.document.short, locals.locale, assessment.framework.framework).text, version: assessment.framework.version, year: assessment.assessment.year },
		rows: reviewRows(view, locals.locale)
	};
};
