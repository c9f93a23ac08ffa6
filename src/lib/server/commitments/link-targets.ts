/** What other modules may link to in a city's plan (an indicator measuring a commitment or an action). */
import type { Db } from '../db/database.ts';

export type LinkTargetType = 'commitment' | 'action';

/** The live commitment or action with this id in the city, by its public reference; undefined when there is none. */
export async function findLinkTarget(db: Db, cityId: string, targetType: LinkTargetType, targetId: string): Promise<{ ref: string } | undefined> {
	const table = targetType === 'commitment' ? 'commitment' : 'action';
	return db.selectFrom(table).select('ref').where('city_id', '=', cityId).where('id', '=', targetId).where('deleted_at', 'is', null).executeTakeFirst();
}
