// One action: its fields (all of them for city admins; content, dates, status and progress for the
// responsible officer), its milestones (add, edit, mark done, delete), and deleting it (admins).
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { addMilestone, deleteAction, deleteMilestone, getAction, listMilestones, listStaff, updateAction, updateMilestone } from '#lib/server/commitments/actions.service.ts';
import { getCommitment, getPlan } from '#lib/server/commitments/plans.service.ts';
import { listDepartments } from '#lib/server/commitments/declarations.service.ts';
import { DomainError } from '#lib/server/errors.ts';
import { todayIso } from '#lib/server/commitments/rollup.ts';
import { ACTION_STATUSES } from '#lib/server/commitments/vocabulary.ts';
import { formatNumber } from '#lib/i18n/format.ts';
import { pickText } from '#lib/i18n/localized-text.ts';
import { formFailure, invalid } from '#lib/server/http/forms.ts';
import { text, version } from '../../form-input.server.ts';
import { localizedValues } from '../../text.ts';
import { actionFormChoices, actionInput, actionValues } from '../action-form.server.ts';
import { editableAction } from '../action-access.server.ts';
import { milestoneInput } from '../milestone-form.server.ts';
import type { Action } from '#lib/server/commitments/commitments.types.ts';

/** Where the action sits and what it has, as text (what an officer sees instead of the fields). */
async function placementOf(event: RequestEvent, cityId: string, action: Action) {
	const { db, locale } = event.locals;
	const label = (ref: string, texts: Record<string, string | undefined>) => `${ref} · ${pickText(texts, locale)?.text ?? ''}`;
	const [plan, commitment, parent, departments, staff] = await Promise.all([
		getPlan(db, cityId, action.planId),
		action.commitmentId ? getCommitment(db, cityId, action.commitmentId).catch(() => undefined) : undefined,
		action.parentId ? getAction(db, cityId, action.parentId).catch(() => undefined) : undefined,
		listDepartments(db, cityId),
		action.leadOfficerId ? listStaff(db, cityId) : []
	]);
	return {
		plan: label(plan.ref, plan.title),
		commitment: commitment ? label(commitment.ref, commitment.title) : null,
		parent: parent ? label(parent.ref, parent.title) : null,
		departments: departments.filter((department) => action.departmentIds.includes(department.id)).map((department) => pickText(department.name, locale)?.text ?? department.code),
		lead: staff.find((member) => member.id === action.leadOfficerId)?.displayName ?? null,
		budget: action.budgetAmount === null ? null : formatNumber(action.budgetAmount, locale, { style: 'currency', currency: action.budgetCurrency ?? 'EUR' }),
		weight: action.weight
	};
}

export const load: PageServerLoad = async (event) => {
	const { city, manager, action, canRecord } = await editableAction(event);
	const { db, locale } = event.locals;
	const milestones = await listMilestones(db, city.id, action.id);
	return {
		action: {
			ref: action.ref,
			version: action.version,
			title: pickText(action.title, locale) ?? { text: action.ref, lang: locale },
			values: actionValues(action)
		},
		manager,
		canRecord,
		statuses: ACTION_STATUSES,
		choices: manager ? await actionFormChoices(db, city.id, locale, action.id) : undefined,
		placement: manager ? undefined : await placementOf(event, city.id, action),
		milestones: milestones.map((milestone) => ({
			id: milestone.id,
			title: pickText(milestone.title, locale) ?? { text: '', lang: locale },
			dueDate: milestone.dueDate,
			doneOn: milestone.doneOn,
			values: { ...localizedValues('title', milestone.title), dueDate: milestone.dueDate, doneOn: milestone.doneOn ?? '' }
		})),
		today: todayIso(),
		done: event.url.searchParams.get('done') === 'created' ? ('created' as const) : undefined
	};
};

/** The milestone with this id, if it is one of this action's (else `milestone_not_found`). */
async function milestoneOf(event: RequestEvent, cityId: string, actionId: string, id: string | null) {
	const milestone = (await listMilestones(event.locals.db, cityId, actionId)).find((item) => item.id === id);
	if (!milestone) throw new DomainError('milestone_not_found', 'milestone_not_found');
	return milestone;
}

export const actions = {
	save: async (event) => {
		const { actor, city, manager, action } = await editableAction(event);
		const form = await event.request.formData();
		try {
			await updateAction(event.locals.db, actor, city.id, action.id, version(form), actionInput(form, action, manager));
		} catch (error) {
			return formFailure(error, form);
		}
		return { done: 'saved' as const };
	},
	delete: async (event) => {
		const { actor, city, action } = await editableAction(event);
		const form = await event.request.formData();
		if (form.get('confirm') !== 'yes') return invalid({ confirm: 'confirm_required' }, form);
		try {
			await deleteAction(event.locals.db, actor, city.id, action.id, version(form));
		} catch (error) {
			return formFailure(error, form);
		}
		redirect(303, `/admin/${city.slug}/commitments/plans/${(await orHttpError(() => getPlan(event.locals.db, city.id, action.planId))).ref}?deleted=${encodeURIComponent(action.ref)}`);
	},
	addMilestone: async (event) => {
		const { actor, city, action } = await editableAction(event);
		const form = await event.request.formData();
		try {
			await addMilestone(event.locals.db, actor, city.id, action.id, milestoneInput(form));
		} catch (error) {
			return formFailure(error, form);
		}
		return { done: 'milestone_added' as const };
	},
	saveMilestone: async (event) => {
		const { actor, city, action } = await editableAction(event);
		const form = await event.request.formData();
		try {
			const milestone = await milestoneOf(event, city.id, action.id, text(form, 'milestoneId'));
			await updateMilestone(event.locals.db, actor, city.id, milestone.id, milestoneInput(form));
		} catch (error) {
			return formFailure(error, form);
		}
		return { done: 'milestone_saved' as const };
	},
	milestoneDone: async (event) => {
		const { actor, city, action } = await editableAction(event);
		const form = await event.request.formData();
		try {
			const milestone = await milestoneOf(event, city.id, action.id, text(form, 'milestoneId'));
			const doneOn = text(form, 'doneOn') ?? todayIso();
			await updateMilestone(event.locals.db, actor, city.id, milestone.id, { title: milestone.title as Record<string, string>, dueDate: milestone.dueDate, doneOn });
		} catch (error) {
			return formFailure(error, form);
		}
		return { done: 'milestone_done' as const };
	},
	deleteMilestone: async (event) => {
		const { actor, city, action } = await editableAction(event);
		const form = await event.request.formData();
		try {
			const milestone = await milestoneOf(event, city.id, action.id, text(form, 'milestoneId'));
			await deleteMilestone(event.locals.db, actor, city.id, milestone.id);
		} catch (error) {
			return formFailure(error, form);
		}
		return { done: 'milestone_deleted' as const };
	}
} satisfies Actions;
