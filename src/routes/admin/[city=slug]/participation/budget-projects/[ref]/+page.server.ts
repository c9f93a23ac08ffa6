// One budget project at the city's desk: its title and description (in the admin's language;
// the other languages are kept), cost and district, changed while projects may still be listed;
// or taken off the ballot before the vote.
import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { formFailure, invalid } from '#lib/server/http/forms.ts';
import { getProjectByRef, updateProject, withdrawProject } from '#lib/server/participation/budgets.service.ts';
import { getProcess } from '#lib/server/participation/processes.service.ts';
import { canManageParticipation } from '#lib/server/participation/participation.policy.ts';
import { listDistricts } from '#lib/server/cities/index.ts';
import { text } from '#lib/commitments/present.server.ts';
import { field, inLocale, versionOf, wholeNumber } from '#lib/participation/admin-forms.server.ts';
import { cityForAdmin } from '../../../city-access.server.ts';

const REF = /^BP-\d{1,9}$/;

async function open(event: Pick<RequestEvent, 'locals' | 'url' | 'params'>) {
	const { actor, city } = await cityForAdmin(event);
	if (!canManageParticipation(actor, city.id)) error(403, 'forbidden', { code: 'forbidden' });
	if (!REF.test(event.params.ref)) error(404, 'project_not_found', { code: 'not_found' });
	const project = await orHttpError(() => getProjectByRef(event.locals.db, city.id, event.params.ref));
	return { actor, city, project };
}

export const load: PageServerLoad = async (event) => {
	const { city, project } = await open(event);
	const locale = event.locals.locale;
	const [process, districts] = await Promise.all([getProcess(event.locals.db, city.id, project.processId), listDistricts(event.locals.db, city.id)]);
	return {
		process: { ref: process.ref, title: text(process.title, locale), currency: process.budget?.currency ?? 'EUR' },
		project: {
			ref: project.ref,
			version: project.version,
			// What the form edits: the text in the admin's language (empty when there is none yet).
			title: project.title[locale] ?? '',
			description: project.description[locale] ?? '',
			shown: text(project.title, locale),
			cost: project.cost,
			district: project.district ?? '',
			status: project.status
		},
		districts: (process.districts.length ? districts.filter((district) => process.districts.includes(district.code)) : districts).map((district) => ({ code: district.code, name: text(district.name, locale).text }))
	};
};

export const actions = {
	save: async (event) => {
		const { actor, city, project } = await open(event);
		const form = await event.request.formData();
		const version = versionOf(form);
		if (version === undefined) return invalid({ form: 'invalid' }, form, { intent: 'save' });
		const locale = event.locals.locale;
		try {
			await updateProject(event.locals.db, actor, city.id, project.id, version, {
				title: inLocale(project.title, locale, field(form, 'title')),
				description: inLocale(project.description, locale, field(form, 'description')),
				cost: wholeNumber(field(form, 'cost')),
				district: field(form, 'district') || null
			});
			return { saved: true as const };
		} catch (failure) {
			return formFailure(failure, form, { intent: 'save' });
		}
	},
	withdraw: async (event) => {
		const { actor, city, project } = await open(event);
		const form = await event.request.formData();
		const version = versionOf(form);
		if (version === undefined) return invalid({ form: 'invalid' }, form, { intent: 'withdraw' });
		const process = await getProcess(event.locals.db, city.id, project.processId);
		try {
			await withdrawProject(event.locals.db, actor, city.id, project.id, version);
		} catch (failure) {
			return formFailure(failure, form, { intent: 'withdraw' });
		}
		redirect(303, `/admin/${city.slug}/participation/budgets/${process.ref}`);
	}
} satisfies Actions;
