// One assessment for the city's staff: while a draft, the rating form (every criterion with its
// rating, justification, the platform's suggested evidence that counts for it, and links), then
// submit or discard (city admins); once submitted, read only.
import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { formFailure, invalid } from '#lib/server/http/forms.ts';
import { isDomainError } from '#lib/server/errors.ts';
import { discardAssessment, saveRatings, submitAssessment, suggestionsFor, viewAssessment } from '#lib/server/standards/assessments.service.ts';
import { countsFor, evidenceKey } from '#lib/server/standards/evidence.ts';
import { assessmentRows, textOf } from '#lib/standards/view.server.ts';
import { cityForStaff } from '../../../staff-access.server.ts';
import { readRatings, readVersion } from '../../rating-form.server.ts';

async function load_(event: Pick<RequestEvent, 'locals' | 'url' | 'params' | 'request'>) {
	const staff = await cityForStaff(event);
	const view = await viewAssessment(event.locals.db, staff.actor, staff.city.id, event.params.ref).catch((problem: unknown) => {
		if (isDomainError(problem)) error(problem.code === 'forbidden' ? 403 : 404, problem.code === 'forbidden' ? { message: 'forbidden', code: 'forbidden' } : { message: 'assessment_not_found', code: 'assessment_not_found' });
		throw problem;
	});
	return { ...staff, view };
}

export const load: PageServerLoad = async (event) => {
	const { view, manager } = await load_(event);
	const { assessment, framework } = view;
	const locale = event.locals.locale;
	const draft = assessment.status === 'draft' && assessment.kind === 'self';
	const suggestions = draft ? await suggestionsFor(event.locals.db, assessment) : [];
	const rows = assessmentRows(view, locale).map((row) => {
		const criterion = framework.document.criteria.find((item) => item.code === row.code)!;
		return {
			...row,
			suggestions: suggestions
				.filter((item) => item.kind !== 'link' && countsFor(criterion, item))
				.map((item) => ({ key: evidenceKey(item), label: textOf(item.label, locale, item.ref), ref: item.ref, href: item.href }))
		};
	});
	return {
		assessment: { id: assessment.id, ref: assessment.ref, kind: assessment.kind, organisation: assessment.organisation, year: assessment.year, status: assessment.status, version: assessment.version },
		framework: { short: textOf(framework.document.short, locale, framework.framework).text, version: framework.version },
		draft,
		manager,
		rows
	};
};

export const actions = {
	save: async (event) => {
		const { actor, city, view } = await load_(event);
		const form = await event.request.formData();
		const version = readVersion(form);
		if (version === undefined) return invalid({ form: 'conflict' }, form, { intent: 'save', status: 409 });
		const codes = view.framework.document.criteria.map((criterion) => criterion.code);
		try {
			await saveRatings(event.locals.db, actor, city.id, view.assessment.id, version, readRatings(form, codes, true), { locale: event.locals.locale });
			return { saved: true };
		} catch (problem) {
			return formFailure(problem, form, { intent: 'save' });
		}
	},
	submit: async (event) => {
		const { actor, city, view } = await load_(event);
		const form = await event.request.formData();
		const version = readVersion(form);
		if (version === undefined) return invalid({ form: 'conflict' }, form, { intent: 'submit', status: 409 });
		try {
			await submitAssessment(event.locals.db, actor, city.id, view.assessment.id, version);
			return { submitted: true };
		} catch (problem) {
			return formFailure(problem, form, { intent: 'submit' });
		}
	},
	discard: async (event) => {
		const { actor, city, view } = await load_(event);
		const form = await event.request.formData();
		const version = readVersion(form);
		if (version === undefined) return invalid({ form: 'conflict' }, form, { intent: 'discard', status: 409 });
		try {
			await discardAssessment(event.locals.db, actor, city.id, view.assessment.id, version);
		} catch (problem) {
			return formFailure(problem, form, { intent: 'discard' });
		}
		redirect(303, `/admin/${city.slug}/standards`);
	}
} satisfies Actions;
