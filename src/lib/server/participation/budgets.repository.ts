/** Budget projects and ballots. A ballot is replaced whole (one per person and process). */
import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/database.ts';
import { updateVersioned } from '../db/versioned.ts';
import type { BudgetProjectTable } from './participation.tables.ts';

export async function insertProject(db: Db, row: Insertable<BudgetProjectTable>): Promise<void> {
	await db.insertInto('budget_project').values(row).execute();
}

export function updateProject(db: Db, cityId: string, id: string, version: number, values: Updateable<BudgetProjectTable>): Promise<boolean> {
	return updateVersioned(db, 'budget_project', cityId, id, version, values);
}

export async function findProject(db: Db, cityId: string, id: string) {
	return db.selectFrom('budget_project').selectAll().where('city_id', '=', cityId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function findProjectByRef(db: Db, cityId: string, ref: string) {
	return db.selectFrom('budget_project').selectAll().where('city_id', '=', cityId).where('ref', '=', ref).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function listProjectRows(db: Db, cityId: string, processId: string) {
	return db.selectFrom('budget_project').selectAll().where('city_id', '=', cityId).where('process_id', '=', processId).where('deleted_at', 'is', null).orderBy('ref').execute();
}

export async function listProjectsOfAction(db: Db, cityId: string, actionId: string) {
	return db.selectFrom('budget_project').select(['id', 'ref', 'title']).where('city_id', '=', cityId).where('action_id', '=', actionId).where('deleted_at', 'is', null).execute();
}

export async function findProjectOfProposal(db: Db, cityId: string, proposalId: string) {
	return db.selectFrom('budget_project').select(['id', 'ref']).where('city_id', '=', cityId).where('proposal_id', '=', proposalId).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function findBallot(db: Db, cityId: string, processId: string, personId: string) {
	const ballot = await db.selectFrom('budget_ballot').selectAll().where('city_id', '=', cityId).where('process_id', '=', processId).where('person_id', '=', personId).executeTakeFirst();
	if (!ballot) return undefined;
	const items = await db.selectFrom('budget_ballot_item').select('project_id').where('city_id', '=', cityId).where('process_id', '=', processId).where('person_id', '=', personId).execute();
	return { ...ballot, projectIds: items.map((item) => item.project_id) };
}

/** Replaces the person's ballot with these projects (insert or update; one row per person and process). */
export async function saveBallot(db: Db, cityId: string, processId: string, personId: string, projectIds: readonly string[], total: number, at: string): Promise<void> {
	await db
		.insertInto('budget_ballot')
		.values({ city_id: cityId, process_id: processId, person_id: personId, total, created_at: at, updated_at: at })
		.onConflict((oc) => oc.columns(['city_id', 'process_id', 'person_id']).doUpdateSet({ total, updated_at: at }))
		.execute();
	await db.deleteFrom('budget_ballot_item').where('city_id', '=', cityId).where('process_id', '=', processId).where('person_id', '=', personId).execute();
	if (projectIds.length) await db.insertInto('budget_ballot_item').values(projectIds.map((projectId) => ({ city_id: cityId, process_id: processId, person_id: personId, project_id: projectId }))).execute();
}

export async function deleteBallot(db: Db, cityId: string, processId: string, personId: string): Promise<boolean> {
	await db.deleteFrom('budget_ballot_item').where('city_id', '=', cityId).where('process_id', '=', processId).where('person_id', '=', personId).execute();
	const result = await db.deleteFrom('budget_ballot').where('city_id', '=', cityId).where('process_id', '=', processId).where('person_id', '=', personId).executeTakeFirst();
	return Number(result.numDeletedRows) === 1;
}

/** Ballots naming each project of the process. */
export async function tallyVotes(db: Db, cityId: string, processId: string): Promise<Map<string, number>> {
	const rows = await db
		.selectFrom('budget_ballot_item')
		.select((eb) => ['project_id', eb.fn.countAll<number>().as('votes')])
		.where('city_id', '=', cityId)
		.where('process_id', '=', processId)
		.groupBy('project_id')
		.execute();
	return new Map(rows.map((row) => [row.project_id, Number(row.votes)]));
}

export async function countBallots(db: Db, cityId: string, processId: string): Promise<number> {
	const row = await db.selectFrom('budget_ballot').select((eb) => eb.fn.countAll<number>().as('count')).where('city_id', '=', cityId).where('process_id', '=', processId).executeTakeFirstOrThrow();
	return Number(row.count);
}
