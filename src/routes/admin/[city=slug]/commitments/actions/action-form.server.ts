/**
 * An action's form fields as the service's input, a stored action as form values, and the choices
 * the form offers. Officers edit content, dates, status and progress only: for them the fields that
 * place or resource the action (plan, commitment, parent, departments, lead, budget, weight) are
 * taken from the stored action, never from the form.
 */
import type { Db } from '#lib/server/db/database.ts';
import type { ActionInput } from '#lib/server/commitments/commitments.schema.ts';
import type { Action } from '#lib/server/commitments/commitments.types.ts';
import { listPlans } from '#lib/server/commitments/plans.service.ts';
import { ACTION_STATUSES } from '#lib/server/commitments/vocabulary.ts';
import { list, localized, number, text } from '../form-input.server.ts';
import { localizedValues } from '../text.ts';
import { actionChoices, commitmentChoices, departmentChoices, planChoices, staffChoices } from '../options.server.ts';

export function actionInput(form: FormData, stored?: Action, manager = true): ActionInput {
	const content = {
		title: localized(form, 'title'),
		description: localized(form, 'description'),
		startDate: text(form, 'startDate'),
		dueDate: text(form, 'dueDate'),
		status: text(form, 'status') ?? 'planned',
		statusReason: localized(form, 'statusReason'),
		progress: number(form, 'progress') ?? 0
	};
	if (!manager && stored) {
		return {
			...content,
			planId: stored.planId,
			commitmentId: stored.commitmentId,
			parentId: stored.parentId,
			departmentIds: stored.departmentIds,
			leadOfficerId: stored.leadOfficerId,
			budgetAmount: stored.budgetAmount,
			budgetCurrency: stored.budgetCurrency,
			weight: stored.weight
		};
	}
	return {
		...content,
		planId: text(form, 'planId') ?? '',
		commitmentId: text(form, 'commitmentId'),
		parentId: text(form, 'parentId'),
		departmentIds: list(form, 'departmentIds'),
		leadOfficerId: text(form, 'leadOfficerId'),
		budgetAmount: number(form, 'budgetAmount'),
		budgetCurrency: text(form, 'budgetCurrency'),
		weight: number(form, 'weight') ?? 1
	};
}

export function actionValues(action: Action | undefined, defaults: { planId?: string | undefined; parentId?: string | undefined; commitmentId?: string | undefined } = {}): Record<string, string> {
	if (!action) return { planId: defaults.planId ?? '', parentId: defaults.parentId ?? '', commitmentId: defaults.commitmentId ?? '', status: 'planned', progress: '0', weight: '1' };
	return {
		...localizedValues('title', action.title),
		...localizedValues('description', action.description),
		...localizedValues('statusReason', action.statusReason),
		planId: action.planId,
		commitmentId: action.commitmentId ?? '',
		parentId: action.parentId ?? '',
		departmentIds: action.departmentIds.join('\n'),
		leadOfficerId: action.leadOfficerId ?? '',
		budgetAmount: action.budgetAmount === null ? '' : String(action.budgetAmount),
		budgetCurrency: action.budgetCurrency ?? '',
		startDate: action.startDate ?? '',
		dueDate: action.dueDate ?? '',
		status: action.status,
		progress: String(action.progress),
		weight: String(action.weight)
	};
}

/** Everything an admin's action form offers; parents are grouped by plan (the service refuses another plan's). */
export async function actionFormChoices(db: Db, cityId: string, locale: string, exceptId?: string) {
	const [plans, commitments, departments, staff] = await Promise.all([
		planChoices(db, cityId, locale),
		commitmentChoices(db, cityId, locale),
		departmentChoices(db, cityId, locale),
		staffChoices(db, cityId, locale)
	]);
	const parents = await Promise.all((await listPlans(db, cityId)).map(async (plan) => ({ planRef: plan.ref, actions: await actionChoices(db, cityId, plan.id, locale, exceptId) })));
	return { plans, commitments, departments, staff, parents, statuses: ACTION_STATUSES };
}
