/**
 * Test fixtures of the standards module (its tests only): people with a role in a city (or the
 * network admin), the shipped frameworks published, and complete ratings backed by the platform's
 * evidence.
 *
 * @example
 *   const { networkAdmin, versions } = await publishFrameworks(db);
 *   const assessment = await startSelfAssessment(db, admin, york.id, { versionId: roles.id, year: 2026 });
 *   await saveRatings(db, admin, york.id, assessment.id, assessment.version, await ratedAll(db, assessment, 'met'), { locale: 'en' });
 */
import type { Db } from '../db/database.ts';
import type { Actor } from '../accounts/index.ts';
import { indicatorActor } from '../testing/indicator-factories.ts';
import { currentVersions, getFrameworkVersion, listUnpublishedBundles, publishBundledVersion, type FrameworkVersion } from './frameworks.service.ts';
import { getAssessment, suggestionsFor, type Assessment } from './assessments.service.ts';
import { demoRating } from './standards.seed.ts';
import type { Rating } from './evidence.ts';
import type { RatingInput } from './rating-input.ts';

/** A person holding `role` in the city, or the network admin (`null`). */
export const standardsActor = indicatorActor;

/** Publishes the shipped frameworks (as a network admin) and returns the current version of each. */
export async function publishFrameworks(db: Db): Promise<{ networkAdmin: Actor; versions: Map<string, FrameworkVersion> }> {
	const networkAdmin = await indicatorActor(db, null);
	for (const document of await listUnpublishedBundles(db)) await publishBundledVersion(db, networkAdmin, document.framework);
	return { networkAdmin, versions: await currentVersions(db) };
}

/**
 * A rating of every criterion of the assessment's framework, as the form sends it, each backed by
 * the city's suggested evidence and example links (lowered where the evidence cannot carry it).
 */
export async function ratedAll(db: Db, assessment: Assessment, rating: Rating | ((code: string) => Rating)): Promise<RatingInput[]> {
	const current = await getAssessment(db, assessment.cityId, assessment.id);
	const framework = await getFrameworkVersion(db, current.frameworkVersionId);
	const suggestions = await suggestionsFor(db, current);
	return framework.document.criteria.map((criterion) => {
		const wanted = typeof rating === 'function' ? rating(criterion.code) : rating;
		const backed = demoRating(criterion, wanted === 'not_applicable' && !criterion.notApplicable ? 'not_met' : wanted, suggestions, 'test');
		return { criterion: criterion.code, rating: backed.rating, justification: `Test justification: ${backed.rating}.`, evidence: backed.keys, links: backed.links.join('\n') };
	});
}
