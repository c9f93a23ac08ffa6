/**
 * Use cases of assessments: a city's self-assessment per framework and year (its staff rate and
 * justify each criterion with evidence suggested from the platform's data and links they add; a
 * city admin submits it), and shadow assessments a civil-society organisation files alongside.
 * An assessment keeps the framework version it was made against (id and document hash): later
 * versions never change it. Drafts are private; a submitted assessment is public and final.
 *
 * Ledger: starting, submitting and discarding are entries of the assessment; on submission each
 * rating is an entry with its justification and evidence (drafts are working notes, not public).
 *
 * @example
 *   const assessment = await startSelfAssessment(db, admin, york.id, { versionId, year: 2026 });
 *   await saveRatings(db, admin, york.id, assessment.id, assessment.version, [{ criterion: 'fra:S1', rating: 'met', justification: '…', evidence: ['declaration|D-1'] }], { locale: 'en' });
 *   await submitAssessment(db, admin, york.id, assessment.id, assessment.version + 1);
 */
import type { Db } from '../db/database.ts';
import { nowIso, uuidv7 } from '../db/ids.ts';
import { inTransaction } from '../db/transaction.ts';
import { conflict, DomainError, fieldErrors, forbidden } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { personIdOf, type MaybeActor } from '../accounts/index.ts';
import { findCitySlug } from '../cities/index.ts';
import { appendLedgerMany, ledgered } from '../ledger/index.ts';
import { proposeReviewerFromPairing } from './reviews.service.ts';
import { parseLocalizedText, type LocalizedText } from '../../i18n/localized-text.ts';
import type { EvidenceItem, Rating } from './evidence.ts';
import { suggestEvidence } from './evidence-sources.ts';
import { getFrameworkVersion, getFrameworkVersions, type FrameworkVersion } from './frameworks.service.ts';
import { assessmentRow, ratingChange } from './ledger-rows.ts';
import { byKey, checkRatings, type RatingInput } from './rating-input.ts';
import * as repository from './assessments.repository.ts';
import { nextRefOf } from './refs.ts';
import { canDecideForCity, canEditShadowAssessment, canFileShadowAssessment, canPrepareSelfAssessment, canSeeCityDrafts } from './standards.policy.ts';
import { startAssessmentSchema, startShadowSchema, type StartAssessmentInput, type StartShadowInput } from './standards.schema.ts';
import type { AssessmentKind, AssessmentRow, AssessmentStatus } from './standards.tables.ts';

export interface Assessment {
	id: string;
	cityId: string;
	ref: string;
	kind: AssessmentKind;
	frameworkVersionId: string;
	framework: string;
	/** The framework version's label (`2021.1`). */
	frameworkVersion: string;
	documentHash: string;
	year: number;
	status: AssessmentStatus;
	organisation: string | null;
	/** Who started it; for policies only, never shown. */
	authorId: string | null;
	demo: boolean;
	submittedAt: string | null;
	version: number;
	createdAt: string;
	updatedAt: string;
}

export interface RatingEntry {
	criterion: string;
	rating: Rating;
	justification: LocalizedText;
	evidence: EvidenceItem[];
	updatedAt: string;
}

/** An assessment with the framework version it was made against and its ratings by criterion. */
export interface AssessmentView {
	assessment: Assessment;
	framework: FrameworkVersion;
	ratings: Map<string, RatingEntry>;
}

function toAssessment(row: AssessmentRow, framework: FrameworkVersion): Assessment {
	if (framework.hash !== row.document_hash) throw new Error(`Assessment ${row.ref}: framework ${framework.framework} ${framework.version} is not the document it was made against`);
	return {
		id: row.id,
		cityId: row.city_id,
		ref: row.ref,
		kind: row.kind,
		frameworkVersionId: row.framework_version_id,
		framework: framework.framework,
		frameworkVersion: framework.version,
		documentHash: row.document_hash,
		year: row.year,
		status: row.status,
		organisation: row.organisation,
		authorId: row.author_id,
		demo: row.demo === 1,
		submittedAt: row.submitted_at,
		version: row.version,
		createdAt: row.created_at,
		updatedAt: row.updated_at
	};
}

export async function toAssessments(db: Db, rows: readonly AssessmentRow[]): Promise<Assessment[]> {
	const versions = await getFrameworkVersions(db, rows.map((row) => row.framework_version_id));
	return rows.map((row) => toAssessment(row, versions.get(row.framework_version_id)!));
}

export async function getAssessment(db: Db, cityId: string, id: string): Promise<Assessment> {
	const row = await repository.findAssessment(db, cityId, id);
	if (!row) throw new DomainError('assessment_not_found');
	return toAssessment(row, await getFrameworkVersion(db, row.framework_version_id));
}

