/**
 * The public read models: a city's scorecard (its level per framework with the rule applied, the
 * history per year, what keeps it from the next level, its submitted assessments and published
 * reviews) and the network comparison (cities by level, the criteria most often missing). The
 * scorecard is kept in memory while the city's and the network's ledger heads are unchanged:
 * every change it shows is a ledger entry of one of them.
 *
 * @example
 *   const card = await getScorecard(db, york.id);
 *   card.frameworks[0]?.maturity.next // the level above York's and its unmet conditions
 */
import type { Db } from '../db/database.ts';
import { cachedByLedgerHead } from '../commitments/index.ts';
import { readLedgerHead, NETWORK_CHAIN } from '../ledger/index.ts';
import { listCityRegistry } from '../cities/index.ts';
import { toAssessments, type Assessment } from './assessments.service.ts';
import * as assessmentRows from './assessments.repository.ts';
import type { Rating } from './evidence.ts';
import type { LocalizedText } from '../../i18n/localized-text.ts';
import { currentVersions, getFrameworkVersions, type FrameworkVersion } from './frameworks.service.ts';
import { computeMaturity, type MaturityOutcome } from './maturity.ts';
import { latestResultsByFramework, listCityResults, type Result } from './results.service.ts';
import { listCityReviews, type Review } from './reviews.service.ts';

export interface ScorecardFramework {
	framework: string;
	/** The version the latest result was made against. */
	version: FrameworkVersion;
	latest: Result;
	maturity: MaturityOutcome;
	/** Every result of the framework, newest year first, with the version each was made against. */
	history: { result: Result; version: FrameworkVersion; reviewRef: string | undefined }[];
}

export interface Scorecard {
	frameworks: ScorecardFramework[];
	/** Submitted self and shadow assessments, newest year first. */
	assessments: Assessment[];
	/** Published peer reviews. */
	reviews: Review[];
}

async function computeScorecard(db: Db, cityId: string): Promise<Scorecard> {
	const [results, reviews, assessments] = await Promise.all([listCityResults(db, cityId), listCityReviews(db, null, cityId), assessmentRows.listAssessments(db, cityId, { status: 'submitted' })]);
	const versions = await getFrameworkVersions(db, results.map((result) => result.frameworkVersionId));
	const refs = new Map(reviews.map((review) => [review.id, review.ref]));
	const frameworks: ScorecardFramework[] = [];
	for (const result of results) {
		const version = versions.get(result.frameworkVersionId)!;
		const entry = { result, version, reviewRef: refs.get(result.reviewId) };
		const known = frameworks.find((framework) => framework.framework === result.framework);
		if (known) known.history.push(entry);
		else frameworks.push({ framework: result.framework, version, latest: result, maturity: computeMaturity(version.document, result.ratings), history: [entry] });
	}
	return { frameworks, assessments: await toAssessments(db, assessments), reviews };
}

/** The city's scorecard, computed once per state of its ledger and the network's. Treat it as read-only. */
export async function getScorecard(db: Db, cityId: string): Promise<Scorecard> {
	const network = await readLedgerHead(db, NETWORK_CHAIN);
	return cachedByLedgerHead(db, cityId, 'standards-scorecard', `network:${network.seq}:${network.hash}`, () => computeScorecard(db, cityId));
}

export interface MissingCriterion {
	criterion: string;
	title: LocalizedText;
	notMet: number;
	partlyMet: number;
}

export interface FrameworkComparison {
	framework: string;
	/** The current version (for titles), else the one the latest result used. */
	version: FrameworkVersion;
	cities: { slug: string; name: string; level: number; year: number; demo: boolean; reviewRef: string }[];
	/** Cities at level 0, 1, 2, 3, 4. */
	levels: number[];
	/** Criteria not met (or only partly) in cities' latest results, most often first. */
	missing: MissingCriterion[];
}

const notMet = (rating: Rating | undefined) => rating === 'not_met';

/** Every framework with results: cities by level (their latest result), criteria most often missing. */
export async function getNetworkComparison(db: Db): Promise<FrameworkComparison[]> {
	const [byFramework, current, cities] = await Promise.all([latestResultsByFramework(db), currentVersions(db), listCityRegistry(db)]);
	const registry = new Map(cities.map((city) => [city.id, city]));
	const versions = await getFrameworkVersions(db, [...byFramework.values()].flat().map((result) => result.frameworkVersionId));
	const comparisons: FrameworkComparison[] = [];
	for (const [framework, results] of byFramework) {
		const version = current.get(framework) ?? versions.get(results[0]!.frameworkVersionId)!;
		const levels = [0, 0, 0, 0, 0];
		for (const result of results) levels[result.level]! += 1;
		const titles = new Map<string, LocalizedText>();
		for (const result of results) for (const criterion of versions.get(result.frameworkVersionId)!.document.criteria) if (!titles.has(criterion.code)) titles.set(criterion.code, criterion.title);
		for (const criterion of version.document.criteria) titles.set(criterion.code, criterion.title);
		const missing = [...titles]
			.map(([criterion, title]) => ({
				criterion,
				title,
				notMet: results.filter((result) => notMet(result.ratings[criterion])).length,
				partlyMet: results.filter((result) => result.ratings[criterion] === 'partly_met').length
			}))
			.filter((entry) => entry.notMet + entry.partlyMet > 0)
			.sort((a, b) => b.notMet - a.notMet || b.partlyMet - a.partlyMet || a.criterion.localeCompare(b.criterion));
		comparisons.push({
			framework,
			version,
			cities: results
				.map((result) => ({ slug: registry.get(result.cityId)?.slug ?? '', name: registry.get(result.cityId)?.display_name ?? '', level: result.level, year: result.year, demo: result.demo, reviewRef: result.statement.review }))
				.sort((a, b) => b.level - a.level || a.name.localeCompare(b.name)),
			levels,
			missing
		});
	}
	return comparisons.sort((a, b) => a.framework.localeCompare(b.framework));
}
