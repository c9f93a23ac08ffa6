// One assessment for the city's staff: while a draft, the rating form (every criterion with its
// rating, justification, the platform's suggested evidence that counts for it, and links), then
// submit or discard (city admins); once submitted, read only. A shadow assessment shows here read
// only: its organisation edits it on the city's pages (/cities/{slug}/standards/shadow).
import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { isDomainError } from '#lib/server/errors.ts';
import { viewAssessment } from '#lib/server/standards/assessments.service.ts';
import { assessmentActions, assessmentHead, editableRows } from '#lib/standards/assessment-form.server.ts';
import { cityForStaff } from '../../../staff-access.server.ts';

async function open(event: Pick<RequestEvent, 'locals' | 'url' | 'params' | 'request'>) {
	const staff = await cityForStaff(event);
	const view = await viewAssessment(event.locals.db, staff.actor, staff.city.id, event.params.ref).catch((problem: unknown) => {
		if (isDomainError(problem)) error(problem.code === 'forbidden' ? 403 : 404, problem.code === 'forbidden' ? { message: 'forbidden', code: 'forbidden' } : { message: 'assessment_not_found', code: 'assessment_not_found' });
		throw problem;
	});
	return { ...staff, cityId: staff.city.id, citySlug: staff.city.slug, view };
}

export const load: PageServerLoad = async (event) => {
	const { view, manager } = await open(event);
	const draft = view.assessment.status === 'draft' && view.assessment.kind === 'self';
	return { ...assessmentHead(view, event.locals.locale), draft, manager, rows: await editableRows(event.locals.db, view, event.locals.locale, draft) };
};

const shared = assessmentActions(open, (context) => `/admin/${context.citySlug}/standards`);

// Named one by one: the route inventory of the authorization matrix reads the action names here.
export const actions = { save: shared.save, submit: shared.submit, discard: shared.discard } satisfies Actions;
