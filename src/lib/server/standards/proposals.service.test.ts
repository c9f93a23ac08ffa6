// Peer review proposed from the network's pairing: a city with a mentor submits its
// self-assessment, the mentor city is proposed as reviewer, and the review starts only once both
// cities accepted; either may decline (then the network admin appoints), nobody else decides,
// and no city reviews itself.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../testing/test-database.ts';
import { activePairing, memberCity, networkAdmin as makeNetworkAdmin } from '../testing/network-factories.ts';
import { isDomainError } from '../errors.ts';
import { insertRole, loadActor, type Actor } from '../accounts/index.ts';
import { historyOf, NETWORK_CHAIN, readLedgerPage } from '../ledger/index.ts';
import { nowIso } from '../db/ids.ts';
import type { CityTable } from '../cities/index.ts';
import { saveRatings, startSelfAssessment, submitAssessment, type Assessment } from './assessments.service.ts';
import { acceptProposal, appointReviewer, declineProposal, listCityReviews, listReviewsByReviewer, pairedMentorOf, saveReviewRatings, submitReview, withdrawReview } from './reviews.service.ts';
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

describe.each(DIALECTS)('peer review proposed from a pairing on %s', (dialect) => {
	let database: TestDatabase;
	let york: CityTable;
	let lund: CityTable;
	let yorkAdmin: Actor;
	let lundAdmin: Actor;
	let networkAdmin: Actor;
	let versionId: string;

	beforeEach(async () => {
		database = await createTestDatabase(dialect);
		const { db } = database;
		const admin = await makeNetworkAdmin(db);
		const mentee = await memberCity(db, admin, { slug: 'york', name: 'York' });
		const mentor = await memberCity(db, admin, { slug: 'lund', name: 'Lund' });
		york = mentee.city;
		lund = mentor.city;
		yorkAdmin = mentee.cityAdmin;
		lundAdmin = mentor.cityAdmin;
		await activePairing(db, mentee, mentor);
		const published = await publishFrameworks(db);
		networkAdmin = published.networkAdmin;
		versionId = published.versions.get('roles')!.id;
	}, 60_000);
	afterEach(() => database.cleanup());

	async function submitted(cityId: string, admin: Actor, year = 2026): Promise<Assessment> {
		const { db } = database;
		const started = await startSelfAssessment(db, admin, cityId, { versionId, year });
		const saved = await saveRatings(db, admin, cityId, started.id, started.version, await ratedAll(db, started, 'met'), { locale: 'en' });
		return submitAssessment(db, admin, cityId, started.id, saved.version);
	}

	it('proposes the mentor city when the mentee submits; the review starts only once both accept', async () => {
		const { db } = database;
		expect(await pairedMentorOf(db, york.id)).toMatchObject({ slug: 'lund', name: 'Lund' });
		// The mentor has no mentor of its own: nothing proposed for Lund.
		expect(await pairedMentorOf(db, lund.id)).toBeUndefined();

		const assessment = await submitted(york.id, yorkAdmin);
		let [review] = await listCityReviews(db, yorkAdmin, york.id);
		expect(review).toMatchObject({ assessmentRef: assessment.ref, reviewerCitySlug: 'lund', status: 'proposed', cityAcceptedAt: null, reviewerAcceptedAt: null });
		expect((await listReviewsByReviewer(db, lund.id)).map((item) => [item.ref, item.status])).toEqual([[review!.ref, 'proposed']]);
		// Not public while proposed; the ledgers say where it came from.
		expect(await listCityReviews(db, null, york.id)).toEqual([]);
		expect((await historyOf(db, york.id, [review!.id]))[0]!.change).toMatchObject({ status: [null, 'proposed'], source: [null, 'pairing'], reviewer: [null, 'lund'] });
		expect((await readLedgerPage(db, NETWORK_CHAIN, { entityType: 'standards_appointment' })).entries[0]!.change).toMatchObject({ source: [null, 'pairing'] });

		// No rating before both accepted; the network admin cannot appoint over the proposal.
		const inputs = [{ criterion: 'role:employer', rating: 'met', justification: 'Seen.' }];
		expect(await refusal(saveReviewRatings(db, lundAdmin, york.id, review!.id, review!.version, inputs, { locale: 'en' }))).toMatchObject({ code: 'conflict', rule: 'review_not_accepted' });
		expect(await refusal(submitReview(db, lundAdmin, york.id, review!.id, review!.version))).toMatchObject({ code: 'conflict', rule: 'review_not_accepted' });
		expect(await refusal(appointReviewer(db, networkAdmin, york.id, assessment.id, { reviewerCity: 'lund' }))).toMatchObject({ rule: 'review_exists' });

		review = await acceptProposal(db, yorkAdmin, york.id, review!.id, review!.version, 'city');
		expect(review).toMatchObject({ status: 'proposed', reviewerAcceptedAt: null });
		expect(review.cityAcceptedAt).not.toBeNull();
		expect(await refusal(acceptProposal(db, yorkAdmin, york.id, review.id, review.version, 'city'))).toMatchObject({ rule: 'proposal_accepted' });
		review = await acceptProposal(db, lundAdmin, york.id, review.id, review.version, 'reviewer');
		expect(review.status).toBe('appointed');
		expect(await refusal(declineProposal(db, lundAdmin, york.id, review.id, review.version, 'reviewer'))).toMatchObject({ rule: 'review_not_proposed' });
		review = await saveReviewRatings(db, lundAdmin, york.id, review.id, review.version, inputs, { locale: 'en' });
		const entries = await historyOf(db, york.id, [review.id]);
		expect(entries.map((entry) => entry.actor_role)).toEqual(expect.arrayContaining(['city_admin', 'peer_reviewer']));
		expect(entries.at(-1)!.change).toMatchObject({ status: ['proposed', 'appointed'] });
	});

	it('lets only a city admin of either city accept or decline, never someone of the city reviewed for the reviewer, and changes nothing when refused', async () => {
		const { db } = database;
		await submitted(york.id, yorkAdmin);
		const [review] = await listCityReviews(db, yorkAdmin, york.id);
		const yorkOfficer = await standardsActor(db, york.id, 'officer');
		const lundOfficer = await standardsActor(db, lund.id, 'officer');
		const other = await standardsActor(db, (await memberCity(db, networkAdmin, { slug: 'graz' })).city.id, 'city_admin');
		// Lund's admin who also lives in York: someone of the city reviewed never reviews it.
		const both = await standardsActor(db, lund.id, 'city_admin');
		await insertRole(db, { city_id: york.id, person_id: both.personId, role: 'resident', department: null, granted_by: null, created_at: nowIso() });
		const resident = (await loadActor(db, both.personId))!;
		for (const [actor, side, code] of [
			[yorkOfficer, 'city', 'forbidden'],
			[lundAdmin, 'city', 'forbidden'],
			[other, 'city', 'forbidden'],
			[networkAdmin, 'city', 'forbidden'],
			[null, 'city', 'forbidden'],
			[lundOfficer, 'reviewer', 'forbidden'],
			[yorkAdmin, 'reviewer', 'conflict'],
			[resident, 'reviewer', 'conflict'],
			[other, 'reviewer', 'forbidden'],
			[null, 'reviewer', 'forbidden']
		] as const) {
			expect(await refusal(acceptProposal(db, actor, york.id, review!.id, review!.version, side)), `${side} ${actor?.personId ?? 'anonymous'}`).toMatchObject({ code });
			expect(await refusal(declineProposal(db, actor, york.id, review!.id, review!.version, side))).toMatchObject({ code });
		}
		expect(await listCityReviews(db, yorkAdmin, york.id)).toEqual([review]);
	});

	it('when either city declines, the proposal is withdrawn and the network admin may appoint another city', async () => {
		const { db } = database;
		const assessment = await submitted(york.id, yorkAdmin);
		const [review] = await listCityReviews(db, yorkAdmin, york.id);
		const declined = await declineProposal(db, lundAdmin, york.id, review!.id, review!.version, 'reviewer');
		expect(declined.status).toBe('withdrawn');
		expect(await listReviewsByReviewer(db, lund.id)).toEqual([]);
		expect((await historyOf(db, york.id, [review!.id])).at(-1)).toMatchObject({ actor_role: 'peer_reviewer', change: { status: ['proposed', 'withdrawn'], withdrawn_by: [null, 'reviewer'] } });

		await createGraz();
		const appointed = await appointReviewer(db, networkAdmin, york.id, assessment.id, { reviewerCity: 'graz' });
		expect(appointed).toMatchObject({ status: 'appointed', reviewerCitySlug: 'graz' });

		// Another year York declines the proposal itself; the network admin may also withdraw one.
		const next = await submitted(york.id, yorkAdmin, 2025);
		const proposed = (await listCityReviews(db, yorkAdmin, york.id)).find((item) => item.assessmentId === next.id)!;
		expect(proposed.status).toBe('proposed');
		expect((await declineProposal(db, yorkAdmin, york.id, proposed.id, proposed.version, 'city')).status).toBe('withdrawn');
		const third = await submitted(york.id, yorkAdmin, 2024);
		const again = (await listCityReviews(db, yorkAdmin, york.id)).find((item) => item.assessmentId === third.id)!;
		expect((await withdrawReview(db, networkAdmin, york.id, again.id, again.version)).status).toBe('withdrawn');
	});

	it('never proposes a city to review itself nor for a city without a mentor', async () => {
		const { db } = database;
		// Lund (the mentor, without a mentor of its own) submits: no proposal.
		await submitted(lund.id, lundAdmin);
		expect(await listCityReviews(db, lundAdmin, lund.id)).toEqual([]);
		// The network admin still may not appoint York to review itself.
		const assessment = await submitted(york.id, yorkAdmin);
		const [review] = await listCityReviews(db, yorkAdmin, york.id);
		await declineProposal(db, yorkAdmin, york.id, review!.id, review!.version, 'city');
		expect(await refusal(appointReviewer(db, networkAdmin, york.id, assessment.id, { reviewerCity: 'york' }))).toMatchObject({ field: 'reviewerCity', rule: 'self_review' });
	});

	async function createGraz() {
		await memberCity(database.db, networkAdmin, { slug: 'graz', name: 'Graz' });
	}
});
