/**
 * Demo standards, marked as demo everywhere (the rows, the ledger role `demo`, the texts): the
 * shipped frameworks published for the network; York's FRA self-assessments of two years, each
 * reviewed by Lund and agreed (one disagreement recorded), with a shadow assessment beside the
 * latest; Gwangju's self-assessment against the Gwangju Principles reviewed by York. Everything
 * goes through the module's services, as the demo operator.
 *
 * @example await seedDemoStandards(trx, '2026-12-08');
 */
import type { Db } from '../db/database.ts';
import { systemActor, type Actor } from '../accounts/index.ts';
import { findCityBySlug } from '../cities/index.ts';
import { checkEvidence, countsFor, evidenceKey, matchesSpec, type EvidenceItem, type Rating } from './evidence.ts';
import type { Criterion } from './framework-document.ts';
import { BUNDLED_DOCUMENTS, currentVersions, listUnpublishedBundles, publishBundledVersion } from './frameworks.service.ts';
import { saveRatings, startSelfAssessment, startShadowAssessment, submitAssessment, suggestionsFor, type Assessment } from './assessments.service.ts';
import { appointReviewer, getReview, saveReviewRatings, submitReview } from './reviews.service.ts';
import { confirmPositions, savePositions } from './agreement.service.ts';
import type { RatingInput } from './rating-input.ts';
import { DEMO_REVIEWS, DEMO_SHADOW, type DemoReview } from './demo-assessments.ts';

const WORDS: Record<Rating, string> = { met: 'met', partly_met: 'partly met', not_met: 'not met', not_applicable: 'not applicable' };

/** The network's operator in the demo: publishes frameworks and appoints reviewers. */
function demoNetworkAdmin(): Actor {
	return { ...systemActor('demo', []), networkAdmin: true };
}

/**
 * A rating backed by evidence: suggestions that count (one of the kinds "met" names first), then
 * demo links where the count is short; a rating the evidence cannot carry is lowered.
 */
export function demoRating(criterion: Criterion, wanted: Rating, suggestions: readonly EvidenceItem[], slug: string, given: readonly EvidenceItem[] = []): { rating: Rating; keys: string[]; links: string[] } {
	let rating = wanted;
	for (;;) {
		if (rating === 'not_met' || rating === 'not_applicable') return { rating, keys: [], links: [] };
		const needed = rating === 'met' ? criterion.evidence.met.count : criterion.evidence.partlyMet.count;
		const including = rating === 'met' ? (criterion.evidence.met.including ?? []) : [];
		const fits = (item: EvidenceItem) => including.some((spec) => matchesSpec(item, spec));
		const counting = suggestions.filter((item) => countsFor(criterion, item));
		const first = counting.find(fits);
		// "Met" may name kinds one piece must be of; a demo document (a link) does when links are named.
		const linkForKind = including.length > 0 && !first && !given.some(fits) ? 1 : 0;
		const chosen = [...(first ? [first] : []), ...counting.filter((item) => item !== first)].slice(0, Math.max(0, needed - given.length - linkForKind));
		const count = Math.max(linkForKind, needed - given.length - chosen.length);
		const links = Array.from({ length: count }, (_, index) => `https://example.org/demo/${slug}/standards/${criterion.code.replace(/[^a-z0-9]+/gi, '-')}-${index + 1} Demo document`);
		const evidence = [...given, ...chosen, ...links.map((line) => ({ kind: 'link' as const, ref: line, label: null, href: null, facets: [], facts: {} }))];
		if (checkEvidence(criterion, rating, evidence).ok) return { rating, keys: chosen.map(evidenceKey), links };
		rating = rating === 'met' ? 'partly_met' : 'not_met';
	}
}

function input(criterion: Criterion, backed: { rating: Rating; keys: string[]; links: string[] }, what: string): RatingInput {
	return { criterion: criterion.code, rating: backed.rating, justification: `${what}, not a real assessment: ${WORDS[backed.rating]} on the evidence listed.`, evidence: backed.keys, links: backed.links.join('\n') };
}

