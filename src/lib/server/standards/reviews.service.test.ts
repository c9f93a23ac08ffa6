// Peer review: appointment (never of the city itself), who rates, the city's and the reviewers'
// positions, and publication with both voices, the level and the network's signature.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../testing/test-database.ts';
import { createCity } from '../testing/factories.ts';
import { isDomainError } from '../errors.ts';
import { insertRole, loadActor, type Actor } from '../accounts/index.ts';
import { historyOf, NETWORK_CHAIN, readLedgerPage } from '../ledger/index.ts';
import { nowIso } from '../db/ids.ts';
import type { CityTable } from '../cities/index.ts';
import { saveRatings, startSelfAssessment, submitAssessment, viewAssessment, type Assessment } from './assessments.service.ts';
import { appointReviewer, getReview, listReviewsByReviewer, saveReviewRatings, submitReview, viewReview, withdrawFromReview, withdrawReview } from './reviews.service.ts';
import { confirmPositions, outcomesOf, savePositions } from './agreement.service.ts';
import { latestResult, verifyResultStatement } from './results.service.ts';
import { getScorecard } from './scorecard.service.ts';
import { publishFrameworks, ratedAll, standardsActor } from './test-fixtures.ts';

async function refusal(work: Promise<unknown>) {
	try {
		await work;
	} catch (error) {
		if (isDomainError(error)) return { code: error.code, ...error.details };
		throw error;
	}
	throw new Error('expected a refusal');
}

