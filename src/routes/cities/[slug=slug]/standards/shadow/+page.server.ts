// Shadow assessments of the city by its civil-society organisations: a person who acts for a
// CSO of the city starts one (their organisation's name, a published framework version, a year)
// and sees their own drafts; everyone sees the submitted ones. Others are told who may file one.
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { cachePublicly } from '#lib/server/http/page-cache.ts';
import { formFailure, requireActor } from '#lib/server/http/forms.ts';
import { listCityAssessments, startShadowAssessment } from '#lib/server/standards/assessments.service.ts';
import { listFrameworkVersions } from '#lib/server/standards/frameworks.service.ts';
import { canFileShadowAssessment } from '#lib/server/standards/standards.policy.ts';
import { assessmentListItems, versionLabel } from '#lib/standards/view.server.ts';
import { cityOf } from '../../city.server.ts';

export const load: PageServerLoad = async ({ locals, parent, setHeaders }) => {
	const { city } = await parent();
	const actor = locals.actor ?? null;
	const canFile = canFileShadowAssessment(actor, city.id);
	// The same for every visitor who may not file one (a filer's page carries a form and their drafts).
	if (!canFile) cachePublicly({ setHeaders });
	const [assessments, versions] = await Promise.all([listCityAssessments(locals.db, actor, city.id), listFrameworkVersions(locals.db)]);
	const shadows = assessments.filter((assessment) => assessment.kind === 'shadow');
	return {
		signedIn: actor !== null,
		canFile,
		versions: canFile ? versions.filter((version) => version.status === 'published').map((version) => ({ id: version.id, label: versionLabel(version, locals.locale) })) : [],
		// Submitted ones open on the public page; the filer's own drafts on the rating form.
		assessments: assessmentListItems(shadows, versions, locals.locale, (assessment) => `/cities/${city.slug}/standards/${assessment.status === 'submitted' ? 'assessments' : 'shadow'}/${assessment.ref}`),
		hasDrafts: shadows.some((assessment) => assessment.status === 'draft')
	};
};

export const actions = {
	start: async (event) => {
		const actor = requireActor(event);
		const city = await cityOf(event);
		const form = await event.request.formData();
		let ref: string;
		try {
			const assessment = await startShadowAssessment(event.locals.db, actor, city.id, { versionId: String(form.get('versionId') ?? ''), year: String(form.get('year') ?? ''), organisation: String(form.get('organisation') ?? '') });
			ref = assessment.ref;
		} catch (problem) {
			return formFailure(problem, form, { intent: 'start' });
		}
		redirect(303, `/cities/${city.slug}/standards/shadow/${ref}`);
	}
} satisfies Actions;
