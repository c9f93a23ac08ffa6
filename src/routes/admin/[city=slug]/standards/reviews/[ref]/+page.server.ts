// A peer review of the city, for its staff: the reviewers' ratings beside the city's own once
// submitted, the city's positions (its staff state them, its admins confirm), then the outcome.
// A review proposed from the pairing (the city's mentor as reviewer) waits for both cities to
// accept: the city's admins accept or decline it here.
import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { formFailure, invalid } from '#lib/server/http/forms.ts';
import { isDomainError } from '#lib/server/errors.ts';
import { acceptProposal, declineProposal, viewReview } from '#lib/server/standards/reviews.service.ts';
import { confirmPositions, savePositions } from '#lib/server/standards/agreement.service.ts';
import { reviewRows, textOf } from '#lib/standards/view.server.ts';
import { cityForStaff } from '../../../staff-access.server.ts';
import { readPositions, readVersion } from '#lib/standards/rating-form.server.ts';

async function open(event: Pick<RequestEvent, 'locals' | 'url' | 'params' | 'request'>) {
	const staff = await cityForStaff(event);
	const view = await viewReview(event.locals.db, staff.actor, staff.city.id, event.params.ref, 'city').catch((problem: unknown) => {
		if (isDomainError(problem)) error(problem.code === 'forbidden' ? 403 : 404, problem.code === 'forbidden' ? { message: 'forbidden', code: 'forbidden' } : { message: 'review_not_found', code: 'review_not_found' });
		throw problem;
	});
	return { ...staff, view };
}

export const load: PageServerLoad = async (event) => {
	const { view, manager } = await open(event);
	const { review, assessment } = view;
	return {
		review: { ref: review.ref, status: review.status, version: review.version, reviewer: review.reviewerCityName, assessment: review.assessmentRef, confirmed: review.cityConfirmedAt !== null, cityAccepted: review.cityAcceptedAt !== null, reviewerAccepted: review.reviewerAcceptedAt !== null },
		framework: { short: textOf(assessment.framework.document.short, event.locals.locale, assessment.framework.framework).text, version: assessment.framework.version, year: assessment.assessment.year },
		manager,
		rows: reviewRows(view, event.locals.locale)
	};
};

export const actions = {
	accept: async (event) => {
		const { actor, city, view } = await open(event);
		const form = await event.request.formData();
		const version = readVersion(form);
		if (version === undefined) return invalid({ form: 'conflict' }, form, { intent: 'proposal', status: 409 });
		try {
			await acceptProposal(event.locals.db, actor, city.id, view.review.id, version, 'city');
			return { accepted: true };
		} catch (problem) {
			return formFailure(problem, form, { intent: 'proposal' });
		}
	},
	decline: async (event) => {
		const { actor, city, view } = await open(event);
		const form = await event.request.formData();
		const version = readVersion(form);
		if (version === undefined) return invalid({ form: 'conflict' }, form, { intent: 'proposal', status: 409 });
		try {
			await declineProposal(event.locals.db, actor, city.id, view.review.id, version, 'city');
		} catch (problem) {
			return formFailure(problem, form, { intent: 'proposal' });
		}
		redirect(303, `/admin/${city.slug}/standards?declined=${encodeURIComponent(view.review.ref)}`);
	},
	positions: async (event) => {
		const { actor, city, view } = await open(event);
		const form = await event.request.formData();
		const version = readVersion(form);
		if (version === undefined) return invalid({ form: 'conflict' }, form, { intent: 'positions', status: 409 });
		const codes = view.assessment.framework.document.criteria.map((criterion) => criterion.code);
		try {
			await savePositions(event.locals.db, actor, city.id, view.review.id, version, 'city', readPositions(form, codes), { locale: event.locals.locale });
			return { saved: true };
		} catch (problem) {
			return formFailure(problem, form, { intent: 'positions' });
		}
	},
	confirm: async (event) => {
		const { actor, city, view } = await open(event);
		const form = await event.request.formData();
		const version = readVersion(form);
		if (version === undefined) return invalid({ form: 'conflict' }, form, { intent: 'confirm', status: 409 });
		try {
			const review = await confirmPositions(event.locals.db, actor, city.id, view.review.id, version, 'city');
			return { confirmed: true, published: review.status === 'published' };
		} catch (problem) {
			return formFailure(problem, form, { intent: 'confirm' });
		}
	}
} satisfies Actions;
