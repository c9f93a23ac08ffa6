/**
 * The commitments page's URL parameters: grouping (`by`), filters (plan, status, department, tag,
 * overdue), one group shown whole (`group`) and its page. Each field is checked on its own: a bad
 * one is reported against its field (a message key) and dropped, the others still apply.
 * Whether a plan, department or tag exists in the city is checked by the load.
 *
 * @example
 *   parseCommitmentsQuery(new URLSearchParams('by=sdg&status=late'))
 *   // { query: { by: 'sdg', overdue: false, page: 1 }, errors: { status: 'status_invalid' } }
 */
import { z } from 'zod';
import type { GroupBy } from '#lib/server/commitments/accountability.service.ts';
import type { ActionStatus } from '#lib/server/commitments/commitments.tables.ts';

export const GROUP_BYS = ['right', 'principle', 'sdg', 'department', 'plan'] as const satisfies readonly GroupBy[];
export const FILTER_STATUSES = ['planned', 'in_progress', 'completed', 'delayed', 'cancelled'] as const satisfies readonly ActionStatus[];
/** The `group` value of the commitments with no key in the grouping. */
export const NO_GROUP = 'none';

export interface CommitmentsQuery {
	by: GroupBy;
	plan?: string;
	status?: ActionStatus;
	department?: string;
	tag?: string;
	overdue: boolean;
	group?: string;
	page: number;
}

export type QueryField = 'by' | 'plan' | 'status' | 'department' | 'tag' | 'overdue' | 'group' | 'page';
export type QueryErrors = Partial<Record<QueryField, string>>;

const FIELDS = {
	by: z.enum(GROUP_BYS, { error: 'by_invalid' }),
	plan: z.string().regex(/^P-\d{1,6}$/, { error: 'plan_unknown' }),
	status: z.enum(FILTER_STATUSES, { error: 'status_invalid' }),
	department: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,59}$/, { error: 'department_unknown' }),
	tag: z
		.string()
		.transform((value) => value.trim().toLowerCase())
		.pipe(z.string().regex(/^(udhr|gwangju|sdg):\d{1,2}(\.[0-9a-z]{1,2})?$/, { error: 'tag_unknown' })),
	overdue: z.enum(['1', 'on', 'true'], { error: 'overdue_invalid' }),
	group: z.string().max(80, { error: 'group_unknown' }),
	page: z.coerce.number({ error: 'page_invalid' }).int({ error: 'page_invalid' }).min(1, { error: 'page_invalid' }).max(100_000, { error: 'page_invalid' })
} as const;

export function parseCommitmentsQuery(params: URLSearchParams): { query: CommitmentsQuery; errors: QueryErrors } {
	const errors: QueryErrors = {};
	const read = <K extends QueryField>(field: K): z.output<(typeof FIELDS)[K]> | undefined => {
		const raw = params.get(field);
		if (raw === null || raw.trim() === '') return undefined;
		const result = FIELDS[field].safeParse(raw);
		if (result.success) return result.data as z.output<(typeof FIELDS)[K]>;
		errors[field] = result.error.issues[0]?.message ?? `${field}_invalid`;
		return undefined;
	};
	const query: CommitmentsQuery = { by: read('by') ?? 'right', overdue: read('overdue') !== undefined, page: read('page') ?? 1 };
	const plan = read('plan');
	const status = read('status');
	const department = read('department');
	const tag = read('tag');
	const group = read('group');
	if (plan) query.plan = plan;
	if (status) query.status = status;
	if (department) query.department = department;
	if (tag) query.tag = tag;
	if (group) query.group = group;
	return { query, errors };
}

/** The URL of the page for a query (defaults left out, so links stay short and canonical). */
export function commitmentsHref(slug: string, query: Partial<CommitmentsQuery>): string {
	const params = new URLSearchParams();
	if (query.by && query.by !== 'right') params.set('by', query.by);
	if (query.plan) params.set('plan', query.plan);
	if (query.status) params.set('status', query.status);
	if (query.department) params.set('department', query.department);
	if (query.tag) params.set('tag', query.tag);
	if (query.overdue) params.set('overdue', '1');
	if (query.group) params.set('group', query.group);
	if (query.page && query.page > 1) params.set('page', String(query.page));
	const search = params.toString();
	return `/cities/${slug}/commitments${search ? `?${search}` : ''}`;
}
