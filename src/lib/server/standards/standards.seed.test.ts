// The demo: York's two FRA years and Gwangju's Gwangju-Principles year, each reviewed and agreed,
// and a shadow assessment — all through the services, marked as demo, with levels as planned.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../testing/test-database.ts';
import { findCityBySlug } from '../cities/index.ts';
import { historyOf, verifyLedger } from '../ledger/index.ts';
import { listCityResults, verifyResultStatement } from './results.service.ts';
import { listCityAssessments } from './assessments.service.ts';
import { listCityReviews, loadReview } from './reviews.service.ts';
import { outcomesOf } from './agreement.service.ts';

describe.each(DIALECTS)('the standards demo on %s', (dialect) => {
	let database: TestDatabase;
	beforeAll(async () => {
		database = await createTestDatabase(dialect, { seed: true });
	}, 120_000);
	afterAll(() => database.cleanup());

	it('gives York two years of FRA results, reviewed by Lund, level 2 then 3, each signed by the network', async () => {
		const { db } = database;
		const york = (await findCityBySlug(db, 'york'))!;
		const results = await listCityResults(db, york.id);
		expect(results.map((result) => [result.framework, result.level])).toEqual([
			['fra', 3],
			['fra', 2]
		]);
		expect(results[0]!.year - results[1]!.year).toBe(1);
		expect(results.every((result) => result.demo && result.statement.reviewer === 'lund')).toBe(true);
		for (const result of results) expect((await verifyResultStatement(db, result.statementText, result.signature, result.kid)).valid).toBe(true);
	});

	it('records the disagreement of the latest York review and counts the lower rating', async () => {
		const { db } = database;
		const york = (await findCityBySlug(db, 'york'))!;
		const [latest] = await listCityReviews(db, null, york.id);
		const view = await loadReview(db, latest!);
		const disagreements = outcomesOf(view).filter((outcome) => !outcome.agreed);
		expect(disagreements).toEqual([{ criterion: 'fra:T5', city: 'met', reviewer: 'partly_met', agreed: false, counted: 'partly_met' }]);
	});

	it('gives Gwangju a Gwangju-Principles result reviewed by York', async () => {
		const { db } = database;
		const gwangju = (await findCityBySlug(db, 'gwangju'))!;
		const [result] = await listCityResults(db, gwangju.id);
		expect(result).toMatchObject({ framework: 'gwangju', level: 3, demo: true });
		expect(result!.statement.reviewer).toBe('york');
	});

	it('files a shadow assessment beside York’s, public and marked as demo', async () => {
		const { db } = database;
		const york = (await findCityBySlug(db, 'york'))!;
		const assessments = await listCityAssessments(db, null, york.id);
		expect(assessments.map((assessment) => [assessment.kind, assessment.status, assessment.demo])).toEqual(
			expect.arrayContaining([
				['self', 'submitted', true],
				['shadow', 'submitted', true]
			])
		);
		expect(assessments.find((assessment) => assessment.kind === 'shadow')!.organisation).toMatch(/demo/i);
	});

	it('writes every step to the city’s ledger as the demo operator, and the chain verifies', async () => {
		const { db } = database;
		const york = (await findCityBySlug(db, 'york'))!;
		const [review] = await listCityReviews(db, null, york.id);
		const entries = await historyOf(db, york.id, [review!.id]);
		expect(entries.map((entry) => entry.change.status?.toString())).toContain('submitted,published');
		expect(entries.every((entry) => entry.actor_role === 'demo' || entry.actor_role === 'peer_reviewer')).toBe(true);
		expect((await verifyLedger(db, york.id)).ok).toBe(true);
	});
});
