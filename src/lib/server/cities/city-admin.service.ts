/**
 * Use cases of the admin area for cities: which cities a person administers, a city's overview
 * and audit log for its admins, editing the city's profile (declaration facts and texts in the
 * editor's language), and the network admin's registry (new cities, appointing city admins).
 * Policies first; every change and its audit entry are written in one transaction.
 */
import type { Db } from '../db/database.ts';
import { nowIso } from '../db/ids.ts';
import { DomainError, forbidden } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { isLocale } from '../../i18n/locales.ts';
import { parseLocalizedText, pickText, type LocalizedText } from '../../i18n/localized-text.ts';
import { canAdministerCity, canManageNetwork, canReadAudit, listCityAdmins, type MaybeActor, type CityRole, listCityAudit, recordAudit, type AuditRecord, censusSize, grantRole, listCityPeople } from '../accounts/index.ts';
import * as repository from './cities.repository.ts';
import { cityProfileSchema, newCitySchema, type CityProfile, type NewCity } from './cities.schema.ts';
import type { CityRow } from './cities.tables.ts';
import { isSlug, slugify } from './slug.ts';
import { newCityRow } from './city-row.ts';

export interface AdminCityLink {
	id: string;
	slug: string;
	displayName: string;
	countryCode: string;
}

export interface AdminHome {
	/** Cities whose admin area the person may open (all of them for the network admin). */
	administered: AdminCityLink[];
	/** Cities where the person is an officer (their pages arrive with the commitments module). */
	officerOf: (AdminCityLink & { department: string | null })[];
	networkAdmin: boolean;
}

export interface CityOverview {
	people: number;
	roles: Record<CityRole, number>;
	censusSize: number;
	recentAudit: AuditRecord[];
}

/** The editable profile as the form shows it: texts in the editor's language. */
export interface EditableProfile {
	displayName: string;
	year: number | null;
	process: 'formal' | 'informal';
	processConfirmed: boolean;
	instruments: string[];
	notes: string;
	/** The notes in other languages, kept as they are, for reference. */
	otherNotes: { lang: string; text: string }[];
	evidence: string;
	latitude: number;
	longitude: number;
	coordsChecked: boolean;
}

export interface NetworkCity extends AdminCityLink {
	admins: { personId: string; email: string; displayName: string }[];
}

/** Form strings or typed values: the service validates either with the schema. */
type RawInput<T> = { [K in keyof T]?: unknown };

interface Context {
	ip?: string | undefined;
}

function linkOf(row: CityRow): AdminCityLink {
	return { id: row.id, slug: row.slug, displayName: row.display_name, countryCode: row.country_code };
}

/** Validates typed or form input with a schema; the first problem becomes a field error. */
/**
 * What `/admin` lists for a person: the cities they administer and where they are an officer.
 * Throws 'forbidden' for someone who holds neither (nor is the network admin).
 */
export async function listAdminCities(db: Db, actor: MaybeActor): Promise<AdminHome> {
	if (!actor) throw new DomainError('unauthenticated', 'unauthenticated');
	const adminIds = actor.roles.filter((held) => held.role === 'city_admin').map((held) => held.cityId);
	const officerRoles = actor.roles.filter((held) => held.role === 'officer');
	if (!actor.networkAdmin && adminIds.length === 0 && officerRoles.length === 0) throw forbidden();
	const administered = actor.networkAdmin ? await repository.listAllCities(db) : await repository.listCitiesByIds(db, adminIds);
	const officerCities = await repository.listCitiesByIds(db, officerRoles.map((held) => held.cityId));
	return {
		administered: administered.map(linkOf),
		officerOf: officerCities.map((row) => ({ ...linkOf(row), department: officerRoles.find((held) => held.cityId === row.id)?.department ?? null })),
		networkAdmin: actor.networkAdmin
	};
}

/** The city behind an admin URL, for someone who may administer it ('city_not_found' / 'forbidden'). */
export async function openCityAdmin(db: Db, actor: MaybeActor, slug: string): Promise<AdminCityLink> {
	const row = await repository.findCityBySlug(db, slug);
	if (!row) throw new DomainError('city_not_found', `No city with the slug "${slug}"`);
	if (!canAdministerCity(actor, row.id)) throw forbidden();
	return linkOf(row);
}