/** Ratings by criterion. */
export async function listRatings(db: Db, cityId: string, assessmentId: string): Promise<Map<string, RatingEntry>> {
	const rows = await repository.listRatings(db, cityId, assessmentId);
	return new Map(
		rows.map((row) => [row.criterion, { criterion: row.criterion, rating: row.rating as Rating, justification: parseLocalizedText(row.justification), evidence: JSON.parse(row.evidence) as EvidenceItem[], updatedAt: row.updated_at }])
	);
}

async function viewOf(db: Db, row: AssessmentRow): Promise<AssessmentView> {
	const framework = await getFrameworkVersion(db, row.framework_version_id);
	return { assessment: toAssessment(row, framework), framework, ratings: await listRatings(db, row.city_id, row.id) };
}

/** Whether the actor may see this assessment while it is a draft. */
export function maySeeDraft(actor: MaybeActor, assessment: Pick<Assessment, 'cityId' | 'kind' | 'authorId'>): boolean {
	return assessment.kind === 'self' ? canSeeCityDrafts(actor, assessment.cityId) : canEditShadowAssessment(actor, assessment.cityId, assessment.authorId);
}

/**
 * An assessment by its reference, as the actor may see it: submitted ones for everyone, a draft
 * for those who prepare it (anyone else gets `assessment_not_found`, not a hint that it exists).
 */
export async function viewAssessment(db: Db, actor: MaybeActor, cityId: string, ref: string): Promise<AssessmentView> {
	const row = await repository.findAssessmentByRef(db, cityId, ref);
	if (!row) throw new DomainError('assessment_not_found');
	const view = await viewOf(db, row);
	if (view.assessment.status !== 'submitted' && !maySeeDraft(actor, view.assessment)) throw new DomainError('assessment_not_found');
	return view;
}

/** The city's assessments: `submitted` for the public; with drafts for who may see them. */
export async function listCityAssessments(db: Db, actor: MaybeActor, cityId: string): Promise<Assessment[]> {
	const all = await toAssessments(db, await repository.listAssessments(db, cityId));
	return all.filter((assessment) => assessment.status === 'submitted' || maySeeDraft(actor, assessment));
}

async function startAssessment(db: Db, actor: MaybeActor, cityId: string, kind: AssessmentKind, versionId: string, year: number, organisation: string | null): Promise<Assessment> {
	const framework = await getFrameworkVersion(db, versionId).catch(() => {
		throw fieldErrors({ versionId: 'framework_required' });
	});
	if (framework.status !== 'published') throw fieldErrors({ versionId: 'framework_retired' });
	return ledgered.create(db, assessmentRow, { cityId, actor }, {
		insert: async (trx) => {
			const selfKey = kind === 'self' ? `${framework.framework}:${year}` : null;
			if (selfKey && (await repository.findSelfAssessment(trx, cityId, selfKey))) throw fieldErrors({ year: 'assessment_exists' });
			const prefix = kind === 'self' ? 'SA' : 'SH';
			const ref = nextRefOf(prefix, year, await repository.refsWithPrefix(trx, cityId, `${prefix}-${year}-`));
			const now = nowIso();
			const id = uuidv7();
			await repository.insertAssessment(trx, {
				city_id: cityId,
				id,
				ref,
				kind,
				framework_version_id: framework.id,
				document_hash: framework.hash,
				year,
				status: 'draft',
				self_key: selfKey,
				organisation,
				author_id: personIdOf(actor),
				demo: actor?.system === 'demo' ? 1 : 0,
				submitted_at: null,
				version: 1,
				created_at: now,
				updated_at: now,
				deleted_at: null
			});
			return getAssessment(trx, cityId, id);
		}
	});
}

/** Starts the city's self-assessment for a framework version and year (one per framework and year). City admins. */
export async function startSelfAssessment(db: Db, actor: MaybeActor, cityId: string, input: StartAssessmentInput): Promise<Assessment> {
	if (!canDecideForCity(actor, cityId)) throw forbidden();
	const valid = parseInput(startAssessmentSchema, input);
	return startAssessment(db, actor, cityId, 'self', valid.versionId, valid.year, null);
}

/** Starts a shadow assessment of the city in the name of a civil-society organisation. The city's CSOs. */
export async function startShadowAssessment(db: Db, actor: MaybeActor, cityId: string, input: StartShadowInput): Promise<Assessment> {
	if (!canFileShadowAssessment(actor, cityId)) throw forbidden();
	const valid = parseInput(startShadowSchema, input);
	return startAssessment(db, actor, cityId, 'shadow', valid.versionId, valid.year, valid.organisation);
}

