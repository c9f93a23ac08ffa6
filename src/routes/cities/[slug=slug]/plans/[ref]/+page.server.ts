// An action plan in public: its period, how progress adds up, the declaration it carries out, its
// progress and actions by status, its commitments, and its whole action tree a few top-level
// branches per page; the plan as CSV is one link away.
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { loadActionLabels, loadPlan } from '#lib/server/commitments/public-plans.service.ts';
import { cachedByLedgerHead } from '#lib/server/commitments/public-view-cache.ts';
import { todayIso } from '#lib/server/commitments/rollup.ts';
import { departmentNames, summaryView, text } from '#lib/commitments/present.server.ts';
import { treeSlice } from '#lib/commitments/pages.server.ts';
import { textDirection } from '#lib/i18n/locales.ts';

export const load: PageServerLoad = async ({ locals, params, url, parent }) => {
	if (!/^P-\d{1,6}$/.test(params.ref)) error(404, 'plan_not_found', { code: 'not_found' });
	const { city } = await parent();
	const locale = locals.locale;
	const today = todayIso();
	// The outline of a plan of thousands of actions is kept in memory while the city's data is unchanged.
	const detail = await orHttpError(() => cachedByLedgerHead(locals.db, city.id, `plan:${params.ref}`, today, () => loadPlan(locals.db, city.id, params.ref, today)));
	const departments = new Map(detail.departments.map((department) => [department.id, department]));
	const base = `/cities/${city.slug}/plans/${detail.plan.ref}`;
	const tree = treeSlice(detail.actions, url, base);
	// Only the page shown needs the actions' titles and departments.
	const labels = await loadActionLabels(locals.db, city.id, tree.nodes.map((node) => node.id));
	return {
		city: { slug: city.slug, name: city.displayName },
		dir: textDirection(locale),
		plan: {
			ref: detail.plan.ref,
			title: text(detail.plan.title, locale),
			periodStart: detail.plan.periodStart,
			periodEnd: detail.plan.periodEnd,
			rollup: detail.plan.rollup
		},
		declaration: detail.declaration ? { ref: detail.declaration.ref, title: text(detail.declaration.title, locale) } : undefined,
		summary: summaryView(detail.summary),
		commitments: detail.commitments.map((commitment) => ({ ref: commitment.ref, title: text(commitment.title, locale) })),
		actions: tree.nodes.map((node) => {
			const label = labels.get(node.id);
			return {
				ref: node.ref,
				title: text(label?.title ?? {}, locale),
				status: node.status,
				progress: node.progress,
				dueDate: node.dueDate,
				overdue: node.overdue,
				departments: departmentNames(label?.departmentIds ?? [], departments, locale),
				depth: node.depth
			};
		}),
		tree: tree.paging,
		csvHref: `${base}/plan.csv`,
		ledgerHref: `/cities/${city.slug}/ledger?ref=${encodeURIComponent(detail.plan.ref)}`
	};
};