describe.each(DIALECTS)('peer review on %s', (dialect) => {
	let database: TestDatabase;
	let york: CityTable;
	let lund: CityTable;
	let yorkAdmin: Actor;
	let lundAdmin: Actor;
	let networkAdmin: Actor;
	let assessment: Assessment;

	beforeEach(async () => {
		database = await createTestDatabase(dialect);
		const { db } = database;
		york = await createCity(db, { slug: 'york', name: 'York' });
		lund = await createCity(db, { slug: 'lund', name: 'Lund' });
		yorkAdmin = await standardsActor(db, york.id, 'city_admin');
		lundAdmin = await standardsActor(db, lund.id, 'city_admin');
		const published = await publishFrameworks(db);
		networkAdmin = published.networkAdmin;
		const started = await startSelfAssessment(db, yorkAdmin, york.id, { versionId: published.versions.get('roles')!.id, year: 2026 });
		const saved = await saveRatings(db, yorkAdmin, york.id, started.id, started.version, await ratedAll(db, started, 'met'), { locale: 'en' });
		assessment = await submitAssessment(db, yorkAdmin, york.id, started.id, saved.version);
	});
	afterEach(() => database.cleanup());

	it('never appoints a city to review itself, and changes nothing', async () => {
		const { db } = database;
		expect(await refusal(appointReviewer(db, networkAdmin, york.id, assessment.id, { reviewerCity: 'york' }))).toMatchObject({ code: 'invalid_input', field: 'reviewerCity', rule: 'self_review' });
		expect(await refusal(appointReviewer(db, networkAdmin, york.id, assessment.id, { reviewerCity: 'atlantis' }))).toMatchObject({ field: 'reviewerCity', rule: 'city_not_found' });
		expect(await refusal(appointReviewer(db, yorkAdmin, york.id, assessment.id, { reviewerCity: 'lund' }))).toMatchObject({ code: 'forbidden' });
		expect(await listReviewsByReviewer(db, york.id)).toEqual([]);
		expect((await readLedgerPage(db, NETWORK_CHAIN, { entityType: 'standards_appointment' })).entries).toEqual([]);
	});

	it('refuses a reviewer who belongs to the city reviewed, even as staff of the reviewer city', async () => {
		const { db } = database;
		const review = await appointReviewer(db, networkAdmin, york.id, assessment.id, { reviewerCity: 'lund' });
		const both = await standardsActor(db, lund.id, 'city_admin');
		await insertRole(db, { city_id: york.id, person_id: both.personId, role: 'resident', department: null, granted_by: null, created_at: nowIso() });
		const inputs = [{ criterion: 'role:employer', rating: 'met', justification: 'Seen.' }];
		expect(await refusal(saveReviewRatings(db, (await loadActor(db, both.personId))!, york.id, review.id, review.version, inputs, { locale: 'en' }))).toMatchObject({ code: 'conflict', rule: 'self_review' });
		expect(await refusal(saveReviewRatings(db, yorkAdmin, york.id, review.id, review.version, inputs, { locale: 'en' }))).toMatchObject({ code: 'conflict', rule: 'self_review' });
		const graz = await createCity(db, { slug: 'graz' });
		for (const actor of [await standardsActor(db, graz.id, 'city_admin'), networkAdmin, null]) expect(await refusal(saveReviewRatings(db, actor, york.id, review.id, review.version, inputs, { locale: 'en' }))).toMatchObject({ code: 'forbidden' });
	});

	it('reviews, agrees on some criteria, records the disagreement on others, publishes both voices and a signed level', async () => {
		const { db } = database;
		let review = await appointReviewer(db, networkAdmin, york.id, assessment.id, { reviewerCity: 'lund' });
		expect(review).toMatchObject({ ref: 'PR-2026-1', status: 'appointed', reviewerCitySlug: 'lund' });
		expect((await listReviewsByReviewer(db, lund.id)).map((item) => item.ref)).toEqual(['PR-2026-1']);
		expect(await refusal(appointReviewer(db, networkAdmin, york.id, assessment.id, { reviewerCity: 'lund' }))).toMatchObject({ rule: 'review_exists' });

		// Lund's officer rates, on York's evidence; Lund's admin submits once every criterion is rated.
		const officer = await standardsActor(db, lund.id, 'officer');
		// York has no indicators here: it could rate the welfare role only partly met; the rest met.
		const york_ = await viewAssessment(db, null, york.id, assessment.ref);
		expect(york_.ratings.get('role:welfare')!.rating).toBe('partly_met');
		const ratings = (code: string) => (code === 'role:procurer' ? 'not_met' : code === 'role:employer' ? 'partly_met' : york_.ratings.get(code)!.rating);
		const inputs = york_.framework.document.criteria.map((criterion) => ({ criterion: criterion.code, rating: ratings(criterion.code), justification: `Lund on ${criterion.code}` }));
		review = await saveReviewRatings(db, officer, york.id, review.id, review.version, inputs.slice(1), { locale: 'sv' });
		expect(await refusal(submitReview(db, officer, york.id, review.id, review.version))).toMatchObject({ code: 'forbidden' });
		expect(await refusal(submitReview(db, lundAdmin, york.id, review.id, review.version))).toMatchObject({ fields: { form: 'ratings_missing', 'role:societal': 'rating_required' } });
		expect((await viewReview(db, yorkAdmin, york.id, review.ref, 'city')).ratings.size).toBe(0);
		review = await saveReviewRatings(db, officer, york.id, review.id, review.version, inputs.slice(0, 1), { locale: 'sv' });
		expect(await refusal(savePositions(db, yorkAdmin, york.id, review.id, review.version, 'city', [], { locale: 'en' }))).toMatchObject({ rule: 'review_not_submitted' });
		review = await submitReview(db, lundAdmin, york.id, review.id, review.version);
		expect((await viewReview(db, yorkAdmin, york.id, review.ref, 'city')).ratings.get('role:employer')).toMatchObject({ rating: 'partly_met', comment: { sv: 'Lund on role:employer' } });
		expect(await refusal(viewReview(db, null, york.id, review.ref, 'public'))).toMatchObject({ code: 'review_not_found' });

		// York accepts the procurer rating, keeps its own on the employer; both confirm.
		review = await savePositions(db, yorkAdmin, york.id, review.id, review.version, 'city', [{ criterion: 'role:procurer', rating: 'not_met', note: 'We accept: no clauses yet.' }], { locale: 'en' });
		expect(await refusal(savePositions(db, yorkAdmin, york.id, review.id, review.version, 'city', [{ criterion: 'role:procurer', rating: 'not_applicable', note: '' }], { locale: 'en' }))).toMatchObject({ fields: { 'role:procurer': 'not_applicable_refused' } });
		review = await confirmPositions(db, yorkAdmin, york.id, review.id, review.version, 'city');
		expect(review.status).toBe('submitted');
		expect(await refusal(savePositions(db, yorkAdmin, york.id, review.id, review.version, 'city', [], { locale: 'en' }))).toMatchObject({ rule: 'positions_confirmed' });
		expect(await latestResult(db, york.id)).toBeUndefined();
		review = await confirmPositions(db, lundAdmin, york.id, review.id, review.version, 'reviewer');
		expect(review.status).toBe('published');

		const view = await viewReview(db, null, york.id, review.ref, 'public');
		const outcomes = outcomesOf(view);
		expect(outcomes.filter((outcome) => !outcome.agreed)).toEqual([{ criterion: 'role:employer', city: 'met', reviewer: 'partly_met', agreed: false, counted: 'partly_met' }]);
		expect(outcomes.find((outcome) => outcome.criterion === 'role:procurer')).toMatchObject({ agreed: true, counted: 'not_met' });

		// 4 core roles, welfare and employer only partly met → "commitment" (level 2), signed by the network.
		const result = (await latestResult(db, york.id))!;
		expect(result).toMatchObject({ level: 2, year: 2026, framework: 'roles' });
		expect(result.statement).toMatchObject({ city: 'york', cityName: 'York', level: 2, levelCode: 'commitment', review: 'PR-2026-1', reviewer: 'lund', frameworkVersion: '2024.1' });
		expect(await verifyResultStatement(db, result.statementText, result.signature, result.kid)).toMatchObject({ valid: true, onRecord: true, latest: true });
		const card = await getScorecard(db, york.id);
		expect(card.frameworks[0]!.maturity.next!.conditions.find((condition) => condition.kind === 'core')).toMatchObject({ short: ['role:welfare', 'role:employer'] });

		const entries = await historyOf(db, york.id, [review.id, result.id]);
		expect(entries.map((entry) => [entry.actor_role, entry.change.status ?? Object.keys(entry.change)[0]])).toEqual([
			['network_admin', [null, 'appointed']],
			['peer_reviewer', ['appointed', 'submitted']],
			['city_admin', 'city_confirmed_at'],
			['peer_reviewer', 'reviewer_confirmed_at'],
			['peer_reviewer', ['submitted', 'published']],
			['peer_reviewer', 'framework']
		]);
	});

	it('withdraws an appointment the reviewers have not submitted, so another city can be appointed', async () => {
		const { db } = database;
		const review = await appointReviewer(db, networkAdmin, york.id, assessment.id, { reviewerCity: 'lund' });
		expect(await refusal(withdrawReview(db, lundAdmin, york.id, review.id, review.version))).toMatchObject({ code: 'forbidden' });
		await withdrawReview(db, networkAdmin, york.id, review.id, review.version);
		expect(await listReviewsByReviewer(db, lund.id)).toEqual([]);
		expect((await getReview(db, york.id, review.id)).status).toBe('withdrawn');
		await createCity(db, { slug: 'graz' });
		expect((await appointReviewer(db, networkAdmin, york.id, assessment.id, { reviewerCity: 'graz' })).ref).toBe('PR-2026-2');
	});

	it('lets the reviewer city withdraw from a review it has not submitted, in both ledgers; nobody else, and not once submitted', async () => {
		const { db } = database;
		let review = await appointReviewer(db, networkAdmin, york.id, assessment.id, { reviewerCity: 'lund' });
		const graz = await createCity(db, { slug: 'graz' });
		const lundOfficer = await standardsActor(db, lund.id, 'officer');
		for (const [actor, code] of [[yorkAdmin, 'conflict'], [lundOfficer, 'forbidden'], [await standardsActor(db, graz.id, 'city_admin'), 'forbidden'], [networkAdmin, 'forbidden'], [null, 'forbidden']] as const) {
			expect(await refusal(withdrawFromReview(db, actor, york.id, review.id, review.version))).toMatchObject({ code });
		}
		expect(await refusal(withdrawFromReview(db, lundAdmin, york.id, review.id, review.version + 1))).toMatchObject({ code: 'conflict' });
		expect((await getReview(db, york.id, review.id)).status).toBe('appointed');
		review = await withdrawFromReview(db, lundAdmin, york.id, review.id, review.version);
		expect(review.status).toBe('withdrawn');
		expect(await listReviewsByReviewer(db, lund.id)).toEqual([]);
		expect(await refusal(viewReview(db, lundAdmin, york.id, review.ref, 'reviewer', lund.id))).toMatchObject({ code: 'review_not_found' });
		const [entry] = (await historyOf(db, york.id, [review.id])).slice(-1);
		expect(entry).toMatchObject({ actor_role: 'peer_reviewer', change: { status: ['appointed', 'withdrawn'], withdrawn_by: [null, 'reviewer'] } });
		const network = (await readLedgerPage(db, NETWORK_CHAIN, { entityType: 'standards_appointment' })).entries;
		expect(network.map((item) => item.change.withdrawn_by)).toContainEqual([null, 'reviewer']);
		expect(await refusal(withdrawFromReview(db, lundAdmin, york.id, review.id, review.version))).toMatchObject({ rule: 'review_closed' });
		// Once submitted, the review goes on to the agreement: the reviewers cannot step back.
		let next = await appointReviewer(db, networkAdmin, york.id, assessment.id, { reviewerCity: 'lund' });
		const own = await viewAssessment(db, null, york.id, assessment.ref);
		const inputs = own.framework.document.criteria.map((criterion) => ({ criterion: criterion.code, rating: own.ratings.get(criterion.code)!.rating, justification: 'Seen.' }));
		next = await saveReviewRatings(db, lundAdmin, york.id, next.id, next.version, inputs, { locale: 'en' });
		next = await submitReview(db, lundAdmin, york.id, next.id, next.version);
		expect(await refusal(withdrawFromReview(db, lundAdmin, york.id, next.id, next.version))).toMatchObject({ code: 'conflict', rule: 'review_submitted' });
		expect((await getReview(db, york.id, next.id)).status).toBe('submitted');
	});

	it('does not appoint reviewers for a draft', async () => {
		const { db } = database;
		const roles = assessment.frameworkVersionId;
		const draft = await startSelfAssessment(db, yorkAdmin, york.id, { versionId: roles, year: 2025 });
		expect(await refusal(appointReviewer(db, networkAdmin, york.id, draft.id, { reviewerCity: 'lund' }))).toMatchObject({ rule: 'assessment_not_submitted' });
	});
});
