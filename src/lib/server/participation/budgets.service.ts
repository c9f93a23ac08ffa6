/**
 * Participatory budgets. The city lists projects with their costs (its own, or made from
 * accepted proposals); during the voting phase each resident casts one ballot — any projects
 * whose costs together stay within the budget — and may change it until the vote closes. In the
 * results phase the city computes and publishes the results by the rule shown with them; the
 * winning projects become actions of the plan with their budget.
 *
 * The rule (CONSUL Democracy's, stated on the page): projects in order of votes (ties: the
 * cheaper first, then by reference); each is funded when it fits in what is left of the budget,
 * else passed over for the next.
 *
 * @example
 *   await castBallot(db, resident, cityId, process.id, [a.id, c.id], { submissionKey });
 *   await publishResults(db, admin, cityId, process.id, { planId, departmentIds: [] });
 */
import type { Db } from '../db/database.ts';
import { nowIso, uuidv7 } from '../db/ids.ts';
import { inTransaction } from '../db/transaction.ts';
import { conflict, DomainError, fieldErrors, forbidden } from '../errors.ts';
import { parseInput } from '../validation.ts';
import type { MaybeActor } from '../accounts/index.ts';
import { ledgered } from '../ledger/index.ts';
import { isLocale } from '../../i18n/locales.ts';
import { getPlan } from '../commitments/index.ts';
import { listDistricts } from '../cities/index.ts';
import * as repository from './budgets.repository.ts';
import * as processes from './processes.repository.ts';
import { canManageParticipation } from './participation.policy.ts';
import { projectInputSchema, SUBMISSION_KEY, type ProjectInput } from './participation.schema.ts';
import { toProject, type BudgetProject, type Process } from './participation.types.ts';
import { projectRow, type ProjectOf } from './ledger-rows.ts';
import { getProcess, markResultsPublished, requirePhase } from './processes.service.ts';
import { getProposal, requireTakePart } from './proposals.service.ts';
import { createLinkedAction, findActionRef, watchActions } from './actions-link.ts';
import { notifyFollowers } from './follows.service.ts';

export async function getProject(db: Db, cityId: string, id: string): Promise<BudgetProject> {
	const row = await repository.findProject(db, cityId, id);
	if (!row) throw new DomainError('project_not_found');
	return toProject(row);
}

export async function getProjectByRef(db: Db, cityId: string, ref: string): Promise<BudgetProject> {
	const row = await repository.findProjectByRef(db, cityId, ref);
	if (!row) throw new DomainError('project_not_found');
	return toProject(row);
}

export async function listProjects(db: Db, cityId: string, processId: string): Promise<BudgetProject[]> {
	return (await repository.listProjectRows(db, cityId, processId)).map(toProject);
}

async function projectOf(db: Db, cityId: string, id: string): Promise<ProjectOf> {
	const project = await getProject(db, cityId, id);
	const process = await processes.findProcess(db, cityId, project.processId);
	return { ...project, processRef: process?.ref ?? '', actionRef: project.actionId ? ((await findActionRef(db, cityId, project.actionId)) ?? null) : null };
}

function budgetOf(process: Process): { amount: number; currency: string } {
	if (!process.budget) throw conflict('no_budget');
	return process.budget;
}

/** Projects are listed before the vote opens (budgeting phase, or any earlier phase). */
function requireBeforeVoting(process: Process): void {
	const voting = process.phases.find((phase) => phase.kind === 'voting');
	if (process.resultsPublishedAt || (process.activePhase && voting && process.activePhase.position >= voting.position)) throw conflict('projects_closed');
}

/** A project's district is one of the city's, within the process's districts when it names some. */
async function checkDistrict(db: Db, cityId: string, process: Process, district: string | null): Promise<void> {
	if (!district) return;
	if (!(await listDistricts(db, cityId)).some((item) => item.code === district)) throw fieldErrors({ district: 'district_unknown' });
	if (process.districts.length && !process.districts.includes(district)) throw fieldErrors({ district: 'district_outside' });
}

export async function createProject(db: Db, actor: MaybeActor, cityId: string, processId: string, input: ProjectInput): Promise<BudgetProject> {
	if (!canManageParticipation(actor, cityId)) throw forbidden();
	const valid = parseInput(projectInputSchema, input);
	const created = await ledgered.create(db, projectRow, { cityId, actor }, {
		insert: async (trx) => {
			const process = await getProcess(trx, cityId, processId);
			const budget = budgetOf(process);
			requireBeforeVoting(process);
			if (valid.cost > budget.amount) throw fieldErrors({ cost: 'cost_over_budget' });
			await checkDistrict(trx, cityId, process, valid.district);
			if (valid.proposalId) {
				const proposal = await getProposal(trx, cityId, valid.proposalId);
				if (proposal.processId !== process.id || proposal.answer !== 'accepted') throw fieldErrors({ proposalId: 'proposal_not_accepted' });
				if (await repository.findProjectOfProposal(trx, cityId, proposal.id)) throw fieldErrors({ proposalId: 'proposal_has_project' });
			}
			const id = uuidv7();
			const now = nowIso();
			await repository.insertProject(trx, {
				city_id: cityId,
				id,
				ref: `BP-${await processes.nextNumber(trx, cityId, 'project')}`,
				process_id: process.id,
				title: JSON.stringify(valid.title),
				description: JSON.stringify(valid.description),
				cost: valid.cost,
				district: valid.district,
				proposal_id: valid.proposalId,
				status: 'open',
				votes: null,
				rank: null,
				action_id: null,
				version: 1,
				created_at: now,
				updated_at: now,
				deleted_at: null
			});
			return projectOf(trx, cityId, id);
		}
	});
	const { processRef: _p, actionRef: _a, ...project } = created;
	return project;
}

