/**
 * Test data for the commitments module: staff actors (a real person with a real role row, so
 * lead-officer checks and author links hold) and a small plan to work on.
 *
 * @example
 *   const admin = await staffActor(db, city.id, 'city_admin');
 *   const officer = await staffActor(db, city.id, 'officer', 'housing');
 *   const world = await smallPlan(db, admin, city.id);
 */
import type { Db } from '../db/database.ts';
import { nowIso } from '../db/ids.ts';
import { type Actor, type CityRole, insertRole, loadActor } from '../accounts/index.ts';
import { createCity, createPerson } from './factories.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';
import type { Dialect } from '../db/database.ts';
import { createDepartment, createCommitment, createPlan, createAction, type Action, type ActionInput, type ActionPlan, type Commitment, type Department } from '../commitments/index.ts';

export async function staffActor(db: Db, cityId: string, role: CityRole, department: string | null = null): Promise<Actor> {
	const person = await createPerson(db, {}, 'x');
	await insertRole(db, { city_id: cityId, person_id: person.id, role, department, granted_by: null, created_at: nowIso() });
	return (await loadActor(db, person.id))!;
}

export async function networkAdminActor(db: Db): Promise<Actor> {
	const person = await createPerson(db, { network_admin: 1 }, 'x');
	return (await loadActor(db, person.id))!;
}

export interface SmallPlan {
	plan: ActionPlan;
	housing: Department;
	equality: Department;
	commitment: Commitment;
	/** A parent action (housing) with two children (housing; housing + equality). */
	parent: Action;
	children: [Action, Action];
}

export async function smallPlan(db: Db, admin: Actor, cityId: string): Promise<SmallPlan> {
	const plan = await createPlan(db, admin, cityId, { title: { en: 'Plan 2025–2028' }, periodStart: 2025, periodEnd: 2028 });
	const housing = await createDepartment(db, admin, cityId, { code: 'housing', name: { en: 'Housing', es: 'Vivienda' } });
	const equality = await createDepartment(db, admin, cityId, { code: 'equality', name: { en: 'Equality' } });
	const commitment = await createCommitment(db, admin, cityId, { planId: plan.id, title: { en: 'Adequate housing' }, tags: ['udhr:25', 'sdg:11.1'], duty: 'duty:fulfil', groups: ['homeless_persons'] });
	const parent = await createAction(db, admin, cityId, { planId: plan.id, commitmentId: commitment.id, title: { en: 'Housing advice' }, departmentIds: [housing.id], startDate: '2025-01-01', dueDate: '2027-12-31' });
	const first = await createAction(db, admin, cityId, { planId: plan.id, commitmentId: commitment.id, parentId: parent.id, title: { en: 'Open a desk' }, departmentIds: [housing.id], weight: 3 });
	const second = await createAction(db, admin, cityId, { planId: plan.id, commitmentId: commitment.id, parentId: parent.id, title: { en: 'Train staff' }, departmentIds: [housing.id, equality.id] });
	return { plan, housing, equality, commitment, parent, children: [first, second] };
}

/** A new database with one city and its admin: the start of most commitments tests. */
export interface CityWithAdmin {
	database: TestDatabase;
	cityId: string;
	admin: Actor;
}

export async function cityWithAdmin(dialect: Dialect): Promise<CityWithAdmin> {
	const database = await createTestDatabase(dialect);
	const cityId = (await createCity(database.db)).id;
	return { database, cityId, admin: await staffActor(database.db, cityId, 'city_admin') };
}

/** The same with a small plan (a parent action and two children) made by the admin. */
export async function cityWithSmallPlan(dialect: Dialect): Promise<CityWithAdmin & { world: SmallPlan }> {
	const start = await cityWithAdmin(dialect);
	return { ...start, world: await smallPlan(start.database.db, start.admin, start.cityId) };
}

/** An action's edit-form values, as the admin page sends them back, with `changes` applied. */
export function actionInputOf(action: Action, changes: Partial<ActionInput> = {}): ActionInput {
	return {
		planId: action.planId,
		commitmentId: action.commitmentId,
		parentId: action.parentId,
		title: action.title as Record<string, string>,
		description: action.description as Record<string, string>,
		departmentIds: action.departmentIds,
		leadOfficerId: action.leadOfficerId,
		budgetAmount: action.budgetAmount,
		budgetCurrency: action.budgetCurrency,
		startDate: action.startDate,
		dueDate: action.dueDate,
		status: action.status,
		statusReason: action.statusReason as Record<string, string>,
		progress: action.progress,
		weight: action.weight,
		...changes
	};
}
