// One proposal at the city's desk: its public answer (accepted, rejected with a reason, already in
// the plan), then the action of the plan that delivers it — an existing one, or a new one made
// from the proposal.
import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { formFailure, invalid } from '#lib/server/http/forms.ts';
import { getProposalByRef } from '#lib/server/participation/proposals.service.ts';
import { answerProposal, createActionForProposal, linkProposalToAction } from '#lib/server/participation/answers.service.ts';
import { canManageParticipation } from '#lib/server/participation/participation.policy.ts';
import { findActionRef } from '#lib/server/participation/actions-link.ts';
import { renderMarkdown } from '#lib/server/participation/markdown.ts';
import { listActions, listPlans } from '#lib/server/commitments/index.ts';
import { text } from '#lib/commitments/present.server.ts';
import { cityForAdmin } from '../../../city-access.server.ts';

const REF = /^PR-\d{1,9}$/;

async function open(event: Pick<RequestEvent, 'locals' | 'url' | 'params'>) {
	const { actor, city } = await cityForAdmin(event);
	if (!canManageParticipation(actor, city.id)) error(403, 'forbidden', { code: 'forbidden' });
	if (!REF.test(event.params.ref)) error(404, 'proposal_not_found', { code: 'not_found' });
	const proposal = await orHttpError(() => getProposalByRef(event.locals.db, city.id, event.params.ref));
	return { actor, city, proposal };
}

export const load: PageServerLoad = async (event) => {
	const { city, proposal } = await open(event);
	const locale = event.locals.locale;
	const [actions, plans] = await Promise.all([listActions(event.locals.db, city.id), listPlans(event.locals.db, city.id)]);
	const answer = text(proposal.answerText, locale);
	return {
		proposal: {
			id: proposal.id,
			ref: proposal.ref,
			version: proposal.version,
			title: proposal.title,
			lang: proposal.lang,
			html: renderMarkdown(proposal.body),
			status: proposal.status,
			supports: proposal.supports,
			qualified: proposal.qualifiedAt !== null,
			answer: proposal.answer,
			answerText: answer.text,
			actionRef: proposal.actionId ? await findActionRef(event.locals.db, city.id, proposal.actionId) : undefined
		},
		actions: actions.map((action) => ({ id: action.id, ref: action.ref, title: text(action.title, locale).text })),
		plans: plans.map((plan) => ({ id: plan.id, ref: plan.ref, title: text(plan.title, locale).text }))
	};
};

function field(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value.trim() : '';
}

function versionOf(form: FormData): number | undefined {
	const version = Number(field(form, 'version'));
	return Number.isInteger(version) && version > 0 ? version : undefined;
}

export const actions = {
	answer: async (event) => {
		const { actor, city, proposal } = await open(event);
		const form = await event.request.formData();
		const version = versionOf(form);
		if (version === undefined) return invalid({ form: 'invalid' }, form, { intent: 'answer' });
		try {
			const text = field(form, 'text');
			await answerProposal(event.locals.db, actor, city.id, proposal.id, version, { answer: field(form, 'answer') as 'accepted', text: text ? { [event.locals.locale]: text } : {} });
			return { answered: true as const };
		} catch (failure) {
			return formFailure(failure, form, { intent: 'answer' });
		}
	},
	link: async (event) => {
		const { actor, city, proposal } = await open(event);
		const form = await event.request.formData();
		const version = versionOf(form);
		if (version === undefined) return invalid({ form: 'invalid' }, form, { intent: 'link' });
		try {
			await linkProposalToAction(event.locals.db, actor, city.id, proposal.id, version, field(form, 'actionId'));
			return { linked: true as const };
		} catch (failure) {
			return formFailure(failure, form, { intent: 'link' });
		}
	},
	makeAction: async (event) => {
		const { actor, city, proposal } = await open(event);
		const form = await event.request.formData();
		const version = versionOf(form);
		if (version === undefined) return invalid({ form: 'invalid' }, form, { intent: 'makeAction' });
		try {
			const title = field(form, 'title');
			await createActionForProposal(event.locals.db, actor, city.id, proposal.id, version, { planId: field(form, 'planId'), title: title ? { [event.locals.locale]: title } : {} });
			return { linked: true as const };
		} catch (failure) {
			return formFailure(failure, form, { intent: 'makeAction' });
		}
	}
} satisfies Actions;
