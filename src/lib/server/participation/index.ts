/**
 * The participation module: participatory processes with phases, proposals with supports and
 * thresholds, the city's answers and the chain to delivery (linked actions followed live),
 * participatory budgets, consultations on a draft action plan, the city's human rights council,
 * following and notifications (on the account page and by mail). Decisions — publication,
 * moderation, qualification, answers, links, results, responses — are in the city's ledger;
 * supports and ballots are private.
 */
import { type ModuleManifest, tableTypes } from '../module.ts';
import type { ParticipationTables } from './participation.tables.ts';
import * as participationMigration from './migrations/20261208T0910-participation.ts';
import { participationJobs } from './participation.jobs.ts';

export type { ParticipationTables } from './participation.tables.ts';
export type { Process, Proposal, BudgetProject, Recommendation, CouncilMeeting, CouncilMember } from './participation.types.ts';
/** What other modules may show: the proposals, projects and recommendations linked to an action. */
export { linkedToAction, type LinkedItems } from './linked-items.ts';
export { renderMarkdown, plainText } from './markdown.ts';

const ERRORS = {
	process_not_found: 404,
	proposal_not_found: 404,
	project_not_found: 404,
	comment_not_found: 404,
	cluster_not_found: 404,
	member_not_found: 404,
	meeting_not_found: 404,
	recommendation_not_found: 404
} as const;

const manifest: ModuleManifest<ParticipationTables, keyof typeof ERRORS> = {
	name: 'participation',
	tables: tableTypes<ParticipationTables>(),
	migrations: { '20261208T0910-participation': participationMigration },
	ledgerEntityTypes: [
		{ type: 'participatory_process', page: 'participation' },
		{ type: 'proposal', page: 'proposals' },
		{ type: 'budget_project' },
		// A cluster's entry carries its own reference; the consultation page of its action shows it.
		{ type: 'comment_cluster' },
		{ type: 'consultation_comment' },
		{ type: 'council_meeting' },
		{ type: 'council_recommendation', page: 'council/recommendations' }
	],
	errors: ERRORS,
	seedDemo: async (db, { today }) => {
		const { seedDemoParticipation } = await import('./participation.seed.ts');
		await seedDemoParticipation(db, today);
	},
	jobs: participationJobs,
	matrix: () => import('./participation.matrix.ts')
};
export default manifest;
