/**
 * Test factories of the network module: people with roles (as actors), member cities accepted
 * through the real services, and a valid practice input to vary.
 *
 * @example
 *   const admin = await networkAdmin(db);
 *   const { city, cityAdmin } = await memberCity(db, admin, { name: 'Lund' });
 */
import type { Db } from '../db/database.ts';
import { nowIso } from '../db/ids.ts';
import { insertRole, loadActor, type Actor, type CityRole } from '../accounts/index.ts';
import type { CityTable } from '../cities/index.ts';
import { acceptPairing, decideRequest, requestMembership, requestPairing, type Pairing, type PracticeInput } from '../network/index.ts';
import { createCity, createPerson } from './factories.ts';

/** A person holding these roles (and maybe the network admin), as the actor the services see. */
export async function personWith(db: Db, roles: { cityId: string; role: CityRole }[] = [], options: { networkAdmin?: boolean; preferredLocale?: string } = {}): Promise<Actor> {
	const person = await createPerson(db, { network_admin: options.networkAdmin ? 1 : 0, preferred_locale: options.preferredLocale ?? null }, '');
	for (const held of roles) await insertRole(db, { city_id: held.cityId, person_id: person.id, role: held.role, department: null, granted_by: null, created_at: nowIso() });
	return (await loadActor(db, person.id))!;
}

export function networkAdmin(db: Db): Promise<Actor> {
	return personWith(db, [], { networkAdmin: true });
}

const contact = { contactName: 'Human rights office', contactRole: 'Coordinator', contactEmail: 'office@example.org' };

/** A city of the registry whose membership request the network admin accepted, with its city admin. */
export async function memberCity(
	db: Db,
	admin: Actor,
	overrides: Partial<CityTable> = {},
	options: { level?: 'member' | 'guest'; languages?: string[]; population?: number | null } = {}
): Promise<{ city: CityTable; cityAdmin: Actor }> {
	const city = await createCity(db, overrides);
	const cityAdmin = await personWith(db, [{ cityId: city.id, role: 'city_admin' }]);
	const request = await requestMembership(db, cityAdmin, {
		applicant: 'city',
		cityId: city.id,
		level: options.level ?? 'member',
		process: 'formal',
		declaration: `Declaration of ${city.name}`,
		motivation: 'To learn and share',
		languages: options.languages ?? ['en'],
		population: options.population ?? null,
		...contact
	});
	await decideRequest(db, admin, request.id, request.version, { decision: 'accept', reason: 'Welcome', lang: 'en' });
	return { city, cityAdmin };
}

/** An active pairing: the mentee's city admin asks, the mentor's accepts (both cities members). */
export async function activePairing(db: Db, mentee: { city: CityTable; cityAdmin: Actor }, mentor: { city: CityTable; cityAdmin: Actor }): Promise<Pairing> {
	const asked = await requestPairing(db, mentee.cityAdmin, { menteeCityId: mentee.city.id, mentorCityId: mentor.city.id, message: 'Please help us start', endsOn: '2099-12-31' }, { today: '2026-12-08' });
	return acceptPairing(db, mentor.cityAdmin, asked.id, asked.version, { today: '2026-12-08' });
}

/** A valid request to join for a city (override what the test is about). */
export function cityRequest(cityId: string, overrides: Record<string, unknown> = {}) {
	return { applicant: 'city' as const, cityId, level: 'member' as const, process: 'formal' as const, declaration: 'Council decision of 2024', motivation: 'To learn', languages: ['en'], population: 100_000, ...contact, ...overrides };
}

/** A valid practice (override what the test is about). */
export function practiceInput(overrides: Partial<PracticeInput> = {}): PracticeInput {
	return {
		layer: 'public',
		originalLocale: 'en',
		title: { en: 'Housing advice desks' },
		summary: { en: 'Free advice for tenants at risk of eviction.' },
		body: { en: 'Advisers meet tenants in libraries every week.' },
		tags: ['udhr:25', 'sdg:11.1'],
		groups: ['low_income'],
		...overrides
	};
}
