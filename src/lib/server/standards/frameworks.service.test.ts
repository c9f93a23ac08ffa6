// Framework versions: who publishes, how an uploaded version is checked, and that a new version
// never changes an assessment or result made against an older one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../testing/test-database.ts';
import { createCity } from '../testing/factories.ts';
import { isDomainError } from '../errors.ts';
import { historyOf, NETWORK_CHAIN, readLedgerPage } from '../ledger/index.ts';
import { BUNDLED_DOCUMENTS, createDraftVersion, currentVersions, diffAgainstCurrent, discardDraftVersion, listFrameworkVersions, publishBundledVersion, publishVersion, retireVersion } from './frameworks.service.ts';
import { getAssessment, saveRatings, startSelfAssessment, submitAssessment, viewAssessment } from './assessments.service.ts';
import { publishFrameworks, ratedAll, standardsActor } from './test-fixtures.ts';

const roles = () => structuredClone(BUNDLED_DOCUMENTS.find((document) => document.framework === 'roles')!);

async function refusal(work: Promise<unknown>) {
	try {
		await work;
	} catch (error) {
		if (isDomainError(error)) return { code: error.code, ...error.details };
		throw error;
	}
	throw new Error('expected a refusal');
}

describe.each(DIALECTS)('framework versions on %s', (dialect) => {
	let database: TestDatabase;
	beforeEach(async () => {
		database = await createTestDatabase(dialect);
	});
	afterEach(() => database.cleanup());

	it('lets only the network admin publish the shipped frameworks, once each, into the network’s ledger', async () => {
		const { db } = database;
		const city = await createCity(db);
		const cityAdmin = await standardsActor(db, city.id, 'city_admin');
		expect(await refusal(publishBundledVersion(db, cityAdmin, 'fra'))).toMatchObject({ code: 'forbidden' });
		expect(await refusal(publishBundledVersion(db, null, 'fra'))).toMatchObject({ code: 'forbidden' });
		const { networkAdmin, versions } = await publishFrameworks(db);
		expect([...versions.keys()].sort()).toEqual(['fra', 'gwangju', 'roles']);
		expect(await refusal(publishBundledVersion(db, networkAdmin, 'fra'))).toMatchObject({ code: 'conflict', rule: 'version_exists' });
		const { entries } = await readLedgerPage(db, NETWORK_CHAIN, {});
		expect(entries.filter((entry) => entry.entity_type === 'standards_framework').map((entry) => entry.entity_ref).sort()).toEqual(['fra 2021.1', 'gwangju 2014.1', 'roles 2024.1']);
	});

	it('checks an uploaded version and stores nothing when it is bad JSON, a bad document or a version that exists', async () => {
		const { db } = database;
		const { networkAdmin } = await publishFrameworks(db);
		const before = (await listFrameworkVersions(db)).length;
		expect(await refusal(createDraftVersion(db, networkAdmin, '{ not json'))).toMatchObject({ code: 'invalid_input', field: 'document', rule: 'json_invalid' });
		expect(await refusal(createDraftVersion(db, networkAdmin, '{\n  "format": "x",\n  "framework" "roles"\n}'))).toMatchObject({ rule: 'json_invalid', rows: [{ path: '', rule: 'json_syntax', line: 3, column: 15 }] });
		expect(await refusal(createDraftVersion(db, networkAdmin, '{\n  "format": '))).toMatchObject({ rows: [{ rule: 'json_syntax', line: 2 }] });
		const bad = roles();
		bad.version = '2025.1';
		bad.criteria[0]!.evidence.accepts.push({ kind: 'telepathy' as never });
		expect(await refusal(createDraftVersion(db, networkAdmin, JSON.stringify(bad)))).toMatchObject({ rule: 'document_invalid', rows: [{ path: 'criteria.0.evidence.accepts.3.kind', rule: 'kind_unknown' }] });
		expect(await refusal(createDraftVersion(db, networkAdmin, JSON.stringify(roles())))).toMatchObject({ field: 'document', rule: 'version_exists' });
		expect(await refusal(createDraftVersion(db, null, JSON.stringify(roles())))).toMatchObject({ code: 'forbidden' });
		expect((await listFrameworkVersions(db)).length).toBe(before);
	});

	it('leaves an assessment made against an old version intact when a new version is published and the old one retired', async () => {
		const { db } = database;
		const york = await createCity(db, { slug: 'york', name: 'York' });
		const admin = await standardsActor(db, york.id, 'city_admin');
		const { networkAdmin, versions } = await publishFrameworks(db);
		const old = versions.get('roles')!;
		const assessment = await startSelfAssessment(db, admin, york.id, { versionId: old.id, year: 2025 });
		const saved = await saveRatings(db, admin, york.id, assessment.id, assessment.version, await ratedAll(db, assessment, 'not_met'), { locale: 'en' });
		await submitAssessment(db, admin, york.id, assessment.id, saved.version);

		// Version 2025.1 words the employer criterion anew, drops the procurer and adds an owner role.
		const next = roles();
		next.version = '2025.1';
		next.criteria.find((criterion) => criterion.code === 'role:employer')!.title.en = 'The city as a fair employer';
		next.criteria = next.criteria.filter((criterion) => criterion.code !== 'role:procurer');
		next.criteria.push({ ...structuredClone(next.criteria[0]!), code: 'role:owner', confirmed: false });
		const draft = await createDraftVersion(db, networkAdmin, JSON.stringify(next));
		expect(draft.status).toBe('draft');
		expect(await diffAgainstCurrent(db, draft)).toEqual({ added: ['role:owner'], removed: ['role:procurer'], changed: ['role:employer'], maturityChanged: false });
		await publishVersion(db, networkAdmin, draft.id);
		await retireVersion(db, networkAdmin, old.id);
		expect((await currentVersions(db)).get('roles')!.version).toBe('2025.1');

		const view = await viewAssessment(db, null, york.id, assessment.ref);
		expect(view.assessment).toMatchObject({ frameworkVersion: '2024.1', documentHash: old.hash, status: 'submitted' });
		expect(view.framework.document.criteria.map((criterion) => criterion.code)).toContain('role:procurer');
		expect(view.framework.document.criteria.find((criterion) => criterion.code === 'role:employer')!.title.en).toBe('Human rights in the city’s role as an employer');
		expect([...view.ratings.keys()].sort()).toEqual(old.document.criteria.map((criterion) => criterion.code).sort());
		expect((await getAssessment(db, york.id, assessment.id)).updatedAt).toBe(view.assessment.updatedAt);

		// A retired version takes no new assessment; the new one does.
		expect(await refusal(startSelfAssessment(db, admin, york.id, { versionId: old.id, year: 2026 }))).toMatchObject({ field: 'versionId', rule: 'framework_retired' });
		expect((await startSelfAssessment(db, admin, york.id, { versionId: draft.id, year: 2026 })).frameworkVersion).toBe('2025.1');
		expect((await historyOf(db, NETWORK_CHAIN, [old.id])).map((entry) => entry.change.status)).toEqual([[null, 'published'], ['published', 'retired']]);
	});

	it('discards a draft, and refuses to publish or discard what is not a draft', async () => {
		const { db } = database;
		const { networkAdmin, versions } = await publishFrameworks(db);
		const next = roles();
		next.version = '2099.1';
		const draft = await createDraftVersion(db, networkAdmin, JSON.stringify(next));
		await discardDraftVersion(db, networkAdmin, draft.id);
		expect(await refusal(publishVersion(db, networkAdmin, draft.id))).toMatchObject({ code: 'framework_not_found' });
		expect(await refusal(discardDraftVersion(db, networkAdmin, versions.get('fra')!.id))).toMatchObject({ code: 'conflict', rule: 'not_a_draft' });
		expect(await refusal(publishVersion(db, networkAdmin, versions.get('fra')!.id))).toMatchObject({ code: 'conflict', rule: 'not_a_draft' });
	});
});
