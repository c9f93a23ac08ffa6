import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../testing/test-database.ts';
import { createCity, createPerson } from '../testing/factories.ts';
import { isDomainError } from '../errors.ts';
import type { Db } from '../db/database.ts';
import { nowIso } from '../db/ids.ts';
import { insertRole, type CityRole, type Actor, loadActor, listCityAudit, recordAudit } from '../accounts/index.ts';
import { getCity } from './cities.service.ts';
import {
	appointCityAdmin,
	createCity as createNetworkCity,
	getCityOverview,
	getEditableProfile,
	listAdminCities,
	listNetworkCities,
	mergeInstruments,
	openCityAdmin,
	readCityAudit,
	updateCityProfile
} from './city-admin.service.ts';
import type { CityProfile } from './cities.schema.ts';

const rejection = (code: string, rule?: string, field?: string) => (error: unknown) =>
	isDomainError(error) &&
	error.code === code &&
	(rule === undefined || error.details?.rule === rule || error.message === rule) &&
	(field === undefined || error.details?.field === field);

async function actorWith(db: Db, roles: { cityId: string; role: CityRole; department?: string }[], networkAdmin = false): Promise<Actor> {
	const person = await createPerson(db, { network_admin: networkAdmin ? 1 : 0 });
	for (const role of roles) {
		await insertRole(db, { city_id: role.cityId, person_id: person.id, role: role.role, department: role.department ?? null, granted_by: null, created_at: nowIso() });
	}
	return (await loadActor(db, person.id))!;
}

/** The profile form as a browser sends it. */
function form(overrides: Partial<Record<keyof CityProfile, string>> = {}): Record<keyof CityProfile, string | undefined> {
	return {
		displayName: 'York',
		year: '2017',
		process: 'formal',
		processConfirmed: 'on',
		instruments: 'York human rights city declaration',
		notes: 'Notes about York',
		evidence: '',
		latitude: '53.96',
		longitude: '-1.08',
		coordsChecked: undefined,
		...overrides
	};
}

describe('mergeInstruments', () => {
	const stored = [
		{ en: 'Declaration', es: 'Declaración' },
		{ en: 'Charter', fr: 'Charte' }
	];

	it('keeps every translation of an unchanged or moved instrument', () => {
		expect(mergeInstruments(stored, ['Charter', 'Declaration'], 'en')).toEqual([stored[1], stored[0]]);
	});

	it("keeps the other languages' texts of an instrument edited in place and adds new lines in the editor's language", () => {
		expect(mergeInstruments(stored, ['Declaración', 'Carta', 'Ordenanza'], 'es')).toEqual([stored[0], { en: 'Charter', fr: 'Charte', es: 'Carta' }, { es: 'Ordenanza' }]);
	});

	it('drops removed instruments', () => {
		expect(mergeInstruments(stored, ['Charter'], 'en')).toEqual([stored[1]]);
	});
});

