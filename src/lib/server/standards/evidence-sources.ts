/**
 * Evidence suggested from what the platform already holds. Each source is one small function
 * that reads another module through its exported queries and returns evidence snapshots; the
 * assessment pages offer, per criterion, the suggestions that count for it (evidence.ts).
 *
 * Adding a source is one function and one entry in `EVIDENCE_SOURCES`. Still to come, with the
 * modules that hold their data (see the module's README section):
 *   - `council` (participation): the human rights council's meetings, recommendations and the
 *     city's answers in the year (counts, and how many answered on time);
 *   - `concerns` (concerns): rights concerns handled in the year (counts with small numbers
 *     suppressed, median days to resolution, referrals);
 *   - `pairing` (network): the city's pairings with partner cities.
 *
 * @example
 *   const items = await suggestEvidence(db, { cityId: york.id, citySlug: 'york', year: 2026 });
 *   items.filter((item) => countsFor(criterion, item));
 */
import type { Db } from '../db/database.ts';
import { listActions, listCommitments, listDeclarations, listDepartments, listPlans, progressActivity } from '../commitments/index.ts';
import { summariseIndicatorData } from '../indicators/index.ts';
import { ledgerActivity } from '../ledger/index.ts';
import { getCity } from '../cities/index.ts';
import { countCityRole } from '../accounts/index.ts';
import type { EvidenceItem } from './evidence.ts';
import * as assessments from './assessments.repository.ts';
import * as reviews from './reviews.repository.ts';

export interface SuggestionContext {
	cityId: string;
	citySlug: string;
	/** The year assessed: activity (progress, ledger) is counted for it. */
	year: number;
}

export type EvidenceSource = (db: Db, context: SuggestionContext) => Promise<EvidenceItem[]>;

/** The most actions offered (the largest budgets first): a plan may have thousands. */
export const MAX_ACTION_SUGGESTIONS = 30;

const schemes = (codes: readonly string[]) => [...new Set(codes.map((code) => code.split(':')[0]!))];

export const declarationSource: EvidenceSource = async (db, { cityId, citySlug }) =>
	(await listDeclarations(db, cityId)).map((declaration) => ({
		kind: 'declaration',
		ref: declaration.ref,
		label: declaration.title,
		href: `/cities/${citySlug}/declarations/${declaration.ref}`,
		facets: [
			...(declaration.adoptedOn ? ['adopted'] : []),
			declaration.process,
			...declaration.instruments.map((instrument) => `instrument:${instrument}`),
			...(Math.max(Object.keys(declaration.title).length, Object.keys(declaration.fullText).length) >= 2 ? ['multilingual'] : [])
		],
		facts: { adoptedOn: declaration.adoptedOn, instruments: declaration.instruments.length }
	}));

export const planSource: EvidenceSource = async (db, { cityId, citySlug, year }) =>
	(await listPlans(db, cityId)).map((plan) => ({
		kind: 'plan',
		ref: plan.ref,
		label: plan.title,
		href: `/cities/${citySlug}/plans/${plan.ref}`,
		facets: [...(plan.periodStart <= year && year <= plan.periodEnd ? ['current'] : []), ...(Object.keys(plan.title).length >= 2 ? ['multilingual'] : [])],
		facts: { periodStart: plan.periodStart, periodEnd: plan.periodEnd }
	}));

export const commitmentSource: EvidenceSource = async (db, { cityId, citySlug }) =>
	(await listCommitments(db, cityId)).map((commitment) => {
		const tags = [...commitment.tags, ...commitment.impliedTags];
		return {
			kind: 'commitment',
			ref: commitment.ref,
			label: commitment.title,
			href: `/cities/${citySlug}/commitments/${commitment.ref}`,
			facets: [...tags, ...schemes(tags), ...(commitment.groups.length > 0 ? ['groups'] : []), ...(commitment.duty ? [commitment.duty] : [])],
			facts: { tags: commitment.tags.length, groups: commitment.groups.length }
		};
	});

export const actionSource: EvidenceSource = async (db, { cityId, citySlug }) =>
	(await listActions(db, cityId))
		.filter((action) => action.status !== 'cancelled')
		.sort((a, b) => (b.budgetAmount ?? -1) - (a.budgetAmount ?? -1) || a.ref.localeCompare(b.ref))
		.slice(0, MAX_ACTION_SUGGESTIONS)
		.map((action) => ({
			kind: 'action',
			ref: action.ref,
			label: action.title,
			href: `/cities/${citySlug}/actions/${action.ref}`,
			facets: [...(action.budgetAmount ? ['budget'] : []), ...(action.departmentIds.length >= 2 ? ['intersectoral'] : []), action.status],
			facts: { budget: action.budgetAmount, currency: action.budgetCurrency, status: action.status, progress: action.progress, departments: action.departmentIds.length }
		}));

export const departmentSource: EvidenceSource = async (db, { cityId }) =>
	(await listDepartments(db, cityId)).map((department) => ({ kind: 'department', ref: department.code, label: department.name, href: null, facets: [department.code], facts: {} }));

