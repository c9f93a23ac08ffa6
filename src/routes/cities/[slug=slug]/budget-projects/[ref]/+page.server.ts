// One project of a participatory budget in public: what it is, what it costs, where, the rights
// its budget concerns, the proposal it came from, and — once the results are published — its
// votes, rank and outcome and the action of the plan that delivers it, live. Residents follow it
// with a plain POST form (mails about it link here).
import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { formFailure, requireActor } from '#lib/server/http/forms.ts';
import { getCity, listDistricts } from '#lib/server/cities/index.ts';
import { getProjectByRef } from '#lib/server/participation/budgets.service.ts';
import { getProcess } from '#lib/server/participation/processes.service.ts';
import { canSeeProposal, getProposal } from '#lib/server/participation/proposals.service.ts';
import { follow, isFollowing, unfollow } from '#lib/server/participation/follows.service.ts';
import { deliveryOf } from '#lib/server/participation/actions-link.ts';
import { frameworkEntries, tagView, text } from '#lib/commitments/present.server.ts';
import { deliveryView } from '#lib/participation/delivery.server.ts';

const REF = /^BP-\d{1,9}$/;

export const load: PageServerLoad = async ({ locals, params, parent }) => {
	if (!REF.test(params.ref)) error(404, 'project_not_found', { code: 'not_found' });
	const { city } = await parent();
	const locale = locals.locale;
	const project = await orHttpError(() => getProjectByRef(locals.db, city.id, params.ref));
	const process = await getProcess(locals.db, city.id, project.processId);
	const [proposal, following, delivery, entries, districts] = await Promise.all([
		project.proposalId ? getProposal(locals.db, city.id, project.proposalId).catch(() => undefined) : undefined,
		isFollowing(locals.db, locals.actor, city.id, 'project', project.id),
		deliveryOf(locals.db, city.id, project.actionId),
		frameworkEntries(locals.db, process.tags, locale),
		project.district ? listDistricts(locals.db, city.id) : []
	]);
	const published = process.resultsPublishedAt !== null;
	const description = text(project.description, locale);
	const district = districts.find((item) => item.code === project.district);
	return {
		city: { slug: city.slug, name: city.displayName },
		process: { ref: process.ref, title: text(process.title, locale), currency: process.budget?.currency ?? 'EUR' },
		project: {
			ref: project.ref,
			title: text(project.title, locale),
			description: description.text ? description : undefined,
			cost: project.cost,
			district: district ? text(district.name, locale) : undefined,
			status: project.status,
			createdOn: project.createdAt.slice(0, 10)
		},
		result: published && project.status !== 'withdrawn' ? { votes: project.votes ?? 0, rank: project.rank, funded: project.status === 'selected', publishedOn: process.resultsPublishedAt!.slice(0, 10) } : undefined,
		proposal: proposal && canSeeProposal(locals.actor, proposal) ? { ref: proposal.ref, title: proposal.title, lang: proposal.lang } : undefined,
		rights: process.tags.map((code) => tagView(code, entries)),
		delivery: deliveryView(delivery, locale),
		following: following.following,
		signedIn: Boolean(locals.actor && !locals.actor.system)
	};
};

async function target(event: RequestEvent) {
	const actor = requireActor(event);
	if (!REF.test(event.params.ref)) error(404, 'project_not_found', { code: 'not_found' });
	const city = await orHttpError(() => getCity(event.locals.db, event.params.slug));
	const project = await orHttpError(() => getProjectByRef(event.locals.db, city.id, event.params.ref));
	return { actor, city, project, form: await event.request.formData() };
}

export const actions = {
	follow: async (event) => {
		const { actor, city, project, form } = await target(event);
		try {
			if (form.get('follow') === 'off') await unfollow(event.locals.db, actor, city.id, 'project', project.id);
			else await follow(event.locals.db, actor, city.id, 'project', project.id);
			return { followed: form.get('follow') !== 'off' };
		} catch (failure) {
			return formFailure(failure, form, { intent: 'follow' });
		}
	}
} satisfies Actions;