describe.each(DIALECTS)('city administration on %s', (dialect) => {
	let database: TestDatabase;
	let db: Db;
	beforeEach(async () => {
		database = await createTestDatabase(dialect);
		db = database.db;
	});
	afterEach(async () => {
		await database.cleanup();
	});

	it("saves the profile, keeps the other languages' notes, and audits the changed fields in the same change", async () => {
		const york = await createCity(db, { name: 'York', notes: JSON.stringify({ en: 'Old notes', es: 'Notas' }), year: 2016 }, ['York human rights city declaration']);
		const admin = await actorWith(db, [{ cityId: york.id, role: 'city_admin' }]);
		const result = await updateCityProfile(db, admin, york.id, form({ displayName: 'City of York', notes: 'New notes', latitude: '53,96' }), { locale: 'en', ip: '203.0.113.9' });
		expect(result.changed).toEqual(expect.arrayContaining(['display_name', 'year', 'latitude', 'longitude', 'notes']));
		expect(result.changed).not.toContain('instruments');
		const city = await getCity(db, 'york');
		expect(city).toMatchObject({ displayName: 'City of York', year: 2017, latitude: 53.96, longitude: -1.08, notes: { en: 'New notes', es: 'Notas' } });
		const [entry] = await listCityAudit(db, york.id);
		expect(entry).toMatchObject({ action: 'city.profile_updated', target: york.id, actorEmail: admin.email });
		expect(entry!.details).toMatchObject({ locale: 'en', changes: { year: { from: 2016, to: 2017 } } });
		expect(entry!.details.fields).toEqual(result.changed);
	});

	it('refuses NUL and other control characters as a field error and stores nothing (PostgreSQL would refuse NUL with a stack trace)', async () => {
		const york = await createCity(db, { name: 'York', year: 2017, notes: JSON.stringify({ en: 'Notes about York' }) }, ['Declaration']);
		const admin = await actorWith(db, [{ cityId: york.id, role: 'city_admin' }]);
		const attempt = updateCityProfile(db, admin, york.id, form({ displayName: 'York\u0000', notes: 'bell\u0007', instruments: 'Declaration\u001b' }), { locale: 'en' });
		await expect(attempt).rejects.toSatisfy((error: unknown) => isDomainError(error, 'invalid_input') && JSON.stringify(error.details?.fields) === JSON.stringify({ displayName: 'control_character', instruments: 'control_character', notes: 'control_character' }));
		expect(await getCity(db, 'york')).toMatchObject({ displayName: 'York', notes: { en: 'Notes about York' } });
		expect(await listCityAudit(db, york.id)).toEqual([]);
	});

	it('writes nothing and no audit entry when nothing changed', async () => {
		const york = await createCity(db, { name: 'York', year: 2017, latitude: 53.96, longitude: -1.08, notes: JSON.stringify({ en: 'Notes about York' }) }, ['York human rights city declaration']);
		const admin = await actorWith(db, [{ cityId: york.id, role: 'city_admin' }]);
		expect(await updateCityProfile(db, admin, york.id, form(), { locale: 'en' })).toEqual({ changed: [] });
		expect(await listCityAudit(db, york.id)).toEqual([]);
	});

	it("edits notes and instruments in the editor's language only", async () => {
		const york = await createCity(db, { name: 'York', notes: JSON.stringify({ en: 'English notes' }) }, ['Declaration']);
		const admin = await actorWith(db, [{ cityId: york.id, role: 'city_admin' }]);
		const editable = await getEditableProfile(db, admin, york.id, 'sv');
		expect(editable).toMatchObject({ notes: '', otherNotes: [{ lang: 'en', text: 'English notes' }], instruments: ['Declaration'] });
		await updateCityProfile(db, admin, york.id, form({ notes: 'Svenska anteckningar', instruments: 'Declaration\n\nStadga' }), { locale: 'sv' });
		const city = await getCity(db, 'york');
		expect(city.notes).toEqual({ en: 'English notes', sv: 'Svenska anteckningar' });
		expect(city.instruments).toEqual([{ en: 'Declaration' }, { sv: 'Stadga' }]);
	});

	it.each([
		['year', { year: '1899' }, 'year_invalid'],
		['year', { year: 'soon' }, 'year_invalid'],
		['latitude', { latitude: '91' }, 'latitude_invalid'],
		['longitude', { longitude: '-180.5' }, 'longitude_invalid'],
		['latitude', { latitude: '' }, 'latitude_invalid'],
		['displayName', { displayName: '  ' }, 'display_name_required'],
		['notes', { notes: 'x'.repeat(4001) }, 'notes_too_long'],
		['instruments', { instruments: 'y'.repeat(301) }, 'instrument_too_long'],
		['process', { process: 'secret' }, 'process_invalid']
	] as const)('refuses a bad %s (%j) with %s and changes nothing', async (field, overrides, rule) => {
		const york = await createCity(db, { name: 'York', year: 2016 });
		const admin = await actorWith(db, [{ cityId: york.id, role: 'city_admin' }]);
		await expect(updateCityProfile(db, admin, york.id, form(overrides), { locale: 'en' })).rejects.toSatisfy(rejection('invalid_input', rule, field));
		expect((await getCity(db, 'york')).year).toBe(2016);
	});

	it('accepts an empty year as unknown', async () => {
		const york = await createCity(db, { name: 'York', year: 2016 });
		const admin = await actorWith(db, [{ cityId: york.id, role: 'city_admin' }]);
		await updateCityProfile(db, admin, york.id, form({ year: '' }), { locale: 'en' });
		expect((await getCity(db, 'york')).year).toBeNull();
	});

	it('refuses the admin of another city, an officer and a resident, and changes nothing', async () => {
		const york = await createCity(db, { name: 'York', year: 2016 });
		const graz = await createCity(db, { name: 'Graz', country_code: 'AT' });
		const others = [
			await actorWith(db, [{ cityId: graz.id, role: 'city_admin' }]),
			await actorWith(db, [{ cityId: york.id, role: 'officer' }]),
			await actorWith(db, [{ cityId: york.id, role: 'resident' }]),
			null
		];
		for (const actor of others) {
			await expect(updateCityProfile(db, actor, york.id, form(), { locale: 'en' })).rejects.toSatisfy(rejection('forbidden'));
			await expect(openCityAdmin(db, actor, 'york')).rejects.toSatisfy(rejection('forbidden'));
			await expect(readCityAudit(db, actor, york.id)).rejects.toSatisfy(rejection('forbidden'));
			await expect(getCityOverview(db, actor, york.id)).rejects.toSatisfy(rejection('forbidden'));
		}
		expect((await getCity(db, 'york')).year).toBe(2016);
		expect(await listCityAudit(db, york.id)).toEqual([]);
	});

	it('lets the network admin edit any city', async () => {
		const york = await createCity(db, { name: 'York' });
		const network = await actorWith(db, [], true);
		await updateCityProfile(db, network, york.id, form({ displayName: 'York (UK)' }), { locale: 'en' });
		expect((await getCity(db, 'york')).displayName).toBe('York (UK)');
	});

	it('lists the cities a person administers or serves as officer, and refuses someone with neither', async () => {
		const york = await createCity(db, { name: 'York' });
		const graz = await createCity(db, { name: 'Graz', country_code: 'AT' });
		const admin = await actorWith(db, [{ cityId: york.id, role: 'city_admin' }, { cityId: graz.id, role: 'officer', department: 'Housing' }]);
		expect(await listAdminCities(db, admin)).toEqual({
			administered: [expect.objectContaining({ slug: 'york' })],
			officerOf: [expect.objectContaining({ slug: 'graz', department: 'Housing' })],
			networkAdmin: false
		});
		const network = await listAdminCities(db, await actorWith(db, [], true));
		expect(network.administered.map((city) => city.slug)).toEqual(['graz', 'york']);
		await expect(listAdminCities(db, await actorWith(db, [{ cityId: york.id, role: 'resident' }]))).rejects.toSatisfy(rejection('forbidden'));
	});

	it("counts the city's people by role and shows its latest audit entries", async () => {
		const york = await createCity(db, { name: 'York' });
		const admin = await actorWith(db, [{ cityId: york.id, role: 'city_admin' }]);
		await actorWith(db, [{ cityId: york.id, role: 'officer' }, { cityId: york.id, role: 'resident' }]);
		await actorWith(db, [{ cityId: york.id, role: 'resident' }]);
		await updateCityProfile(db, admin, york.id, form({ displayName: 'York!' }), { locale: 'en' });
		const overview = await getCityOverview(db, admin, york.id);
		expect(overview).toMatchObject({ people: 3, roles: { city_admin: 1, officer: 1, resident: 2, cso: 0 }, censusSize: 0 });
		expect(overview.recentAudit.map((entry) => entry.action)).toEqual(['city.profile_updated']);
	});

	it('pages the audit log newest first, 50 entries at a time', async () => {
		const york = await createCity(db, { name: 'York' });
		const admin = await actorWith(db, [{ cityId: york.id, role: 'city_admin' }]);
		for (let n = 0; n < 55; n++) await recordAudit(db, { cityId: york.id, actorId: admin.personId, action: 'test.entry', details: { n } });
		const first = await readCityAudit(db, admin, york.id);
		expect(first.entries).toHaveLength(50);
		expect(first.older).toBe(first.entries[49]!.id);
		const second = await readCityAudit(db, admin, york.id, first.older);
		expect(second.entries).toHaveLength(5);
		expect(second.older).toBeUndefined();
		const ids = [...first.entries, ...second.entries].map((entry) => entry.id);
		expect(ids).toEqual([...ids].sort().reverse());
		expect(new Set([...first.entries, ...second.entries].map((entry) => entry.details.n)).size).toBe(55);
	});

	it('creates a city for the network admin, with the region of its country and an audit entry under the new city', async () => {
		const network = await actorWith(db, [], true);
		const created = await createNetworkCity(db, network, { name: 'Mérida', countryCode: 'mx', latitude: '20.97', longitude: '-89.62', year: '', process: 'formal' }, {});
		expect(created.slug).toBe('merida');
		const city = await getCity(db, 'merida');
		expect(city).toMatchObject({ id: created.id, region: 'americas', countryCode: 'MX', year: null });
		const [entry] = await listCityAudit(db, created.id);
		expect(entry).toMatchObject({ action: 'city.created', target: created.id, details: { slug: 'merida' } });
	});

	it('refuses a taken slug, a country without a region, and anyone but the network admin', async () => {
		const york = await createCity(db, { name: 'York' });
		const network = await actorWith(db, [], true);
		const input = { name: 'York', countryCode: 'GB', latitude: '53.9', longitude: '-1.1', year: '', process: 'formal' };
		await expect(createNetworkCity(db, network, input, {})).rejects.toSatisfy(rejection('conflict', 'slug_taken', 'slug'));
		await expect(createNetworkCity(db, network, { ...input, slug: 'new-york', countryCode: 'AQ' }, {})).rejects.toSatisfy(rejection('invalid_input', 'country_invalid', 'countryCode'));
		const admin = await actorWith(db, [{ cityId: york.id, role: 'city_admin' }]);
		await expect(createNetworkCity(db, admin, { ...input, slug: 'other' }, {})).rejects.toSatisfy(rejection('forbidden'));
		await expect(listNetworkCities(db, admin)).rejects.toSatisfy(rejection('forbidden'));
	});

	it('appoints a city admin by e-mail and lists the admins of every city', async () => {
		const york = await createCity(db, { name: 'York' });
		await createCity(db, { name: 'Graz', country_code: 'AT' });
		const network = await actorWith(db, [], true);
		const person = await createPerson(db, { email: 'clerk@example.org' });
		await appointCityAdmin(db, network, { city: 'york', email: 'clerk@example.org' }, {});
		const cities = await listNetworkCities(db, network);
		expect(cities.find((city) => city.id === york.id)!.admins).toEqual([{ personId: person.id, email: 'clerk@example.org', displayName: person.display_name }]);
		expect(cities.find((city) => city.slug === 'graz')!.admins).toEqual([]);
		await expect(appointCityAdmin(db, network, { city: 'atlantis', email: 'clerk@example.org' }, {})).rejects.toSatisfy(rejection('city_not_found', undefined, 'city'));
		await expect(appointCityAdmin(db, network, { city: 'york', email: 'nobody@example.org' }, {})).rejects.toSatisfy(rejection('person_not_found'));
		const admin = await actorWith(db, [{ cityId: york.id, role: 'city_admin' }]);
		await expect(appointCityAdmin(db, admin, { city: 'york', email: 'clerk@example.org' }, {})).rejects.toSatisfy(rejection('forbidden'));
	});
});
