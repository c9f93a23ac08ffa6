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
import { seedDemoCities, seedDemoDistricts } from './cities.seed.ts';
import * as districtsMigration from './migrations/20261207T1600-districts.ts';
import * as versionMigration from './migrations/20261208T1300-city-version.ts';

export type { CityTables, CityTable } from './cities.tables.ts';
export { getCity, listCitySummaries, type City, type CitySummary } from './cities.service.ts';
/** A city's districts (areas residents, processes and indicators refer to by code). */
export { listDistricts, type District } from './districts.service.ts';
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
	migrations: { '20261123T0910-cities': citiesMigration, '20261207T1600-districts': districtsMigration, '20261208T1300-city-version': versionMigration },
	errors: ERRORS,
	seedDemo: async (db) => {
		await seedDemoCities(db);
		await seedDemoDistricts(db);
	},
	matrix: () => import('./cities.matrix.ts')
};
export default manifest;
