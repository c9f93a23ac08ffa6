// One action plan: its actions as a tree with rolled-up progress (and the plan's own), its
// commitments, and its settings to edit. City admins and the network admin only.
import type { Actions, PageServerLoad } from './$types';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { getPlanByRef, listCommitments, updatePlan } from '#lib/server/commitments/plans.service.ts';
import { listActions } from '#lib/server/commitments/actions.service.ts';
import { listDepartments } from '#lib/server/commitments/declarations.service.ts';
import { actionTree } from '#lib/server/commitments/accountability.service.ts';
import { rollUp, rollUpGroup, todayIso } from '#lib/server/commitments/rollup.ts';
import { REF_PATTERN } from '#lib/server/commitments/refs.ts';
import { pickText } from '#lib/i18n/localized-text.ts';
import { cityForManager } from '../../../staff-access.server.ts';
import { formFailure } from '#lib/server/http/forms.ts';
import { version } from '../../form-input.server.ts';
import { declarationChoices } from '../../options.server.ts';
import { planInput, planValues } from '../plan-form.server.ts';

export const load: PageServerLoad = async (event) => {
	const { city } = await cityForManager(event);
	const { db, locale } = event.locals;
	const plan = await orHttpError(() => getPlanByRef(db, city.id, event.params.ref));
	const [actions, commitments, departments, declarations] = await Promise.all([
		listActions(db, city.id, { planId: plan.id }),
		listCommitments(db, city.id, { planId: plan.id }),
		listDepartments(db, city.id),
		declarationChoices(db, city.id, locale)
	]);
	const text = (texts: Record<string, string | undefined>, fallback: string) => pickText(texts, locale) ?? { text: fallback, lang: locale };
	const rolled = rollUp(actions, plan.rollup);
	const ids = new Set(actions.map((action) => action.id));
	const tops = actions.filter((action) => !action.parentId || !ids.has(action.parentId));
	const departmentCode = new Map(departments.map((department) => [department.id, text(department.name, department.code).text]));
	const commitmentRef = new Map(commitments.map((commitment) => [commitment.id, commitment.ref]));
	return {
		plan: { ref: plan.ref, version: plan.version, title: text(plan.title, plan.ref), period: `${plan.periodStart}–${plan.periodEnd}`, rollup: plan.rollup, values: planValues(plan) },
		progress: rollUpGroup(tops, rolled, plan.rollup),
		tree: actionTree(actions, plan.rollup, todayIso(), rolled).map((node) => ({
			ref: node.action.ref,
			title: text(node.action.title, node.action.ref),
			depth: node.depth,
			status: node.action.status,
			ownProgress: node.action.progress,
			progress: node.progress,
			overdue: node.overdue,
			weight: node.action.weight,
			dueDate: node.action.dueDate,
			commitment: node.action.commitmentId ? commitmentRef.get(node.action.commitmentId) : undefined,
			departments: node.action.departmentIds.map((id) => departmentCode.get(id) ?? '').filter(Boolean)
		})),
		commitments: commitments.map((commitment) => ({ ref: commitment.ref, title: text(commitment.title, commitment.ref) })),
		declarations,
		done: event.url.searchParams.get('done') === 'created' ? ('created' as const) : undefined,
		// After an action was deleted here from its page: its reference (nothing else is echoed).
		deleted: REF_PATTERN.test(event.url.searchParams.get('deleted') ?? '') ? event.url.searchParams.get('deleted')! : undefined
	};
};

export const actions = {
	save: async (event) => {
		const { actor, city } = await cityForManager(event);
		const form = await event.request.formData();
		try {
			const current = await getPlanByRef(event.locals.db, city.id, event.params.ref);
			await updatePlan(event.locals.db, actor, city.id, current.id, version(form), planInput(form));
		} catch (error) {
			return formFailure(error, form);
		}
		return { saved: true as const };
	}
} satisfies Actions;
