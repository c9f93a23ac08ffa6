// A submitted self or shadow assessment, public: every criterion with its rating, justification
// and the evidence it rests on (drafts are not public: 404).
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { cachePublicly } from '#lib/server/http/page-cache.ts';
import { isDomainError } from '#lib/server/errors.ts';
import { viewAssessment } from '#lib/server/standards/assessments.service.ts';
import { assessmentRows, textOf } from '#lib/standards/view.server.ts';

export const load: PageServerLoad = async ({ locals, parent, params, setHeaders }) => {
	const { city } = await parent();
	const view = await viewAssessment(locals.db, null, city.id, params.ref).catch((problem: unknown) => {
		if (isDomainError(problem)) error(404, 'assessment_not_found', { code: 'assessment_not_found' });
		throw problem;
	});
	const { assessment, framework } = view;
	cachePublicly({ setHeaders });
	return {
		assessment: { ref: assessment.ref, kind: assessment.kind, organisation: assessment.organisation, year: assessment.year, demo: assessment.demo },
		framework: { title: textOf(framework.document.title, locals.locale, framework.framework), short: textOf(framework.document.short, locals.locale, framework.framework).text, version: framework.version },
		rows: assessmentRows(view, locals.locale)
	};
};
