/**
 * Queries for actions (with their departments), milestones, progress updates and evidence, and
 * the counts the public pages show. Every function takes `cityId`.
 */
import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/database.ts';
import { updateVersioned } from '../db/versioned.ts';
import type { ActionTable, EvidenceTable, MilestoneTable, ProgressUpdateTable } from './commitments.tables.ts';

export async function insertAction(db: Db, row: Insertable<ActionTable>): Promise<void> {
	await db.insertInto('action').values(row).execute();
}

/** Inserts many actions in chunks (CSV import, benchmarks). */
export async function insertActions(db: Db, rows: readonly Insertable<ActionTable>[]): Promise<void> {
	for (let start = 0; start < rows.length; start += 500) await db.insertInto('action').values(rows.slice(start, start + 500)).execute();
}

export async function findAction(db: Db, cityId: string, id: string) {
	return db.selectFrom('action').selectAll().where('city_id', '=', cityId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function findActionByRef(db: Db, cityId: string, ref: string) {
	return db.selectFrom('action').selectAll().where('city_id', '=', cityId).where('ref', '=', ref).where('deleted_at', 'is', null).executeTakeFirst();
}

export interface ActionFilter {
	/** Just these actions (a page's worth: each id is a bound parameter). */
	ids?: string[] | undefined;
	planId?: string | undefined;
	commitmentIds?: string[] | undefined;
	parentId?: string | undefined;
	departmentId?: string | undefined;
	status?: string | undefined;
}

export async function listActions(db: Db, cityId: string, filter: ActionFilter = {}) {
	let query = db.selectFrom('action').selectAll('action').where('action.city_id', '=', cityId).where('action.deleted_at', 'is', null);
	if (filter.planId) query = query.where('action.plan_id', '=', filter.planId);
	if (filter.ids) query = filter.ids.length ? query.where('action.id', 'in', filter.ids) : query.where('action.id', '=', '');
	if (filter.commitmentIds) query = filter.commitmentIds.length ? query.where('action.commitment_id', 'in', filter.commitmentIds) : query.where('action.id', '=', '');
	if (filter.parentId) query = query.where('action.parent_id', '=', filter.parentId);
	if (filter.status) query = query.where('action.status', '=', filter.status as ActionTable['status']);
	if (filter.departmentId) {
		const departmentId = filter.departmentId;
		query = query.where(({ exists, selectFrom }) =>
			exists(
				selectFrom('action_department')
					.select('action_department.action_id')
					.whereRef('action_department.city_id', '=', 'action.city_id')
					.whereRef('action_department.action_id', '=', 'action.id')
					.where('action_department.department_id', '=', departmentId)
			)
		);
	}
	return query.orderBy('action.position').orderBy('action.id').execute();
}

/** The columns roll-ups and counts need, for every live action of the city (or one plan). */
export async function listActionSkeletons(db: Db, cityId: string, planId?: string) {
	let query = db
		.selectFrom('action')
		.select(['id', 'plan_id', 'commitment_id', 'parent_id', 'status', 'progress', 'weight', 'due_date'])
		.where('city_id', '=', cityId)
		.where('deleted_at', 'is', null);
	if (planId) query = query.where('plan_id', '=', planId);
	return query.execute();
}

export async function updateAction(db: Db, cityId: string, id: string, version: number, values: Updateable<ActionTable>): Promise<boolean> {
	return updateVersioned(db, 'action', cityId, id, version, values);
}

export async function countLiveChildren(db: Db, cityId: string, actionId: string): Promise<number> {
	const row = await db
		.selectFrom('action')
		.select((eb) => eb.fn.countAll<number>().as('count'))
		.where('city_id', '=', cityId)
		.where('parent_id', '=', actionId)
		.where('deleted_at', 'is', null)
		.executeTakeFirstOrThrow();
	return Number(row.count);
}

export async function replaceActionDepartments(db: Db, cityId: string, actionId: string, departmentIds: string[]): Promise<void> {
	await db.deleteFrom('action_department').where('city_id', '=', cityId).where('action_id', '=', actionId).execute();
	if (departmentIds.length) {
		await db
			.insertInto('action_department')
			.values(departmentIds.map((departmentId, position) => ({ city_id: cityId, action_id: actionId, department_id: departmentId, position })))
			.execute();
	}
}

export async function insertActionDepartments(db: Db, rows: { city_id: string; action_id: string; department_id: string; position: number }[]): Promise<void> {
	for (let start = 0; start < rows.length; start += 500) await db.insertInto('action_department').values(rows.slice(start, start + 500)).execute();
}

/** Department ids per action (all of the city's when `actionIds` is undefined). */
export async function listActionDepartments(db: Db, cityId: string, actionIds?: string[]) {
	if (actionIds && actionIds.length === 0) return [];
	let query = db.selectFrom('action_department').select(['action_id', 'department_id']).where('city_id', '=', cityId);
	if (actionIds && actionIds.length <= 500) query = query.where('action_id', 'in', actionIds);
	const rows = await query.orderBy('action_id').orderBy('position').execute();
	if (!actionIds || actionIds.length <= 500) return rows;
	const wanted = new Set(actionIds);
	return rows.filter((row) => wanted.has(row.action_id));
}

export async function insertMilestones(db: Db, rows: readonly Insertable<MilestoneTable>[]): Promise<void> {
	for (let start = 0; start < rows.length; start += 500) await db.insertInto('milestone').values(rows.slice(start, start + 500)).execute();
}

export async function findMilestone(db: Db, cityId: string, id: string) {
	return db.selectFrom('milestone').selectAll().where('city_id', '=', cityId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function listMilestones(db: Db, cityId: string, actionIds: string[]) {
	if (actionIds.length === 0) return [];
	return db
		.selectFrom('milestone')
		.selectAll()
		.where('city_id', '=', cityId)
		.where('action_id', 'in', actionIds)
		.where('deleted_at', 'is', null)
		.orderBy('due_date')
		.orderBy('position')
		.execute();
}

/** Updates a live milestone; false when there is none (milestones carry no version: the last edit wins). */
export async function updateMilestone(db: Db, cityId: string, id: string, values: Updateable<MilestoneTable>): Promise<boolean> {
	const result = await db.updateTable('milestone').set(values).where('city_id', '=', cityId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

export async function insertProgressUpdate(db: Db, row: Insertable<ProgressUpdateTable>): Promise<void> {
	await db.insertInto('progress_update').values(row).execute();
}

export async function findProgressUpdate(db: Db, cityId: string, id: string) {
	return db.selectFrom('progress_update').selectAll().where('city_id', '=', cityId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function listProgressUpdates(db: Db, cityId: string, actionId: string) {
	return db
		.selectFrom('progress_update')
		.selectAll()
		.where('city_id', '=', cityId)
		.where('action_id', '=', actionId)
		.where('deleted_at', 'is', null)
		.orderBy('reported_on', 'desc')
		.orderBy('id', 'desc')
		.execute();
}

/** Withdraws a live update; false when it is gone already. */
export async function softDeleteProgressUpdate(db: Db, cityId: string, id: string, at: string): Promise<boolean> {
	const result = await db.updateTable('progress_update').set({ deleted_at: at }).where('city_id', '=', cityId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

/** The latest update date of each action (for "no update in 90 days"). */
export async function latestUpdateDates(db: Db, cityId: string) {
	return db
		.selectFrom('progress_update')
		.select(['action_id', (eb) => eb.fn.max('reported_on').as('latest')])
		.where('city_id', '=', cityId)
		.where('deleted_at', 'is', null)
		.groupBy('action_id')
		.execute();
}

/** Live progress updates reported in `[from, to)` (dates) and on how many actions. */
export async function countProgressUpdates(db: Db, cityId: string, from: string, to: string): Promise<{ updates: number; actions: number }> {
	const row = await db
		.selectFrom('progress_update')
		.select((eb) => [eb.fn.countAll<number>().as('updates'), eb.fn.count<number>('action_id').distinct().as('actions')])
		.where('city_id', '=', cityId)
		.where('deleted_at', 'is', null)
		.where('reported_on', '>=', from)
		.where('reported_on', '<', to)
		.executeTakeFirstOrThrow();
	return { updates: Number(row.updates), actions: Number(row.actions) };
}

export async function listOverdueMilestoneActions(db: Db, cityId: string, today: string): Promise<string[]> {
	const rows = await db
		.selectFrom('milestone')
		.select('action_id')
		.distinct()
		.where('city_id', '=', cityId)
		.where('deleted_at', 'is', null)
		.where('done_on', 'is', null)
		.where('due_date', '<', today)
		.execute();
	return rows.map((row) => row.action_id);
}

export async function insertEvidence(db: Db, rows: Insertable<EvidenceTable>[]): Promise<void> {
	if (rows.length) await db.insertInto('evidence').values(rows).execute();
}

export async function listEvidence(db: Db, cityId: string, updateIds: string[]) {
	if (updateIds.length === 0) return [];
	// Links before files, each in the order given.
	return db.selectFrom('evidence').selectAll().where('city_id', '=', cityId).where('update_id', 'in', updateIds).orderBy('created_at').orderBy('kind', 'desc').orderBy('id').execute();
}

/** A file of evidence with its update and action, for downloading (only while the update is live). */
export async function findEvidenceFile(db: Db, cityId: string, id: string) {
	return db
		.selectFrom('evidence')
		.innerJoin('progress_update', (join) => join.onRef('progress_update.city_id', '=', 'evidence.city_id').onRef('progress_update.id', '=', 'evidence.update_id'))
		.select(['evidence.id', 'evidence.kind', 'evidence.file_key', 'evidence.file_name', 'evidence.content_type', 'evidence.size', 'evidence.sha256'])
		.where('evidence.city_id', '=', cityId)
		.where('evidence.id', '=', id)
		.where('progress_update.deleted_at', 'is', null)
		.executeTakeFirst();
}

