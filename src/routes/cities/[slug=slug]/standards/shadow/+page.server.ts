// Shadow assessments of the city by its civil-society organisations: a person who acts for a
// CSO of the city starts one (their organisation's name, a published framework version, a year)
// and sees their own drafts; everyone sees the submitted ones. Others are told who may file one.
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { cachePublicly } from '#lib/server/http/page-cache.ts';
import { formFailure, requireActor } from '#lib/server/http/forms.ts';
import { listCityAssessments, startShadowAssessment } from '#lib/server/standards/assessments.service.ts';
import { listUsableVersions } from '#lib/server/standards/frameworks.service.ts';
import { canFileShadowAssessment } from '#lib/server/standards/standards.policy.ts';
import { textOf } from '#lib/standards/view.server.ts';
import { cityOf } from '../../city.server.ts';

export const load: PageServerLoad = async ({ locals, parent, setHeaders }) => {
	const { city } = await parent();
	const actor = locals.actor ?? null;
	const canFile = canFileShadowAssessment(actor, city.id);
	// The same for every visitor who may not file one (a filer's page carries a form and their drafts).
	if (!canFile) cachePublicly({ setHeaders });
	const [assessments, versions] = await Promise.all([listCityAssessments(locals.db, actor, city.id), canFile ? listUsableVersions(locals.db) : []]);
	const label = (version: { document: { short: Parameters<typeof textOf>[0] }; framework: string; version: string }) => `${textOf(version.document.short, locals.locale, version.framework).text} ${version.version}`;
	return {
		signedIn: actor !== null,
		canFile,
		versions: versions.map((version) => ({ id: version.id, label: label(version) })),
		assessments: assessments
			.filter((assessment) => assessment.kind === 'shadow')
			.map((assessment) => ({ ref: assessment.ref, organisation: assessment.organisation ?? '', framework: assessment.framework, version: assessment.frameworkVersion, year: assessment.year, status: assessment.status, demo: assessment.demo }))
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
