// Self and shadow assessments: who may start, rate and submit them, what a rating needs, and that
// a submitted assessment is public, final and in the city's ledger.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../testing/test-database.ts';
import { createCity } from '../testing/factories.ts';
import { isDomainError } from '../errors.ts';
import type { Actor } from '../accounts/index.ts';
import { historyOf } from '../ledger/index.ts';
import type { CityTable } from '../cities/index.ts';
import type { FrameworkVersion } from './frameworks.service.ts';
import { discardAssessment, listCityAssessments, listRatings, saveRatings, startSelfAssessment, startShadowAssessment, submitAssessment, viewAssessment } from './assessments.service.ts';
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

describe.each(DIALECTS)('assessments on %s', (dialect) => {
	let database: TestDatabase;
	let york: CityTable;
	let admin: Actor;
	let roles: FrameworkVersion;
	let fra: FrameworkVersion;
	beforeEach(async () => {
		database = await createTestDatabase(dialect);
		york = await createCity(database.db, { slug: 'york', name: 'York' });
		admin = await standardsActor(database.db, york.id, 'city_admin');
		const { versions } = await publishFrameworks(database.db);
		roles = versions.get('roles')!;
		fra = versions.get('fra')!;
	});
	afterEach(() => database.cleanup());

	it('lets the city’s admins start a self-assessment; an officer rates; another city’s admin, a resident and an anonymous visitor may not', async () => {
		const { db } = database;
		const graz = await createCity(db, { slug: 'graz' });
		const other = await standardsActor(db, graz.id, 'city_admin');
		const resident = await standardsActor(db, york.id, 'resident');
		const officer = await standardsActor(db, york.id, 'officer');
		for (const actor of [other, resident, officer, null]) expect(await refusal(startSelfAssessment(db, actor, york.id, { versionId: roles.id, year: 2026 }))).toMatchObject({ code: 'forbidden' });
		const assessment = await startSelfAssessment(db, admin, york.id, { versionId: roles.id, year: 2026 });
		expect(assessment).toMatchObject({ ref: 'SA-2026-1', kind: 'self', status: 'draft', framework: 'roles', frameworkVersion: '2024.1', demo: false });
		const inputs = await ratedAll(db, assessment, 'not_met');
		for (const actor of [other, resident, null]) expect(await refusal(saveRatings(db, actor, york.id, assessment.id, assessment.version, inputs, { locale: 'en' }))).toMatchObject({ code: 'forbidden' });
		const saved = await saveRatings(db, officer, york.id, assessment.id, assessment.version, inputs, { locale: 'en' });
		expect(await refusal(submitAssessment(db, officer, york.id, assessment.id, saved.version))).toMatchObject({ code: 'forbidden' });
	});

	it('refuses a rating without the evidence its criterion requires, names the criterion, and saves nothing', async () => {
		const { db } = database;
		const assessment = await startSelfAssessment(db, admin, york.id, { versionId: fra.id, year: 2026 });
		const problems = await refusal(
			saveRatings(
				db,
				admin,
				york.id,
				assessment.id,
				assessment.version,
				[
					{ criterion: 'fra:T2', rating: 'met', justification: 'We budget for rights.', links: 'https://example.org/budget.pdf' },
					{ criterion: 'fra:S1', rating: 'partly_met', justification: 'Declared.' },
					{ criterion: 'fra:S2', rating: 'met', justification: '' },
					{ criterion: 'fra:S3', rating: '', justification: 'A note without a rating' },
					{ criterion: 'fra:S4', rating: 'partly_met', justification: 'Minutes', links: 'minutes.pdf' },
					{ criterion: 'fra:S5', rating: 'met', justification: 'Yes', evidence: ['declaration|D-404'] }
				],
				{ locale: 'en' }
			)
		);
		expect(problems).toMatchObject({
			code: 'invalid_input',
			fields: { 'fra:T2': 'evidence_missing', 'fra:S1': 'evidence_missing', 'fra:S2': 'justification_required', 'fra:S3': 'rating_required', 'fra:S4': 'link_invalid', 'fra:S5': 'evidence_unknown' }
		});
		expect((await listRatings(db, york.id, assessment.id)).size).toBe(0);
	});

	it('takes “not applicable” only where the criterion allows it', async () => {
		const { db } = database;
		const assessment = await startSelfAssessment(db, admin, york.id, { versionId: fra.id, year: 2026 });
		expect(
			await refusal(saveRatings(db, admin, york.id, assessment.id, assessment.version, [{ criterion: 'fra:S1', rating: 'not_applicable', justification: 'No.' }], { locale: 'en' }))
		).toMatchObject({ fields: { 'fra:S1': 'not_applicable_refused' } });
		const saved = await saveRatings(db, admin, york.id, assessment.id, assessment.version, [{ criterion: 'fra:F1', rating: 'not_applicable', justification: 'York is outside the EU since 2020.' }], { locale: 'en' });
		expect((await listRatings(db, york.id, saved.id)).get('fra:F1')).toMatchObject({ rating: 'not_applicable', justification: { en: 'York is outside the EU since 2020.' } });
	});

	it('submits only with every criterion rated; then the assessment is public, final and in the ledger', async () => {
		const { db } = database;
		const assessment = await startSelfAssessment(db, admin, york.id, { versionId: roles.id, year: 2026 });
		const inputs = await ratedAll(db, assessment, 'partly_met');
		let saved = await saveRatings(db, admin, york.id, assessment.id, assessment.version, inputs.slice(1), { locale: 'en' });
		expect(await refusal(submitAssessment(db, admin, york.id, assessment.id, saved.version))).toMatchObject({ fields: { form: 'ratings_missing', 'role:societal': 'rating_required' } });
		expect(await refusal(viewAssessment(db, null, york.id, assessment.ref))).toMatchObject({ code: 'assessment_not_found' });
		saved = await saveRatings(db, admin, york.id, assessment.id, saved.version, inputs.slice(0, 1), { locale: 'en' });
		expect(await refusal(submitAssessment(db, admin, york.id, assessment.id, saved.version - 1))).toMatchObject({ code: 'conflict', rule: 'conflict' });
		const submitted = await submitAssessment(db, admin, york.id, assessment.id, saved.version);
		expect(submitted.status).toBe('submitted');

		expect(await refusal(saveRatings(db, admin, york.id, assessment.id, submitted.version, inputs, { locale: 'en' }))).toMatchObject({ code: 'conflict', rule: 'assessment_submitted' });
		expect(await refusal(discardAssessment(db, admin, york.id, assessment.id, submitted.version))).toMatchObject({ code: 'conflict', rule: 'assessment_submitted' });
		expect((await viewAssessment(db, null, york.id, assessment.ref)).ratings.size).toBe(6);

		const ids = [assessment.id, ...roles.document.criteria.map((criterion) => `${assessment.id}/${criterion.code}`)];
		const entries = await historyOf(db, york.id, ids);
		expect(entries.map((entry) => [entry.entity_type, entry.action])).toEqual([
			['standards_assessment', 'create'],
			['standards_assessment', 'update'],
			...roles.document.criteria.map(() => ['standards_rating', 'create'])
		]);
		expect(entries[2]!.change).toMatchObject({ criterion: [null, 'role:societal'], rating: [null, 'partly_met'], justification: [null, { en: 'Test justification: partly_met.' }] });
		expect(JSON.stringify(entries)).not.toContain(admin.personId);
	});

	it('allows one self-assessment per framework and year, and frees the year when a draft is discarded', async () => {
		const { db } = database;
		const first = await startSelfAssessment(db, admin, york.id, { versionId: roles.id, year: 2026 });
		expect(await refusal(startSelfAssessment(db, admin, york.id, { versionId: roles.id, year: 2026 }))).toMatchObject({ field: 'year', rule: 'assessment_exists' });
		expect(await refusal(startSelfAssessment(db, admin, york.id, { versionId: roles.id, year: 1999 }))).toMatchObject({ field: 'year', rule: 'year_invalid' });
		expect(await refusal(startSelfAssessment(db, admin, york.id, { versionId: 'nope', year: 2026 }))).toMatchObject({ field: 'versionId', rule: 'framework_required' });
		await discardAssessment(db, admin, york.id, first.id, first.version);
		expect((await startSelfAssessment(db, admin, york.id, { versionId: roles.id, year: 2026 })).ref).toBe('SA-2026-2');
	});

	it('lets a civil-society organisation file a shadow assessment that only its author edits, public once submitted', async () => {
		const { db } = database;
		const cso = await standardsActor(db, york.id, 'cso');
		const otherCso = await standardsActor(db, york.id, 'cso');
		expect(await refusal(startShadowAssessment(db, admin, york.id, { versionId: roles.id, year: 2026, organisation: 'York Tenants' }))).toMatchObject({ code: 'forbidden' });
		expect(await refusal(startShadowAssessment(db, cso, york.id, { versionId: roles.id, year: 2026, organisation: ' ' }))).toMatchObject({ field: 'organisation', rule: 'organisation_required' });
		const shadow = await startShadowAssessment(db, cso, york.id, { versionId: roles.id, year: 2026, organisation: 'York Tenants' });
		expect(shadow).toMatchObject({ ref: 'SH-2026-1', kind: 'shadow', organisation: 'York Tenants' });
		const inputs = await ratedAll(db, shadow, 'not_met');
		for (const actor of [admin, otherCso]) expect(await refusal(saveRatings(db, actor, york.id, shadow.id, shadow.version, inputs, { locale: 'es' }))).toMatchObject({ code: 'forbidden' });
		expect((await listCityAssessments(db, admin, york.id)).map((assessment) => assessment.ref)).not.toContain('SH-2026-1');
		const saved = await saveRatings(db, cso, york.id, shadow.id, shadow.version, inputs, { locale: 'es' });
		await submitAssessment(db, cso, york.id, shadow.id, saved.version);
		const view = await viewAssessment(db, null, york.id, 'SH-2026-1');
		expect(view.ratings.get('role:employer')!.justification).toEqual({ es: 'Test justification: not_met.' });
		expect((await listCityAssessments(db, null, york.id)).map((assessment) => assessment.ref)).toEqual(['SH-2026-1']);
	});
});
