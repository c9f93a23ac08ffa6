import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../testing/test-database.ts';
import { createCity } from '../testing/factories.ts';
import { isDomainError } from '../errors.ts';
import { parseDirectoryQuery } from './cities.schema.ts';
import { browseDirectory, decodeCursor, getCity, getNetworkOverview, listCitiesInCountry } from './cities.service.ts';
import { seedDemo } from '../demo/seed-demo.ts';

const query = (params: Record<string, string> = {}) => parseDirectoryQuery(new URLSearchParams(params)).query;

describe.each(DIALECTS)('cities on %s', (dialect) => {
	let database: TestDatabase;
	beforeEach(async () => {
		database = await createTestDatabase(dialect);
	});
	afterEach(async () => {
		await database.cleanup();
	});

	it('seeds the 39 reference cities once and never over existing data', async () => {
		expect(await seedDemo(database.db)).toEqual({ seeded: true, cities: 39 });
		expect(await seedDemo(database.db)).toEqual({ seeded: false, cities: 0 });
		const overview = await getNetworkOverview(database.db);
		expect(overview.counts.cities).toBe(39);
		expect(overview.counts.earliest).toBe(1997);
		expect(overview.counts.formal + overview.counts.informal).toBe(39);
		const rosario = await getCity(database.db, 'rosario');
		expect(rosario).toMatchObject({ countryCode: 'AR', region: 'americas', year: 1997, process: 'formal' });
		expect(rosario.instruments[0]?.en).toContain('PDHRE');
		expect((await getCity(database.db, 'prince-georges-county')).countryCode).toBe('US');
	});

	it('throws city_not_found for an unknown slug', async () => {
		await expect(getCity(database.db, 'atlantis')).rejects.toSatisfy((error) => isDomainError(error, 'city_not_found'));
	});

	it('filters by country, region, process, year range and name', async () => {
		await createCity(database.db, { name: 'Lund', country_code: 'SE', year: 2018 });
		await createCity(database.db, { name: 'Pitea', country_code: 'SE', year: 2020, process: 'informal' });
		await createCity(database.db, { name: 'Graz', country_code: 'AT', year: 2001 });
		await createCity(database.db, { name: 'Rosario', country_code: 'AR', year: 1997 });
		await createCity(database.db, { name: 'Unknown Year', country_code: 'KR', year: null });

		const names = async (params: Record<string, string>) => (await browseDirectory(database.db, query(params))).cities.map((c) => c.name);
		expect(await names({ country: 'se' })).toEqual(['Lund', 'Pitea']);
		expect(await names({ region: 'europe' })).toEqual(['Graz', 'Lund', 'Pitea']);
		expect(await names({ process: 'informal' })).toEqual(['Pitea']);
		expect(await names({ from: '2000', to: '2019' })).toEqual(['Graz', 'Lund']);
		expect(await names({ q: 'ROS' })).toEqual(['Rosario']);
		expect(await names({ q: '100%_' })).toEqual([]);
		expect((await browseDirectory(database.db, query({ country: 'SE' }))).total).toBe(2);
	});

	it('sorts by year with unknown years last in both directions', async () => {
		await createCity(database.db, { name: 'A', year: 2010 });
		await createCity(database.db, { name: 'B', year: null });
		await createCity(database.db, { name: 'C', year: 1999 });
		const names = async (sort: string) => (await browseDirectory(database.db, query({ sort }))).cities.map((c) => c.name);
		expect(await names('year')).toEqual(['C', 'A', 'B']);
		expect(await names('-year')).toEqual(['A', 'C', 'B']);
		expect(await names('-name')).toEqual(['C', 'B', 'A']);
	});

	it('walks every page forwards and backwards with keyset cursors, without gaps or repeats', async () => {
		await seedDemo(database.db);
		for (const sort of ['name', '-year', 'country']) {
			const all = (await browseDirectory(database.db, query({ sort, limit: '100' }))).cities.map((c) => c.slug);
			expect(all).toHaveLength(39);
			const forward: string[] = [];
			const pages: { previous?: string; first: string }[] = [];
			let page = await browseDirectory(database.db, query({ sort, limit: '10' }));
			expect(page.previous).toBeUndefined();
			for (;;) {
				forward.push(...page.cities.map((c) => c.slug));
				pages.push({ previous: page.previous, first: page.cities[0]!.slug });
				if (!page.next) break;
				page = await browseDirectory(database.db, query({ sort, limit: '10', after: page.next }));
			}
			expect(forward).toEqual(all);
			expect(pages).toHaveLength(4);
			// Back from the last page: each previous page starts where it did going forwards.
			let back = page;
			for (let index = pages.length - 2; index >= 0; index--) {
				back = await browseDirectory(database.db, query({ sort, limit: '10', before: back.previous! }));
				expect(back.cities[0]!.slug).toBe(pages[index]!.first);
				expect(back.cities).toHaveLength(10);
			}
			expect(back.previous).toBeUndefined();
		}
	});

	it('lists the other cities of a country', async () => {
		const lund = await createCity(database.db, { name: 'Lund', country_code: 'SE' });
		await createCity(database.db, { name: 'Pitea', country_code: 'SE' });
		await createCity(database.db, { name: 'Graz', country_code: 'AT' });
		expect((await listCitiesInCountry(database.db, 'SE', lund.id)).map((c) => c.name)).toEqual(['Pitea']);
	});
});

describe('directory query parsing', () => {
	it('reports each bad field and keeps the good ones', () => {
		const { query: parsed, errors } = parseDirectoryQuery(new URLSearchParams({ country: 'Sweden', from: 'abc', region: 'europe', sort: 'random' }));
		expect(errors).toEqual({ country: 'country_invalid', from: 'year_invalid', sort: 'sort_invalid' });
		expect(parsed.region).toBe('europe');
		expect(parsed.sort).toBe('name');
	});

	it('rejects a reversed year range on the "to" field', () => {
		const { errors } = parseDirectoryQuery(new URLSearchParams({ from: '2010', to: '2000' }));
		expect(errors).toEqual({ to: 'year_range_reversed' });
	});

	it('refuses cursors it did not make', () => {
		expect(decodeCursor('not-a-cursor')).toBeUndefined();
		expect(decodeCursor(Buffer.from('[1,2]').toString('base64url'))).toBeUndefined();
		expect(decodeCursor(Buffer.from('["a","b","c"]').toString('base64url'))).toEqual(['a', 'b', 'c']);
	});
});
