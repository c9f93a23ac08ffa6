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
import { getAssessment, saveRatings, startSelfAssessment, submitAssessment, suggestionsFor, viewAssessment, type Assessment } from './assessments.service.ts';
import { appointReviewer, saveReviewRatings, submitReview, type Review } from './reviews.service.ts';
import { confirmPositions } from './agreement.service.ts';
import { findCityBySlug, type CityTable } from '../cities/index.ts';
import { createCity } from '../testing/factories.ts';
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

/**
 * York self-assesses the municipal roles for `year`, Lund reviews and agrees with every rating,
 * and the review is published: York then has a signed result (its badge). `cities` swaps the
 * roles (the city reviewed first, its reviewer second; made when missing).
 */
export async function publishedReview(db: Db, year = 2026, cities: readonly [string, string] = ['york', 'lund']): Promise<{ york: CityTable; lund: CityTable; yorkAdmin: Actor; lundAdmin: Actor; networkAdmin: Actor; review: Review }> {
	const cityNamed = async (slug: string) => (await findCityBySlug(db, slug)) ?? (await createCity(db, { slug, name: slug[0]!.toUpperCase() + slug.slice(1) }));
	const york = await cityNamed(cities[0]);
	const lund = await cityNamed(cities[1]);
	const yorkAdmin = await standardsActor(db, york.id, 'city_admin');
	const lundAdmin = await standardsActor(db, lund.id, 'city_admin');
	const { networkAdmin, versions } = await publishFrameworks(db);
	const started = await startSelfAssessment(db, yorkAdmin, york.id, { versionId: versions.get('roles')!.id, year });
	const saved = await saveRatings(db, yorkAdmin, york.id, started.id, started.version, await ratedAll(db, started, 'met'), { locale: 'en' });
	const assessment = await submitAssessment(db, yorkAdmin, york.id, started.id, saved.version);
	let review = await appointReviewer(db, networkAdmin, york.id, assessment.id, { reviewerCity: lund.slug });
	const own = await viewAssessment(db, null, york.id, assessment.ref);
	const inputs = own.framework.document.criteria.map((criterion) => ({ criterion: criterion.code, rating: own.ratings.get(criterion.code)!.rating, justification: `Lund agrees on ${criterion.code}` }));
	review = await saveReviewRatings(db, lundAdmin, york.id, review.id, review.version, inputs, { locale: 'en' });
	review = await submitReview(db, lundAdmin, york.id, review.id, review.version);
	review = await confirmPositions(db, yorkAdmin, york.id, review.id, review.version, 'city');
	review = await confirmPositions(db, lundAdmin, york.id, review.id, review.version, 'reviewer');
	return { york, lund, yorkAdmin, lundAdmin, networkAdmin, review };
}
