// A participatory budget at the city's desk: its projects (a new one while projects may still be
// listed; each links to its own page to edit or withdraw), and the results — previewed by the
// rule at any time, published in the results phase, when the winners become actions of a plan.
import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { formFailure, invalid } from '#lib/server/http/forms.ts';
import { getProcessByRef } from '#lib/server/participation/processes.service.ts';
import { createProject, listProjects, previewResults, publishResults } from '#lib/server/participation/budgets.service.ts';
import { canManageParticipation } from '#lib/server/participation/participation.policy.ts';
import { listDistricts } from '#lib/server/cities/index.ts';
import { listPlans } from '#lib/server/commitments/index.ts';
import { text } from '#lib/commitments/present.server.ts';
import { field, wholeNumber } from '#lib/participation/admin-forms.server.ts';
import { cityForAdmin } from '../../../city-access.server.ts';

const REF = /^PP-\d{1,9}$/;

async function open(event: Pick<RequestEvent, 'locals' | 'url' | 'params'>) {
	const { actor, city } = await cityForAdmin(event);
	if (!canManageParticipation(actor, city.id)) error(403, 'forbidden', { code: 'forbidden' });
	if (!REF.test(event.params.ref)) error(404, 'process_not_found', { code: 'not_found' });
	const process = await orHttpError(() => getProcessByRef(event.locals.db, city.id, event.params.ref));
	if (!process.budget) error(404, 'process_not_found', { code: 'not_found' });
	return { actor, city, process, budget: process.budget };
}

export const load: PageServerLoad = async (event) => {
	const { actor, city, process, budget } = await open(event);
	const db = event.locals.db;
	const locale = event.locals.locale;
	const [projects, preview, plans, districts] = await Promise.all([listProjects(db, city.id, process.id), previewResults(db, actor, city.id, process.id), listPlans(db, city.id), listDistricts(db, city.id)]);
	const byId = new Map(projects.map((project) => [project.id, project]));
	const voting = process.phases.find((phase) => phase.kind === 'voting');
	return {
		process: {
			ref: process.ref,
			title: text(process.title, locale),
			budget,
			active: process.activePhase?.kind,
			published: process.resultsPublishedAt !== null,
			// Projects are listed before the vote opens (see budgets.service).
			listing: !process.resultsPublishedAt && !(process.activePhase && voting && process.activePhase.position >= voting.position),
			resultsPhase: process.activePhase?.kind === 'results'
		},
		projects: projects.map((project) => ({ ref: project.ref, title: text(project.title, locale), cost: project.cost, status: project.status, votes: project.votes })),
		preview: {
			ballots: preview.ballots,
			spent: preview.spent,
			lines: preview.lines.map((line) => ({ ref: line.ref, title: text(byId.get(line.projectId)?.title ?? {}, locale), cost: line.cost, votes: line.votes, rank: line.rank, funded: line.funded, remainingBefore: line.remainingBefore }))
		},
		plans: plans.map((plan) => ({ id: plan.id, ref: plan.ref, title: text(plan.title, locale).text })),
		districts: (process.districts.length ? districts.filter((district) => process.districts.includes(district.code)) : districts).map((district) => ({ code: district.code, name: text(district.name, locale).text }))
	};
};

export const actions = {
	create: async (event) => {
		const { actor, city, process } = await open(event);
		const form = await event.request.formData();
		const locale = event.locals.locale;
		const description = field(form, 'description');
		try {
			const project = await createProject(event.locals.db, actor, city.id, process.id, {
				title: { [locale]: field(form, 'title') },
				description: description ? { [locale]: description } : {},
				cost: wholeNumber(field(form, 'cost')),
				district: field(form, 'district') || null
			});
			return { created: project.ref };
		} catch (failure) {
			return formFailure(failure, form, { intent: 'create' });
		}
	},
	publish: async (event) => {
		const { actor, city, process } = await open(event);
		const form = await event.request.formData();
		const planId = field(form, 'planId');
		if (!planId) return invalid({ planId: 'plan_unknown' }, form, { intent: 'publish' });
		try {
			const results = await publishResults(event.locals.db, actor, city.id, process.id, { planId });
			return { published: results.lines.filter((line) => line.funded).length };
		} catch (failure) {
			return formFailure(failure, form, { intent: 'publish' });
		}
	}
} satisfies Actions;
