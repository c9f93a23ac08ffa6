/** Queries of events, their registrations and materials. */
import type { Updateable } from 'kysely';
import type { Db } from '../db/database.ts';
import { dialectOf, toNumber } from '../db/dialect.ts';
import type { EventMaterialTable, EventTable, Layer, RegistrationStatus } from './network.tables.ts';

export async function insertEvent(db: Db, row: EventTable): Promise<void> {
	await db.insertInto('network_event').values(row).execute();
}

export async function findEvent(db: Db, where: { id?: string; ref?: string }, options: { forUpdate?: boolean } = {}) {
	let query = db.selectFrom('network_event').selectAll();
	if (where.id) query = query.where('id', '=', where.id);
	if (where.ref) query = query.where('ref', '=', where.ref);
	// Registrations count places: on PostgreSQL the event row is locked while they do (SQLite has one writer).
	if (options.forUpdate && dialectOf(db) === 'postgres') query = query.forUpdate();
	return query.executeTakeFirst();
}

/** Events of the audiences given that end after `from` (upcoming) or before it (past), in time order. */
export async function listEvents(db: Db, audiences: readonly Layer[], when: { after?: string; before?: string }, limit = 100) {
	let query = db.selectFrom('network_event').selectAll().where('audience', 'in', [...audiences]);
	if (when.after) query = query.where('ends_at', '>=', when.after);
	if (when.before) query = query.where('ends_at', '<', when.before);
	return query
		.orderBy('starts_at', when.before ? 'desc' : 'asc')
		.orderBy('id')
		.limit(limit)
		.execute();
}

export async function updateEvent(db: Db, id: string, version: number, values: Updateable<EventTable>): Promise<boolean> {
	const result = await db
		.updateTable('network_event')
		.set({ ...values, version: version + 1 })
		.where('id', '=', id)
		.where('version', '=', version)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

export async function registrationCounts(db: Db, eventIds: readonly string[]): Promise<Map<string, { registered: number; waitlisted: number }>> {
	const counts = new Map<string, { registered: number; waitlisted: number }>();
	if (eventIds.length === 0) return counts;
	const rows = await db
		.selectFrom('network_event_registration')
		.select(['event_id', 'status', (eb) => eb.fn.countAll().as('n')])
		.where('event_id', 'in', [...eventIds])
		.where('status', 'in', ['registered', 'waitlisted'])
		.groupBy(['event_id', 'status'])
		.execute();
	for (const row of rows) {
		const entry = counts.get(row.event_id) ?? { registered: 0, waitlisted: 0 };
		entry[row.status as 'registered' | 'waitlisted'] = toNumber(row.n as number | string);
		counts.set(row.event_id, entry);
	}
	return counts;
}

export async function findRegistration(db: Db, eventId: string, personId: string) {
	return db.selectFrom('network_event_registration').selectAll().where('event_id', '=', eventId).where('person_id', '=', personId).executeTakeFirst();
}

export async function upsertRegistration(db: Db, eventId: string, personId: string, status: RegistrationStatus, at: string, existing: boolean): Promise<void> {
	if (existing) {
		await db.updateTable('network_event_registration').set({ status, created_at: at, updated_at: at }).where('event_id', '=', eventId).where('person_id', '=', personId).execute();
	} else {
		await db.insertInto('network_event_registration').values({ event_id: eventId, person_id: personId, status, created_at: at, updated_at: at }).execute();
	}
}

export async function setRegistrationStatus(db: Db, eventId: string, personId: string, status: RegistrationStatus, at: string): Promise<void> {
	await db.updateTable('network_event_registration').set({ status, updated_at: at }).where('event_id', '=', eventId).where('person_id', '=', personId).execute();
}

/** The first on the waiting list (who waited longest). */
export async function firstWaitlisted(db: Db, eventId: string) {
	return db
		.selectFrom('network_event_registration')
		.selectAll()
		.where('event_id', '=', eventId)
		.where('status', '=', 'waitlisted')
		.orderBy('created_at')
		.orderBy('person_id')
		.executeTakeFirst();
}

export async function listRegistrations(db: Db, eventId: string) {
	return db.selectFrom('network_event_registration').selectAll().where('event_id', '=', eventId).where('status', '<>', 'cancelled').orderBy('status').orderBy('created_at').execute();
}

/** The events a person registered for or waits for. */
export async function registrationsOf(db: Db, personId: string) {
	return db.selectFrom('network_event_registration').selectAll().where('person_id', '=', personId).where('status', '<>', 'cancelled').execute();
}

export async function listMaterials(db: Db, eventId: string) {
	return db.selectFrom('network_event_material').selectAll().where('event_id', '=', eventId).orderBy('created_at').orderBy('id').execute();
}

export async function findMaterial(db: Db, eventId: string, id: string) {
	return db.selectFrom('network_event_material').selectAll().where('event_id', '=', eventId).where('id', '=', id).executeTakeFirst();
}

export async function insertMaterial(db: Db, row: EventMaterialTable): Promise<void> {
	await db.insertInto('network_event_material').values(row).execute();
}

export async function deleteMaterial(db: Db, eventId: string, id: string): Promise<number> {
	const result = await db.deleteFrom('network_event_material').where('event_id', '=', eventId).where('id', '=', id).executeTakeFirst();
	return Number(result.numDeletedRows);
}
