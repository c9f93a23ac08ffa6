/**
 * Queries of the action-plan CSV import and export: whether a plan is empty, live actions and
 * commitments of the city by ref, all milestones of a plan, and e-mail addresses of lead
 * officers. Every function takes `cityId`.
 */
import type { Db } from '../db/database.ts';

const CHUNK = 500;

async function inChunks<T>(values: readonly string[], query: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
	const results: T[] = [];
	for (let start = 0; start < values.length; start += CHUNK) results.push(...(await query(values.slice(start, start + CHUNK))));
	return results;
}

/** Live actions and commitments in the plan (0 and 0 for an empty plan). */
export async function countPlanContents(db: Db, cityId: string, planId: string): Promise<{ actions: number; commitments: number }> {
	const [actions, commitments] = await Promise.all([
		db.selectFrom('action').select((eb) => eb.fn.countAll<number>().as('count')).where('city_id', '=', cityId).where('plan_id', '=', planId).where('deleted_at', 'is', null).executeTakeFirstOrThrow(),
		db.selectFrom('commitment').select((eb) => eb.fn.countAll<number>().as('count')).where('city_id', '=', cityId).where('plan_id', '=', planId).where('deleted_at', 'is', null).executeTakeFirstOrThrow()
	]);
	return { actions: Number(actions.count), commitments: Number(commitments.count) };
}

/** Live actions of the city with these refs (any plan), with their plan. */
export async function findActionsByRefs(db: Db, cityId: string, refs: readonly string[]) {
	return inChunks(refs, (chunk) => db.selectFrom('action').select(['id', 'ref', 'plan_id']).where('city_id', '=', cityId).where('ref', 'in', chunk).where('deleted_at', 'is', null).execute());
}

/** Live commitments of the city with these refs, with their plan and declaration. */
export async function findCommitmentsByRefs(db: Db, cityId: string, refs: readonly string[]) {
	return inChunks(refs, (chunk) =>
		db.selectFrom('commitment').select(['id', 'ref', 'plan_id', 'declaration_id']).where('city_id', '=', cityId).where('ref', 'in', chunk).where('deleted_at', 'is', null).execute()
	);
}

/** Refs of live commitments of the city by id (actions of a plan may serve a declaration's commitment). */
export async function commitmentRefsByIds(db: Db, cityId: string, ids: readonly string[]) {
	return inChunks(ids, (chunk) => db.selectFrom('commitment').select(['id', 'ref']).where('city_id', '=', cityId).where('id', 'in', chunk).execute());
}

/** Every live milestone of the plan's live actions, in each action's order. */
export async function listPlanMilestones(db: Db, cityId: string, planId: string) {
	return db
		.selectFrom('milestone')
		.innerJoin('action', (join) => join.onRef('action.city_id', '=', 'milestone.city_id').onRef('action.id', '=', 'milestone.action_id'))
		.selectAll('milestone')
		.where('milestone.city_id', '=', cityId)
		.where('action.plan_id', '=', planId)
		.where('action.deleted_at', 'is', null)
		.where('milestone.deleted_at', 'is', null)
		.orderBy('milestone.action_id')
		.orderBy('milestone.position')
		.orderBy('milestone.due_date')
		.execute();
}

