import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../testing/test-database.ts';
import { createCity } from '../testing/factories.ts';
import { cityWithSmallPlan } from '../testing/commitment-factories.ts';
import { loadCityCommitments } from './accountability.service.ts';
import { loadActionLabels, loadDeclaration, loadPlan } from './public-plans.service.ts';
import { createAction, deleteAction, getAction, updateAction } from './actions.service.ts';
import { createDeclaration } from './declarations.service.ts';
import { createCommitment, createPlan, updatePlan } from './plans.service.ts';

describe.each(DIALECTS)('public plan and declaration views on %s', (dialect) => {
	let { database, cityId, admin, world } = {} as Awaited<ReturnType<typeof cityWithSmallPlan>>;
	beforeEach(async () => void ({ database, cityId, admin, world } = await cityWithSmallPlan(dialect)));
	afterEach(() => database.cleanup());

	it('loads a plan by its reference with its whole tree rolled up, its commitments and its summary', async () => {
		const desk = await getAction(database.db, cityId, world.children[0].id);
		await updateAction(database.db, admin, cityId, desk.id, desk.version, { ...desk, title: desk.title as Record<string, string>, description: {}, statusReason: {}, progress: 100, status: 'completed' });
		const view = await loadPlan(database.db, cityId, world.plan.ref, '2028-01-15');
		expect(view.plan.id).toBe(world.plan.id);
		expect(view.commitments.map((commitment) => commitment.ref)).toEqual([world.commitment.ref]);
		expect(view.actions.map((node) => [node.ref, node.depth])).toEqual([
			[world.parent.ref, 0],
			[world.children[0].ref, 1],
			[world.children[1].ref, 1]
		]);
		// Weighted: (3·100 + 1·0) / 4 = 75 for the parent, which is the plan's only top-level action.
		expect(view.actions[0]).toMatchObject({ progress: 75, status: 'planned', dueDate: '2027-12-31', overdue: true });
		expect(view.actions[1]).toMatchObject({ progress: 100, status: 'completed', parentId: world.parent.id, overdue: false });
		expect(view.summary).toEqual({ progress: 75, actions: 3, overdue: 1, counts: { planned: 2, in_progress: 0, completed: 1, delayed: 0, cancelled: 0 } });
	});

	it('orders siblings by position and puts a late-created parent’s children under it', async () => {
		const second = await createAction(database.db, admin, cityId, { planId: world.plan.id, title: { en: 'Second top action' } });
		const child = await createAction(database.db, admin, cityId, { planId: world.plan.id, parentId: second.id, title: { en: 'Its child' } });
		const view = await loadPlan(database.db, cityId, world.plan.ref);
		expect(view.actions.map((node) => [node.ref, node.depth])).toEqual([
			[world.parent.ref, 0],
			[world.children[0].ref, 1],
			[world.children[1].ref, 1],
			[second.ref, 0],
			[child.ref, 1]
		]);
	});

	it('gives the titles and departments of just the actions asked for', async () => {
		const labels = await loadActionLabels(database.db, cityId, [world.children[1].id, world.parent.id]);
		expect(labels.size).toBe(2);
		expect(labels.get(world.children[1].id)).toEqual({ title: { en: 'Train staff' }, departmentIds: [world.housing.id, world.equality.id] });
		expect(labels.get(world.parent.id)?.title).toEqual({ en: 'Housing advice' });
		expect(await loadActionLabels(database.db, cityId, [])).toEqual(new Map());
		const other = (await createCity(database.db)).id;
		expect((await loadActionLabels(database.db, other, [world.parent.id])).size).toBe(0);
	});

	it('leaves deleted actions out of a plan and answers plan_not_found for unknown or other cities’ plans', async () => {
		const extra = await createAction(database.db, admin, cityId, { planId: world.plan.id, title: { en: 'Short-lived' } });
		await deleteAction(database.db, admin, cityId, extra.id, extra.version);
		expect((await loadPlan(database.db, cityId, world.plan.ref)).actions).toHaveLength(3);
		await expect(loadPlan(database.db, cityId, 'P-99')).rejects.toMatchObject({ code: 'plan_not_found' });
		const other = (await createCity(database.db)).id;
		await expect(loadPlan(database.db, other, world.plan.ref)).rejects.toMatchObject({ code: 'plan_not_found' });
	});

	it('loads a declaration with the plans that carry it out and the commitments made in it or in those plans', async () => {
		const declaration = await createDeclaration(database.db, admin, cityId, {
			title: { en: 'Human rights city declaration', es: 'Declaración de ciudad de derechos humanos' },
			adoptedOn: '2017-04-20',
			adoptedBy: 'council_decision',
			process: 'formal',
			instruments: ['udhr', 'crpd'],
			fullText: { en: 'We, the council…' },
			sourceUrl: 'https://example.org/declaration.pdf'
		});
		await updatePlan(database.db, admin, cityId, world.plan.id, world.plan.version, { title: { en: 'Plan 2025–2028' }, declarationId: declaration.id, periodStart: 2025, periodEnd: 2028 });
		const direct = await createCommitment(database.db, admin, cityId, { declarationId: declaration.id, title: { en: 'Consult residents every year' }, tags: ['gwangju:3'] });
		const unrelated = await createPlan(database.db, admin, cityId, { title: { en: 'Another plan' }, periodStart: 2026, periodEnd: 2027 });
		await createCommitment(database.db, admin, cityId, { planId: unrelated.id, title: { en: 'Elsewhere' } });

		const view = await loadDeclaration(database.db, cityId, declaration.ref);
		expect(view.declaration.instruments).toEqual(['udhr', 'crpd']);
		expect(view.plans.map((plan) => plan.ref)).toEqual([world.plan.ref]);
		expect(view.commitments.map((commitment) => commitment.ref).sort()).toEqual([world.commitment.ref, direct.ref].sort());
		await expect(loadDeclaration(database.db, cityId, 'D-42')).rejects.toMatchObject({ code: 'declaration_not_found' });
	});

	it('lists the tags in use (explicit and implied) in code order, whatever the filter', async () => {
		await createCommitment(database.db, admin, cityId, { planId: world.plan.id, title: { en: 'Participation' }, tags: ['gwangju:3', 'udhr:21', 'sdg:16.7'] });
		const view = await loadCityCommitments(database.db, cityId, { tag: 'udhr:21' });
		expect(view.commitments).toHaveLength(1);
		expect(view.tagsInUse).toEqual(['gwangju:3', 'sdg:11', 'sdg:11.1', 'sdg:16', 'sdg:16.7', 'udhr:21', 'udhr:25']);
	});
});
