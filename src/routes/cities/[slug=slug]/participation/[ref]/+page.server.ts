// One participatory process: its phases, its proposals (search, filters, orders, keyset pages)
// and, in the proposals phase, the form to propose (a plain POST; the proposal's page follows).
import { error, redirect } from '@sveltejs/kit';
import { randomBytes } from 'node:crypto';
import type { Actions, PageServerLoad } from './$types';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { formFailure, invalid, requireActor } from '#lib/server/http/forms.ts';
import { getProcessByRef, isPhaseOpen } from '#lib/server/participation/processes.service.ts';
import { createProposal } from '#lib/server/participation/proposals.service.ts';
import { listProposals, newSeed, parseProposalQuery, STATES } from '#lib/server/participation/proposal-list.ts';
import { takePartProblem } from '#lib/server/participation/participation.policy.ts';
import { castBallot, getBallot, listProjects } from '#lib/server/participation/budgets.service.ts';
import { getCity, listDistricts } from '#lib/server/cities/index.ts';
import { countCommentsByAction, listDraftActions } from '#lib/server/participation/consultations.service.ts';
import type { Process } from '#lib/server/participation/participation.types.ts';
import type { Db } from '#lib/server/db/database.ts';
import { text } from '#lib/commitments/present.server.ts';

const REF = /^PP-\d{1,9}$/;

/** A consultation's draft actions, each with its number of comments (each links to its page). */
async function consultationOverview(db: Db, process: Process, locale: string) {
	const [actions, counts] = await Promise.all([listDraftActions(db, process), countCommentsByAction(db, process.cityId, process.id)]);
	return { open: isPhaseOpen(process, 'consultation'), actions: actions.map((action) => ({ ref: action.ref, title: text(action.title, locale), comments: counts.get(action.id) ?? 0 })) };
}

export const load: PageServerLoad = async ({ locals, params, url, parent }) => {
	if (!REF.test(params.ref)) error(404, 'process_not_found', { code: 'not_found' });
	const { city } = await parent();
	const process = await orHttpError(() => getProcessByRef(locals.db, city.id, params.ref));
	const raw = Object.fromEntries(url.searchParams);
	const { query, errors } = parseProposalQuery(raw);
	if (query.sort === 'random' && query.seed === undefined) query.seed = newSeed();
	const [page, districts] = await Promise.all([listProposals(locals.db, city.id, process.id, query), listDistricts(locals.db, city.id)]);
	const description = text(process.description, locals.locale);
	const proposing = isPhaseOpen(process, 'proposals');
	const voting = isPhaseOpen(process, 'voting');
	const budget = process.budget
		? {
				amount: process.budget.amount,
				currency: process.budget.currency,
				published: process.resultsPublishedAt !== null,
				projects: (await listProjects(locals.db, city.id, process.id))
					.filter((project) => project.status !== 'withdrawn')
					.map((project) => ({ id: project.id, ref: project.ref, title: text(project.title, locals.locale), cost: project.cost, status: project.status, votes: project.votes, rank: project.rank })),
				ballot: await getBallot(locals.db, locals.actor, city.id, process.id),
				voting,
				voteProblem: voting ? takePartProblem(locals.actor, city.id, process.levels.vote) : undefined
			}
		: undefined;
	const consultation = process.phases.some((phase) => phase.kind === 'consultation') ? await consultationOverview(locals.db, process, locals.locale) : undefined;
	return {
		consultation,
		budget,
		city: { slug: city.slug, name: city.displayName },
		process: {
			ref: process.ref,
			title: text(process.title, locals.locale),
			description: description.text ? description : undefined,
			phases: process.phases.map((phase) => ({ id: phase.id, kind: phase.kind, startsOn: phase.startsOn, endsOn: phase.endsOn, active: phase.id === process.activePhase?.id })),
			threshold: process.threshold.supports,
			supportLimit: process.supportLimit
		},
		query: { q: query.q ?? '', sort: query.sort, seed: query.seed, state: query.state ?? '', district: query.district ?? '', right: query.right ?? '' },
		// The filter controls: the process's districts (else the city's) and the rights it concerns.
		filters: {
			states: STATES,
			districts: (process.districts.length ? districts.filter((district) => process.districts.includes(district.code)) : districts).map((district) => ({ code: district.code, name: text(district.name, locals.locale).text })),
			rights: [...new Set([...process.tags, ...(query.right ? [query.right] : [])])]
		},
		queryErrors: errors,
		proposals: page.items.map((item) => ({ ref: item.ref, title: item.title, excerpt: item.excerpt, lang: item.lang, supports: item.supports, qualified: item.qualified, answer: item.answer, status: item.status })),
		next: page.next,
		proposing,
		/** Why the reader cannot propose (signed out, another city, not verified far enough); none when they can. */
		proposeProblem: proposing ? takePartProblem(locals.actor, city.id, process.levels.propose) : undefined,
		submissionKey: randomBytes(16).toString('base64url')
	};
};

export const actions = {
	/** A resident's ballot: the projects ticked, within the budget; sending it again replaces it. */
	ballot: async (event) => {
		const actor = requireActor(event);
		const form = await event.request.formData();
		if (!REF.test(event.params.ref)) error(404, 'process_not_found', { code: 'not_found' });
		const city = await orHttpError(() => getCity(event.locals.db, event.params.slug));
		const process = await orHttpError(() => getProcessByRef(event.locals.db, city.id, event.params.ref));
		const projectIds = form.getAll('projects').filter((value): value is string => typeof value === 'string');
		try {
			const ballot = await castBallot(event.locals.db, actor, city.id, process.id, projectIds);
			return { voted: true as const, total: ballot.total };
		} catch (failure) {
			return formFailure(failure, form, { intent: 'ballot' });
		}
	},
	propose: async (event) => {
		const actor = requireActor(event);
		const form = await event.request.formData();
		if (!REF.test(event.params.ref)) error(404, 'process_not_found', { code: 'not_found' });
		const city = await orHttpError(() => getCity(event.locals.db, event.params.slug));
		const process = await orHttpError(() => getProcessByRef(event.locals.db, city.id, event.params.ref));
		const field = (name: string) => {
			const value = form.get(name);
			return typeof value === 'string' ? value : '';
		};
		const key = field('submissionKey');
		if (!key) return invalid({ form: 'submission_key_invalid' }, form, { intent: 'propose' });
		let ref: string;
		try {
			const proposal = await createProposal(
				event.locals.db,
				actor,
				city.id,
				process.id,
				{ title: field('title'), body: field('body'), lang: event.locals.locale, district: field('district') || null },
				{ submissionKey: key }
			);
			ref = proposal.ref;
		} catch (failure) {
			return formFailure(failure, form, { intent: 'propose' });
		}
		redirect(303, `/cities/${city.slug}/proposals/${ref}`);
	}
} satisfies Actions;
