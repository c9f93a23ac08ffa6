/**
 * Test data for the action-plan CSV: a plan with every kind of content the file carries
 * (texts in several languages and awkward characters, a declaration's commitment, parent and
 * child actions, several departments, a lead officer, budgets, every status with its reason,
 * milestones), and the plan's shape without ids and refs, to compare two plans.
 *
 * @example
 *   const rich = await richPlan(db, admin, cityId, officer);
 *   expect(await planShape(db, cityId, copy.id)).toEqual(await planShape(db, cityId, rich.plan.id));
 */
import type { Db } from '../db/database.ts';
import type { Actor } from '../accounts/index.ts';
import { createDeclaration, createDepartment, listDepartments, createCommitment, createPlan, listCommitments, addMilestone, createAction, listActions, listMilestones, type ActionPlan } from '../commitments/index.ts';

export interface RichPlan {
	plan: ActionPlan;
	/** A commitment of the declaration (no plan) that one action serves. */
	declarationCommitmentRef: string;
}

/** Departments `housing`, `equality`, `participation` unless the city has them already. */
export async function ensureDepartments(db: Db, admin: Actor, cityId: string): Promise<void> {
	const have = new Set((await listDepartments(db, cityId)).map((department) => department.code));
	const wanted: [string, Record<string, string>][] = [
		['housing', { en: 'Housing', es: 'Vivienda', ko: '주거' }],
		['equality', { en: 'Equality and inclusion' }],
		['participation', { en: 'Participation', sv: 'Delaktighet' }]
	];
	for (const [code, name] of wanted) if (!have.has(code)) await createDepartment(db, admin, cityId, { code, name });
}

export async function richPlan(db: Db, admin: Actor, cityId: string, leadOfficer: Actor): Promise<RichPlan> {
	await ensureDepartments(db, admin, cityId);
	const departments = new Map((await listDepartments(db, cityId)).map((department) => [department.code, department.id]));
	const declaration = await createDeclaration(db, admin, cityId, { title: { en: 'Declaration' }, adoptedBy: 'council_decision', process: 'formal' });
	const outside = await createCommitment(db, admin, cityId, { declarationId: declaration.id, title: { en: 'Dignity for all' }, tags: ['udhr:1'] });
	const plan = await createPlan(db, admin, cityId, { title: { en: 'Plan 2025–2028' }, periodStart: 2025, periodEnd: 2028 });
	const housing = await createCommitment(db, admin, cityId, {
		planId: plan.id,
		title: { en: 'Adequate housing, for "everyone"', es: 'Vivienda adecuada', ko: '적절한 주거' },
		description: { en: 'Line one\nline two, with a comma', ar: 'سكن لائق' },
		duty: 'duty:fulfil',
		groups: ['homeless_persons', 'low_income'],
		tags: ['udhr:25', 'sdg:11.1', 'gwangju:3']
	});
	const equality = await createCommitment(db, admin, cityId, { planId: plan.id, title: { en: '=Equal treatment (not a formula)' }, duty: 'duty:protect', groups: ['women', 'lgbtqi'], tags: ['udhr:2', 'udhr:7', 'sdg:10.3', 'sdg:5.1'] });
	await createCommitment(db, admin, cityId, { planId: plan.id, title: { en: 'A commitment with no actions yet' } });
	const common = { planId: plan.id };
	const advice = await createAction(db, admin, cityId, {
		...common,
		commitmentId: housing.id,
		title: { en: 'Housing advice', es: 'Asesoría de vivienda' },
		description: { en: 'Free advice, in 12 languages' },
		departmentIds: [departments.get('housing')!, departments.get('participation')!],
		leadOfficerId: leadOfficer.personId,
		budgetAmount: 250000.5,
		budgetCurrency: 'EUR',
		startDate: '2025-01-01',
		dueDate: '2027-12-31',
		status: 'in_progress',
		progress: 40,
		weight: 2
	});
	const desk = await createAction(db, admin, cityId, { ...common, commitmentId: housing.id, parentId: advice.id, title: { en: 'Open a desk' }, departmentIds: [departments.get('housing')!], status: 'completed', progress: 100, weight: 3, dueDate: '2025-06-30' });
	await createAction(db, admin, cityId, { ...common, commitmentId: housing.id, parentId: desk.id, title: { en: 'Hire two advisers' }, status: 'delayed', statusReason: { en: 'Hiring freeze', es: 'Congelación de contrataciones' }, progress: 10 });
	await createAction(db, admin, cityId, { ...common, commitmentId: housing.id, parentId: advice.id, title: { en: 'Leaflets' }, status: 'cancelled', statusReason: { en: 'Replaced by the website' }, weight: 0 });
	const training = await createAction(db, admin, cityId, { ...common, commitmentId: equality.id, title: { en: '+Train staff' }, departmentIds: [departments.get('equality')!, departments.get('housing')!], budgetAmount: 12000, budgetCurrency: 'gbp', startDate: '2026-02-01', dueDate: '2026-02-01' });
	await createAction(db, admin, cityId, { ...common, commitmentId: outside.id, title: { en: 'Publish the declaration in easy read' } });
	await createAction(db, admin, cityId, { ...common, title: { en: 'An action outside any commitment' }, progress: 5 });
	await addMilestone(db, admin, cityId, advice.id, { title: { en: 'Desk in district 1', ko: '1구 창구' }, dueDate: '2025-06-30', doneOn: '2025-06-20' });
	await addMilestone(db, admin, cityId, advice.id, { title: { en: 'Desk in district 2' }, dueDate: '2026-03-31' });
	await addMilestone(db, admin, cityId, training.id, { title: { en: 'First course' }, dueDate: '2026-02-01' });
	return { plan, declarationCommitmentRef: outside.ref };
}

/** The plan without ids and refs: links as positions in the plan (or the ref of something outside it). */
export async function planShape(db: Db, cityId: string, planId: string) {
	const [commitments, actions, departments] = await Promise.all([listCommitments(db, cityId, { planId }), listActions(db, cityId, { planId }), listDepartments(db, cityId)]);
	const allCommitments = await listCommitments(db, cityId);
	const code = new Map(departments.map((department) => [department.id, department.code]));
	const commitmentIndex = new Map(commitments.map((commitment, index) => [commitment.id, index]));
	const actionIndex = new Map(actions.map((action, index) => [action.id, index]));
	return {
		commitments: commitments.map((commitment) => ({
			title: commitment.title,
			description: commitment.description,
			duty: commitment.duty,
			groups: commitment.groups,
			tags: [...commitment.tags].sort(),
			impliedTags: [...commitment.impliedTags].sort()
		})),
		actions: await Promise.all(
			actions.map(async (action) => ({
				parent: action.parentId ? actionIndex.get(action.parentId) : null,
				commitment: action.commitmentId ? (commitmentIndex.get(action.commitmentId) ?? allCommitments.find((item) => item.id === action.commitmentId)?.ref) : null,
				title: action.title,
				description: action.description,
				departments: action.departmentIds.map((id) => code.get(id)),
				leadOfficerId: action.leadOfficerId,
				budgetAmount: action.budgetAmount,
				budgetCurrency: action.budgetCurrency,
				startDate: action.startDate,
				dueDate: action.dueDate,
				status: action.status,
				statusReason: action.statusReason,
				progress: action.progress,
				weight: action.weight,
				milestones: (await listMilestones(db, cityId, action.id)).map((milestone) => ({ title: milestone.title, dueDate: milestone.dueDate, doneOn: milestone.doneOn }))
			}))
		)
	};
}
