import { describe, expect, it } from 'vitest';
import { commitmentsHref, parseCommitmentsQuery } from './commitments-query.ts';

const parse = (search: string) => parseCommitmentsQuery(new URLSearchParams(search));

describe('parseCommitmentsQuery', () => {
	it('groups by right on the first page when nothing is asked', () => {
		expect(parse('')).toEqual({ query: { by: 'right', overdue: false, page: 1 }, errors: {} });
	});

	it('reads every filter, and treats blank fields (an untouched form) as absent', () => {
		expect(parse('by=department&plan=P-2&status=delayed&department=housing&tag=SDG:11.1&overdue=1&group=none&page=3')).toEqual({
			query: { by: 'department', plan: 'P-2', status: 'delayed', department: 'housing', tag: 'sdg:11.1', overdue: true, group: 'none', page: 3 },
			errors: {}
		});
		expect(parse('by=&plan=&status=&department=&tag=&overdue=')).toEqual({ query: { by: 'right', overdue: false, page: 1 }, errors: {} });
	});

	it('reports each bad field on its own and keeps the good ones', () => {
		const { query, errors } = parse('by=colour&status=late&tag=udhr:twenty&overdue=maybe&page=0&plan=P-1&department=Housing Dept');
		expect(errors).toEqual({ by: 'by_invalid', status: 'status_invalid', tag: 'tag_unknown', overdue: 'overdue_invalid', page: 'page_invalid', department: 'department_unknown' });
		expect(query).toEqual({ by: 'right', plan: 'P-1', overdue: false, page: 1 });
	});

	it('refuses a plan that is not a plan reference', () => {
		expect(parse('plan=C-1').errors).toEqual({ plan: 'plan_unknown' });
	});
});

describe('commitmentsHref', () => {
	it('leaves defaults out of the link', () => {
		expect(commitmentsHref('york', { by: 'right', overdue: false, page: 1 })).toBe('/cities/york/commitments');
		expect(commitmentsHref('york', { by: 'sdg', tag: 'sdg:11', overdue: true, group: 'sdg:11', page: 2 })).toBe('/cities/york/commitments?by=sdg&tag=sdg%3A11&overdue=1&group=sdg%3A11&page=2');
	});

	it('round-trips through the parser', () => {
		const query = { by: 'plan' as const, status: 'completed' as const, department: 'equality', overdue: true, page: 4, group: 'none' };
		const href = commitmentsHref('york', query);
		expect(parse(href.split('?')[1]!).query).toEqual(query);
	});
});