function requireEditor(actor: MaybeActor, assessment: Assessment, decide: boolean): void {
	const allowed =
		assessment.kind === 'self'
			? decide
				? canDecideForCity(actor, assessment.cityId)
				: canPrepareSelfAssessment(actor, assessment.cityId)
			: canEditShadowAssessment(actor, assessment.cityId, assessment.authorId);
	if (!allowed) throw forbidden();
}

function requireDraft(assessment: Assessment): void {
	if (assessment.status !== 'draft') throw conflict('assessment_submitted');
}

/** What the platform holds that could prove the assessment's criteria (for its city and year). */
export async function suggestionsFor(db: Db, assessment: Pick<Assessment, 'cityId' | 'year'>): Promise<EvidenceItem[]> {
	const slug = await findCitySlug(db, assessment.cityId);
	if (!slug) throw new DomainError('city_not_found');
	return suggestEvidence(db, { cityId: assessment.cityId, citySlug: slug, year: assessment.year });
}

/**
 * Saves ratings of a draft (the criteria given; one left blank loses its rating). Every problem
 * is reported by criterion code and nothing is saved; a stale version is a conflict.
 */
export async function saveRatings(db: Db, actor: MaybeActor, cityId: string, id: string, version: number, inputs: readonly RatingInput[], options: { locale: string }): Promise<Assessment> {
	return inTransaction(db, async (trx) => {
		const assessment = await getAssessment(trx, cityId, id);
		requireEditor(actor, assessment, false);
		requireDraft(assessment);
		const framework = await getFrameworkVersion(trx, assessment.frameworkVersionId);
		const suggestions = byKey(await suggestionsFor(trx, assessment));
		const checked = checkRatings(framework.document, inputs, { locale: options.locale, suggestions });
		if (Object.keys(checked.errors).length > 0) throw fieldErrors(checked.errors);
		const at = nowIso();
		if (!(await repository.updateAssessment(trx, cityId, id, version, { updated_at: at }))) throw conflict();
		await repository.replaceRatings(
			trx,
			cityId,
			id,
			checked.ratings.map(({ criterion, value }) => ({
				criterion,
				row: value ? { rating: value.rating, justification: JSON.stringify(value.text), evidence: JSON.stringify(value.evidence), updated_at: at } : null
			}))
		);
		return getAssessment(trx, cityId, id);
	});
}

/**
 * Submits a draft: every criterion rated, each rating still with the evidence it requires. It is
 * then public and final; its ratings go to the ledger. City admins (a shadow one: its author).
 */
export async function submitAssessment(db: Db, actor: MaybeActor, cityId: string, id: string, version: number): Promise<Assessment> {
	return inTransaction(db, async (trx) => {
		const before = await getAssessment(trx, cityId, id);
		requireEditor(actor, before, true);
		requireDraft(before);
		const framework = await getFrameworkVersion(trx, before.frameworkVersionId);
		const ratings = await listRatings(trx, cityId, id);
		const missing = framework.document.criteria.filter((criterion) => !ratings.has(criterion.code));
		if (missing.length > 0) throw fieldErrors({ form: 'ratings_missing', ...Object.fromEntries(missing.map((criterion) => [criterion.code, 'rating_required'])) });
		const submitted = await ledgered.update(trx, assessmentRow, { cityId, actor }, {
			load: (inner) => getAssessment(inner, cityId, id),
			apply: (inner, _before, at) => repository.updateAssessment(inner, cityId, id, version, { status: 'submitted', submitted_at: at, updated_at: at })
		});
		await appendLedgerMany(
			trx,
			cityId,
			framework.document.criteria.map((criterion) => ({
				actor,
				entityType: 'standards_rating',
				entityId: `${id}/${criterion.code}`,
				entityRef: submitted.ref,
				action: 'create' as const,
				change: ratingChange(ratings.get(criterion.code)!)
			}))
		);
		// A city with a mentor (the network's pairing) gets its mentor proposed as reviewer.
		await proposeReviewerFromPairing(trx, actor, submitted);
		return submitted;
	});
}

/** Discards a draft (its reference is not reused; the year is free for a new self-assessment). */
export async function discardAssessment(db: Db, actor: MaybeActor, cityId: string, id: string, version: number): Promise<void> {
	await inTransaction(db, async (trx) => {
		const assessment = await getAssessment(trx, cityId, id);
		requireEditor(actor, assessment, true);
		requireDraft(assessment);
		await ledgered.remove(trx, assessmentRow, { cityId, actor }, {
			load: (inner) => getAssessment(inner, cityId, id),
			apply: (inner, _before, at) => repository.updateAssessment(inner, cityId, id, version, { deleted_at: at, self_key: null, updated_at: at })
		});
	});
}