/** Counts of people by role, the census list's size and the latest audit entries. */
export async function getCityOverview(db: Db, actor: MaybeActor, cityId: string): Promise<CityOverview> {
	if (!canAdministerCity(actor, cityId)) throw forbidden();
	const [people, census, recentAudit] = await Promise.all([listCityPeople(db, actor, cityId), censusSize(db, actor, cityId), listCityAudit(db, cityId, { limit: 5 })]);
	const roles: Record<CityRole, number> = { resident: 0, officer: 0, city_admin: 0, cso: 0 };
	for (const person of people) for (const held of person.roles) roles[held.role] += 1;
	return { people: people.length, roles, censusSize: census, recentAudit };
}

export const AUDIT_PAGE_SIZE = 50;

/** One page of the city's audit log, newest first; `older` is the cursor of the next page. */
export async function readCityAudit(db: Db, actor: MaybeActor, cityId: string, before?: string): Promise<{ entries: AuditRecord[]; older: string | undefined }> {
	if (!canReadAudit(actor, cityId)) throw forbidden();
	const rows = await listCityAudit(db, cityId, { limit: AUDIT_PAGE_SIZE + 1, ...(before ? { before } : {}) });
	const entries = rows.slice(0, AUDIT_PAGE_SIZE);
	return { entries, older: rows.length > AUDIT_PAGE_SIZE ? entries.at(-1)!.id : undefined };
}

/** The profile in the editor's language, for the form. */
export async function getEditableProfile(db: Db, actor: MaybeActor, cityId: string, locale: string): Promise<EditableProfile> {
	if (!canAdministerCity(actor, cityId)) throw forbidden();
	const row = await repository.findCityById(db, cityId);
	if (!row) throw new DomainError('city_not_found', 'city_not_found');
	const notes = parseLocalizedText(row.notes);
	const instruments = (await repository.listInstruments(db, cityId)).map(parseLocalizedText);
	return {
		displayName: row.display_name,
		year: row.year,
		process: row.process,
		processConfirmed: row.process_confirmed === 1,
		instruments: shownInstruments(instruments, locale),
		notes: notes[locale] ?? '',
		otherNotes: Object.entries(notes)
			.filter((entry): entry is [string, string] => entry[0] !== locale && Boolean(entry[1]))
			.map(([lang, text]) => ({ lang, text })),
		evidence: row.evidence ?? '',
		latitude: row.latitude,
		longitude: row.longitude,
		coordsChecked: row.coords_checked === 1
	};
}

function shownInstruments(stored: LocalizedText[], locale: string): string[] {
	return stored.map((texts) => pickText(texts, locale)?.text ?? '');
}

/**
 * The instruments after an edit in `locale`. A line that is unchanged (even if moved) keeps all
 * its translations; a line edited in place keeps the other languages' texts of that instrument;
 * a new line exists in the editor's language only.
 */
export function mergeInstruments(stored: LocalizedText[], lines: string[], locale: string): LocalizedText[] {
	const shown = shownInstruments(stored, locale);
	const used = new Set<number>();
	const kept = lines.map((line) => {
		const index = shown.findIndex((text, position) => text === line && !used.has(position));
		if (index < 0) return undefined;
		used.add(index);
		return stored[index];
	});
	return lines.map((line, position) => {
		const unchanged = kept[position];
		if (unchanged) return unchanged;
		const before = stored[position];
		if (before && !used.has(position)) {
			used.add(position);
			return { ...before, [locale]: line };
		}
		return { [locale]: line };
	});
}

type ProfileField = 'display_name' | 'year' | 'process' | 'process_confirmed' | 'latitude' | 'longitude' | 'coords_checked' | 'notes' | 'instruments' | 'evidence';

/**
 * Saves the city's profile edited in `context.locale`: facts, instruments and notes in that
 * language (other languages' texts are kept), sources and coordinates. Writes the change and an
 * audit entry naming the changed fields in one transaction; nothing is written when nothing changed.
 *
 * @example await updateCityProfile(db, actor, york.id, { displayName: 'York', year: '2017', … }, { locale: 'en' })
 */
