/**
 * The standards module: versioned criteria frameworks the network publishes (FRA 2021, the
 * Gwangju Principles as checkable criteria, the roles of a municipality), self-assessments with
 * evidence suggested from the platform's data, shadow assessments by civil society, peer review
 * by a partner city with agreement or recorded disagreement per criterion, the maturity level
 * computed by a printed rule, public scorecards, the network comparison and a badge the network
 * signs. Every step is in the city's ledger (network-level steps in the network's).
 */
import { type ModuleManifest, tableTypes } from '../module.ts';
import type { StandardsTables } from './standards.tables.ts';
import * as standardsMigration from './migrations/20261208T1200-standards.ts';
import * as proposalsMigration from './migrations/20261209T0200-review-proposals.ts';
import { seedDemoStandards } from './standards.seed.ts';
import { standardsCommands } from './standards.command.ts';

export type { StandardsTables } from './standards.tables.ts';
export type { Rating, EvidenceItem } from './evidence.ts';
export type { EvidenceSource, SuggestionContext } from './evidence-sources.ts';
export { EVIDENCE_SOURCES, suggestEvidence } from './evidence-sources.ts';
export { listFrameworkVersions, currentVersions, getFrameworkVersion, publishBundledVersion, createDraftVersion, publishVersion, retireVersion, type FrameworkVersion } from './frameworks.service.ts';
export { startSelfAssessment, startShadowAssessment, saveRatings, submitAssessment, discardAssessment, viewAssessment, listCityAssessments, type Assessment } from './assessments.service.ts';
export { appointReviewer, withdrawReview, withdrawFromReview, saveReviewRatings, submitReview, viewReview, listCityReviews, listReviewsByReviewer, type Review } from './reviews.service.ts';
export { savePositions, confirmPositions } from './agreement.service.ts';
/** A city's published maturity results (other modules, e.g. the annual report, show the level). */
export { listCityResults, latestResult, type Result } from './results.service.ts';
export { getScorecard, getNetworkComparison } from './scorecard.service.ts';

const ERRORS = {
	framework_not_found: 404,
	assessment_not_found: 404,
	review_not_found: 404
} as const;

const manifest: ModuleManifest<StandardsTables, keyof typeof ERRORS> = {
	name: 'standards',
	tables: tableTypes<StandardsTables>(),
	migrations: { '20261208T1200-standards': standardsMigration, '20261209T0200-review-proposals': proposalsMigration },
	ledgerEntityTypes: [
		// Network chain: publishing and retiring framework versions, appointing reviewer cities, new signing keys.
		{ type: 'standards_framework' },
		{ type: 'standards_appointment' },
		{ type: 'standards_signing_key' },
		// The city's chain; ratings, positions and results carry their assessment's or review's reference.
		{ type: 'standards_assessment', page: 'standards/assessments' },
		{ type: 'standards_rating', page: 'standards/assessments' },
		{ type: 'standards_review', page: 'standards/reviews' },
		{ type: 'standards_review_rating', page: 'standards/reviews' },
		{ type: 'standards_position', page: 'standards/reviews' },
		{ type: 'standards_result', page: 'standards/reviews' }
	],
	errors: ERRORS,
	seedDemo: async (db, { today }) => {
		await seedDemoStandards(db, today);
	},
	commands: () => standardsCommands,
	matrix: () => import('./standards.matrix.ts')
};
export default manifest;
