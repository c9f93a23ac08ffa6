/**
 * The optimistic edit every versioned, city-owned row shares (`version`, `deleted_at`): update
 * only while the row is live and still at the version the editor saw, and count the version up.
 * False means someone else saved first (or the row is gone): the caller reports a conflict.
 *
 * @example
 *   if (!(await updateVersioned(trx, 'action', cityId, id, version, { title }))) throw conflict();
 */
import type { Kysely, Updateable } from 'kysely';
import type { Db, Tables } from './database.ts';

interface VersionedRow {
	city_id: string;
	id: string;
	version: number;
	deleted_at: string | null;
}

/** The tables whose rows carry the versioned columns. */
export type VersionedTable = { [T in keyof Tables]: Tables[T] extends VersionedRow ? T : never }[keyof Tables];

export async function updateVersioned<T extends VersionedTable>(db: Db, table: T, cityId: string, id: string, version: number, values: Updateable<Tables[T]>): Promise<boolean> {
	// One query shape for every such table; Kysely cannot narrow a table-name union, hence the cast.
	const result = await (db as unknown as Kysely<Record<string, VersionedRow>>)
		.updateTable(table as string)
		.set({ ...(values as object), version: version + 1 })
		.where('city_id', '=', cityId)
		.where('id', '=', id)
		.where('version', '=', version)
		.where('deleted_at', 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}
