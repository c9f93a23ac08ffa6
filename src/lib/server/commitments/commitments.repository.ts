/**
 * Queries for declarations, departments, action plans, commitments and their tags. Every
 * function takes `cityId`; soft-deleted rows are left out unless asked for.
 */
import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/database.ts';
import { updateVersioned } from '../db/versioned.ts';
import type { ActionPlanTable, CommitmentTable, DeclarationTable, DepartmentTable } from './commitments.tables.ts';

export async function insertDeclaration(db: Db, row: Insertable<DeclarationTable>): Promise<void> {
	await db.insertInto('declaration').values(row).execute();
}

export async function findDeclaration(db: Db, cityId: string, id: string) {
	return db.selectFrom('declaration').selectAll().where('city_id', '=', cityId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function listDeclarations(db: Db, cityId: string) {
	return db.selectFrom('declaration').selectAll().where('city_id', '=', cityId).where('deleted_at', 'is', null).orderBy('adopted_on', 'desc').orderBy('id').execute();
}

/** Updates when `version` still matches; returns false when someone else saved first. */
export async function updateDeclaration(db: Db, cityId: string, id: string, version: number, values: Updateable<DeclarationTable>): Promise<boolean> {
	return updateVersioned(db, 'declaration', cityId, id, version, values);
}

export async function insertDepartment(db: Db, row: Insertable<DepartmentTable>): Promise<void> {
	await db.insertInto('department').values(row).execute();
}

export async function listDepartments(db: Db, cityId: string) {
	return db.selectFrom('department').selectAll().where('city_id', '=', cityId).where('deleted_at', 'is', null).orderBy('code').execute();
}

export async function findDepartmentByCode(db: Db, cityId: string, code: string) {
	return db.selectFrom('department').selectAll().where('city_id', '=', cityId).where('code', '=', code).executeTakeFirst();
}

export async function findDepartment(db: Db, cityId: string, id: string) {
	return db.selectFrom('department').selectAll().where('city_id', '=', cityId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function updateDepartment(db: Db, cityId: string, id: string, version: number, values: Updateable<DepartmentTable>): Promise<boolean> {
	return updateVersioned(db, 'department', cityId, id, version, values);
}

export async function countActionsOfDepartment(db: Db, cityId: string, departmentId: string): Promise<number> {
	const row = await db
		.selectFrom('action_department')
		.innerJoin('action', (join) => join.onRef('action.city_id', '=', 'action_department.city_id').onRef('action.id', '=', 'action_department.action_id'))
		.select((eb) => eb.fn.countAll<number>().as('count'))
		.where('action_department.city_id', '=', cityId)
		.where('action_department.department_id', '=', departmentId)
		.where('action.deleted_at', 'is', null)
		.executeTakeFirstOrThrow();
	return Number(row.count);
}

export async function insertPlan(db: Db, row: Insertable<ActionPlanTable>): Promise<void> {
	await db.insertInto('action_plan').values(row).execute();
}

export async function findPlan(db: Db, cityId: string, id: string) {
	return db.selectFrom('action_plan').selectAll().where('city_id', '=', cityId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function findPlanByRef(db: Db, cityId: string, ref: string) {
	return db.selectFrom('action_plan').selectAll().where('city_id', '=', cityId).where('ref', '=', ref).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function listPlans(db: Db, cityId: string) {
	return db.selectFrom('action_plan').selectAll().where('city_id', '=', cityId).where('deleted_at', 'is', null).orderBy('period_start', 'desc').orderBy('id').execute();
}

export async function updatePlan(db: Db, cityId: string, id: string, version: number, values: Updateable<ActionPlanTable>): Promise<boolean> {
	return updateVersioned(db, 'action_plan', cityId, id, version, values);
}

const INSERT_BATCH = 500;

export async function insertCommitments(db: Db, rows: readonly Insertable<CommitmentTable>[]): Promise<void> {
	for (let start = 0; start < rows.length; start += INSERT_BATCH) await db.insertInto('commitment').values(rows.slice(start, start + INSERT_BATCH)).execute();
}

export async function insertTags(db: Db, rows: readonly { city_id: string; commitment_id: string; code: string; implied: number }[]): Promise<void> {
	for (let start = 0; start < rows.length; start += INSERT_BATCH) await db.insertInto('commitment_tag').values(rows.slice(start, start + INSERT_BATCH)).execute();
}

export async function findCommitment(db: Db, cityId: string, id: string) {
	return db.selectFrom('commitment').selectAll().where('city_id', '=', cityId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function findCommitmentByRef(db: Db, cityId: string, ref: string) {
	return db.selectFrom('commitment').selectAll().where('city_id', '=', cityId).where('ref', '=', ref).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function listCommitments(db: Db, cityId: string, filter: { planId?: string | undefined; declarationId?: string | undefined } = {}) {
	let query = db.selectFrom('commitment').selectAll().where('city_id', '=', cityId).where('deleted_at', 'is', null);
	if (filter.planId) query = query.where('plan_id', '=', filter.planId);
	if (filter.declarationId) query = query.where('declaration_id', '=', filter.declarationId);
	return query.orderBy('position').orderBy('id').execute();
}

export async function updateCommitment(db: Db, cityId: string, id: string, version: number, values: Updateable<CommitmentTable>): Promise<boolean> {
	return updateVersioned(db, 'commitment', cityId, id, version, values);
}

export async function replaceTags(db: Db, cityId: string, commitmentId: string, tags: { code: string; implied: boolean }[]): Promise<void> {
	await db.deleteFrom('commitment_tag').where('city_id', '=', cityId).where('commitment_id', '=', commitmentId).execute();
	if (tags.length) {
		await db
			.insertInto('commitment_tag')
			.values(tags.map((tag) => ({ city_id: cityId, commitment_id: commitmentId, code: tag.code, implied: tag.implied ? 1 : 0 })))
			.execute();
	}
}

/** Tags of the given commitments (all of the city's when `commitmentIds` is undefined). */
export async function listTags(db: Db, cityId: string, commitmentIds?: string[]) {
	if (commitmentIds && commitmentIds.length === 0) return [];
	let query = db.selectFrom('commitment_tag').select(['commitment_id', 'code', 'implied']).where('city_id', '=', cityId);
	if (commitmentIds) query = query.where('commitment_id', 'in', commitmentIds);
	return query.orderBy('code').execute();
}

/** Refs of a kind in use in the city that start with `prefix` (to number the next one). */
export async function refsWithPrefix(db: Db, table: 'declaration' | 'action_plan' | 'commitment' | 'action', cityId: string, prefix: string): Promise<string[]> {
	const rows = await db.selectFrom(table).select('ref').where('city_id', '=', cityId).where('ref', 'like', `${prefix}%`).execute();
	return rows.map((row) => row.ref);
}
