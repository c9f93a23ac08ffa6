/**
 * City administration of people: who holds which role in a city, granting and revoking roles,
 * in-person verification, and the network admin's first administrators. Policies first, then
 * the change and its audit entry in one transaction.
 */
import type { Db } from '../db/database.ts';
import { nowIso, uuidv7 } from '../db/ids.ts';
import { DomainError, forbidden } from '../errors.ts';
import * as repository from './accounts.repository.ts';
import type { CityRole } from './accounts.tables.ts';
import { canAdministerCity, canManageRole, canVerifyInPerson } from './accounts.policy.ts';
import type { MaybeActor } from './actor.ts';
import { recordAudit } from './audit.ts';
import { hashPassword } from './password.ts';
import { newToken } from './secrets.ts';
import { findCityBySlug } from '../cities/index.ts';

export interface CityPerson {
	personId: string;
	email: string;
	displayName: string;
	roles: { role: CityRole; department: string | null }[];
}

export async function listCityPeople(db: Db, actor: MaybeActor, cityId: string): Promise<CityPerson[]> {
	if (!canAdministerCity(actor, cityId)) throw forbidden();
	const rows = await repository.listCityPeople(db, cityId);
	const people = new Map<string, CityPerson>();
	for (const row of rows) {
		const person = people.get(row.person_id) ?? { personId: row.person_id, email: row.email, displayName: row.display_name, roles: [] };
		person.roles.push({ role: row.role, department: row.department });
		people.set(row.person_id, person);
	}
	return [...people.values()];
}

export async function grantRole(
	db: Db,
	actor: MaybeActor,
	cityId: string,
	input: { email: string; role: CityRole; department?: string | undefined },
	context: { ip?: string | undefined }
): Promise<void> {
	if (!canManageRole(actor, cityId, input.role)) throw forbidden();
	await db.transaction().execute(async (trx) => {
		const person = await repository.findPersonByEmail(trx, input.email);
		if (!person) throw new DomainError('person_not_found', 'person_not_found', { field: 'email' });
		await repository.insertRole(trx, {
			city_id: cityId,
			person_id: person.id,
			role: input.role,
			department: input.role === 'officer' ? (input.department ?? null) : null,
			granted_by: actor!.personId,
			created_at: nowIso()
		});
		await recordAudit(trx, {
			cityId,
			actorId: actor!.personId,
			action: 'role.granted',
			target: person.id,
			details: { email: person.email, role: input.role, department: input.department ?? null },
			ip: context.ip
		});
	});
}

export async function revokeRole(db: Db, actor: MaybeActor, cityId: string, input: { personId: string; role: CityRole }, context: { ip?: string | undefined }): Promise<void> {
	if (!canManageRole(actor, cityId, input.role)) throw forbidden();
	await db.transaction().execute(async (trx) => {
		if (input.role === 'city_admin' && (await repository.countRole(trx, cityId, 'city_admin')) <= 1) {
			throw new DomainError('last_city_admin', 'last_city_admin');
		}
		const removed = await repository.deleteRole(trx, cityId, input.personId, input.role);
		if (removed === 0) throw new DomainError('person_not_found', 'person_not_found');
		await recordAudit(trx, { cityId, actorId: actor!.personId, action: 'role.revoked', target: input.personId, details: { role: input.role }, ip: context.ip });
	});
}

export async function verifyInPerson(db: Db, actor: MaybeActor, cityId: string, personId: string, context: { ip?: string | undefined }): Promise<void> {
	if (!canVerifyInPerson(actor, cityId)) throw forbidden();
	await db.transaction().execute(async (trx) => {
		const roles = await repository.rolesOf(trx, personId);
		if (!roles.some((role) => role.city_id === cityId)) throw new DomainError('person_not_found', 'person_not_found');
		await repository.insertVerification(trx, { city_id: cityId, person_id: personId, level: 'in_person', verified_by: actor!.personId, created_at: nowIso() });
		await recordAudit(trx, { cityId, actorId: actor!.personId, action: 'verification.in_person', target: personId, ip: context.ip });
	});
}

/**
 * The operator's first administrator (CLI `create-admin`): creates the person if needed, with an
 * unusable random password, and grants the role. The person sets a password through a reset link.
 */
export async function createAdmin(
	db: Db,
	input: { email: string; role: CityRole | 'network_admin'; citySlug?: string | undefined; displayName?: string | undefined }
): Promise<{ personId: string; created: boolean; cityId: string | null }> {
	return db.transaction().execute(async (trx) => {
		let cityId: string | null = null;
		if (input.role !== 'network_admin') {
			if (!input.citySlug) throw new DomainError('invalid_input', 'a city is needed for the role ' + input.role);
			const city = await findCityBySlug(trx, input.citySlug);
			if (!city) throw new DomainError('city_not_found', `No city with the slug "${input.citySlug}"`);
			cityId = city.id;
		}
		const now = nowIso();
		let person = await repository.findPersonByEmail(trx, input.email);
		const created = !person;
		if (!person) {
			person = {
				id: uuidv7(),
				email: input.email,
				display_name: input.displayName ?? input.email.split('@')[0]!,
				password_hash: await hashPassword(newToken()),
				preferred_locale: null,
				network_admin: 0,
				email_verified_at: now,
				created_at: now,
				updated_at: now
			};
			await repository.insertPerson(trx, person);
		}
		if (input.role === 'network_admin') {
			await repository.updatePerson(trx, person.id, { network_admin: 1, updated_at: now });
		} else {
			await repository.insertRole(trx, { city_id: cityId!, person_id: person.id, role: input.role, department: null, granted_by: null, created_at: now });
		}
		await recordAudit(trx, { cityId, actorId: null, action: 'role.granted', target: person.id, details: { email: input.email, role: input.role, by: 'cli' } });
		return { personId: person.id, created, cityId };
	});
}
