/**
 * The cities module: the network's registry of human rights cities — profile, declaration facts,
 * the map and the directory — and the city administration area (profile, people, audit). Other
 * modules find a city through the queries exported here.
 */
// Modules that depend on nothing come first: accounts and cities use each other, and whichever
// is loaded first must find these constants already evaluated.
export { isSlug, slugify, SLUG_PATTERN, MAX_SLUG_LENGTH } from './slug.ts';
import { type ModuleManifest, tableTypes } from '../module.ts';
import type { CityTables } from './cities.tables.ts';
import * as citiesMigration from './migrations/20261123T0910-cities.ts';
import * as versionMigration from './migrations/20261208T1300-city-version.ts';
import { seedDemoCities } from './cities.seed.ts';

export type { CityTables, CityTable } from './cities.tables.ts';
export { getCity, type City, type CitySummary } from './cities.service.ts';
/** Queries other modules use to find a city (rows, not domain types: the callers need the id). */
export { findCityBySlug, findCitySlug, countCities, insertCity, listCityRegistry } from './cities.repository.ts';
/** What the render cache compares: a city's profile version, and a version of the whole registry. */
export { findCityVersion, registryVersion } from './cities.repository.ts';
export { newCityRow, type NewCityFacts } from './city-row.ts';
export { seedDemoCities };

const ERRORS = { city_not_found: 404 } as const;

const manifest: ModuleManifest<CityTables, keyof typeof ERRORS> = {
	name: 'cities',
	tables: tableTypes<CityTables>(),
	migrations: { '20261123T0910-cities': citiesMigration, '20261208T1300-city-version': versionMigration },
	errors: ERRORS,
	seedDemo: async (db) => {
		await seedDemoCities(db);
	}
};
export default manifest;
