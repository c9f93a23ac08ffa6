// A city's standards scorecard: per framework its maturity level with the rule as applied, what
// keeps it from the next level, its history per year and the signed badge to embed; then its
// submitted self and shadow assessments and its published peer reviews.
import type { PageServerLoad } from './$types';
import { cachePublicly } from '#lib/server/http/page-cache.ts';
import { getScorecard } from '#lib/server/standards/scorecard.service.ts';
import { badgeCodeOf } from '#lib/server/standards/badge-verify.ts';
import { assessmentListItems, coreTitles, levelName, nextLevel, ruleLines, textOf } from '#lib/standards/view.server.ts';
import { listFrameworkVersions } from '#lib/server/standards/frameworks.service.ts';

export const load: PageServerLoad = async ({ locals, parent, url, setHeaders }) => {
	cachePublicly({ setHeaders });
	const { city } = await parent();
	const locale = locals.locale;
	const [card, versions] = await Promise.all([getScorecard(locals.db, city.id), listFrameworkVersions(locals.db)]);
	// The statement names the reviewer city by its slug; the page by its name (published reviews).
	const reviewerNames = new Map(card.reviews.map((review) => [review.ref, review.reviewerCityName]));
	const frameworks = card.frameworks.map((entry) => {
		const document = entry.version.document;
		return {
			framework: entry.framework,
			title: textOf(document.title, locale, entry.framework),
			version: entry.version.version,
			level: entry.latest.level,
			levelName: levelName(entry.latest.level),
			year: entry.latest.year,
			review: entry.latest.statement.review,
			reviewer: reviewerNames.get(entry.latest.statement.review) ?? entry.latest.statement.reviewer,
			verifyCode: badgeCodeOf(entry.latest),
			demo: entry.latest.demo,
			core: coreTitles(document, locale),
			rules: ruleLines(document, entry.maturity),
			next: nextLevel(document, entry.maturity, locale),
			history: entry.history.map((item) => ({ year: item.result.year, version: item.version.version, level: item.result.level, levelName: levelName(item.result.level), review: item.reviewRef }))
		};
	});
	return {
		frameworks,
		badgeUrl: `${url.origin}/cities/${city.slug}/standards/badge.svg`,
		pageUrl: `${url.origin}/cities/${city.slug}/standards`,
		assessments: assessmentListItems(card.assessments, versions, locale, (assessment) => `/cities/${city.slug}/standards/assessments/${assessment.ref}`),
		reviews: card.reviews.map((review) => ({ ref: review.ref, reviewer: review.reviewerCityName, assessment: review.assessmentRef, demo: review.demo }))
	};
};
