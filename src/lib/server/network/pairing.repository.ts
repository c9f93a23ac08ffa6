/** Queries of pairings, their goals, meetings and notes, and the facts the suggestions weigh. */
import { sql, type Updateable } from 'kysely';
import type { Db } from '../db/database.ts';
import { toNumber } from '../db/dialect.ts';
import type { PairingGoalTable, PairingMeetingTable, PairingNoteTable, PairingStatus, PairingTable } from './network.tables.ts';

export function pairKey(a: string, b: string): string {
	return a < b ? `${a}|${b}` : `${b}|${a}`;
}

export async function insertPairing(db: Db, row: PairingTable): Promise<void> {
	await db.insertInto('pairing').values(row).execute();
}

export async function findPairing(db: Db, where: { id?: string; ref?: string }) {
	let query = db.selectFrom('pairing').selectAll();
	if (where.id) query = query.where('id', '=', where.id);
	if (where.ref) query = query.where('ref', '=', where.ref);
	return query.executeTakeFirst();
}

export async function findOpenPairing(db: Db, a: string, b: string) {
	return db.selectFrom('pairing').selectAll().where('pair_key', '=', pairKey(a, b)).where('status', 'in', ['proposed', 'active']).executeTakeFirst();
}

/** The latest pairing of two cities, in any state. */
export async function findLatestPairing(db: Db, a: string, b: string) {
	return db.selectFrom('pairing').selectAll().where('pair_key', '=', pairKey(a, b)).orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirst();
}

export async function listPairings(db: Db, filter: { cityId?: string; statuses?: readonly PairingStatus[] } = {}) {
	let query = db.selectFrom('pairing').selectAll();
	if (filter.cityId) {
		const cityId = filter.cityId;
		query = query.where((eb) => eb.or([eb('mentee_city_id', '=', cityId), eb('mentor_city_id', '=', cityId)]));
	}
	if (filter.statuses) query = query.where('status', 'in', [...filter.statuses]);
	return query.orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}

export async function updatePairing(db: Db, id: string, version: number, values: Updateable<PairingTable>): Promise<boolean> {
	const result = await db
		.updateTable('pairing')
		.set({ ...values, version: version + 1 })
		.where('id', '=', id)
		.where('version', '=', version)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

/** Mentoring so far, per mentor city: pairings under way and pairings completed. */
export async function mentoringCounts(db: Db): Promise<Map<string, { active: number; ended: number }>> {
	const rows = await db
		.selectFrom('pairing')
		.select(['mentor_city_id', 'status', (eb) => eb.fn.countAll().as('n')])
		.where('status', 'in', ['active', 'ended'])
		.groupBy(['mentor_city_id', 'status'])
		.execute();
	const counts = new Map<string, { active: number; ended: number }>();
	for (const row of rows) {
		const entry = counts.get(row.mentor_city_id) ?? { active: 0, ended: 0 };
		entry[row.status as 'active' | 'ended'] = toNumber(row.n);
		counts.set(row.mentor_city_id, entry);
	}
	return counts;
}

export async function listGoals(db: Db, pairingIds: readonly string[]) {
	if (pairingIds.length === 0) return [];
	return db.selectFrom('pairing_goal').selectAll().where('pairing_id', 'in', [...pairingIds]).orderBy('pairing_id').orderBy('position').execute();
}

export async function insertGoal(db: Db, row: PairingGoalTable): Promise<void> {
	await db.insertInto('pairing_goal').values(row).execute();
}

export async function nextGoalPosition(db: Db, pairingId: string): Promise<number> {
	const row = await db.selectFrom('pairing_goal').select(sql<number | string | null>`max(position)`.as('n')).where('pairing_id', '=', pairingId).executeTakeFirst();
	return toNumber(row?.n ?? 0) + 1;
}

export async function updateGoalStatus(db: Db, pairingId: string, goalId: string, status: PairingGoalTable['status'], at: string): Promise<boolean> {
	const result = await db.updateTable('pairing_goal').set({ status, updated_at: at }).where('pairing_id', '=', pairingId).where('id', '=', goalId).executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

export async function listMeetings(db: Db, pairingId: string) {
	return db.selectFrom('pairing_meeting').selectAll().where('pairing_id', '=', pairingId).orderBy('held_on', 'desc').orderBy('id', 'desc').execute();
}

export async function insertMeeting(db: Db, row: PairingMeetingTable): Promise<void> {
	await db.insertInto('pairing_meeting').values(row).execute();
}

export async function listNotes(db: Db, pairingId: string) {
	return db.selectFrom('pairing_note').selectAll().where('pairing_id', '=', pairingId).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}

export async function insertNote(db: Db, row: PairingNoteTable): Promise<void> {
	await db.insertInto('pairing_note').values(row).execute();
}
