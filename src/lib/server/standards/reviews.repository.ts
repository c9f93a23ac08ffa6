/**
 * Queries for peer reviews: the review rows and their ratings and positions (owned by the
 * reviewed city), the appointments (network-level: how a reviewer city finds its reviews) and the
 * published results (network-level: what the comparison reads across cities).
 */
import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/database.ts';
import { updateVersioned } from '../db/versioned.ts';
import type { AppointmentTable, PositionTable, ResultTable, ReviewRatingTable, ReviewTable } from './standards.tables.ts';

export async function insertReview(db: Db, row: Insertable<ReviewTable>): Promise<void> {
	await db.insertInto('standards_review').values(row).execute();
}

export async function findReview(db: Db, cityId: string, id: string) {
	return db.selectFrom('standards_review').selectAll().where('city_id', '=', cityId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function findReviewByRef(db: Db, cityId: string, ref: string) {
	return db.selectFrom('standards_review').selectAll().where('city_id', '=', cityId).where('ref', '=', ref).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function listReviews(db: Db, cityId: string) {
	return db.selectFrom('standards_review').selectAll().where('city_id', '=', cityId).where('deleted_at', 'is', null).orderBy('created_at', 'desc').execute();
}

export async function listReviewsOfAssessment(db: Db, cityId: string, assessmentId: string) {
	return db.selectFrom('standards_review').selectAll().where('city_id', '=', cityId).where('assessment_id', '=', assessmentId).where('deleted_at', 'is', null).execute();
}

export async function updateReview(db: Db, cityId: string, id: string, version: number, values: Updateable<ReviewTable>): Promise<boolean> {
	return updateVersioned(db, 'standards_review', cityId, id, version, values);
}

export async function reviewRefsWithPrefix(db: Db, cityId: string, prefix: string): Promise<string[]> {
	const rows = await db.selectFrom('standards_review').select('ref').where('city_id', '=', cityId).where('ref', 'like', `${prefix}%`).execute();
	return rows.map((row) => row.ref);
}

export async function listReviewRatings(db: Db, cityId: string, reviewId: string) {
	return db.selectFrom('standards_review_rating').selectAll().where('city_id', '=', cityId).where('review_id', '=', reviewId).orderBy('criterion').execute();
}

export async function replaceReviewRatings(db: Db, cityId: string, reviewId: string, ratings: readonly { criterion: string; row: Omit<ReviewRatingTable, 'city_id' | 'review_id' | 'criterion'> | null }[]): Promise<void> {
	const criteria = ratings.map((rating) => rating.criterion);
	if (criteria.length === 0) return;
	await db.deleteFrom('standards_review_rating').where('city_id', '=', cityId).where('review_id', '=', reviewId).where('criterion', 'in', criteria).execute();
	const rows = ratings.flatMap((rating) => (rating.row ? [{ city_id: cityId, review_id: reviewId, criterion: rating.criterion, ...rating.row }] : []));
	if (rows.length > 0) await db.insertInto('standards_review_rating').values(rows).execute();
}

export async function listPositions(db: Db, cityId: string, reviewId: string) {
	return db.selectFrom('standards_position').selectAll().where('city_id', '=', cityId).where('review_id', '=', reviewId).orderBy('criterion').orderBy('side').execute();
}

export async function replacePositions(db: Db, cityId: string, reviewId: string, side: PositionTable['side'], positions: readonly Omit<PositionTable, 'city_id' | 'review_id' | 'side'>[]): Promise<void> {
	if (positions.length === 0) return;
	await db
		.deleteFrom('standards_position')
		.where('city_id', '=', cityId)
		.where('review_id', '=', reviewId)
		.where('side', '=', side)
		.where(
			'criterion',
			'in',
			positions.map((position) => position.criterion)
		)
		.execute();
	await db
		.insertInto('standards_position')
		.values(positions.map((position) => ({ city_id: cityId, review_id: reviewId, side, ...position })))
		.execute();
}

export async function insertAppointment(db: Db, row: AppointmentTable): Promise<void> {
	await db.insertInto('standards_appointment').values(row).execute();
}

export async function withdrawAppointment(db: Db, reviewId: string, at: string): Promise<void> {
	await db.updateTable('standards_appointment').set({ withdrawn_at: at }).where('review_id', '=', reviewId).where('withdrawn_at', 'is', null).execute();
}

/** The reviews a city is appointed to carry out (not withdrawn), newest first. */
export async function listAppointmentsOfReviewer(db: Db, reviewerCityId: string) {
	return db.selectFrom('standards_appointment').selectAll().where('reviewer_city_id', '=', reviewerCityId).where('withdrawn_at', 'is', null).orderBy('created_at', 'desc').execute();
}

/** Every appointment (for the network admin), newest first. */
export async function listAppointments(db: Db, limit: number) {
	return db.selectFrom('standards_appointment').selectAll().orderBy('created_at', 'desc').limit(limit).execute();
}

export async function insertResult(db: Db, row: ResultTable): Promise<void> {
	await db.insertInto('standards_result').values(row).execute();
}

export async function listResultsOfCity(db: Db, cityId: string) {
	return db.selectFrom('standards_result').selectAll().where('city_id', '=', cityId).orderBy('year', 'desc').orderBy('published_at', 'desc').execute();
}

export async function findResultOfReview(db: Db, cityId: string, reviewId: string) {
	return db.selectFrom('standards_result').selectAll().where('city_id', '=', cityId).where('review_id', '=', reviewId).executeTakeFirst();
}

/** Every published result (the network comparison keeps each city's latest per framework). */
export async function listAllResults(db: Db) {
	return db.selectFrom('standards_result').selectAll().orderBy('framework').orderBy('city_id').orderBy('year', 'desc').orderBy('published_at', 'desc').execute();
}

/** Published reviews a city carried out for others (its cooperation, as evidence). */
export async function listResultsReviewedBy(db: Db, reviewerCityId: string) {
	return db
		.selectFrom('standards_appointment')
		.innerJoin('standards_result', (join) => join.onRef('standards_result.city_id', '=', 'standards_appointment.reviewed_city_id').onRef('standards_result.review_id', '=', 'standards_appointment.review_id'))
		.select(['standards_result.city_id', 'standards_result.review_id', 'standards_result.year', 'standards_result.framework', 'standards_result.statement'])
		.where('standards_appointment.reviewer_city_id', '=', reviewerCityId)
		.where('standards_appointment.withdrawn_at', 'is', null)
		.execute();
}
