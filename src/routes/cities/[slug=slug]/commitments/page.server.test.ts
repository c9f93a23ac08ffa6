// The commitments page's load against a real database: groups capped with a link to the whole
// group, one group in pages, filters resolved against the city, bad values reported per field.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '#lib/server/testing/test-database.ts';
import { createCity } from '#lib/server/testing/factories.ts';
import { smallPlan, staffActor, type SmallPlan } from '#lib/server/testing/commitment-factories.ts';
import { createCommitment } from '#lib/server/commitments/plans.service.ts';
import { load } from './+page.server.ts';
import { load as loadCity } from '../+layout.server.ts';
import type { PageServerData } from './$types';

type LoadEvent = Parameters<typeof load>[0];
type LoadResult = PageServerData;

describe.each(DIALECTS)('the commitments page load on %s', (dialect) => {
	let database: TestDatabase;
	let slug: string;
	let world: SmallPlan;
	const headers: Record<string, string>[] = [];
	beforeEach(async () => {
		database = await createTestDatabase(dialect);
		const city = await createCity(database.db);
		slug = city.slug;
		const admin = await staffActor(database.db, city.id, 'city_admin');
		world = await smallPlan(database.db, admin, city.id);
		// 52 commitments on freedom of expression: more than a group shows, more than a page holds.
		for (let index = 1; index <= 52; index += 1) {
			await createCommitment(database.db, admin, city.id, { planId: world.plan.id, title: { en: `Expression ${index}` }, tags: ['udhr:19'] });
		}
		await createCommitment(database.db, admin, city.id, { planId: world.plan.id, title: { en: 'Untagged' } });
	}, 60_000);
	afterEach(() => database.cleanup());

	const open = async (search: string): Promise<LoadResult> => {
		const locals = { db: database.db, locale: 'en' };
		const event = { locals, params: { slug }, parent: () => loadCity({ locals, params: { slug } } as never), url: new URL(`http://localhost/cities/${slug}/commitments${search}`), setHeaders: (value: Record<string, string>) => headers.push(value) };
		return (await load(event as unknown as LoadEvent)) as LoadResult;
	};

	it('shows a few commitments per group, with a link to the whole group, and only what it shows', async () => {
		const page = await open('');
		expect(page.groups.map((group) => [group.key, group.total, group.refs.length])).toEqual([
			['udhr:19', 52, 8],
			['udhr:25', 1, 1],
			['none', 1, 1]
		]);
		expect(page.groups[0]!.allHref).toBe(`/cities/${slug}/commitments?group=udhr%3A19`);
		expect(page.groups[1]!.allHref).toBeUndefined();
		expect(Object.keys(page.commitments)).toHaveLength(10);
		expect(page.groups[0]!.heading).toMatchObject({ kind: 'tag', tag: { code: 'udhr:19', number: '19', href: '/rights/19', label: { lang: 'en' } } });
		expect(page.matching).toBe(54);
	});

	it('pages through one group, and reports a page or group that does not exist', async () => {
		const first = await open('?group=udhr:19');
		expect(first.single).toMatchObject({ from: 1, to: 50, previous: undefined, next: `/cities/${slug}/commitments?group=udhr%3A19&page=2` });
		expect(first.single!.group.refs).toHaveLength(50);
		const second = await open('?group=udhr:19&page=2');
		expect(second.single).toMatchObject({ from: 51, to: 52, next: undefined });
		expect(second.single!.group.refs).toHaveLength(2);
		const beyond = await open('?group=udhr:19&page=9');
		expect(beyond.errors).toEqual({ page: 'page_invalid' });
		expect(beyond.single!.from).toBe(1);
		const unknown = await open('?group=udhr:1');
		expect(unknown.errors).toEqual({ group: 'group_unknown' });
		expect(unknown.single).toBeUndefined();
		expect(unknown.groups).toHaveLength(3);
	});

	it('resolves the plan and department filters in the city and reports unknown ones', async () => {
		const byDepartment = await open(`?by=department&department=equality&plan=${world.plan.ref}`);
		expect(byDepartment.errors).toEqual({});
		expect(byDepartment.matching).toBe(1);
		expect(byDepartment.groups.map((group) => group.key)).toEqual([world.equality.id, world.housing.id]);
		const unknown = await open('?department=parks&plan=P-404&tag=gwangju:99&status=delayed');
		expect(unknown.errors).toEqual({ plan: 'plan_unknown', department: 'department_unknown', tag: 'tag_unknown' });
		expect(unknown.query).toEqual({ by: 'right', status: 'delayed', overdue: false, page: 1 });
		expect(unknown.matching).toBe(0);
		expect(headers.at(-1)).toEqual({ 'cache-control': 'no-store' });
	});
});
