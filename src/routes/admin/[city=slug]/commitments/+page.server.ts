// The commitments admin hub: for city admins (and the network admin) the city's declarations,
// plans with their rolled-up progress, commitments and departments; for officers the actions they
// are responsible for. Both see how many actions need attention.
import type { PageServerLoad } from './$types';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { loadCityCommitments } from '#lib/server/commitments/accountability.service.ts';
import { needsAttention } from '#lib/server/commitments/progress.service.ts';
import { isOverdue, todayIso } from '#lib/server/commitments/rollup.ts';
import { REF_PATTERN } from '#lib/server/commitments/refs.ts';
import { pickText } from '#lib/i18n/localized-text.ts';
import { cityForStaff } from '../staff-access.server.ts';
import { actionsInCharge } from './staff-actions.server.ts';

export const load: PageServerLoad = async (event) => {
	const { actor, city, manager } = await cityForStaff(event);
	const { db, locale } = event.locals;
	// After a deletion elsewhere, the hub says what was deleted (a reference like C-3, nothing else).
	const deletedRef = event.url.searchParams.get('deleted');
	const deleted = deletedRef && REF_PATTERN.test(deletedRef) ? deletedRef : undefined;
	const text = (texts: Record<string, string | undefined>, fallback: string) => pickText(texts, locale) ?? { text: fallback, lang: locale };
	const attention = (await orHttpError(() => needsAttention(db, actor, city.id))).length;
	const today = todayIso();
	const mine = (await actionsInCharge(db, actor, city.id)).map((action) => ({
		ref: action.ref,
		title: text(action.title, action.ref),
		status: action.status,
		progress: action.progress,
		dueDate: action.dueDate,
		overdue: isOverdue(action, today)
	}));
	if (!manager) return { manager, deleted, attention, mine, overview: undefined };
	const view = await loadCityCommitments(db, city.id, {}, today);
	const plans = new Map(view.plans.map((plan) => [plan.id, plan.ref]));
	const declarations = new Map(view.declarations.map((declaration) => [declaration.id, declaration.ref]));
	return {
		manager,
		deleted,
		attention,
		mine: undefined,
		overview: {
			declarations: view.declarations.map((declaration) => ({
				ref: declaration.ref,
				title: text(declaration.title, declaration.ref),
				adoptedOn: declaration.adoptedOn,
				adoptedBy: declaration.adoptedBy,
				instruments: declaration.instruments.length
			})),
			plans: view.plans.map((plan) => ({
				ref: plan.ref,
				title: text(plan.title, plan.ref),
				period: `${plan.periodStart}–${plan.periodEnd}`,
				actions: plan.actions,
				overdue: plan.overdue,
				progress: plan.progress
			})),
			commitments: view.commitments.map((commitment) => ({
				ref: commitment.ref,
				title: text(commitment.title, commitment.ref),
				in: (commitment.planId && plans.get(commitment.planId)) || (commitment.declarationId && declarations.get(commitment.declarationId)) || '',
				tags: commitment.tags.length,
				actions: commitment.actions,
				progress: commitment.progress
			})),
			departments: view.departments.length,
			actions: view.totals.actions
		}
	};
};
