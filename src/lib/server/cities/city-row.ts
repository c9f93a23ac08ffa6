/**
 * A complete new `city` row from the facts that matter, with the rest derived: id, slug from the
 * name, region from the country, timestamps. The demo seed, the network admin's "create a city"
 * and the test factory all make cities this way.
 *
 * @example newCityRow({ name: 'Lund', countryCode: 'SE', latitude: 55.7, longitude: 13.19, year: 2018, process: 'formal' })
 */
import { nowIso, uuidv7 } from '../db/ids.ts';
import { DomainError } from '../errors.ts';
import type { LocalizedText } from '../../i18n/localized-text.ts';
import type { CityTable } from './cities.tables.ts';
import { regionOf } from './regions.ts';
import { slugify } from './slug.ts';

export interface NewCityFacts {
	name: string;
	displayName?: string | undefined;
	slug?: string | undefined;
	countryCode: string;
	latitude: number;
	longitude: number;
	coordsChecked?: boolean;
	year: number | null;
	process: 'formal' | 'informal';
	processConfirmed?: boolean;
	notes?: LocalizedText;
	evidence?: string | null | undefined;
}

export function newCityRow(facts: NewCityFacts, now: string = nowIso()): CityTable {
	const region = regionOf(facts.countryCode);
	if (!region) throw new DomainError('invalid_input', 'country_invalid', { field: 'countryCode', country: facts.countryCode });
	return {
		id: uuidv7(),
		slug: facts.slug ?? slugify(facts.name),
		name: facts.name,
		display_name: facts.displayName ?? facts.name,
		country_code: facts.countryCode,
		region,
		latitude: facts.latitude,
		longitude: facts.longitude,
		coords_checked: facts.coordsChecked ? 1 : 0,
		year: facts.year,
		process: facts.process,
		process_confirmed: facts.processConfirmed ? 1 : 0,
		notes: JSON.stringify(facts.notes ?? {}),
		evidence: facts.evidence ?? null,
		time_zone: null,
		version: 1,
		created_at: now,
		updated_at: now
	};
}
