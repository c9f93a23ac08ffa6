/**
 * The commitments module: a city's declarations, departments, action plans, commitments tagged
 * with rights, principles and SDG targets, actions with their departments, budgets, dates, status
 * and progress, milestones, and progress updates with evidence. Every change is in the city's
 * ledger. Other modules read commitments and actions through the queries exported here.
 */
import { type ModuleManifest, tableTypes } from '../module.ts';
import type { CommitmentTables } from './commitments.tables.ts';
import * as commitmentsMigration from './migrations/20261123T1100-commitments.ts';
import { seedDemoCommitments } from './commitments.seed.ts';
import { planCsvCommands } from './plan-csv.command.ts';

export type { CommitmentTables, ActionStatus } from './commitments.tables.ts';
export type { Action, ActionPlan, Commitment, Declaration, Department, Milestone, ProgressUpdate } from './commitments.types.ts';
export type { ActionInput } from './commitments.schema.ts';
export { findLinkTarget, type LinkTargetType } from './link-targets.ts';
/** The population groups a commitment is for (the concerns module's "who was affected" uses them). */
export { POPULATION_GROUPS, type PopulationGroup } from './vocabulary.ts';
// The use cases (routes, seeds, imports and other modules call these; each joins the caller's transaction).
export { listDeclarations, getDeclaration, getDeclarationByRef, createDeclaration, updateDeclaration, deleteDeclaration, listDepartments, createDepartment, updateDepartment, deleteDepartment } from './declarations.service.ts';
export { listPlans, getPlan, getPlanByRef, createPlan, updatePlan, listCommitments, getCommitment, getCommitmentByRef, createCommitment, updateCommitment, deleteCommitment } from './plans.service.ts';
export { getAction, getActionByRef, listActions, createAction, updateAction, deleteAction, listMilestones, addMilestone, updateMilestone, deleteMilestone } from './actions.service.ts';
/** One action as its public page shows it (status, rolled-up progress, milestones, updates with evidence): for pages of other modules that follow an action. */
export { loadAction, type ActionDetail } from './accountability.service.ts';
export { recordProgress, listProgressUpdates, deleteProgressUpdate, needsAttention, progressActivity, checkEvidenceFiles, type UploadedFile } from './progress.service.ts';
/** Read models kept while the city's ledger head is unchanged (other modules' public pages use it too). */
export { cachedByLedgerHead } from './public-view-cache.ts';
export { exportPlanCsv, importPlanCsv, planCsvErrorsOf } from './plan-csv.service.ts';
export { PLAN_CSV_COLUMNS, actionCells, commitmentCells, milestoneCells, orderedCells } from './plan-csv.ts';

const ERRORS = {
	declaration_not_found: 404,
	department_not_found: 404,
	plan_not_found: 404,
	commitment_not_found: 404,
	action_not_found: 404,
	milestone_not_found: 404,
	update_not_found: 404,
	evidence_not_found: 404
} as const;

const manifest: ModuleManifest<CommitmentTables, keyof typeof ERRORS> = {
	name: 'commitments',
	tables: tableTypes<CommitmentTables>(),
	migrations: { '20261123T1100-commitments': commitmentsMigration },
	ledgerEntityTypes: [
		{ type: 'declaration', page: 'declarations' },
		{ type: 'department' },
		{ type: 'plan', page: 'plans' },
		{ type: 'commitment', page: 'commitments' },
		{ type: 'action', page: 'actions' },
		// Milestones and progress updates carry their action's reference; its page shows them.
		{ type: 'milestone', page: 'actions' },
		{ type: 'progress_update', page: 'actions' }
	],
	errors: ERRORS,
	seedDemo: async (db, { today }) => {
		await seedDemoCommitments(db, today);
	},
	commands: () => planCsvCommands,
	matrix: () => import('./commitments.matrix.ts')
};
export default manifest;
