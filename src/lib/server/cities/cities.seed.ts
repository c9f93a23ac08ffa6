/**
 * Demo data of the registry: every city of the project's reference list of human rights cities,
 * with country, coordinates, year, process, instruments and notes.
 */
import type { Db } from '../db/database.ts';
import { nowIso, uuidv7 } from '../db/ids.ts';
import reference from './data/human-rights-cities.json' with { type: 'json' };
import { insertCity } from './cities.repository.ts';
import { regionOf } from './regions.ts';
import { slugify } from './slug.ts';

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
		const region = regionOf(city.iso2);
		if (!region) throw new Error(`The demo city ${city.name} has a country code without a region: ${city.iso2}`);
		await insertCity(
			db,
			{
				id: uuidv7(),
				slug: slugify(city.name),
				name: city.name,
				display_name: city.display_name ?? city.name,
				country_code: city.iso2,
				region,
				latitude: city.lat,
				longitude: city.lon,
				coords_checked: city.coords_checked ? 1 : 0,
				year: city.year,
				process: city.process,
				process_confirmed: city.process_confirmed ? 1 : 0,
				notes: JSON.stringify({ en: city.notes }),
				evidence: city.evidence ?? null,
				time_zone: null,
				created_at: now,
				updated_at: now
			},
			city.instruments.map((text) => JSON.stringify({ en: text }))
		);
	}
	return cities.length;
}