async function selfAssess(db: Db, actor: Actor, assessment: Assessment, criteria: readonly Criterion[], ratings: Record<string, Rating>, slug: string, what: string): Promise<Map<string, Rating>> {
	const suggestions = await suggestionsFor(db, assessment);
	const given = new Map<string, Rating>();
	const inputs = criteria.map((criterion) => {
		const backed = demoRating(criterion, ratings[criterion.code] ?? 'not_met', suggestions, slug);
		given.set(criterion.code, backed.rating);
		return input(criterion, backed, what);
	});
	const saved = await saveRatings(db, actor, assessment.cityId, assessment.id, assessment.version, inputs, { locale: 'en' });
	await submitAssessment(db, actor, assessment.cityId, assessment.id, saved.version);
	return given;
}

async function seedReview(db: Db, network: Actor, demo: DemoReview, year: number): Promise<void> {
	const [city, reviewer] = await Promise.all([findCityBySlug(db, demo.slug), findCityBySlug(db, demo.reviewer)]);
	const version = (await currentVersions(db)).get(demo.framework);
	if (!city || !reviewer || !version) return;
	const cityActor = systemActor('demo', [city.id]);
	const reviewerActor = systemActor('demo', [reviewer.id]);
	const criteria = version.document.criteria;
	const assessment = await startSelfAssessment(db, cityActor, city.id, { versionId: version.id, year: year - demo.yearsAgo });
	const own = await selfAssess(db, cityActor, assessment, criteria, demo.self, demo.slug, 'Demo self-assessment');
	const suggestions = await suggestionsFor(db, assessment);
	const byKey = new Map(suggestions.map((item) => [evidenceKey(item), item]));

	let review = await appointReviewer(db, network, city.id, assessment.id, { reviewerCity: demo.reviewer });
	const reviewerRatings = new Map<string, Rating>();
	const inputs = criteria.map((criterion) => {
		const selfBacked = demoRating(criterion, own.get(criterion.code)!, suggestions, demo.slug);
		const given = [...selfBacked.keys.map((key) => byKey.get(key)!), ...selfBacked.links.map((line) => ({ kind: 'link' as const, ref: line, label: null, href: null, facets: [], facts: {} }))];
		const backed = demoRating(criterion, demo.reviewerDiffers?.[criterion.code] ?? own.get(criterion.code)!, [], demo.reviewer, given);
		reviewerRatings.set(criterion.code, backed.rating);
		return { criterion: criterion.code, rating: backed.rating, justification: `Demo review comment, not a real review: ${WORDS[backed.rating]}.`, links: backed.links.join('\n') };
	});
	review = await saveReviewRatings(db, reviewerActor, city.id, review.id, review.version, inputs, { locale: 'en' });
	review = await submitReview(db, reviewerActor, city.id, review.id, review.version);
	const accepted = (demo.cityAccepts ?? []).map((code) => ({ criterion: code, rating: reviewerRatings.get(code)!, note: 'Demo note: we accept the reviewers’ rating.' }));
	if (accepted.length > 0) review = await savePositions(db, cityActor, city.id, review.id, review.version, 'city', accepted, { locale: 'en' });
	review = await confirmPositions(db, cityActor, city.id, review.id, review.version, 'city');
	await confirmPositions(db, reviewerActor, city.id, review.id, (await getReview(db, city.id, review.id)).version, 'reviewer');
}

async function seedShadow(db: Db, year: number): Promise<void> {
	const city = await findCityBySlug(db, DEMO_SHADOW.slug);
	const version = (await currentVersions(db)).get(DEMO_SHADOW.framework);
	if (!city || !version) return;
	// The demo operator acting for a civil-society organisation of the city.
	const actor: Actor = { ...systemActor('demo', []), roles: [{ cityId: city.id, role: 'cso', department: null }] };
	const assessment = await startShadowAssessment(db, actor, city.id, { versionId: version.id, year: year - DEMO_SHADOW.yearsAgo, organisation: DEMO_SHADOW.organisation });
	await selfAssess(db, actor, assessment, version.document.criteria, DEMO_SHADOW.ratings, DEMO_SHADOW.slug, 'Demo shadow assessment');
}

export async function seedDemoStandards(db: Db, today: string): Promise<void> {
	const network = demoNetworkAdmin();
	for (const document of await listUnpublishedBundles(db)) await publishBundledVersion(db, network, document.framework);
	if (BUNDLED_DOCUMENTS.length === 0) return;
	const year = Number(today.slice(0, 4));
	for (const demo of DEMO_REVIEWS) await seedReview(db, network, demo, year);
	await seedShadow(db, year);
}
