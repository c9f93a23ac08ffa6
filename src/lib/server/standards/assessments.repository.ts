/**
 * Queries for assessments (self and shadow) and their ratings. Every function takes `cityId`;
 * discarded drafts (`deleted_at`) are left out.
 */
import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/database.ts';
import { updateVersioned } from '../db/versioned.ts';
import type { AssessmentTable, RatingTable } from './standards.tables.ts';

export async function insertAssessment(db: Db, row: Insertable<AssessmentTable>): Promise<void> {
	await db.insertInto('standards_assessment').values(row).execute();
}

export async function findAssessment(db: Db, cityId: string, id: string) {
	return db.selectFrom('standards_assessment').selectAll().where('city_id', '=', cityId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function findAssessmentByRef(db: Db, cityId: string, ref: string) {
	return db.selectFrom('standards_assessment').selectAll().where('city_id', '=', cityId).where('ref', '=', ref).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function findSelfAssessment(db: Db, cityId: string, selfKey: string) {
	return db.selectFrom('standards_assessment').selectAll().where('city_id', '=', cityId).where('self_key', '=', selfKey).executeTakeFirst();
}

/** The city's assessments, newest year first. */
export async function listAssessments(db: Db, cityId: string, filter: { kind?: AssessmentTable['kind']; status?: AssessmentTable['status']; authorId?: string } = {}) {
	let query = db.selectFrom('standards_assessment').selectAll().where('city_id', '=', cityId).where('deleted_at', 'is', null);
	if (filter.kind) query = query.where('kind', '=', filter.kind);
	if (filter.status) query = query.where('status', '=', filter.status);
	if (filter.authorId) query = query.where('author_id', '=', filter.authorId);
	return query.orderBy('year', 'desc').orderBy('id', 'desc').execute();
}

export async function updateAssessment(db: Db, cityId: string, id: string, version: number, values: Updateable<AssessmentTable>): Promise<boolean> {
	return updateVersioned(db, 'standards_assessment', cityId, id, version, values);
}

export async function refsWithPrefix(db: Db, cityId: string, prefix: string): Promise<string[]> {
	const rows = await db.selectFrom('standards_assessment').select('ref').where('city_id', '=', cityId).where('ref', 'like', `${prefix}%`).execute();
	return rows.map((row) => row.ref);
}

export async function listRatings(db: Db, cityId: string, assessmentId: string) {
	return db.selectFrom('standards_rating').selectAll().where('city_id', '=', cityId).where('assessment_id', '=', assessmentId).orderBy('criterion').execute();
}

/** Replaces the ratings of the criteria given (a criterion left out keeps its rating; `null` removes it). */
export async function replaceRatings(db: Db, cityId: string, assessmentId: string, ratings: readonly { criterion: string; row: Omit<RatingTable, 'city_id' | 'assessment_id' | 'criterion'> | null }[]): Promise<void> {
	const criteria = ratings.map((rating) => rating.criterion);
	if (criteria.length === 0) return;
	await db.deleteFrom('standards_rating').where('city_id', '=', cityId).where('assessment_id', '=', assessmentId).where('criterion', 'in', criteria).execute();
	const rows = ratings.flatMap((rating) => (rating.row ? [{ city_id: cityId, assessment_id: assessmentId, criterion: rating.criterion, ...rating.row }] : []));
	if (rows.length > 0) await db.insertInto('standards_rating').values(rows).execute();
}
