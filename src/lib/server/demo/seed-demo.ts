/**
 * Demo data for a new installation: the network of human rights cities. Runs in one transaction
 * and only on an empty registry, so it never touches real data.
 */
import type { Db } from '../db/database.ts';
import { countCities } from '../cities/cities.repository.ts';
import { seedDemoCities } from '../cities/cities.seed.ts';
import { seedDemoCommitments } from '../commitments/commitments.seed.ts';
import { seedDemoIndicators } from '../indicators/indicators.seed.ts';

export interface SeedResult {
	seeded: boolean;
	cities: number;
}

export async function seedDemo(db: Db): Promise<SeedResult> {
	return db.transaction().execute(async (trx) => {
		if ((await countCities(trx)) > 0) return { seeded: false, cities: 0 };
		const cities = await seedDemoCities(trx);
		await seedDemoCommitments(trx);
		await seedDemoIndicators(trx);
		return { seeded: true, cities };
	});
}
