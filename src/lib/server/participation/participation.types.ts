/**
 * Domain types of the participation module and their mapping from rows: what services return
 * and pages show (parsed JSON, camelCase), never raw rows.
 */
import type { Selectable } from 'kysely';
import { parseLocalizedText, type LocalizedText } from '../../i18n/localized-text.ts';
import type {
	BudgetProjectTable,
	CommentClusterTable,
	CommentTable,
	CouncilMeetingTable,
	CouncilMemberTable,
	CouncilSeat,
	MeetingStatus,
	ModerationMode,
	ParticipationLevel,
	PhaseKind,
	PhaseTable,
	ProcessTable,
	ProjectStatus,
	ProposalAnswer,
	ProposalStatus,
	ProposalTable,
	RecommendationStatus,
	RecommendationTable,
	ThresholdKind,
	CommentStatus
} from './participation.tables.ts';

export interface Phase {
	id: string;
	kind: PhaseKind;
	startsOn: string;
	endsOn: string;
	position: number;
}

export interface Threshold {
	kind: ThresholdKind;
	/** Supports (`count`) or basis points of the census (`census_share`). */
	value: number | null;
	/** The supports that qualify a proposal; null without a threshold. */
	supports: number | null;
	censusBasis: number | null;
	censusCountedAt: string | null;
}

export interface Process {
	id: string;
	cityId: string;
	ref: string;
	title: LocalizedText;
	description: LocalizedText;
	districts: string[];
	tags: string[];
	levels: { propose: ParticipationLevel; support: ParticipationLevel; vote: ParticipationLevel };
	moderation: ModerationMode;
	supportLimit: number | null;
	threshold: Threshold;
	budget: { amount: number; currency: string } | null;
	planId: string | null;
	phases: Phase[];
	activePhase: Phase | null;
	resultsPublishedAt: string | null;
	demo: boolean;
	version: number;
	createdAt: string;
	updatedAt: string;
}

export interface ModerationReason {
	text: string;
	lang: string;
}

export interface Proposal {
	id: string;
	cityId: string;
	ref: string;
	processId: string;
	authorId: string | null;
	authorRole: string;
	title: string;
	body: string;
	lang: string;
	district: string | null;
	location: { latitude: number; longitude: number } | null;
	place: string | null;
	tags: string[];
	status: ProposalStatus;
	moderationReason: ModerationReason | null;
	supports: number;
	flags: number;
	qualifiedAt: string | null;
	answer: ProposalAnswer | null;
	answerText: LocalizedText;
	answeredAt: string | null;
	actionId: string | null;
	contentDigest: string;
	demo: boolean;
	version: number;
	createdAt: string;
	updatedAt: string;
}

export interface BudgetProject {
	id: string;
	ref: string;
	processId: string;
	title: LocalizedText;
	description: LocalizedText;
	cost: number;
	district: string | null;
	proposalId: string | null;
	status: ProjectStatus;
	votes: number | null;
	rank: number | null;
	actionId: string | null;
	version: number;
	createdAt: string;
}

export interface CommentCluster {
	id: string;
	ref: string;
	processId: string;
	actionId: string;
	title: LocalizedText;
	response: LocalizedText;
	respondedAt: string | null;
	version: number;
}

export interface Comment {
	id: string;
	processId: string;
	actionId: string;
	parentId: string | null;
	authorId: string | null;
	authorRole: string;
	body: string;
	lang: string;
	status: CommentStatus;
	moderationReason: ModerationReason | null;
	supports: number;
	clusterId: string | null;
	createdAt: string;
}

export interface CouncilMember {
	id: string;
	name: string;
	seat: CouncilSeat;
	organisation: string | null;
	termStart: string;
	termEnd: string | null;
	version: number;
}

export interface CouncilMeeting {
	id: string;
	ref: string;
	title: LocalizedText;
	heldOn: string;
	place: string | null;
	agenda: LocalizedText;
	minutes: LocalizedText;
	status: MeetingStatus;
	version: number;
}

export interface Recommendation {
	id: string;
	ref: string;
	meetingId: string | null;
	title: LocalizedText;
	body: LocalizedText;
	tags: string[];
	issuedOn: string;
	status: RecommendationStatus;
	response: LocalizedText;
	respondedOn: string | null;
	actionId: string | null;
	version: number;
}

function list(json: string | null | undefined): string[] {
	try {
		const value: unknown = JSON.parse(json ?? '[]');
		return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
	} catch {
		return [];
	}
}

export function parseReason(json: string | null): ModerationReason | null {
	if (!json) return null;
	try {
		const value = JSON.parse(json) as Partial<ModerationReason>;
		return typeof value.text === 'string' ? { text: value.text, lang: typeof value.lang === 'string' ? value.lang : 'en' } : null;
	} catch {
		return null;
	}
}

export function toPhase(row: Selectable<PhaseTable>): Phase {
	return { id: row.id, kind: row.kind, startsOn: row.starts_on, endsOn: row.ends_on, position: Number(row.position) };
}

