// The public city pages find their city once, in the layout; files find it with the same helper.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '#lib/server/testing/test-database.ts';
import { createCity } from '#lib/server/testing/factories.ts';
import { load } from './+layout.server.ts';
import { cityOf } from './city.server.ts';

describe('the city of a public city page', () => {
	let database: TestDatabase;
	beforeEach(async () => (database = await createTestDatabase('sqlite')));
	afterEach(() => database.cleanup());

	it('is found by the slug in the address, once for the page and what it shows', async () => {
		const york = await createCity(database.db, { name: 'York', slug: 'york' });
		const data = await load({ locals: { db: database.db }, params: { slug: 'york' } } as never);
		expect(data).toMatchObject({ city: { id: york.id, slug: 'york', displayName: 'York' } });
	});

	it('is the 404 page for a slug no city has, for pages and files alike', async () => {
		await createCity(database.db, { name: 'York', slug: 'york' });
		await expect(load({ locals: { db: database.db }, params: { slug: 'atlantis' } } as never)).rejects.toMatchObject({ status: 404, body: { code: 'city_not_found' } });
		await expect(cityOf({ locals: { db: database.db }, params: { slug: 'atlantis' } })).rejects.toMatchObject({ status: 404, body: { code: 'city_not_found' } });
	});
});
