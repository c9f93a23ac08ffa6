// A city's commitments in public: its declarations, its plans with their progress, all actions by
// status, then the commitments grouped by right, principle, SDG, department or plan (a few per
// group, "show all" opens one group in pages), filtered by a GET form. Bad filters are reported
// on their fields; the others still apply.
import type { PageServerLoad } from './$types';
import { cachePublicly } from '#lib/server/http/page-cache.ts';
import { groupCommitments, matchesFilter, type CommitmentFilter, type CommitmentSummary } from '#lib/server/commitments/accountability.service.ts';
import { loadCityCommitmentsCached } from '#lib/server/commitments/public-view-cache.ts';
import { frameworkEntries, summaryView, tagView, text } from '#lib/commitments/present.server.ts';
import { textDirection } from '#lib/i18n/locales.ts';
import type { SummaryView, Text } from '#lib/commitments/view.ts';
import { commitmentsHref, GROUP_BYS, FILTER_STATUSES, NO_GROUP, parseCommitmentsQuery, type CommitmentsQuery, type QueryErrors, type QueryField } from './commitments-query.ts';

/** Commitments listed under each group before "show all". */
const GROUP_CAP = 8;
/** Commitments per page when one group is shown whole. */
const PAGE_SIZE = 50;
const FIELD_ORDER: QueryField[] = ['by', 'plan', 'status', 'department', 'tag', 'overdue', 'group', 'page'];

interface CommitmentCard extends SummaryView {
	title: Text;
}

interface GroupView {
	/** The group's `group=` value. */
	key: string;
	heading: { kind: 'tag'; tag: ReturnType<typeof tagView> } | { kind: 'text'; text: Text; href?: string; note?: string } | { kind: 'none' };
	total: number;
	refs: string[];
	/** The whole group, when more than the cap is in it. */
	allHref: string | undefined;
}

