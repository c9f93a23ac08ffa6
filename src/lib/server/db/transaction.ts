/**
 * The one way services open a transaction: join the caller's when there is one, else open a new
 * one. So a service is a single use case whether a route calls it alone or a seed, an import or
 * another service calls it among others inside one transaction (the caller owns it, as in
 * Kysely's example app and Outline's commands).
 *
 * @example
 *   export async function createAction(db: Db, actor: MaybeActor, cityId: string, input: ActionInput) {
 *     return inTransaction(db, async (trx) => { … });
 *   }
 *   // a seed: await inTransaction(db, async (trx) => { await createPlan(trx, …); await createAction(trx, …); });
 */
import type { Db } from './database.ts';

export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
	if (db.isTransaction) return work(db);
	return db.transaction().execute(work);
}
