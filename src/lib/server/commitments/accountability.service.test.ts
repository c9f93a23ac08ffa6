import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../testing/test-database.ts';
import { cityWithSmallPlan } from '../testing/commitment-factories.ts';
import { groupCommitments, loadAction, loadCityCommitments, loadCommitment } from './accountability.service.ts';
import { createAction, addMilestone, updateAction, getAction } from './actions.service.ts';
import { createCommitment } from './plans.service.ts';
import { recordProgress } from './progress.service.ts';
import { localFileStore } from '../files/file-store.ts';

describe.each(DIALECTS)('public accountability views on %s', (dialect) => {
	let { database, cityId, admin, world } = {} as Awaited<ReturnType<typeof cityWithSmallPlan>>;
	beforeEach(async () => void ({ database, cityId, admin, world } = await cityWithSmallPlan(dialect)));
	afterEach(() => database.cleanup());

	async function setProgress(id: string, progress: number, status: 'in_progress' | 'completed' = 'in_progress') {
		const action = await getAction(database.db, cityId, id);
		await updateAction(database.db, admin, cityId, id, action.version, { ...action, title: action.title as Record<string, string>, description: {}, statusReason: {}, progress, status });
	}

	it('summarises commitments: weighted roll-up, counts by status, overdue', async () => {
		await setProgress(world.children[0].id, 100, 'completed');
		await setProgress(world.children[1].id, 20);
		const view = await loadCityCommitments(database.db, cityId, {}, '2028-01-15');
		const housing = view.commitments[0]!;
		// Parent = (3·100 + 1·20)/4 = 80; the commitment's only top-level action is the parent.
		expect(housing.progress).toBe(80);
		expect(housing.counts).toEqual({ planned: 1, in_progress: 1, completed: 1, delayed: 0, cancelled: 0 });
		expect(housing.overdue).toBe(1); // the parent was due 2027-12-31
		expect(housing.departmentIds.sort()).toEqual([world.housing.id, world.equality.id].sort());
		expect(view.plans[0]).toMatchObject({ progress: 80, actions: 3, overdue: 1 });
		expect(view.totals.actions).toBe(3);
	});

	it('filters by status, department, tag (implied goals too) and overdue', async () => {
		const other = await createCommitment(database.db, admin, cityId, { planId: world.plan.id, title: { en: 'Participation' }, tags: ['udhr:21', 'sdg:16.7'] });
		await createAction(database.db, admin, cityId, { planId: world.plan.id, commitmentId: other.id, title: { en: 'Assemblies' }, status: 'delayed', statusReason: { en: 'Venue closed' } });
		const refs = async (filter: Parameters<typeof loadCityCommitments>[2]) => (await loadCityCommitments(database.db, cityId, filter, '2026-01-01')).commitments.map((commitment) => commitment.ref);
		expect(await refs({ status: 'delayed' })).toEqual([other.ref]);
		expect(await refs({ departmentId: world.equality.id })).toEqual([world.commitment.ref]);
		expect(await refs({ tag: 'sdg:16' })).toEqual([other.ref]);
		expect(await refs({ tag: 'udhr:25' })).toEqual([world.commitment.ref]);
		expect(await refs({ overdueOnly: true })).toEqual([]);
	});

	it('groups by right, SDG goal and department, with untagged commitments last', async () => {
		await createCommitment(database.db, admin, cityId, { planId: world.plan.id, title: { en: 'Untagged' } });
		await createCommitment(database.db, admin, cityId, { planId: world.plan.id, title: { en: 'Work' }, tags: ['udhr:23', 'sdg:8.5', 'udhr:25'] });
		const view = await loadCityCommitments(database.db, cityId);
		expect(groupCommitments(view.commitments, 'right').map((group) => [group.key, group.commitments.length])).toEqual([
			['udhr:23', 1],
			['udhr:25', 2],
			[null, 1]
		]);
		expect(groupCommitments(view.commitments, 'sdg').map((group) => group.key)).toEqual(['sdg:8', 'sdg:11', null]);
		expect(groupCommitments(view.commitments, 'department', { departments: view.departments }).map((group) => group.key)).toEqual([
			view.departments.find((department) => department.code === 'equality')!.id,
			view.departments.find((department) => department.code === 'housing')!.id,
			null
		]);
	});

	it('shows a commitment with its action tree and history, and an action with its timeline', async () => {
		await setProgress(world.children[0].id, 50);
		const milestone = await addMilestone(database.db, admin, cityId, world.parent.id, { title: { en: 'Desk open' }, dueDate: '2026-03-01' });
		const desk = await getAction(database.db, cityId, world.parent.id);
		const store = localFileStore(path.join(os.tmpdir(), `rightscity-files-${dialect}-${Date.now()}`)); // no files are uploaded here
		await recordProgress(database.db, store, admin, cityId, desk.id, desk.version, { text: { en: 'Going well' }, status: 'in_progress', progress: 30, reportedOn: '2026-02-01' });
		const detail = await loadCommitment(database.db, cityId, world.commitment.ref);
		expect(detail.actions.map((node) => [node.action.ref, node.depth])).toEqual([
			[world.parent.ref, 0],
			[world.children[0].ref, 1],
			[world.children[1].ref, 1]
		]);
		expect(detail.actions[0]!.progress).toBe(37.5); // (3·50 + 1·0)/4
		expect(detail.history[0]!.entity_ref).toBe(world.parent.ref);
		const action = await loadAction(database.db, cityId, world.parent.ref, '2026-02-15');
		expect(action.children.map((node) => node.action.ref)).toEqual([world.children[0].ref, world.children[1].ref]);
		expect(action.timeline.map((item) => item.kind)).toEqual(['start', 'update', 'milestone_due', 'due']);
		expect(action.milestones[0]!.id).toBe(milestone.id);
		expect(action.history.map((entry) => entry.entity_type)).toEqual(['action', 'progress_update', 'milestone', 'action']);
		expect(action.progress).toBe(37.5);
		await expect(loadAction(database.db, cityId, 'A-1999-999')).rejects.toMatchObject({ code: 'action_not_found' });
	});
});
