// The city's participation desk: its processes (a new one; moving one to its next phase), the
// proposals waiting for moderation, for an answer, and for the action that delivers them.
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import type { Actor } from '#lib/server/accounts/actor.ts';
import type { Process } from '#lib/server/participation/participation.types.ts';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { formFailure, invalid } from '#lib/server/http/forms.ts';
import { closePhase, createProcess, getProcess, listProcesses, startPhase } from '#lib/server/participation/processes.service.ts';
import { listAwaitingAnswer, listAwaitingLink, listModerationQueue, moderateProposal, type ModerationDecision } from '#lib/server/participation/proposals.service.ts';
import type { ProcessInput } from '#lib/server/participation/participation.schema.ts';
import { text } from '#lib/commitments/present.server.ts';
import { listPlans } from '#lib/server/commitments/index.ts';
import { percentInBasisPoints } from '#lib/participation/admin-forms.server.ts';
import { cityForAdmin } from '../city-access.server.ts';

/** The phase kinds the new-process form offers, in their order. */
const FORM_PHASES = ['information', 'proposals', 'supports', 'evaluation', 'budgeting', 'voting', 'consultation', 'results'] as const;

export const load: PageServerLoad = async (event) => {
	const { actor, city } = await cityForAdmin(event);
	const db = event.locals.db;
	const locale = event.locals.locale;
	const [processes, moderation, awaiting, unlinked, plans] = await Promise.all([
		listProcesses(db, city.id),
		orHttpError(() => listModerationQueue(db, actor, city.id)),
		orHttpError(() => listAwaitingAnswer(db, actor, city.id)),
		orHttpError(() => listAwaitingLink(db, actor, city.id)),
		listPlans(db, city.id)
	]);
	const summary = (proposal: { id: string; ref: string; title: string; lang: string; supports: number }) => ({ id: proposal.id, ref: proposal.ref, title: proposal.title, lang: proposal.lang, supports: proposal.supports });
	return {
		formPhases: FORM_PHASES,
		plans: plans.map((plan) => ({ id: plan.id, ref: plan.ref, title: text(plan.title, locale).text })),
		processes: processes.map((process) => ({
			id: process.id,
			ref: process.ref,
			version: process.version,
			title: text(process.title, locale),
			active: process.activePhase?.kind,
			budget: process.budget !== null,
			consultation: process.planId !== null && process.phases.some((phase) => phase.kind === 'consultation'),
			phases: process.phases.map((phase) => ({ id: phase.id, kind: phase.kind, startsOn: phase.startsOn, endsOn: phase.endsOn }))
		})),
		moderation: moderation.map((item) => ({ ...summary(item.proposal), status: item.proposal.status, flags: item.flags })),
		awaiting: awaiting.map(summary),
		unlinked: unlinked.map(summary)
	};
};

function field(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value.trim() : '';
}

/** A whole number typed in a form, null when empty; NaN (refused by the schema) when not a number. */
function numberOrNull(value: string): number | null {
	return value === '' ? null : /^\d+$/.test(value) ? Number(value) : Number.NaN;
}

/** A desk form on one process (its id and the version read): the change, or the problem next to the process list. */
async function onProcess<T>(event: RequestEvent, change: (actor: Actor, cityId: string, process: Process, version: number, form: FormData) => Promise<T>) {
	const { actor, city } = await cityForAdmin(event);
	const form = await event.request.formData();
	const processId = field(form, 'processId');
	const version = Number(field(form, 'version'));
	if (!processId || !Number.isInteger(version)) return invalid({ form: 'invalid' }, form, { intent: 'phase' });
	try {
		return await change(actor, city.id, await getProcess(event.locals.db, city.id, processId), version, form);
	} catch (failure) {
		return formFailure(failure, form, { intent: 'phase' });
	}
}

export const actions = {
	create: async (event) => {
		const { actor, city } = await cityForAdmin(event);
		const form = await event.request.formData();
		const locale = event.locals.locale;
		const phases = FORM_PHASES.flatMap((kind) => {
			const startsOn = field(form, `${kind}.start`);
			const endsOn = field(form, `${kind}.end`);
			return startsOn || endsOn ? [{ kind, startsOn, endsOn }] : [];
		});
		// A number of supports, or a share of the census typed in per cent (2.5) and kept in basis points (250).
		const thresholdKind = field(form, 'thresholdKind') === 'census_share' ? 'census_share' : 'count';
		const threshold = thresholdKind === 'census_share' ? percentInBasisPoints(field(form, 'threshold')) : numberOrNull(field(form, 'threshold'));
		const input: ProcessInput = {
			title: { [locale]: field(form, 'title') },
			description: { [locale]: field(form, 'description') },
			thresholdKind: threshold === null ? 'none' : thresholdKind,
			thresholdValue: threshold,
			supportLimit: numberOrNull(field(form, 'supportLimit')),
			budgetAmount: numberOrNull(field(form, 'budgetAmount')),
			budgetCurrency: field(form, 'budgetCurrency').toUpperCase() || null,
			planId: field(form, 'planId') || null,
			phases
		};
		try {
			const process = await createProcess(event.locals.db, actor, city.id, input);
			return { created: process.ref };
		} catch (failure) {
			return formFailure(failure, form, { intent: 'create', rename: { phases: 'proposals.start' } });
		}
	},
	phase: (event) => onProcess(event, async (actor, cityId, process, version, form) => {
		await startPhase(event.locals.db, actor, cityId, process.id, version, field(form, 'phaseId'));
		return { moved: process.ref };
	}),
	close: (event) => onProcess(event, async (actor, cityId, process, version) => {
		await closePhase(event.locals.db, actor, cityId, process.id, version);
		return { closed: process.ref };
	}),
	moderate: async (event) => {
		const { actor, city } = await cityForAdmin(event);
		const form = await event.request.formData();
		const decision = field(form, 'decision');
		if (!['publish', 'reject', 'hide', 'restore'].includes(decision)) return invalid({ decision: 'choice_invalid' }, form, { intent: 'moderate' });
		try {
			const reason = field(form, 'reason');
			await moderateProposal(event.locals.db, actor, city.id, field(form, 'proposalId'), decision as ModerationDecision, reason ? { text: reason, lang: event.locals.locale } : undefined);
			return { moderated: true as const };
		} catch (failure) {
			return formFailure(failure, form, { intent: 'moderate', rename: { text: 'reason' } });
		}
	}
} satisfies Actions;