export const indicatorSource: EvidenceSource = async (db, { cityId, citySlug }) =>
	(await summariseIndicatorData(db, cityId)).map((indicator) => ({
		kind: 'indicator',
		ref: indicator.code,
		label: indicator.title,
		href: `/cities/${citySlug}/indicators/${encodeURIComponent(indicator.code)}`,
		facets: [
			...(indicator.periods > 0 ? ['data'] : []),
			...(indicator.years >= 2 ? ['data_2y'] : []),
			...(indicator.disaggregated ? ['disaggregated'] : []),
			...(indicator.sdgTargets.length > 0 ? ['sdg'] : []),
			...(indicator.hasTarget ? ['target'] : []),
			...(indicator.rightCode ? [indicator.rightCode, 'udhr'] : []),
			...indicator.principles
		],
		facts: { periods: indicator.periods, years: indicator.years, latest: indicator.latestPeriod }
	}));

export const progressSource: EvidenceSource = async (db, { cityId, citySlug, year }) => {
	const activity = await progressActivity(db, cityId, year);
	if (activity.updates === 0) return [];
	return [{ kind: 'progress', ref: `progress:${year}`, label: null, href: `/cities/${citySlug}/commitments`, facets: ['year'], facts: { year, updates: activity.updates, actions: activity.actions } }];
};

export const ledgerSource: EvidenceSource = async (db, { cityId, citySlug, year }) => {
	const activity = await ledgerActivity(db, cityId, `${year}-01-01T00:00:00.000Z`, `${year + 1}-01-01T00:00:00.000Z`);
	const entries = activity.reduce((sum, row) => sum + row.entries, 0);
	if (entries === 0) return [];
	return [{ kind: 'ledger', ref: `ledger:${year}`, label: null, href: `/cities/${citySlug}/ledger`, facets: activity.map((row) => row.entityType), facts: { year, entries } }];
};

export const profileSource: EvidenceSource = async (db, { citySlug }) => {
	const city = await getCity(db, citySlug);
	return [
		{
			kind: 'profile',
			ref: 'profile',
			label: null,
			href: `/cities/${citySlug}`,
			facets: [...(city.year ? ['declared'] : []), city.process, ...(city.instruments.length > 0 ? ['instruments'] : [])],
			facts: { year: city.year, instruments: city.instruments.length }
		}
	];
};

export const staffSource: EvidenceSource = async (db, { cityId }) => {
	const [officers, organisations] = await Promise.all([countCityRole(db, cityId, 'officer'), countCityRole(db, cityId, 'cso')]);
	return [
		...(officers > 0 ? [{ kind: 'staff' as const, ref: 'officers', label: null, href: null, facets: ['officers'], facts: { count: officers } }] : []),
		...(organisations > 0 ? [{ kind: 'staff' as const, ref: 'cso', label: null, href: null, facets: ['cso'], facts: { count: organisations } }] : [])
	];
};

/** Published peer reviews of the city in earlier years, and those it carried out for other cities. */
export const peerReviewSource: EvidenceSource = async (db, { cityId, citySlug, year }) => {
	const own = (await reviews.listResultsOfCity(db, cityId)).filter((result) => result.year < year);
	const ownRefs = new Map((await reviews.listReviews(db, cityId)).map((review) => [review.id, review.ref]));
	const done = await reviews.listResultsReviewedBy(db, cityId);
	return [
		...own.map((result) => ({ kind: 'peer_review' as const, ref: ownRefs.get(result.review_id) ?? result.review_id, label: null, href: `/cities/${citySlug}/standards/reviews/${ownRefs.get(result.review_id) ?? ''}`, facets: ['reviewed'], facts: { year: result.year, framework: result.framework } })),
		...done.map((result) => {
			const statement = JSON.parse(result.statement) as { city: string; review: string };
			return { kind: 'peer_review' as const, ref: `${statement.city}/${statement.review}`, label: null, href: `/cities/${statement.city}/standards/reviews/${statement.review}`, facets: ['reviewer'], facts: { year: result.year, framework: result.framework, city: statement.city } };
		})
	];
};

/** Shadow assessments civil society filed about the city (they show the city can be answered). */
export const shadowSource: EvidenceSource = async (db, { cityId, citySlug }) =>
	(await assessments.listAssessments(db, cityId, { kind: 'shadow', status: 'submitted' })).map((assessment) => ({
		kind: 'shadow',
		ref: assessment.ref,
		label: assessment.organisation ? { und: assessment.organisation } : null,
		href: `/cities/${citySlug}/standards/assessments/${assessment.ref}`,
		facets: [],
		facts: { year: assessment.year }
	}));

/** Every source, in the order suggestions are listed. */
export const EVIDENCE_SOURCES: readonly EvidenceSource[] = [
	declarationSource,
	planSource,
	commitmentSource,
	actionSource,
	departmentSource,
	indicatorSource,
	progressSource,
	ledgerSource,
	profileSource,
	staffSource,
	peerReviewSource,
	shadowSource
];

/** Every suggestion for the city and year, from every source. */
export async function suggestEvidence(db: Db, context: SuggestionContext, sources: readonly EvidenceSource[] = EVIDENCE_SOURCES): Promise<EvidenceItem[]> {
	return (await Promise.all(sources.map((source) => source(db, context)))).flat();
}