export function toProcess(row: Selectable<ProcessTable>, phases: Phase[]): Process {
	const ordered = [...phases].sort((a, b) => a.position - b.position);
	return {
		id: row.id,
		cityId: row.city_id,
		ref: row.ref,
		title: parseLocalizedText(row.title),
		description: parseLocalizedText(row.description),
		districts: list(row.districts),
		tags: list(row.tags),
		levels: { propose: row.propose_level, support: row.support_level, vote: row.vote_level },
		moderation: row.moderation,
		supportLimit: row.support_limit === null ? null : Number(row.support_limit),
		threshold: {
			kind: row.threshold_kind,
			value: row.threshold_value === null ? null : Number(row.threshold_value),
			supports: row.threshold_supports === null ? null : Number(row.threshold_supports),
			censusBasis: row.census_basis === null ? null : Number(row.census_basis),
			censusCountedAt: row.census_counted_at
		},
		budget: row.budget_amount !== null && row.budget_currency ? { amount: Number(row.budget_amount), currency: row.budget_currency } : null,
		planId: row.plan_id,
		phases: ordered,
		activePhase: ordered.find((phase) => phase.id === row.active_phase_id) ?? null,
		resultsPublishedAt: row.results_published_at,
		demo: Number(row.demo) === 1,
		version: Number(row.version),
		createdAt: row.created_at,
		updatedAt: row.updated_at
	};
}

export function toProposal(row: Selectable<ProposalTable>, tags: string[]): Proposal {
	return {
		id: row.id,
		cityId: row.city_id,
		ref: row.ref,
		processId: row.process_id,
		authorId: row.author_id,
		authorRole: row.author_role,
		title: row.title,
		body: row.body,
		lang: row.lang,
		district: row.district,
		location: row.latitude !== null && row.longitude !== null ? { latitude: Number(row.latitude), longitude: Number(row.longitude) } : null,
		place: row.place,
		tags,
		status: row.status,
		moderationReason: parseReason(row.moderation_reason),
		supports: Number(row.supports_count),
		flags: Number(row.flags_count),
		qualifiedAt: row.qualified_at,
		answer: row.answer,
		answerText: parseLocalizedText(row.answer_text),
		answeredAt: row.answered_at,
		actionId: row.action_id,
		contentDigest: row.content_digest,
		demo: Number(row.demo) === 1,
		version: Number(row.version),
		createdAt: row.created_at,
		updatedAt: row.updated_at
	};
}

export function toProject(row: Selectable<BudgetProjectTable>): BudgetProject {
	return {
		id: row.id,
		ref: row.ref,
		processId: row.process_id,
		title: parseLocalizedText(row.title),
		description: parseLocalizedText(row.description),
		cost: Number(row.cost),
		district: row.district,
		proposalId: row.proposal_id,
		status: row.status,
		votes: row.votes === null ? null : Number(row.votes),
		rank: row.rank === null ? null : Number(row.rank),
		actionId: row.action_id,
		version: Number(row.version),
		createdAt: row.created_at
	};
}

export function toCluster(row: Selectable<CommentClusterTable>): CommentCluster {
	return {
		id: row.id,
		ref: row.ref,
		processId: row.process_id,
		actionId: row.action_id,
		title: parseLocalizedText(row.title),
		response: parseLocalizedText(row.response),
		respondedAt: row.responded_at,
		version: Number(row.version)
	};
}

export function toComment(row: Selectable<CommentTable>): Comment {
	return {
		id: row.id,
		processId: row.process_id,
		actionId: row.action_id,
		parentId: row.parent_id,
		authorId: row.author_id,
		authorRole: row.author_role,
		body: row.body,
		lang: row.lang,
		status: row.status,
		moderationReason: parseReason(row.moderation_reason),
		supports: Number(row.supports_count),
		clusterId: row.cluster_id,
		createdAt: row.created_at
	};
}

export function toMember(row: Selectable<CouncilMemberTable>): CouncilMember {
	return { id: row.id, name: row.name, seat: row.seat, organisation: row.organisation, termStart: row.term_start, termEnd: row.term_end, version: Number(row.version) };
}

export function toMeeting(row: Selectable<CouncilMeetingTable>): CouncilMeeting {
	return {
		id: row.id,
		ref: row.ref,
		title: parseLocalizedText(row.title),
		heldOn: row.held_on,
		place: row.place,
		agenda: parseLocalizedText(row.agenda),
		minutes: parseLocalizedText(row.minutes),
		status: row.status,
		version: Number(row.version)
	};
}

export function toRecommendation(row: Selectable<RecommendationTable>): Recommendation {
	return {
		id: row.id,
		ref: row.ref,
		meetingId: row.meeting_id,
		title: parseLocalizedText(row.title),
		body: parseLocalizedText(row.body),
		tags: list(row.tags),
		issuedOn: row.issued_on,
		status: row.status,
		response: parseLocalizedText(row.response),
		respondedOn: row.responded_on,
		actionId: row.action_id,
		version: Number(row.version)
	};
}