/** A budget project from an accepted proposal of the process: its title, the cost the city estimated. */
export async function createProjectFromProposal(db: Db, actor: MaybeActor, cityId: string, proposalId: string, cost: number): Promise<BudgetProject> {
	const proposal = await getProposal(db, cityId, proposalId);
	return createProject(db, actor, cityId, proposal.processId, { title: { [isLocale(proposal.lang) ? proposal.lang : 'en']: proposal.title }, cost, district: proposal.district, proposalId });
}

export async function updateProject(db: Db, actor: MaybeActor, cityId: string, id: string, version: number, input: ProjectInput): Promise<BudgetProject> {
	if (!canManageParticipation(actor, cityId)) throw forbidden();
	const valid = parseInput(projectInputSchema, input);
	const after = await ledgered.update(db, projectRow, { cityId, actor }, {
		load: (trx) => projectOf(trx, cityId, id),
		check: async (trx, before) => {
			const process = await getProcess(trx, cityId, before.processId);
			requireBeforeVoting(process);
			if (valid.cost > budgetOf(process).amount) throw fieldErrors({ cost: 'cost_over_budget' });
			await checkDistrict(trx, cityId, process, valid.district);
		},
		apply: (trx, _before, at) => repository.updateProject(trx, cityId, id, version, { title: JSON.stringify(valid.title), description: JSON.stringify(valid.description), cost: valid.cost, district: valid.district, updated_at: at })
	});
	const { processRef: _p, actionRef: _a, ...project } = after;
	return project;
}

/** Takes a project off the ballot before the vote. */
export async function withdrawProject(db: Db, actor: MaybeActor, cityId: string, id: string, version: number): Promise<void> {
	if (!canManageParticipation(actor, cityId)) throw forbidden();
	await ledgered.update(db, projectRow, { cityId, actor }, {
		load: (trx) => projectOf(trx, cityId, id),
		check: async (trx, before) => requireBeforeVoting(await getProcess(trx, cityId, before.processId)),
		apply: (trx, _before, at) => repository.updateProject(trx, cityId, id, version, { status: 'withdrawn', updated_at: at })
	});
}

export interface Ballot {
	projectIds: string[];
	total: number;
	updatedAt: string;
}

export async function getBallot(db: Db, actor: MaybeActor, cityId: string, processId: string): Promise<Ballot | undefined> {
	if (!actor || actor.system) return undefined;
	const row = await repository.findBallot(db, cityId, processId, actor.personId);
	return row ? { projectIds: row.projectIds, total: Number(row.total), updatedAt: row.updated_at } : undefined;
}

/**
 * Casts (or replaces) the person's ballot: open projects of the process whose costs together
 * stay within the budget, during the voting phase, at the verification level the process asks.
 */
export async function castBallot(db: Db, actor: MaybeActor, cityId: string, processId: string, projectIds: readonly string[], options: { submissionKey?: string | undefined } = {}): Promise<Ballot> {
	if (options.submissionKey !== undefined && !SUBMISSION_KEY.test(options.submissionKey)) throw fieldErrors({ form: 'submission_key_invalid' });
	const chosen = [...new Set(projectIds)];
	return inTransaction(db, async (trx) => {
		const process = await getProcess(trx, cityId, processId);
		requireTakePart(actor, cityId, process.levels.vote);
		requirePhase(process, 'voting');
		const budget = budgetOf(process);
		const personId = actor!.personId;
		const now = nowIso();
		if (options.submissionKey && (await processes.claimSubmissionKey(trx, cityId, personId, options.submissionKey, 'ballot', now)) !== undefined) {
			const current = await repository.findBallot(trx, cityId, processId, personId);
			if (current) return { projectIds: current.projectIds, total: Number(current.total), updatedAt: current.updated_at };
		}
		if (chosen.length === 0) throw fieldErrors({ projects: 'choose_one' });
		const projects = new Map((await repository.listProjectRows(trx, cityId, processId)).map((row) => [row.id, row]));
		if (chosen.some((id) => projects.get(id)?.status !== 'open')) throw fieldErrors({ projects: 'project_unknown' });
		const total = chosen.reduce((sum, id) => sum + Number(projects.get(id)!.cost), 0);
		if (total > budget.amount) throw fieldErrors({ projects: 'over_budget' });
		await repository.saveBallot(trx, cityId, processId, personId, chosen, total, now);
		return { projectIds: chosen, total, updatedAt: now };
	});
}

