/**
 * How the ledger sees this module's records. Proposals are recorded by what the city decides
 * and the public can check — publication and moderation (with the public reason), qualification,
 * the answer, the linked action — and by a digest of the resident's text instead of the text
 * itself, so an erased account leaves no personal writing in the permanent chain. Supports,
 * ballots and flags are private and never recorded one by one.
 */
import { ledgeredRow } from '../ledger/index.ts';
import type { BudgetProject, CommentCluster, CouncilMeeting, Process, Proposal, Recommendation } from './participation.types.ts';

export const processRow = ledgeredRow<Process>({
	entityType: 'participatory_process',
	snapshot: (process) => ({
		title: process.title,
		description: process.description,
		districts: process.districts,
		tags: process.tags,
		propose_level: process.levels.propose,
		support_level: process.levels.support,
		vote_level: process.levels.vote,
		moderation: process.moderation,
		support_limit: process.supportLimit,
		threshold: process.threshold.kind === 'none' ? null : `${process.threshold.kind}:${process.threshold.value}`,
		threshold_supports: process.threshold.supports,
		census_basis: process.threshold.censusBasis,
		budget: process.budget ? `${process.budget.amount} ${process.budget.currency}` : null,
		plan_id: process.planId,
		phases: process.phases.map((phase) => `${phase.kind} ${phase.startsOn}/${phase.endsOn}`),
		active_phase: process.activePhase?.kind ?? null,
		results_published_at: process.resultsPublishedAt
	})
});

/** A proposal with the references its entry names (its process, its action). */
export type ProposalOf = Proposal & { processRef: string; actionRef: string | null };

export const proposalRow = ledgeredRow<ProposalOf>({
	entityType: 'proposal',
	snapshot: (proposal) => ({
		process: proposal.processRef,
		author_role: proposal.authorRole,
		content_sha256: proposal.contentDigest,
		lang: proposal.lang,
		district: proposal.district,
		tags: proposal.tags,
		status: proposal.status,
		moderation_reason: proposal.moderationReason?.text ?? null,
		qualified_at: proposal.qualifiedAt,
		answer: proposal.answer,
		answer_text: proposal.answerText,
		action: proposal.actionRef
	})
});

export type ProjectOf = BudgetProject & { processRef: string; actionRef: string | null };

export const projectRow = ledgeredRow<ProjectOf>({
	entityType: 'budget_project',
	snapshot: (project) => ({
		process: project.processRef,
		title: project.title,
		description: project.description,
		cost: project.cost,
		district: project.district,
		status: project.status,
		votes: project.votes,
		rank: project.rank,
		action: project.actionRef
	})
});

export const clusterRow = ledgeredRow<CommentCluster & { actionRef: string }>({
	entityType: 'comment_cluster',
	snapshot: (cluster) => ({ action: cluster.actionRef, title: cluster.title, response: cluster.response, responded_at: cluster.respondedAt })
});

export const meetingRow = ledgeredRow<CouncilMeeting>({
	entityType: 'council_meeting',
	snapshot: (meeting) => ({ title: meeting.title, held_on: meeting.heldOn, place: meeting.place, agenda: meeting.agenda, minutes: meeting.minutes, status: meeting.status })
});

export type RecommendationOf = Recommendation & { meetingRef: string | null; actionRef: string | null };

export const recommendationRow = ledgeredRow<RecommendationOf>({
	entityType: 'council_recommendation',
	snapshot: (recommendation) => ({
		meeting: recommendation.meetingRef,
		title: recommendation.title,
		body: recommendation.body,
		tags: recommendation.tags,
		issued_on: recommendation.issuedOn,
		status: recommendation.status,
		response: recommendation.response,
		responded_on: recommendation.respondedOn,
		action: recommendation.actionRef
	})
});
