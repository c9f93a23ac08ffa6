/**
 * The network registry: cities (network-level rows, shared by all) and their adopted instruments.
 * Translatable text is stored as JSON `{ "<locale>": "text" }` (see i18n/localized-text.ts).
 */
import type { Selectable } from 'kysely';

export interface CityTable {
	id: string;
	slug: string;
	name: string;
	display_name: string;
	country_code: string;
	region: string;
	latitude: number;
	longitude: number;
	coords_checked: number;
	year: number | null;
	process: 'formal' | 'informal';
	process_confirmed: number;
	/** JSON LocalizedText */
	notes: string;
	evidence: string | null;
	time_zone: string | null;
	/** Counted up by every profile edit (the render cache compares it). */
	version: number;
	created_at: string;
	updated_at: string;
}

export interface CityInstrumentTable {
	city_id: string;
	position: number;
	/** JSON LocalizedText */
	text: string;
}

/** A district of a city, by a short code (`dong-gu`, `micklegate`). */
export interface CityDistrictTable {
	city_id: string;
	code: string;
	/** JSON LocalizedText */
	name: string;
	position: number;
}

export interface CityTables {
	city: CityTable;
	city_instrument: CityInstrumentTable;
	city_district: CityDistrictTable;
}

export type CityRow = Selectable<CityTable>;
