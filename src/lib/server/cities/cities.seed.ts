/**
 * Demo data of the registry: every city of the project's reference list of human rights cities,
 * with country, coordinates, year, process, instruments and notes.
 */
import type { Db } from '../db/database.ts';
import { nowIso } from '../db/ids.ts';
import reference from './data/human-rights-cities.json' with { type: 'json' };
import districts from './data/demo-districts.json' with { type: 'json' };
import { findCityBySlug, insertCity, replaceDistricts } from './cities.repository.ts';
import { newCityRow } from './city-row.ts';

interface ReferenceCity {
	name: string;
	display_name?: string;
	country: string;
	iso2: string;
	lat: number;
	lon: number;
	coords_checked: boolean;
	year: number | null;
	process: 'formal' | 'informal';
	process_confirmed: boolean;
	instruments: string[];
	notes: string;
	evidence?: string;
}

export async function seedDemoCities(db: Db): Promise<number> {
	const cities = reference.items as ReferenceCity[];
	const now = nowIso();
	for (const city of cities) {
		const row = newCityRow(
			{
				name: city.name,
				displayName: city.display_name,
				countryCode: city.iso2,
				latitude: city.lat,
				longitude: city.lon,
				coordsChecked: city.coords_checked,
				year: city.year,
				process: city.process,
				processConfirmed: city.process_confirmed,
				notes: { en: city.notes },
				evidence: city.evidence
			},
			now
		);
		await insertCity(db, row, city.instruments.map((text) => JSON.stringify({ en: text })));
	}
	return cities.length;
}

/** The districts of the demo cities that have a list (Gwangju's gu, York's wards). */
export async function seedDemoDistricts(db: Db): Promise<void> {
	for (const [slug, list] of Object.entries(districts.cities)) {
		const city = await findCityBySlug(db, slug);
		if (city) await replaceDistricts(db, city.id, list.map(([code, name]) => ({ code: code as string, name: JSON.stringify(name) })));
	}
}
