/**
 * Use cases of the network registry: browse the directory, read a city's profile, and the
 * network overview behind the home page and its map. Returns domain types, never rows.
 */
import type { Db } from '../db/database.ts';
import { DomainError } from '../errors.ts';
import { parseLocalizedText, type LocalizedText } from '../../i18n/localized-text.ts';
import * as repository from './cities.repository.ts';
import type { CityCursor } from './cities.repository.ts';
import type { CityRow } from './cities.tables.ts';
import type { DirectoryQuery } from './cities.schema.ts';
import type { Region } from './regions.ts';

export interface CitySummary {
	id: string;
	slug: string;
	name: string;
	displayName: string;
	countryCode: string;
	region: Region;
	latitude: number;
	longitude: number;
	year: number | null;
	process: 'formal' | 'informal';
	processConfirmed: boolean;
}

export interface City extends CitySummary {
	coordsChecked: boolean;
	notes: LocalizedText;
	evidence: string | null;
	instruments: LocalizedText[];
	timeZone: string | null;
}

export interface DirectoryPage {
	cities: CitySummary[];
	total: number;
	/** Cursor for the next page (`?after=`), if there is one. */
	next: string | undefined;
	/** Cursor for the previous page (`?before=`), if there is one. */
	previous: string | undefined;
}

function toSummary(row: CityRow): CitySummary {
	return {
		id: row.id,
		slug: row.slug,
		name: row.name,
		displayName: row.display_name,
		countryCode: row.country_code,
		region: row.region as Region,
		latitude: row.latitude,
		longitude: row.longitude,
		year: row.year,
		process: row.process,
		processConfirmed: row.process_confirmed === 1
	};
}

export function encodeCursor(cursor: CityCursor): string {
	return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** The cursor in a URL, or undefined when it was not made by `encodeCursor`. */
export function decodeCursor(value: string | undefined): CityCursor | undefined {
	if (!value) return undefined;
	try {
		const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
		if (
			Array.isArray(parsed) &&
			parsed.length === 3 &&
			(typeof parsed[0] === 'string' || typeof parsed[0] === 'number') &&
			typeof parsed[1] === 'string' &&
			typeof parsed[2] === 'string'
		) {
			return parsed as CityCursor;
		}
	} catch {
		// Falls through: not a cursor of ours.
	}
	return undefined;
}

/** One page of the directory for validated query parameters (bad cursors already removed). */
export async function browseDirectory(db: Db, query: DirectoryQuery): Promise<DirectoryPage> {
	const filter = { q: query.q, country: query.country, region: query.region, process: query.process, from: query.from, to: query.to };
	const after = decodeCursor(query.after);
	const before = after ? undefined : decodeCursor(query.before);
	const [{ rows, more }, total] = await Promise.all([
		repository.listCitiesPage(db, filter, query.sort, { after, before, limit: query.limit }),
		repository.countMatchingCities(db, filter)
	]);
	const cursorOf = (row: (typeof rows)[number]) => encodeCursor([row.sort_key, row.name, row.id]);
	const first = rows[0];
	const last = rows.at(-1);
	// Going forwards, a previous page exists when we came from a cursor; backwards, `more` says so.
	const hasPrevious = before ? more : after !== undefined;
	const hasNext = before ? true : more;
	return {
		cities: rows.map(toSummary),
		total,
		next: hasNext && last ? cursorOf(last) : undefined,
		previous: hasPrevious && first ? cursorOf(first) : undefined
	};
}

export async function getCity(db: Db, slug: string): Promise<City> {
	const row = await repository.findCityBySlug(db, slug);
	if (!row) throw new DomainError('city_not_found', `No city with the slug "${slug}"`);
	const instruments = await repository.listInstruments(db, row.id);
	return {
		...toSummary(row),
		coordsChecked: row.coords_checked === 1,
		notes: parseLocalizedText(row.notes),
		evidence: row.evidence,
		instruments: instruments.map(parseLocalizedText),
		timeZone: row.time_zone
	};
}

export interface NetworkOverview {
	cities: CitySummary[];
	counts: { cities: number; countries: number; formal: number; informal: number; earliest: number | null };
}

export async function getNetworkOverview(db: Db): Promise<NetworkOverview> {
	const [rows, counts] = await Promise.all([repository.listAllCities(db), repository.networkCounts(db)]);
	return { cities: rows.map(toSummary), counts: { ...counts, informal: counts.cities - counts.formal } };
}

export async function listCountries(db: Db): Promise<{ countryCode: string; cities: number }[]> {
	const rows = await repository.countryCounts(db);
	return rows.map((row) => ({ countryCode: row.country_code, cities: row.cities }));
}

/** The cities with these ids, by name (what another module shows of cities it refers to: a member list, a map layer). */
export async function listCitySummaries(db: Db, ids: readonly string[]): Promise<CitySummary[]> {
	return (await repository.listCitiesByIds(db, [...ids])).map(toSummary);
}

/** Other cities of the same country, for the profile page. */
export async function listCitiesInCountry(db: Db, countryCode: string, exceptId: string): Promise<CitySummary[]> {
	const page = await repository.listCitiesPage(db, { country: countryCode }, 'name', { limit: 50 });
	return page.rows.filter((row) => row.id !== exceptId).map(toSummary);
}
