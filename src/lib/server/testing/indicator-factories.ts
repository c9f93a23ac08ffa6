/**
 * Test data for the indicators module: staff actors with a real role row, a valid indicator
 * definition made through the service, series of observations, and a commitment and an action
 * to link to (written as bare rows, so indicator tests do not depend on the commitments services).
 *
 * @example
 *   const admin = await indicatorActor(db, city.id, 'city_admin');
 *   const indicator = await createTestIndicator(db, admin, city.id, { code: 'health.hle', dimensions: 'sex: female, male' });
 *   await recordSeries(db, admin, city.id, indicator.code, [['2022', 63], ['2023', 62, { sex: 'female' }]]);
 */
import type { Db } from '../db/database.ts';
import { nowIso, uuidv7 } from '../db/ids.ts';
import { type Actor, type CityRole, insertRole, loadActor } from '../accounts/index.ts';
import { createPerson } from './factories.ts';
import { createIndicator, recordObservation, type Indicator, type Observation } from '../indicators/index.ts';

/** A person holding `role` in the city (or, with `null`, the network admin without city roles). */
export async function indicatorActor(db: Db, cityId: string | null, role: CityRole = 'city_admin'): Promise<Actor> {
	const person = await createPerson(db, { network_admin: cityId === null ? 1 : 0 }, 'x');
	if (cityId !== null) await insertRole(db, { city_id: cityId, person_id: person.id, role, department: null, granted_by: null, created_at: nowIso() });
	return (await loadActor(db, person.id))!;
}

let counter = 0;

/** The definition form as a browser sends it (strings), with sensible defaults. */
export function indicatorForm(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	counter += 1;
	return {
		code: `test.indicator-${counter}`,
		title: `Test indicator ${counter}`,
		description: '',
		methodology: '',
		type: 'outcome',
		rightCode: 'udhr:25',
		attribute: '',
		sdgTargets: '',
		principles: '',
		unit: 'percent',
		currency: '',
		direction: 'higher_is_better',
		bandLow: '',
		bandHigh: '',
		dimensions: '',
		baselineValue: '40',
		baselinePeriod: '2019',
		targetValue: '50',
		targetPeriod: '2029',
		source: '',
		...overrides
	};
}

export async function createTestIndicator(db: Db, actor: Actor, cityId: string, overrides: Record<string, unknown> = {}): Promise<Indicator> {
	return createIndicator(db, actor, cityId, indicatorForm(overrides), { locale: 'en' });
}

/** Records `[period, value, group?]` observations one by one through the service. */
export async function recordSeries(
	db: Db,
	actor: Actor,
	cityId: string,
	code: string,
	points: [string, number | null, Record<string, string>?][]
): Promise<Observation[]> {
	const recorded: Observation[] = [];
	for (const [period, value, group] of points) recorded.push(await recordObservation(db, actor, cityId, code, { period, value, group: group ?? {} }));
	return recorded;
}

/** A commitment and an action (in a plan) of the city, as bare rows. */
export async function createLinkTargets(db: Db, cityId: string): Promise<{ commitmentId: string; actionId: string }> {
	counter += 1;
	const now = nowIso();
	const stamps = { version: 1, created_at: now, updated_at: now, deleted_at: null };
	const planId = uuidv7();
	const commitmentId = uuidv7();
	const actionId = uuidv7();
	await db
		.insertInto('action_plan')
		.values({ city_id: cityId, id: planId, ref: `P-${counter}`, declaration_id: null, title: '{"en":"Plan"}', period_start: 2025, period_end: 2028, rollup: 'weighted', ...stamps })
		.execute();
	await db
		.insertInto('commitment')
		.values({ city_id: cityId, id: commitmentId, ref: `C-${counter}`, declaration_id: null, plan_id: planId, title: '{"en":"Adequate housing"}', description: '{}', duty: null, groups: '[]', position: 0, ...stamps })
		.execute();
	await db
		.insertInto('action')
		.values({
			city_id: cityId,
			id: actionId,
			ref: `A-2026-${String(counter).padStart(3, '0')}`,
			plan_id: planId,
			commitment_id: commitmentId,
			parent_id: null,
			title: '{"en":"Housing advice desk"}',
			description: '{}',
			lead_officer_id: null,
			budget_amount: null,
			budget_currency: null,
			start_date: null,
			due_date: null,
			status: 'planned',
			status_reason: '{}',
			progress: 0,
			weight: 1,
			position: 0,
			...stamps
		})
		.execute();
	return { commitmentId, actionId };
}
