import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../testing/test-database.ts';
import { createCity } from '../testing/factories.ts';
import { createLinkTargets, createTestIndicator, indicatorActor, indicatorForm, recordSeries } from '../testing/indicator-factories.ts';
import { isDomainError } from '../errors.ts';
import { historyOf } from '../ledger/index.ts';
import {
	adoptLibraryIndicator,
	createIndicator,
	deleteIndicator,
	getIndicator,
	linkIndicator,
	listIndicatorLinks,
	listIndicators,
	listIndicatorsOf,
	listLibrary,
	unlinkIndicator,
	updateIndicator
} from './indicators.service.ts';

/** A rejection predicate: the DomainError code and, for field errors, `{ field: rule }`. */
const rejection = (code: string, fields?: Record<string, string>) => (error: unknown) => {
	if (!isDomainError(error) || error.code !== code) return false;
	return fields === undefined || JSON.stringify(error.details?.fields) === JSON.stringify(fields);
};

async function expectRejection(promise: Promise<unknown>, code: string, fields?: Record<string, string>): Promise<void> {
	const error = await promise.then(
		() => undefined,
		(caught: unknown) => caught
	);
	expect(error, `expected ${code}`).toBeDefined();
	expect(rejection(code, fields)(error), String((error as Error).message)).toBe(true);
}

