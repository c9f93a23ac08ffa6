/**
 * Test data factories: one place that knows how to make a valid row, so tests state only what
 * matters to them.
 *
 * @example const york = await createCity(db, { name: 'York', country_code: 'GB', year: 2017 });
 */
import type { Db } from '../db/database.ts';
import { nowIso, uuidv7 } from '../db/ids.ts';
import { insertCity, type CityTable, newCityRow } from '../cities/index.ts';
import { insertPerson, type PersonTable, hashPassword } from '../accounts/index.ts';

let counter = 0;

export async function createCity(db: Db, overrides: Partial<CityTable> = {}, instruments: string[] = []): Promise<CityTable> {
	counter += 1;
	const name = overrides.name ?? `Testville ${counter}`;
	const country = overrides.country_code ?? 'SE';
	const city: CityTable = {
		...newCityRow({
			name,
			countryCode: country,
			latitude: 59.33,
			longitude: 18.07,
			year: 2020,
			process: 'formal',
			processConfirmed: true,
			notes: { en: `Notes about ${name}` }
		}),
		...overrides
	};
	await insertCity(db, city, instruments.map((text) => JSON.stringify({ en: text })));
	return city;
}

/** A person with a password (hashing takes ~0.1 s, so pass one only when the test signs in). */
export async function createPerson(db: Db, overrides: Partial<PersonTable> = {}, password = 'test password 123'): Promise<PersonTable> {
	counter += 1;
	const now = nowIso();
	const person: PersonTable = {
		id: uuidv7(),
		email: `person${counter}@example.org`,
		display_name: `Person ${counter}`,
		password_hash: await hashPassword(password),
		preferred_locale: null,
		network_admin: 0,
		email_verified_at: now,
		created_at: now,
		updated_at: now,
		...overrides
	};
	await insertPerson(db, person);
	return person;
}