export const load: PageServerLoad = async ({ locals, url, setHeaders, parent }) => {
	const { city } = await parent();
	const locale = locals.locale;
	const { query, errors } = parseCommitmentsQuery(url.searchParams);

	// Everything unfiltered (from memory while the city's data is unchanged), then the filters.
	const [all, tagEntry] = await Promise.all([
		loadCityCommitmentsCached(locals.db, city.id),
		query.tag ? frameworkEntries(locals.db, [query.tag], locale) : Promise.resolve(new Map())
	]);
	const { plans, departments } = all;
	const filter: CommitmentFilter = { status: query.status, overdueOnly: query.overdue };
	if (query.plan) {
		const plan = plans.find((item) => item.ref === query.plan);
		if (plan) filter.planId = plan.id;
		else dropFilter(query, errors, 'plan', 'plan_unknown');
	}
	if (query.department) {
		const department = departments.find((item) => item.code === query.department);
		if (department) filter.departmentId = department.id;
		else dropFilter(query, errors, 'department', 'department_unknown');
	}
	if (query.tag) {
		if (tagEntry.has(query.tag)) filter.tag = query.tag;
		else dropFilter(query, errors, 'tag', 'tag_unknown');
	}

	const view = { ...all, commitments: all.commitments.filter((commitment) => matchesFilter(commitment, filter)) };
	const groups = groupCommitments(view.commitments, query.by, { departments: view.departments, plans: view.plans });
	const labelled = await frameworkEntries(locals.db, [...view.tagsInUse, ...(filter.tag ? [filter.tag] : []), ...groups.flatMap((group) => (group.key ? [group.key] : []))], locale);

	const planById = new Map(view.plans.map((plan) => [plan.id, plan]));
	const departmentById = new Map(view.departments.map((department) => [department.id, department]));
	const headingOf = (key: string | null): GroupView['heading'] => {
		if (key === null) return { kind: 'none' };
		if (query.by === 'department') {
			const department = departmentById.get(key);
			return { kind: 'text', text: department ? text(department.name, locale) : { text: key, lang: locale } };
		}
		if (query.by === 'plan') {
			const plan = planById.get(key);
			return plan ? { kind: 'text', text: text(plan.title, locale), href: `/cities/${city.slug}/plans/${plan.ref}`, note: `${plan.periodStart}–${plan.periodEnd}` } : { kind: 'text', text: { text: key, lang: locale } };
		}
		return { kind: 'tag', tag: tagView(key, labelled) };
	};
	const groupKey = (key: string | null) => key ?? NO_GROUP;

	let single: { group: GroupView; previous: string | undefined; next: string | undefined; from: number; to: number } | undefined;
	const shown = new Map<string, CommitmentSummary>();
	let groupViews: GroupView[] = [];
	if (query.group) {
		const found = groups.find((group) => groupKey(group.key) === query.group);
		if (!found) {
			dropFilter(query, errors, 'group', 'group_unknown');
		} else {
			const pages = Math.max(1, Math.ceil(found.commitments.length / PAGE_SIZE));
			if (query.page > pages) {
				errors.page = 'page_invalid';
				query.page = 1;
			}
			const start = (query.page - 1) * PAGE_SIZE;
			const slice = found.commitments.slice(start, start + PAGE_SIZE);
			for (const commitment of slice) shown.set(commitment.ref, commitment);
			single = {
				group: { key: groupKey(found.key), heading: headingOf(found.key), total: found.commitments.length, refs: slice.map((commitment) => commitment.ref), allHref: undefined },
				previous: query.page > 1 ? commitmentsHref(city.slug, { ...query, page: query.page - 1 }) : undefined,
				next: query.page < pages ? commitmentsHref(city.slug, { ...query, page: query.page + 1 }) : undefined,
				from: start + 1,
				to: start + slice.length
			};
		}
	}
	if (!single) {
		if (query.page !== 1) {
			errors.page ??= 'page_invalid';
			query.page = 1;
		}
		groupViews = groups.map((group) => {
			const first = group.commitments.slice(0, GROUP_CAP);
			for (const commitment of first) shown.set(commitment.ref, commitment);
			return {
				key: groupKey(group.key),
				heading: headingOf(group.key),
				total: group.commitments.length,
				refs: first.map((commitment) => commitment.ref),
				allHref: group.commitments.length > GROUP_CAP ? commitmentsHref(city.slug, { ...query, group: groupKey(group.key), page: 1 }) : undefined
			};
		});
	}

	if (Object.keys(errors).length > 0) setHeaders({ 'cache-control': 'no-store' });
	else cachePublicly({ setHeaders });
	const usedTags = filter.tag && !view.tagsInUse.includes(filter.tag) ? [...view.tagsInUse, filter.tag] : view.tagsInUse;
	return {
		city: { slug: city.slug, name: city.displayName },
		dir: textDirection(locale),
		query,
		// In the order of the form's fields, so the summary reads like the form.
		errors: Object.fromEntries(FIELD_ORDER.flatMap((field) => (errors[field] ? [[field, errors[field]]] : []))) as QueryErrors,
		declarations: view.declarations.map((declaration) => ({
			ref: declaration.ref,
			title: text(declaration.title, locale),
			adoptedOn: declaration.adoptedOn,
			adoptedBy: declaration.adoptedBy,
			process: declaration.process,
			instruments: declaration.instruments,
			sourceUrl: declaration.sourceUrl
		})),
		plans: view.plans.map((plan) => ({ ref: plan.ref, title: text(plan.title, locale), periodStart: plan.periodStart, periodEnd: plan.periodEnd, ...summaryView(plan) })),
		totals: summaryView(view.totals),
		options: {
			groupings: GROUP_BYS,
			statuses: FILTER_STATUSES,
			plans: view.plans.map((plan) => ({ ref: plan.ref, title: text(plan.title, locale), period: `${plan.periodStart}–${plan.periodEnd}` })),
			departments: view.departments.map((department) => ({ code: department.code, name: text(department.name, locale) })),
			tags: usedTags.map((code) => tagView(code, labelled))
		},
		matching: view.commitments.length,
		unfiltered: view.unfiltered,
		filtered: Boolean(filter.planId || filter.status || filter.departmentId || filter.tag || filter.overdueOnly),
		groups: groupViews,
		single,
		commitments: Object.fromEntries(
			[...shown.values()].map((commitment): [string, CommitmentCard] => [commitment.ref, { title: text(commitment.title, locale), ...summaryView(commitment) }])
		),
		clearHref: commitmentsHref(city.slug, { by: query.by }),
		allGroupsHref: commitmentsHref(city.slug, { ...query, group: undefined, page: 1 })
	};
};

function dropFilter(query: CommitmentsQuery, errors: Partial<Record<string, string>>, field: 'plan' | 'department' | 'tag' | 'group', code: string): void {
	errors[field] = code;
	delete query[field];
}