export async function updateCityProfile(
	db: Db,
	actor: MaybeActor,
	cityId: string,
	input: RawInput<CityProfile>,
	context: Context & { locale: string }
): Promise<{ changed: ProfileField[] }> {
	if (!canAdministerCity(actor, cityId)) throw forbidden();
	const profile = parseInput(cityProfileSchema, input);
	if (!isLocale(context.locale)) throw new DomainError('invalid_input', 'locale_invalid');
	const locale = context.locale;
	return db.transaction().execute(async (trx) => {
		const row = await repository.findCityForUpdate(trx, cityId);
		if (!row) throw new DomainError('city_not_found', 'city_not_found');
		const storedInstruments = (await repository.listInstruments(trx, cityId)).map(parseLocalizedText);
		const notes = parseLocalizedText(row.notes);
		const nextNotes: LocalizedText = { ...notes };
		if (profile.notes) nextNotes[locale] = profile.notes;
		else delete nextNotes[locale];
		const nextInstruments = mergeInstruments(storedInstruments, profile.instruments, locale);

		const next = {
			display_name: profile.displayName,
			year: profile.year,
			process: profile.process,
			process_confirmed: profile.processConfirmed ? 1 : 0,
			latitude: profile.latitude,
			longitude: profile.longitude,
			coords_checked: profile.coordsChecked ? 1 : 0,
			evidence: profile.evidence === '' ? null : profile.evidence
		};
		const changes: Record<string, { from: unknown; to: unknown }> = {};
		const changed: ProfileField[] = [];
		for (const field of Object.keys(next) as (keyof typeof next)[]) {
			if (row[field] !== next[field]) {
				changed.push(field);
				// Long texts are named, not copied, into the log.
				if (field !== 'evidence') changes[field] = { from: row[field], to: next[field] };
			}
		}
		if ((notes[locale] ?? '') !== profile.notes) changed.push('notes');
		const instrumentsChanged = JSON.stringify(nextInstruments) !== JSON.stringify(storedInstruments);
		if (instrumentsChanged) changed.push('instruments');
		if (changed.length === 0) return { changed };

		await repository.updateCity(trx, cityId, { ...next, notes: JSON.stringify(nextNotes), updated_at: nowIso() });
		if (instrumentsChanged) await repository.replaceInstruments(trx, cityId, nextInstruments.map((texts) => JSON.stringify(texts)));
		await recordAudit(trx, {
			cityId,
			actorId: actor!.personId,
			action: 'city.profile_updated',
			target: cityId,
			details: { fields: changed, locale, changes },
			ip: context.ip
		});
		return { changed };
	});
}

const RESERVED_SLUGS = new Set(['network']);

/**
 * A new city in the network registry (network admin). The slug defaults to one made from the
 * name and must be free; the region follows from the country. Audited under the new city.
 */
export async function createCity(db: Db, actor: MaybeActor, input: RawInput<NewCity>, context: Context): Promise<AdminCityLink> {
	if (!canManageNetwork(actor)) throw forbidden();
	const city = parseInput(newCitySchema, input);
	const slug = city.slug ?? slugify(city.name);
	if (!isSlug(slug)) throw new DomainError('invalid_input', 'invalid_input', { field: 'slug', rule: 'slug_invalid' });
	// /admin/network is the network admin's page, so no city can have that address.
	if (RESERVED_SLUGS.has(slug)) throw new DomainError('conflict', 'slug_taken', { field: 'slug' });
	return db.transaction().execute(async (trx) => {
		if (await repository.findCityBySlug(trx, slug)) throw new DomainError('conflict', 'slug_taken', { field: 'slug' });
		// Facts entered by the network admin count as checked and confirmed.
		const row = newCityRow({ ...city, slug, coordsChecked: true, processConfirmed: true });
		await repository.insertCity(trx, row, []);
		await recordAudit(trx, {
			cityId: row.id,
			actorId: actor!.personId,
			action: 'city.created',
			target: row.id,
			details: { slug, name: row.name, country: row.country_code },
			ip: context.ip
		});
		return linkOf(row);
	});
}

/** Every city with its administrators (network admin). */
export async function listNetworkCities(db: Db, actor: MaybeActor): Promise<NetworkCity[]> {
	if (!canManageNetwork(actor)) throw forbidden();
	const [cities, admins] = await Promise.all([repository.listAllCities(db), listCityAdmins(db)]);
	return cities.map((row) => ({
		...linkOf(row),
		admins: admins.filter((admin) => admin.city_id === row.id).map((admin) => ({ personId: admin.person_id, email: admin.email, displayName: admin.display_name }))
	}));
}

/** The network admin appoints an existing account as a city's admin (the city by slug). */
export async function appointCityAdmin(db: Db, actor: MaybeActor, input: { city: string; email: string }, context: Context): Promise<AdminCityLink> {
	if (!canManageNetwork(actor)) throw forbidden();
	const row = await repository.findCityBySlug(db, input.city);
	if (!row) throw new DomainError('city_not_found', 'city_not_found', { field: 'city' });
	await grantRole(db, actor, row.id, { email: input.email, role: 'city_admin' }, context);
	return linkOf(row);
}
