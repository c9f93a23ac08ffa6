/** The human rights council: members with seats and terms, meetings, recommendations. */
import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/database.ts';
import { updateVersioned } from '../db/versioned.ts';
import type { CouncilMeetingTable, CouncilMemberTable, RecommendationTable } from './participation.tables.ts';

export async function insertMember(db: Db, row: Insertable<CouncilMemberTable>): Promise<void> {
	await db.insertInto('council_member').values(row).execute();
}

export function updateMember(db: Db, cityId: string, id: string, version: number, values: Updateable<CouncilMemberTable>): Promise<boolean> {
	return updateVersioned(db, 'council_member', cityId, id, version, values);
}

export async function findMember(db: Db, cityId: string, id: string) {
	return db.selectFrom('council_member').selectAll().where('city_id', '=', cityId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function listMemberRows(db: Db, cityId: string) {
	return db.selectFrom('council_member').selectAll().where('city_id', '=', cityId).where('deleted_at', 'is', null).orderBy('seat').orderBy('name').execute();
}

export async function insertMeeting(db: Db, row: Insertable<CouncilMeetingTable>): Promise<void> {
	await db.insertInto('council_meeting').values(row).execute();
}

export function updateMeeting(db: Db, cityId: string, id: string, version: number, values: Updateable<CouncilMeetingTable>): Promise<boolean> {
	return updateVersioned(db, 'council_meeting', cityId, id, version, values);
}

export async function findMeeting(db: Db, cityId: string, id: string) {
	return db.selectFrom('council_meeting').selectAll().where('city_id', '=', cityId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function findMeetingByRef(db: Db, cityId: string, ref: string) {
	return db.selectFrom('council_meeting').selectAll().where('city_id', '=', cityId).where('ref', '=', ref).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function listMeetingRows(db: Db, cityId: string) {
	return db.selectFrom('council_meeting').selectAll().where('city_id', '=', cityId).where('deleted_at', 'is', null).orderBy('held_on', 'desc').orderBy('ref', 'desc').execute();
}

export async function insertRecommendation(db: Db, row: Insertable<RecommendationTable>): Promise<void> {
	await db.insertInto('council_recommendation').values(row).execute();
}

export function updateRecommendation(db: Db, cityId: string, id: string, version: number, values: Updateable<RecommendationTable>): Promise<boolean> {
	return updateVersioned(db, 'council_recommendation', cityId, id, version, values);
}

export async function findRecommendation(db: Db, cityId: string, id: string) {
	return db.selectFrom('council_recommendation').selectAll().where('city_id', '=', cityId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function findRecommendationByRef(db: Db, cityId: string, ref: string) {
	return db.selectFrom('council_recommendation').selectAll().where('city_id', '=', cityId).where('ref', '=', ref).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function listRecommendationRows(db: Db, cityId: string, filter: { meetingId?: string; actionId?: string } = {}) {
	let query = db.selectFrom('council_recommendation').selectAll().where('city_id', '=', cityId).where('deleted_at', 'is', null);
	if (filter.meetingId) query = query.where('meeting_id', '=', filter.meetingId);
	if (filter.actionId) query = query.where('action_id', '=', filter.actionId);
	return query.orderBy('issued_on', 'desc').orderBy('ref', 'desc').execute();
}
