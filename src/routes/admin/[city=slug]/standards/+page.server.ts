// The city's standards for its staff: its self and shadow assessments (city admins start a
// self-assessment against a published framework version), the peer reviews of the city (the
// network admin appoints a reviewer city for a submitted one; the city's mentor in the network's
// pairing is suggested first, with the reason), and the reviews the city makes.
import type { Actions, PageServerLoad } from './$types';
import { formFailure } from '#lib/server/http/forms.ts';
import { listCityAssessments, startSelfAssessment } from '#lib/server/standards/assessments.service.ts';
import { appointReviewer, listCityReviews, listReviewsByReviewer, pairedMentorOf } from '#lib/server/standards/reviews.service.ts';
import { listFrameworkVersions } from '#lib/server/standards/frameworks.service.ts';
import { assessmentListItems, versionLabel } from '#lib/standards/view.server.ts';
import { cityForManager, cityForStaff } from '../staff-access.server.ts';

export const load: PageServerLoad = async (event) => {
	const { actor, city, manager } = await cityForStaff(event);
	const { db, locale } = event.locals;
	const networkAdmin = actor.networkAdmin === true;
	const [assessments, reviews, reviewing, versions, mentor] = await Promise.all([listCityAssessments(db, actor, city.id), listCityReviews(db, actor, city.id), listReviewsByReviewer(db, city.id), listFrameworkVersions(db), networkAdmin ? pairedMentorOf(db, city.id) : undefined]);
	const reviewed = new Set(reviews.map((review) => review.assessmentId));
	// After the city withdrew from a review it was appointed to (`reviewed-slug PR-…`).
	const withdrawn = event.url.searchParams.get('withdrawn');
	// After the city declined a review proposed from its pairing (`PR-…`).
	const declined = event.url.searchParams.get('declined');
	return {
		withdrawn: withdrawn && /^[a-z0-9-]+ PR-\d{4}-\d+$/.test(withdrawn) ? withdrawn.split(' ')[1]! : null,
		declined: declined && /^PR-\d{4}-\d+$/.test(declined) ? declined : null,
		manager,
		networkAdmin,
		/** The reviewer the network admin is offered first: the city's mentor city. */
		suggestedReviewer: mentor ?? null,
		versions: versions.filter((version) => version.status === 'published').map((version) => ({ id: version.id, label: versionLabel(version, locale) })),
		assessments: assessmentListItems(assessments, versions, locale, (assessment) => `/admin/${city.slug}/standards/assessments/${assessment.ref}`),
		/** Submitted self-assessments without a live review: the network admin appoints a reviewer for these. */
		appointable: assessments.filter((assessment) => assessment.kind === 'self' && assessment.status === 'submitted' && !reviewed.has(assessment.id)).map((assessment) => ({ id: assessment.id, ref: assessment.ref })),
		reviews: reviews.map((review) => ({ ref: review.ref, reviewer: review.reviewerCityName, assessment: review.assessmentRef, status: review.status })),
		reviewing: reviewing.map((review) => ({ ref: review.ref, city: review.cityName, citySlug: review.citySlug, assessment: review.assessmentRef, status: review.status }))
	};
};

export const actions = {
	start: async (event) => {
		const { actor, city } = await cityForManager(event);
		const form = await event.request.formData();
		try {
			const assessment = await startSelfAssessment(event.locals.db, actor, city.id, { versionId: String(form.get('versionId') ?? ''), year: String(form.get('year') ?? '') });
			return { started: assessment.ref };
		} catch (error) {
			return formFailure(error, form, { intent: 'start' });
		}
	},
	appoint: async (event) => {
		const { actor, city } = await cityForStaff(event);
		const form = await event.request.formData();
		const assessmentId = String(form.get('assessmentId') ?? '');
		try {
			const review = await appointReviewer(event.locals.db, actor, city.id, assessmentId, { reviewerCity: String(form.get('reviewerCity') ?? '') });
			return { appointed: { reviewer: review.reviewerCityName, ref: review.assessmentRef } };
		} catch (error) {
			return formFailure(error, form, { intent: `appoint-${assessmentId}` });
		}
	}
} satisfies Actions;
