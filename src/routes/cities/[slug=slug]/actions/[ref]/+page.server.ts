// One action in public: its status (with the reason), progress (rolled up from its sub-actions),
// dates and overdue flag, budget, departments, lead officer, place in the plan, milestones, a
// timeline, the progress updates with their evidence, the indicators that measure it and its history.
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { loadAction } from '#lib/server/commitments/accountability.service.ts';
import { listDepartments } from '#lib/server/commitments/declarations.service.ts';
import { todayIso } from '#lib/server/commitments/rollup.ts';
import { listIndicatorsOf } from '#lib/server/indicators/indicators.service.ts';
import { countLinkedConcerns } from '#lib/server/concerns/index.ts';
import { departmentNames, historyView, nodeView, text } from '#lib/commitments/present.server.ts';
import { paragraphs, treeSlice } from '#lib/commitments/pages.server.ts';
import { roleLabel } from '../../ledger/ledger-view.ts';
import { textDirection } from '#lib/i18n/locales.ts';

const HISTORY = 20;

export const load: PageServerLoad = async ({ locals, params, url, parent }) => {
	if (!/^A-(\d{4}-)?\d{1,6}$/.test(params.ref)) error(404, 'action_not_found', { code: 'not_found' });
	const { city } = await parent();
	const locale = locals.locale;
	const today = todayIso();
	const detail = await orHttpError(() => loadAction(locals.db, city.id, params.ref, today));
	const { action } = detail;
	const [allDepartments, indicators, linkedConcerns] = await Promise.all([listDepartments(locals.db, city.id), listIndicatorsOf(locals.db, city.id, 'action', action.id), countLinkedConcerns(locals.db, city.id, 'action', action.id)]);
	const departments = new Map(allDepartments.map((department) => [department.id, department]));
	const description = text(action.description, locale);
	const reason = text(action.statusReason, locale);
	const children = treeSlice(detail.children, url, `/cities/${city.slug}/actions/${action.ref}`);
	const milestoneTitle = new Map(detail.milestones.map((milestone) => [milestone.id, text(milestone.title, locale)]));
	return {
		city: { slug: city.slug, name: city.displayName },
		dir: textDirection(locale),
		today,
		action: {
			ref: action.ref,
			title: text(action.title, locale),
			description: { lang: description.lang, paragraphs: paragraphs(description.text) },
			status: action.status,
			reason: reason.text ? reason : undefined,
			progress: detail.progress,
			ownProgress: action.progress,
			startDate: action.startDate,
			dueDate: action.dueDate,
			overdue: detail.overdue,
			budget: action.budgetAmount !== null && action.budgetCurrency ? { amount: action.budgetAmount, currency: action.budgetCurrency } : undefined,
			departments: departmentNames(action.departmentIds, departments, locale),
			leadOfficer: detail.leadOfficer?.displayName
		},
		plan: { ref: detail.plan.ref, title: text(detail.plan.title, locale), period: `${detail.plan.periodStart}–${detail.plan.periodEnd}`, rollup: detail.plan.rollup },
		commitment: detail.commitment ? { ref: detail.commitment.ref, title: text(detail.commitment.title, locale) } : undefined,
		parent: detail.parent ? { ref: detail.parent.ref, title: text(detail.parent.title, locale) } : undefined,
		hasChildren: detail.children.length > 0,
		children: children.nodes.map((node) => nodeView(node, departments, locale)),
		tree: children.paging,
		milestones: detail.milestones.map((milestone) => ({
			id: milestone.id,
			title: milestoneTitle.get(milestone.id)!,
			dueDate: milestone.dueDate,
			doneOn: milestone.doneOn,
			late: milestone.doneOn === null && milestone.dueDate < today
		})),
		timeline: detail.timeline.map((item, index) => ({
			key: `${item.kind}-${item.milestone?.id ?? item.update?.id ?? index}`,
			date: item.date,
			kind: item.kind,
			title: item.milestone ? milestoneTitle.get(item.milestone.id) : undefined,
			update: item.update ? { id: item.update.id, status: item.update.status, progress: item.update.progress } : undefined
		})),
		updates: detail.updates.map((update) => {
			const body = text(update.text, locale);
			return {
				id: update.id,
				reportedOn: update.reportedOn,
				role: roleLabel(update.authorRole),
				status: update.status,
				progress: update.progress,
				text: { lang: body.lang, paragraphs: paragraphs(body.text) },
				evidence: update.evidence.map((item) =>
					item.kind === 'file'
						? { kind: 'file' as const, id: item.id, label: item.fileName ?? item.label, contentType: item.contentType, size: item.size }
						: { kind: 'link' as const, id: item.id, label: item.label || item.url || '', url: item.url && /^https?:\/\//i.test(item.url) ? item.url : undefined }
				)
			};
		}),
		linkedConcerns,
		indicators: indicators.map((indicator) => ({ code: indicator.code, title: text(indicator.title, locale), type: indicator.type })),
		history: historyView(detail.history.slice(0, HISTORY), city, locale),
		ledgerHref: `/cities/${city.slug}/ledger?ref=${encodeURIComponent(action.ref)}`
	};
};
