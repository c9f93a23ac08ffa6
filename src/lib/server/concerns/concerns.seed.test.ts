import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../testing/test-database.ts';
import { findCityBySlug } from '../cities/index.ts';
import { getActionByRef } from '../commitments/index.ts';
import { keyRing } from './crypto.ts';
import { seedDemoConcerns } from './concerns.seed.ts';
import { countLinkedConcerns } from './cases.service.ts';
import { loadConcernStats } from './stats.service.ts';

describe.each(DIALECTS)('the concerns demo on %s', (dialect) => {
	let database: TestDatabase;
	beforeEach(async () => (database = await createTestDatabase(dialect, { seed: true })));
	afterEach(() => database.cleanup());

	it('reports demo cases through the services for York and Gwangju, once, with enough in one right for counts beside suppressed cells', async () => {
		const ring = keyRing({ source: 'configured', keys: [{ id: 'k1', key: randomBytes(32) }] });
		expect(await seedDemoConcerns(database.db, ring, '2026-12-07')).toEqual({ cases: 20 });
		expect(await seedDemoConcerns(database.db, ring, '2026-12-07')).toEqual({ cases: 0 });
		const york = (await findCityBySlug(database.db, 'york'))!;
		const rows = await database.db.selectFrom('concern_case').select(['demo', 'status', 'linked_ref']).where('city_id', '=', york.id).execute();
		expect(rows).toHaveLength(12);
		expect(rows.every((row) => row.demo === 1)).toBe(true);
		expect(new Set(rows.map((row) => row.status))).toEqual(new Set(['received', 'under_review', 'referred', 'resolved', 'not_upheld']));
		const action = await getActionByRef(database.db, york.id, 'A-2025-001');
		expect(await countLinkedConcerns(database.db, york.id, 'action', action.id)).toBe(2);
		const stats = await loadConcernStats(database.db, york.id, '2026-12-07');
		const right = stats.tables.find((table) => table.dimension === 'right')!;
		const cells = right.rows.flatMap((row) => row.cells);
		expect(cells.some((cell) => cell.state === 'shown' && cell.value >= 5)).toBe(true);
		expect(cells.some((cell) => cell.state === 'small')).toBe(true);
	});
});
