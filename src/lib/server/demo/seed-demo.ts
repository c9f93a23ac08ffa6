/**
 * Demo data for a new installation: each module's demo seed in module order (the cities of the
 * network first, then what they hold), all through the modules' own services in one transaction,
 * and only on an empty registry, so it never touches real data.
 */
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import type { ModuleManifest } from '../module.ts';
import { modules as installed } from '../modules.ts';
import { countCities } from '../cities/index.ts';
import { todayIso } from '../db/ids.ts';

export interface SeedResult {
	seeded: boolean;
	cities: number;
}

export async function seedDemo(db: Db, options: { today?: string; modules?: readonly Pick<ModuleManifest<unknown, string>, 'seedDemo'>[] } = {}): Promise<SeedResult> {
	const today = options.today ?? todayIso();
	return inTransaction(db, async (trx) => {
		if ((await countCities(trx)) > 0) return { seeded: false, cities: 0 };
		for (const module of options.modules ?? installed) await module.seedDemo?.(trx, { today });
		return { seeded: true, cities: await countCities(trx) };
	});
}