/** Withdraws the person's ballot while the vote is open. */
export async function withdrawBallot(db: Db, actor: MaybeActor, cityId: string, processId: string): Promise<void> {
	await inTransaction(db, async (trx) => {
		const process = await getProcess(trx, cityId, processId);
		requireTakePart(actor, cityId, 'member');
		requirePhase(process, 'voting');
		if (!(await repository.deleteBallot(trx, cityId, processId, actor!.personId))) throw conflict('no_ballot');
	});
}

export interface AllocationLine {
	projectId: string;
	ref: string;
	cost: number;
	votes: number;
	rank: number;
	funded: boolean;
	/** What was left of the budget when this project's turn came. */
	remainingBefore: number;
}

/**
 * The results rule: by votes (ties: the cheaper, then the lower reference), each project funded
 * when it fits in what is left. Pure; the page shows these lines as the rule at work.
 */
export function allocateBudget(projects: readonly { id: string; ref: string; cost: number; votes: number }[], budget: number): AllocationLine[] {
	const ordered = [...projects].sort((a, b) => b.votes - a.votes || a.cost - b.cost || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
	let left = budget;
	return ordered.map((project, index) => {
		const funded = project.votes > 0 && project.cost <= left;
		const line = { projectId: project.id, ref: project.ref, cost: project.cost, votes: project.votes, rank: index + 1, funded, remainingBefore: left };
		if (funded) left -= project.cost;
		return line;
	});
}

export interface ResultsPreview {
	ballots: number;
	budget: { amount: number; currency: string };
	lines: AllocationLine[];
	spent: number;
}

/** The results as they would be published now (for the city, before it publishes). */
export async function previewResults(db: Db, actor: MaybeActor, cityId: string, processId: string): Promise<ResultsPreview> {
	if (!canManageParticipation(actor, cityId)) throw forbidden();
	const process = await getProcess(db, cityId, processId);
	const budget = budgetOf(process);
	const votes = await repository.tallyVotes(db, cityId, processId);
	const open = (await repository.listProjectRows(db, cityId, processId)).filter((row) => row.status === 'open' || row.status === 'selected' || row.status === 'not_selected');
	const lines = allocateBudget(open.map((row) => ({ id: row.id, ref: row.ref, cost: Number(row.cost), votes: votes.get(row.id) ?? 0 })), budget.amount);
	return { ballots: await repository.countBallots(db, cityId, processId), budget, lines, spent: lines.filter((line) => line.funded).reduce((sum, line) => sum + line.cost, 0) };
}

export interface PublishOptions {
	/** The plan (and optionally commitment and departments) where winning projects become actions. */
	planId: string;
	commitmentId?: string | null;
	departmentIds?: string[];
}

/**
 * Publishes the results in the results phase: each project's votes, rank and outcome are
 * recorded (ledger), the winners become actions of the plan with their cost as budget, and each
 * project's followers are told.
 */
export async function publishResults(db: Db, actor: MaybeActor, cityId: string, processId: string, options: PublishOptions): Promise<ResultsPreview> {
	if (!canManageParticipation(actor, cityId)) throw forbidden();
	return inTransaction(db, async (trx) => {
		const process = await getProcess(trx, cityId, processId);
		requirePhase(process, 'results');
		if (process.resultsPublishedAt) throw conflict('results_published');
		// The plan is checked first, so that a wrong one is refused even when no project is funded.
		if (!(await getPlan(trx, cityId, options.planId).catch(() => undefined))) throw fieldErrors({ planId: 'plan_unknown' });
		const preview = await previewResults(trx, actor, cityId, processId);
		for (const line of preview.lines) {
			let actionId: string | null = null;
			const project = await getProject(trx, cityId, line.projectId);
			if (line.funded) {
				const action = await createLinkedAction(trx, actor, cityId, {
					planId: options.planId,
					commitmentId: options.commitmentId ?? null,
					departmentIds: options.departmentIds ?? [],
					title: project.title,
					description: project.description,
					budgetAmount: line.cost,
					budgetCurrency: preview.budget.currency
				});
				actionId = action.id;
			}
			await ledgered.update(trx, projectRow, { cityId, actor }, {
				load: (inner) => projectOf(inner, cityId, line.projectId),
				apply: (inner, before, at) => repository.updateProject(inner, cityId, line.projectId, before.version, { status: line.funded ? 'selected' : 'not_selected', votes: line.votes, rank: line.rank, action_id: actionId, updated_at: at })
			});
			await notifyFollowers(trx, cityId, { type: 'project', id: project.id, ref: project.ref, title: project.title }, line.funded ? 'project_selected' : 'project_not_selected');
		}
		if (preview.lines.some((line) => line.funded)) await watchActions(trx, cityId);
		await markResultsPublished(trx, actor, process);
		return preview;
	});
}