describe.each(DIALECTS)('indicator definitions on %s', (dialect) => {
	let database: TestDatabase;
	beforeEach(async () => (database = await createTestDatabase(dialect)));
	afterEach(() => database.cleanup());

	it('creates a definition from form strings and writes a ledger entry in the same transaction', async () => {
		const { db } = database;
		const york = await createCity(db);
		const admin = await indicatorActor(db, york.id);
		const indicator = await createTestIndicator(db, admin, york.id, {
			code: 'Health.HLE',
			title: 'Healthy life expectancy',
			unit: 'years',
			sdgTargets: ['sdg:3.4'],
			principles: 'gwangju:5, gwangju:2',
			dimensions: 'sex: female, male\nage: 0-17, 18-64, 65+',
			baselineValue: '63,6'
		});
		expect(indicator).toMatchObject({
			code: 'health.hle',
			libraryCode: null,
			title: { en: 'Healthy life expectancy' },
			unit: 'years',
			sdgTargets: ['sdg:3.4'],
			principles: ['gwangju:5', 'gwangju:2'],
			dimensions: { sex: ['female', 'male'], age: ['0-17', '18-64', '65+'] },
			baseline: { value: 63.6, period: '2019' },
			target: { value: 50, period: '2029' },
			version: 1
		});
		expect(await getIndicator(db, york.id, 'health.hle')).toEqual(indicator);
		const history = await historyOf(db, york.id, [indicator.id]);
		expect(history).toHaveLength(1);
		expect(history[0]).toMatchObject({ entity_type: 'indicator', entity_ref: 'health.hle', action: 'create', actor_role: 'city_admin' });
		expect(history[0]!.change.baseline).toEqual([null, { value: 63.6, period: '2019' }]);
	});

	it('names the field of each problem and changes nothing', async () => {
		const { db } = database;
		const york = await createCity(db);
		const admin = await indicatorActor(db, york.id);
		await createTestIndicator(db, admin, york.id, { code: 'taken' });
		const attempt = (overrides: Record<string, unknown>) => createIndicator(db, admin, york.id, indicatorForm(overrides), { locale: 'en' });
		await expectRejection(attempt({ code: 'taken' }), 'invalid_input', { code: 'indicator_code_taken' });
		await expectRejection(attempt({ code: 'has space' }), 'invalid_input', { code: 'indicator_code_invalid' });
		await expectRejection(attempt({ sdgTargets: 'sdg:1.9' }), 'invalid_input', { sdgTargets: 'indicator_sdg_invalid' });
		await expectRejection(attempt({ rightCode: 'udhr:31' }), 'invalid_input', { rightCode: 'indicator_right_invalid' });
		await expectRejection(attempt({ baselinePeriod: '2019-13' }), 'invalid_input', { baselinePeriod: 'indicator_period_invalid' });
		await expectRejection(attempt({ targetPeriod: '2018' }), 'invalid_input', { targetPeriod: 'indicator_target_before_baseline' });
		await expectRejection(attempt({ direction: 'target_band', bandLow: '5', bandHigh: '' }), 'invalid_input', { bandHigh: 'indicator_band_required' });
		await expectRejection(attempt({ dimensions: 'sex: female, female' }), 'invalid_input', { dimensions: 'indicator_dimensions_invalid' });
		await expectRejection(attempt({ title: '  ' }), 'invalid_input', { title: 'indicator_title_required' });
		expect((await listIndicators(db, york.id)).map((indicator) => indicator.code)).toEqual(['taken']);
	});

	it('refuses a stale version with conflict and keeps the other languages of the texts', async () => {
		const { db } = database;
		const york = await createCity(db);
		const admin = await indicatorActor(db, york.id);
		const created = await createTestIndicator(db, admin, york.id, { code: 'housing.ta', title: 'Households in temporary accommodation', dimensions: 'household: with-children, without-children' });
		const form = indicatorForm({ code: undefined, title: 'Hogares en alojamiento temporal', dimensions: 'household: with-children, without-children', version: '1' });
		const updated = await updateIndicator(db, admin, york.id, 'housing.ta', form, { locale: 'es' });
		expect(updated.version).toBe(2);
		expect(updated.title).toEqual({ en: 'Households in temporary accommodation', es: 'Hogares en alojamiento temporal' });
		await expectRejection(updateIndicator(db, admin, york.id, 'housing.ta', form, { locale: 'es' }), 'conflict');
		const history = await historyOf(db, york.id, [created.id]);
		expect(history.map((entry) => entry.action)).toEqual(['create', 'update']);
		expect(history[1]!.change).toEqual({ title: [{ en: 'Households in temporary accommodation' }, { en: 'Households in temporary accommodation', es: 'Hogares en alojamiento temporal' }] });
	});

	it('refuses to remove a dimension value that observations use', async () => {
		const { db } = database;
		const york = await createCity(db);
		const admin = await indicatorActor(db, york.id);
		await createTestIndicator(db, admin, york.id, { code: 'by-sex', dimensions: 'sex: female, male' });
		await recordSeries(db, admin, york.id, 'by-sex', [['2023', 40, { sex: 'male' }]]);
		const form = indicatorForm({ code: undefined, dimensions: 'sex: female', version: 1 });
		await expectRejection(updateIndicator(db, admin, york.id, 'by-sex', form, { locale: 'en' }), 'invalid_input', { dimensions: 'indicator_dimension_in_use' });
		expect((await getIndicator(db, york.id, 'by-sex')).dimensions).toEqual({ sex: ['female', 'male'] });
	});

	it('deletes softly: gone from lists, code still taken, recorded in the ledger', async () => {
		const { db } = database;
		const york = await createCity(db);
		const admin = await indicatorActor(db, york.id);
		const indicator = await createTestIndicator(db, admin, york.id, { code: 'gone' });
		await expectRejection(deleteIndicator(db, admin, york.id, 'gone', { version: 7 }), 'conflict');
		await deleteIndicator(db, admin, york.id, 'gone', { version: 1 });
		await expectRejection(getIndicator(db, york.id, 'gone'), 'indicator_not_found');
		expect(await listIndicators(db, york.id)).toEqual([]);
		await expectRejection(createTestIndicator(db, admin, york.id, { code: 'gone' }), 'invalid_input', { code: 'indicator_code_taken' });
		expect((await historyOf(db, york.id, [indicator.id])).map((entry) => entry.action)).toEqual(['create', 'delete']);
	});

	it('adopts a library indicator in one click, refuses a second adoption and restores a deleted one', async () => {
		const { db } = database;
		const york = await createCity(db);
		const admin = await indicatorActor(db, york.id);
		const library = await listLibrary(db, york.id);
		expect(library.length).toBeGreaterThanOrEqual(25);
		expect(library.every((entry) => !entry.adopted)).toBe(true);
		const adopted = await adoptLibraryIndicator(db, admin, york.id, 'housing.temporary-accommodation');
		const entry = library.find((item) => item.code === 'housing.temporary-accommodation')!;
		expect(adopted).toMatchObject({ code: entry.code, libraryCode: entry.code, title: entry.title, type: entry.type, unit: entry.unit, dimensions: entry.dimensions, baseline: null, target: null });
		expect((await listLibrary(db, york.id)).find((item) => item.code === entry.code)!.adopted).toBe(true);
		await expectRejection(adoptLibraryIndicator(db, admin, york.id, entry.code), 'invalid_input', { libraryCode: 'indicator_already_adopted' });
		await deleteIndicator(db, admin, york.id, entry.code);
		const restored = await adoptLibraryIndicator(db, admin, york.id, entry.code);
		expect(restored.id).toBe(adopted.id);
		expect((await historyOf(db, york.id, [adopted.id])).map((item) => item.action)).toEqual(['create', 'delete', 'update']);
	});

	it('lists indicators with scores, filtered by right, type and status', async () => {
		const { db } = database;
		const york = await createCity(db);
		const admin = await indicatorActor(db, york.id);
		await createTestIndicator(db, admin, york.id, { code: 'a.on-track', rightCode: 'udhr:25' });
		await createTestIndicator(db, admin, york.id, { code: 'b.no-data', rightCode: 'udhr:23', type: 'process' });
		await createTestIndicator(db, admin, york.id, { code: 'c.no-target', rightCode: 'udhr:25', targetValue: '', targetPeriod: '' });
		await recordSeries(db, admin, york.id, 'a.on-track', [['2019', 40], ['2024', 46]]);
		const all = await listIndicators(db, york.id);
		expect(all.map((indicator) => [indicator.code, indicator.score.status, indicator.score.score])).toEqual([
			['a.on-track', 'on_track', 60],
			['b.no-data', 'no_data', null],
			['c.no-target', 'no_target', null]
		]);
		expect((await listIndicators(db, york.id, { rightCode: 'udhr:25' })).map((indicator) => indicator.code)).toEqual(['a.on-track', 'c.no-target']);
		expect((await listIndicators(db, york.id, { type: 'process' })).map((indicator) => indicator.code)).toEqual(['b.no-data']);
		expect((await listIndicators(db, york.id, { status: 'on_track' })).map((indicator) => indicator.code)).toEqual(['a.on-track']);
	});

	it('links indicators to commitments and actions of the same city only', async () => {
		const { db } = database;
		const york = await createCity(db);
		const graz = await createCity(db);
		const admin = await indicatorActor(db, york.id);
		const indicator = await createTestIndicator(db, admin, york.id, { code: 'linked' });
		const ours = await createLinkTargets(db, york.id);
		const theirs = await createLinkTargets(db, graz.id);
		expect(await linkIndicator(db, admin, york.id, 'linked', 'commitment', ours.commitmentId)).toBe(true);
		expect(await linkIndicator(db, admin, york.id, 'linked', 'commitment', ours.commitmentId)).toBe(false);
		expect(await linkIndicator(db, admin, york.id, 'linked', 'action', ours.actionId)).toBe(true);
		await expectRejection(linkIndicator(db, admin, york.id, 'linked', 'commitment', theirs.commitmentId), 'invalid_input', { targetId: 'indicator_link_target_not_found' });
		const links = await listIndicatorLinks(db, york.id, 'linked');
		expect(links.map((link) => link.targetType).sort()).toEqual(['action', 'commitment']);
		expect((await listIndicatorsOf(db, york.id, 'commitment', ours.commitmentId)).map((item) => item.code)).toEqual(['linked']);
		expect(await unlinkIndicator(db, admin, york.id, 'linked', 'action', ours.actionId)).toBe(true);
		expect(await listIndicatorsOf(db, york.id, 'action', ours.actionId)).toEqual([]);
		const changes = (await historyOf(db, york.id, [indicator.id])).map((entry) => entry.change.link);
		expect(changes.slice(1)).toEqual([
			[null, expect.stringMatching(/^commitment:C-/)],
			[null, expect.stringMatching(/^action:A-/)],
			[expect.stringMatching(/^action:A-/), null]
		]);
	});

	it('refuses the admin of another city, an officer and anonymous visitors', async () => {
		const { db } = database;
		const york = await createCity(db);
		const graz = await createCity(db);
		const admin = await indicatorActor(db, york.id);
		await createTestIndicator(db, admin, york.id, { code: 'mine' });
		const grazAdmin = await indicatorActor(db, graz.id);
		const officer = await indicatorActor(db, york.id, 'officer');
		for (const actor of [grazAdmin, officer, null]) {
			await expectRejection(createIndicator(db, actor, york.id, indicatorForm(), { locale: 'en' }), 'forbidden');
			await expectRejection(updateIndicator(db, actor, york.id, 'mine', indicatorForm({ version: 1 }), { locale: 'en' }), 'forbidden');
			await expectRejection(deleteIndicator(db, actor, york.id, 'mine'), 'forbidden');
			await expectRejection(adoptLibraryIndicator(db, actor, york.id, 'work.gender-pay-gap'), 'forbidden');
		}
		const networkAdmin = await indicatorActor(db, null);
		expect((await adoptLibraryIndicator(db, networkAdmin, york.id, 'work.gender-pay-gap')).code).toBe('work.gender-pay-gap');
		expect((await listIndicators(db, york.id)).map((indicator) => indicator.code)).toEqual(['mine', 'work.gender-pay-gap']);
	});
});
