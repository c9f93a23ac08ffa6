// A peer review this city carries out of another city: the reviewed city's self-assessment with
// its evidence, the reviewers' rating form (staff rate and comment, city admins submit), then the
// reviewer city's positions and their confirmation; until it submits, a city admin may withdraw
// the city from the review. Nobody of the city reviewed takes part. A review proposed from the
// pairing (this city is the reviewed city's mentor) waits for both cities to accept: the city's
// admins accept or decline it here.
import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { formFailure, invalid } from '#lib/server/http/forms.ts';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { isDomainError } from '#lib/server/errors.ts';
import { getCity } from '#lib/server/cities/cities.service.ts';
import { acceptProposal, declineProposal, saveReviewRatings, submitReview, viewReview, withdrawFromReview } from '#lib/server/standards/reviews.service.ts';
import { confirmPositions, savePositions } from '#lib/server/standards/agreement.service.ts';
import { reviewRows, textOf } from '#lib/standards/view.server.ts';
import { cityForStaff } from '../../../../staff-access.server.ts';
import { readPositions, readRatings, readVersion } from '#lib/standards/rating-form.server.ts';

async function open(event: Pick<RequestEvent, 'locals' | 'url' | 'params' | 'request'>) {
	const staff = await cityForStaff(event);
	const reviewed = await orHttpError(() => getCity(event.locals.db, event.params.reviewed));
	const view = await viewReview(event.locals.db, staff.actor, reviewed.id, event.params.ref, 'reviewer', staff.city.id).catch((problem: unknown) => {
		if (isDomainError(problem)) error(problem.code === 'forbidden' ? 403 : 404, problem.code === 'forbidden' ? { message: 'forbidden', code: 'forbidden' } : { message: 'review_not_found', code: 'review_not_found' });
		throw problem;
	});
	return { ...staff, reviewed, view };
}

function codesOf(view: Awaited<ReturnType<typeof open>>['view']): string[] {
	return view.assessment.framework.document.criteria.map((criterion) => criterion.code);
}

export const load: PageServerLoad = async (event) => {
	const { view, manager, reviewed } = await open(event);
	const { review, assessment } = view;
	return {
		reviewed: { slug: reviewed.slug, name: reviewed.displayName },
		review: { ref: review.ref, status: review.status, version: review.version, assessment: review.assessmentRef, confirmed: review.reviewerConfirmedAt !== null, cityAccepted: review.cityAcceptedAt !== null, reviewerAccepted: review.reviewerAcceptedAt !== null },
		framework: { short: textOf(assessment.framework.document.short, event.locals.locale, assessment.framework.framework).text, version: assessment.framework.version, year: assessment.assessment.year },
		manager,
		rows: reviewRows(view, event.locals.locale)
	};
};

async function versioned(event: RequestEvent, intent: string) {
	const form = await event.request.formData();
	const version = readVersion(form);
	return { form, version, refused: version === undefined ? invalid({ form: 'conflict' }, form, { intent, status: 409 }) : undefined };
}

export const actions = {
	accept: async (event) => {
		const { actor, reviewed, view } = await open(event);
		const { form, version, refused } = await versioned(event, 'proposal');
		if (refused || version === undefined) return refused;
		try {
			await acceptProposal(event.locals.db, actor, reviewed.id, view.review.id, version, 'reviewer');
			return { accepted: true };
		} catch (problem) {
			return formFailure(problem, form, { intent: 'proposal' });
		}
	},
	decline: async (event) => {
		const { actor, reviewed, view, city } = await open(event);
		const { form, version, refused } = await versioned(event, 'proposal');
		if (refused || version === undefined) return refused;
		try {
			await declineProposal(event.locals.db, actor, reviewed.id, view.review.id, version, 'reviewer');
		} catch (problem) {
			return formFailure(problem, form, { intent: 'proposal' });
		}
		redirect(303, `/admin/${city.slug}/standards?declined=${encodeURIComponent(view.review.ref)}`);
	},
	rate: async (event) => {
		const { actor, reviewed, view } = await open(event);
		const { form, version, refused } = await versioned(event, 'rate');
		if (refused || version === undefined) return refused;
		try {
			await saveReviewRatings(event.locals.db, actor, reviewed.id, view.review.id, version, readRatings(form, codesOf(view), false), { locale: event.locals.locale });
			return { saved: true };
		} catch (problem) {
			return formFailure(problem, form, { intent: 'rate' });
		}
	},
	submit: async (event) => {
		const { actor, reviewed, view } = await open(event);
		const { form, version, refused } = await versioned(event, 'submit');
		if (refused || version === undefined) return refused;
		try {
			await submitReview(event.locals.db, actor, reviewed.id, view.review.id, version);
			return { submitted: true };
		} catch (problem) {
			return formFailure(problem, form, { intent: 'submit' });
		}
	},
	positions: async (event) => {
		const { actor, reviewed, view } = await open(event);
		const { form, version, refused } = await versioned(event, 'positions');
		if (refused || version === undefined) return refused;
		try {
			await savePositions(event.locals.db, actor, reviewed.id, view.review.id, version, 'reviewer', readPositions(form, codesOf(view)), { locale: event.locals.locale });
			return { saved: true };
		} catch (problem) {
			return formFailure(problem, form, { intent: 'positions' });
		}
	},
	confirm: async (event) => {
		const { actor, reviewed, view } = await open(event);
		const { form, version, refused } = await versioned(event, 'confirm');
		if (refused || version === undefined) return refused;
		try {
			const review = await confirmPositions(event.locals.db, actor, reviewed.id, view.review.id, version, 'reviewer');
			return { confirmed: true, published: review.status === 'published' };
		} catch (problem) {
			return formFailure(problem, form, { intent: 'confirm' });
		}
	},
	withdraw: async (event) => {
		const { actor, reviewed, view, city } = await open(event);
		const { form, version, refused } = await versioned(event, 'withdraw');
		if (refused || version === undefined) return refused;
		if (form.get('confirm') !== 'yes') return invalid({ confirm: 'withdraw_confirm_required' }, form, { intent: 'withdraw' });
		try {
			await withdrawFromReview(event.locals.db, actor, reviewed.id, view.review.id, version);
		} catch (problem) {
			return formFailure(problem, form, { intent: 'withdraw' });
		}
		redirect(303, `/admin/${city.slug}/standards?withdrawn=${encodeURIComponent(`${reviewed.slug} ${view.review.ref}`)}`);
	}
} satisfies Actions;
