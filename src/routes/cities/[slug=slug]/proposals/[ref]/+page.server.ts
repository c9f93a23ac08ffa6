// One proposal in public: its text (safe Markdown), its supports and qualification, the city's
// answer and, once linked, the action of the plan that delivers it — status, progress, updates
// and indicators, live. Residents support it, withdraw their support, follow it and flag it for
// the moderators with plain POST forms; its author withdraws it while it is unanswered.
import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { formFailure, requireActor } from '#lib/server/http/forms.ts';
import { getCity } from '#lib/server/cities/index.ts';
import { canSeeProposal, flagProposal, getProposalByRef, withdrawProposal } from '#lib/server/participation/proposals.service.ts';
import { getProcess, isPhaseOpen } from '#lib/server/participation/processes.service.ts';
import { supportProposal, supportStateOf, withdrawSupport } from '#lib/server/participation/supports.service.ts';
import { follow, isFollowing, unfollow } from '#lib/server/participation/follows.service.ts';
import { deliveryOf } from '#lib/server/participation/actions-link.ts';
import { renderMarkdown } from '#lib/server/participation/markdown.ts';
import { takePartProblem } from '#lib/server/participation/participation.policy.ts';
import { FLAG_REASONS } from '#lib/server/participation/participation.schema.ts';
import { text } from '#lib/commitments/present.server.ts';
import { deliveryView } from '#lib/participation/delivery.server.ts';

const REF = /^PR-\d{1,9}$/;

export const load: PageServerLoad = async ({ locals, params, parent }) => {
	if (!REF.test(params.ref)) error(404, 'proposal_not_found', { code: 'not_found' });
	const { city } = await parent();
	const proposal = await orHttpError(() => getProposalByRef(locals.db, city.id, params.ref));
	if (!canSeeProposal(locals.actor, proposal)) error(404, 'proposal_not_found', { code: 'not_found' });
	const process = await getProcess(locals.db, city.id, proposal.processId);
	const [support, following, delivery] = await Promise.all([
		supportStateOf(locals.db, locals.actor, city.id, proposal, process.supportLimit),
		isFollowing(locals.db, locals.actor, city.id, 'proposal', proposal.id),
		deliveryOf(locals.db, city.id, proposal.actionId)
	]);
	const supporting = isPhaseOpen(process, 'supports') && proposal.status === 'published';
	const answer = text(proposal.answerText, locals.locale);
	const reader = locals.actor && !locals.actor.system ? locals.actor : null;
	const own = Boolean(reader && proposal.authorId === reader.personId);
	return {
		city: { slug: city.slug, name: city.displayName },
		process: { ref: process.ref, title: text(process.title, locals.locale), threshold: process.threshold.supports },
		proposal: {
			ref: proposal.ref,
			title: proposal.title,
			lang: proposal.lang,
			status: proposal.status,
			// Hidden proposals show the moderators' reason instead of their text.
			html: proposal.status === 'hidden' ? undefined : renderMarkdown(proposal.body),
			reason: proposal.moderationReason ?? undefined,
			supports: proposal.supports,
			qualified: proposal.qualifiedAt !== null,
			answer: proposal.answer ? { code: proposal.answer, text: answer.text ? answer : undefined, on: proposal.answeredAt?.slice(0, 10) } : undefined,
			createdOn: proposal.createdAt.slice(0, 10)
		},
		delivery: deliveryView(delivery, locals.locale),
		supporting,
		supportProblem: supporting ? takePartProblem(locals.actor, city.id, process.levels.support) : undefined,
		support,
		following: following.following,
		signedIn: reader !== null,
		// The author may withdraw it while it is open and unanswered; others of the city may flag it.
		withdrawable: own && (proposal.status === 'published' || proposal.status === 'pending') && proposal.answer === null,
		flaggable: !own && proposal.status === 'published' && takePartProblem(reader, city.id, 'member') === undefined,
		flagReasons: FLAG_REASONS
	};
};

/** The proposal the form acts on, in the city of the address. */
async function target(event: RequestEvent) {
	const actor = requireActor(event);
	if (!REF.test(event.params.ref)) error(404, 'proposal_not_found', { code: 'not_found' });
	const city = await orHttpError(() => getCity(event.locals.db, event.params.slug));
	const proposal = await orHttpError(() => getProposalByRef(event.locals.db, city.id, event.params.ref));
	if (!canSeeProposal(actor, proposal)) error(404, 'proposal_not_found', { code: 'not_found' });
	return { actor, city, proposal, form: await event.request.formData() };
}

export const actions = {
	support: async (event) => {
		const { actor, city, proposal, form } = await target(event);
		const key = form.get('submissionKey');
		try {
			const outcome = await supportProposal(event.locals.db, actor, city.id, proposal.id, { submissionKey: typeof key === 'string' && key ? key : undefined });
			return { supported: true as const, qualifiedNow: outcome.qualifiedNow };
		} catch (failure) {
			return formFailure(failure, form, { intent: 'support' });
		}
	},
	unsupport: async (event) => {
		const { actor, city, proposal, form } = await target(event);
		try {
			await withdrawSupport(event.locals.db, actor, city.id, proposal.id);
			return { withdrawn: true as const };
		} catch (failure) {
			return formFailure(failure, form, { intent: 'support' });
		}
	},
	flag: async (event) => {
		const { actor, city, proposal, form } = await target(event);
		try {
			const outcome = await flagProposal(event.locals.db, actor, city.id, proposal.id, typeof form.get('reason') === 'string' ? (form.get('reason') as string) : '');
			return { flagged: true as const, already: !outcome.flagged };
		} catch (failure) {
			return formFailure(failure, form, { intent: 'flag' });
		}
	},
	withdraw: async (event) => {
		const { actor, city, proposal, form } = await target(event);
		try {
			await withdrawProposal(event.locals.db, actor, city.id, proposal.id);
			return { retracted: true as const };
		} catch (failure) {
			return formFailure(failure, form, { intent: 'withdraw' });
		}
	},
	follow: async (event) => {
		const { actor, city, proposal, form } = await target(event);
		try {
			if (form.get('follow') === 'off') await unfollow(event.locals.db, actor, city.id, 'proposal', proposal.id);
			else await follow(event.locals.db, actor, city.id, 'proposal', proposal.id);
			return { followed: form.get('follow') !== 'off' };
		} catch (failure) {
			return formFailure(failure, form, { intent: 'follow' });
		}
	}
} satisfies Actions;
