// A shadow assessment for the civil-society organisation that files it: while a draft, the
// rating form (the same as the city's, with the platform's suggested evidence and links), then
// submit or discard; once submitted it is read only here and public (under /standards/assessments).
// Anyone but the person who started it: 404, as for any draft.
import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { requireActor } from '#lib/server/http/forms.ts';
import { isDomainError } from '#lib/server/errors.ts';
import { viewAssessment } from '#lib/server/standards/assessments.service.ts';
import { assessmentActions, assessmentHead, editableRows } from '#lib/standards/assessment-form.server.ts';
import { cityOf } from '../../../city.server.ts';

async function open(event: Pick<RequestEvent, 'locals' | 'url' | 'params' | 'request'>) {
	const actor = requireActor(event);
	const city = await cityOf(event);
	const view = await viewAssessment(event.locals.db, actor, city.id, event.params.ref).catch((problem: unknown) => {
		if (isDomainError(problem)) error(404, 'assessment_not_found', { code: 'assessment_not_found' });
		throw problem;
	});
	if (view.assessment.kind !== 'shadow') error(404, 'assessment_not_found', { code: 'assessment_not_found' });
	return { actor, cityId: city.id, citySlug: city.slug, view };
}

export const load: PageServerLoad = async (event) => {
	const { view } = await open(event);
	const draft = view.assessment.status === 'draft';
	return { ...assessmentHead(view, event.locals.locale), draft, rows: await editableRows(event.locals.db, view, event.locals.locale, draft) };
};

const shared = assessmentActions(open, (context) => `/cities/${context.citySlug}/standards/shadow`);

// Named one by one: the route inventory of the authorization matrix reads the action names here.
export const actions = { save: shared.save, submit: shared.submit, discard: shared.discard } satisfies Actions;
