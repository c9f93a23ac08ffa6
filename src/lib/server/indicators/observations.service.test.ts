import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../testing/test-database.ts';
import { createCity } from '../testing/factories.ts';
import { createTestIndicator, indicatorActor, recordSeries } from '../testing/indicator-factories.ts';
import { isDomainError } from '../errors.ts';
import { historyOf, verifyLedger } from '../ledger/index.ts';
import { deleteObservation, getObservation, listObservations, recordObservation, updateObservation } from './observations.service.ts';

async function rejectionOf(promise: Promise<unknown>): Promise<{ code: string; fields: unknown }> {
	const error = await promise.then(
		() => undefined,
		(caught: unknown) => caught
	);
	if (!isDomainError(error)) throw new Error(`expected a DomainError, got ${String(error)}`);
	return { code: error.code, fields: error.details?.fields };
}

describe.each(DIALECTS)('observations on %s', (dialect) => {
	let database: TestDatabase;
	beforeEach(async () => (database = await createTestDatabase(dialect)));
	afterEach(() => database.cleanup());

	async function setUp() {
		const { db } = database;
		const york = await createCity(db);
		const admin = await indicatorActor(db, york.id);
		const indicator = await createTestIndicator(db, admin, york.id, { code: 'hle', unit: 'years', dimensions: 'sex: female, male\nage: 0-17, 18-64, 65+' });
		return { db, york, admin, indicator };
	}

	it('records a value for a group under its canonical key, with a ledger entry', async () => {
		const { db, york, admin, indicator } = await setUp();
		const observation = await recordObservation(db, admin, york.id, 'hle', { period: ' 2023 ', group: { sex: 'female', age: '18-64' }, value: '62,68', status: 'provisional', source: 'ONS', note: '' });
		expect(observation).toMatchObject({ indicatorId: indicator.id, period: '2023', groupKey: 'age=18-64;sex=female', group: { age: '18-64', sex: 'female' }, value: 62.68, status: 'provisional', source: 'ONS', note: null });
		const total = await recordObservation(db, admin, york.id, 'hle', { period: '2023', group: { sex: '' }, value: 63.1 });
		expect(total).toMatchObject({ groupKey: '', status: 'final' });
		const [entry] = await historyOf(db, york.id, [observation.id]);
		expect(entry).toMatchObject({ entity_type: 'observation', action: 'create', entity_ref: 'hle 2023 age=18-64;sex=female' });
		expect(entry!.change).toMatchObject({ value: [null, 62.68], period: [null, '2023'], group: [null, 'age=18-64;sex=female'], indicator: [null, 'hle'] });
		expect((await listObservations(db, york.id, 'hle')).map((item) => item.groupKey)).toEqual(['', 'age=18-64;sex=female']);
	});

	it('rejects bad periods, values and groups, naming the field, and records nothing', async () => {
		const { db, york, admin } = await setUp();
		const attempt = (raw: Record<string, unknown>) => rejectionOf(recordObservation(db, admin, york.id, 'hle', { period: '2023', value: '1', ...raw }));
		expect(await attempt({ period: '2023-13' })).toEqual({ code: 'invalid_input', fields: { period: 'observation_period_invalid' } });
		expect(await attempt({ period: '1899' })).toEqual({ code: 'invalid_input', fields: { period: 'observation_period_invalid' } });
		expect(await attempt({ period: '2024-Q5' })).toEqual({ code: 'invalid_input', fields: { period: 'observation_period_invalid' } });
		expect(await attempt({ value: 'sixty' })).toEqual({ code: 'invalid_input', fields: { value: 'observation_value_invalid' } });
		expect(await attempt({ value: '' })).toEqual({ code: 'invalid_input', fields: { value: 'observation_value_required' } });
		expect(await attempt({ value: Number.POSITIVE_INFINITY })).toEqual({ code: 'invalid_input', fields: { value: 'observation_value_invalid' } });
		expect(await attempt({ group: { sex: 'other' } })).toEqual({ code: 'invalid_input', fields: { 'group.sex': 'observation_group_invalid' } });
		expect(await attempt({ group: { disability: 'yes' } })).toEqual({ code: 'invalid_input', fields: { group: 'observation_group_invalid' } });
		expect(await attempt({ status: 'draft' })).toEqual({ code: 'invalid_input', fields: { status: 'observation_status_invalid' } });
		expect(await listObservations(db, york.id, 'hle')).toEqual([]);
		expect((await rejectionOf(recordObservation(db, admin, york.id, 'nope', { period: '2023', value: 1 }))).code).toBe('indicator_not_found');
	});

	it('refuses a second observation with the same indicator, period and group', async () => {
		const { db, york, admin } = await setUp();
		await recordObservation(db, admin, york.id, 'hle', { period: '2023', group: { sex: 'male' }, value: 60 });
		expect(await rejectionOf(recordObservation(db, admin, york.id, 'hle', { period: '2023', group: { sex: 'male' }, value: 61 }))).toEqual({ code: 'invalid_input', fields: { period: 'observation_duplicate' } });
		await recordObservation(db, admin, york.id, 'hle', { period: '2024', group: { sex: 'male' }, value: 61 });
	});

	it('keeps values within the unit: yes/no is 0 or 1, counts are not negative, missing is allowed', async () => {
		const { db, york, admin } = await setUp();
		await createTestIndicator(db, admin, york.id, { code: 'law', type: 'structural', unit: 'yes_no', baselineValue: '0', targetValue: '1' });
		await createTestIndicator(db, admin, york.id, { code: 'evictions', unit: 'count', direction: 'lower_is_better', baselineValue: '', baselinePeriod: '', targetValue: '', targetPeriod: '' });
		expect(await rejectionOf(recordObservation(db, admin, york.id, 'law', { period: '2023', value: 2 }))).toEqual({ code: 'invalid_input', fields: { value: 'observation_value_out_of_range' } });
		expect(await rejectionOf(recordObservation(db, admin, york.id, 'evictions', { period: '2023', value: -1 }))).toEqual({ code: 'invalid_input', fields: { value: 'observation_value_out_of_range' } });
		expect((await recordObservation(db, admin, york.id, 'law', { period: '2023', value: 1 })).value).toBe(1);
		expect((await recordObservation(db, admin, york.id, 'evictions', { period: '2023', value: null })).value).toBeNull();
	});

	it('corrects and deletes observations, the ledger keeping every version', async () => {
		const { db, york, admin } = await setUp();
		const [first, second] = await recordSeries(db, admin, york.id, 'hle', [
			['2022', 61.2, { sex: 'female' }],
			['2023', 62.0, { sex: 'female' }]
		]);
		expect(await rejectionOf(updateObservation(db, admin, york.id, first!.id, { period: '2023', group: { sex: 'female' }, value: 1 }))).toEqual({ code: 'invalid_input', fields: { period: 'observation_duplicate' } });
		const corrected = await updateObservation(db, admin, york.id, first!.id, { period: '2022', group: { sex: 'female' }, value: 61.5, status: 'final', note: 'revised by ONS' });
		expect(corrected).toMatchObject({ value: 61.5, note: 'revised by ONS' });
		const unchanged = await updateObservation(db, admin, york.id, first!.id, { period: '2022', group: { sex: 'female' }, value: 61.5, note: 'revised by ONS' });
		expect(unchanged.updatedAt).toBe(corrected.updatedAt);
		await deleteObservation(db, admin, york.id, second!.id);
		expect((await rejectionOf(getObservation(db, york.id, second!.id))).code).toBe('observation_not_found');
		const firstHistory = await historyOf(db, york.id, [first!.id]);
		expect(firstHistory.map((entry) => entry.action)).toEqual(['create', 'update']);
		expect(firstHistory[1]!.change).toEqual({ value: [61.2, 61.5], note: [null, 'revised by ONS'] });
		const secondHistory = await historyOf(db, york.id, [second!.id]);
		expect(secondHistory.map((entry) => entry.action)).toEqual(['create', 'delete']);
		expect(secondHistory[1]!.change).toMatchObject({ value: [62, null], period: ['2023', null] });
		expect(await verifyLedger(db, york.id)).toMatchObject({ ok: true });
	});

	it('lets an officer of the city record data and refuses other cities, residents and anonymous visitors', async () => {
		const { db, york } = await setUp();
		const graz = await createCity(db);
		const officer = await indicatorActor(db, york.id, 'officer');
		const observation = await recordObservation(db, officer, york.id, 'hle', { period: '2023', value: 63 });
		const [entry] = await historyOf(db, york.id, [observation.id]);
		expect(entry!.actor_role).toBe('officer');
		for (const actor of [await indicatorActor(db, graz.id), await indicatorActor(db, graz.id, 'officer'), await indicatorActor(db, york.id, 'resident'), null]) {
			expect((await rejectionOf(recordObservation(db, actor, york.id, 'hle', { period: '2024', value: 1 }))).code).toBe('forbidden');
			expect((await rejectionOf(updateObservation(db, actor, york.id, observation.id, { period: '2023', value: 1 }))).code).toBe('forbidden');
			expect((await rejectionOf(deleteObservation(db, actor, york.id, observation.id))).code).toBe('forbidden');
		}
		// Another city's id never reaches this city's rows.
		const grazAdmin = await indicatorActor(db, graz.id);
		expect((await rejectionOf(updateObservation(db, grazAdmin, graz.id, observation.id, { period: '2023', value: 1 }))).code).toBe('observation_not_found');
		expect((await getObservation(db, york.id, observation.id)).value).toBe(63);
	});
});
