/**
 * Processes and their phases, and the module's bookkeeping: reference counters, one-time form
 * keys and the notification job's place in the ledger. SQL only; every function takes `cityId`.
 */
import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/database.ts';
import { updateVersioned } from '../db/versioned.ts';
import type { PhaseTable, ProcessTable } from './participation.tables.ts';

export async function insertProcess(db: Db, row: Insertable<ProcessTable>): Promise<void> {
	await db.insertInto('participatory_process').values(row).execute();
}

export function updateProcess(db: Db, cityId: string, id: string, version: number, values: Updateable<ProcessTable>): Promise<boolean> {
	return updateVersioned(db, 'participatory_process', cityId, id, version, values);
}

export async function findProcess(db: Db, cityId: string, id: string) {
	return db.selectFrom('participatory_process').selectAll().where('city_id', '=', cityId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function findProcessByRef(db: Db, cityId: string, ref: string) {
	return db.selectFrom('participatory_process').selectAll().where('city_id', '=', cityId).where('ref', '=', ref).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function listProcessRows(db: Db, cityId: string) {
	return db.selectFrom('participatory_process').selectAll().where('city_id', '=', cityId).where('deleted_at', 'is', null).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}

export async function listPhases(db: Db, cityId: string, processIds: readonly string[]) {
	if (processIds.length === 0) return [];
	return db.selectFrom('process_phase').selectAll().where('city_id', '=', cityId).where('process_id', 'in', processIds).orderBy('position').execute();
}

export async function replacePhases(db: Db, cityId: string, processId: string, rows: readonly PhaseTable[]): Promise<void> {
	await db.deleteFrom('process_phase').where('city_id', '=', cityId).where('process_id', '=', processId).execute();
	if (rows.length) await db.insertInto('process_phase').values([...rows]).execute();
}

/** Live processes of every city, oldest first (the phase job looks at each; a network has few). */
export async function listAllLiveProcesses(db: Db, limit: number) {
	return db.selectFrom('participatory_process').select(['city_id', 'id']).where('deleted_at', 'is', null).orderBy('id').limit(limit).execute();
}

/** The next number of a kind of reference in the city (`proposal` → 1, 2, …), in the caller's transaction. */
export async function nextNumber(db: Db, cityId: string, kind: string): Promise<number> {
	await db.insertInto('participation_counter').values({ city_id: cityId, kind, last: 0 }).onConflict((oc) => oc.columns(['city_id', 'kind']).doNothing()).execute();
	const row = await db
		.updateTable('participation_counter')
		.set((eb) => ({ last: eb('last', '+', 1) }))
		.where('city_id', '=', cityId)
		.where('kind', '=', kind)
		.returning('last')
		.executeTakeFirstOrThrow();
	return Number(row.last);
}

/** Claims a form's one-time key; the outcome of its first use when it was used before. */
export async function claimSubmissionKey(db: Db, cityId: string, personId: string, key: string, outcome: string, at: string): Promise<string | undefined> {
	const inserted = await db
		.insertInto('submission_key')
		.values({ city_id: cityId, person_id: personId, key, outcome, created_at: at })
		.onConflict((oc) => oc.columns(['city_id', 'person_id', 'key']).doNothing())
		.executeTakeFirst();
	if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return undefined;
	const row = await db.selectFrom('submission_key').select('outcome').where('city_id', '=', cityId).where('person_id', '=', personId).where('key', '=', key).executeTakeFirst();
	return row?.outcome;
}

export async function setSubmissionOutcome(db: Db, cityId: string, personId: string, key: string, outcome: string): Promise<void> {
	await db.updateTable('submission_key').set({ outcome }).where('city_id', '=', cityId).where('person_id', '=', personId).where('key', '=', key).execute();
}

/** Keys older than a day have done their work (a double click comes within seconds). */
export async function deleteOldSubmissionKeys(db: Db, before: string): Promise<number> {
	const result = await db.deleteFrom('submission_key').where('created_at', '<', before).executeTakeFirst();
	return Number(result.numDeletedRows);
}

export async function readCursor(db: Db, cityId: string): Promise<number | undefined> {
	const row = await db.selectFrom('participation_cursor').select('ledger_seq').where('city_id', '=', cityId).executeTakeFirst();
	return row ? Number(row.ledger_seq) : undefined;
}

export async function startCursor(db: Db, cityId: string, seq: number): Promise<void> {
	await db.insertInto('participation_cursor').values({ city_id: cityId, ledger_seq: seq }).onConflict((oc) => oc.column('city_id').doNothing()).execute();
}

export async function moveCursor(db: Db, cityId: string, seq: number): Promise<void> {
	await db.updateTable('participation_cursor').set({ ledger_seq: seq }).where('city_id', '=', cityId).where('ledger_seq', '<', seq).execute();
}

export async function listCursors(db: Db) {
	return db.selectFrom('participation_cursor').selectAll().execute();
}
