/** Queries of membership: organisations, requests, memberships and practitioner grants. */
import type { Updateable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { MembershipStatus, NetworkMembershipTable, NetworkOrganisationTable, NetworkRequestTable, PractitionerGrantTable, RequestStatus } from './network.tables.ts';

export async function insertOrganisation(db: Db, row: NetworkOrganisationTable): Promise<void> {
	await db.insertInto('network_organisation').values(row).execute();
}

export async function listOrganisations(db: Db, ids: readonly string[]) {
	if (ids.length === 0) return [];
	return db.selectFrom('network_organisation').selectAll().where('id', 'in', [...ids]).execute();
}

export async function insertRequest(db: Db, row: NetworkRequestTable): Promise<void> {
	await db.insertInto('network_request').values(row).execute();
}

export async function findRequest(db: Db, where: { id?: string; ref?: string }) {
	let query = db.selectFrom('network_request').selectAll();
	if (where.id) query = query.where('id', '=', where.id);
	if (where.ref) query = query.where('ref', '=', where.ref);
	return query.executeTakeFirst();
}

export async function findPendingRequest(db: Db, applicantKey: string) {
	return db.selectFrom('network_request').selectAll().where('applicant_key', '=', applicantKey).where('status', '=', 'pending').executeTakeFirst();
}

export async function listRequests(db: Db, filter: { status?: RequestStatus; requestedBy?: string; cityIds?: readonly string[] }, limit = 200) {
	let query = db.selectFrom('network_request').selectAll();
	if (filter.status) query = query.where('status', '=', filter.status);
	if (filter.requestedBy || filter.cityIds) {
		const by = filter.requestedBy;
		const cities = filter.cityIds ?? [];
		query = query.where((eb) => eb.or([...(by ? [eb('requested_by', '=', by)] : []), ...(cities.length ? [eb('city_id', 'in', [...cities])] : [])]));
	}
	return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** A versioned change of a request; false when it changed since (or was decided meanwhile). */
export async function updateRequest(db: Db, id: string, version: number, values: Updateable<NetworkRequestTable>, expectStatus?: RequestStatus): Promise<boolean> {
	let query = db
		.updateTable('network_request')
		.set({ ...values, version: version + 1 })
		.where('id', '=', id)
		.where('version', '=', version);
	if (expectStatus) query = query.where('status', '=', expectStatus);
	const result = await query.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

export async function insertMembership(db: Db, row: NetworkMembershipTable): Promise<void> {
	await db.insertInto('network_membership').values(row).execute();
}

export async function findMembership(db: Db, where: { id?: string; ref?: string }) {
	let query = db.selectFrom('network_membership').selectAll();
	if (where.id) query = query.where('id', '=', where.id);
	if (where.ref) query = query.where('ref', '=', where.ref);
	return query.executeTakeFirst();
}

/** The city's membership that has not ended (active or suspended), if any. */
export async function findCurrentMembershipOfCity(db: Db, cityId: string) {
	return db.selectFrom('network_membership').selectAll().where('city_id', '=', cityId).where('status', '<>', 'left').executeTakeFirst();
}

export async function findCurrentMembershipOfOrganisationNamed(db: Db, folded: string, countryCode: string | null) {
	return db
		.selectFrom('network_membership')
		.innerJoin('network_organisation', 'network_organisation.id', 'network_membership.organisation_id')
		.select(['network_membership.id', 'network_organisation.name', 'network_organisation.country_code'])
		.where('network_membership.status', '<>', 'left')
		.execute()
		.then((rows) => rows.find((row) => row.name.toLowerCase().replace(/\s+/g, ' ').trim() === folded && (row.country_code ?? '') === (countryCode ?? '')));
}

export async function listMemberships(db: Db, statuses: readonly MembershipStatus[]) {
	return db.selectFrom('network_membership').selectAll().where('status', 'in', [...statuses]).orderBy('since').orderBy('ref').execute();
}

export async function listMembershipsOfCity(db: Db, cityId: string) {
	return db.selectFrom('network_membership').selectAll().where('city_id', '=', cityId).orderBy('created_at', 'desc').execute();
}

/** Of these cities, those that are active members or guests. */
export async function activeMemberCityIds(db: Db, cityIds: readonly string[]): Promise<string[]> {
	if (cityIds.length === 0) return [];
	const rows = await db
		.selectFrom('network_membership')
		.select('city_id')
		.where('city_id', 'in', [...cityIds])
		.where('status', '=', 'active')
		.where('level', 'in', ['member', 'guest'])
		.execute();
	return rows.map((row) => row.city_id!);
}

export async function updateMembership(db: Db, id: string, version: number, values: Updateable<NetworkMembershipTable>): Promise<boolean> {
	const result = await db
		.updateTable('network_membership')
		.set({ ...values, version: version + 1 })
		.where('id', '=', id)
		.where('version', '=', version)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

export async function findGrant(db: Db, personId: string) {
	return db.selectFrom('practitioner_grant').selectAll().where('person_id', '=', personId).executeTakeFirst();
}

export async function insertGrant(db: Db, row: PractitionerGrantTable): Promise<void> {
	await db.insertInto('practitioner_grant').values(row).execute();
}

export async function deleteGrant(db: Db, personId: string): Promise<number> {
	const result = await db.deleteFrom('practitioner_grant').where('person_id', '=', personId).executeTakeFirst();
	return Number(result.numDeletedRows);
}

export async function listGrants(db: Db) {
	return db.selectFrom('practitioner_grant').selectAll().orderBy('created_at', 'desc').execute();
}
