/**
 * The participation module's tables (Kysely types). Texts the city writes are JSON objects of
 * locale → text; texts residents write are plain text with the language they wrote it in.
 */
import type { Generated } from 'kysely';

/** Who may take part in a step: any member of the city, or people verified at least this far. */
export type ParticipationLevel = 'member' | 'email' | 'census' | 'in_person';
export type PhaseKind = 'information' | 'proposals' | 'supports' | 'evaluation' | 'results' | 'budgeting' | 'voting' | 'consultation';
export type ThresholdKind = 'none' | 'count' | 'census_share';
/** `pre`: a moderator publishes each proposal; `post`: published at once, hidden if it breaks the rules. */
export type ModerationMode = 'pre' | 'post';
export type ProposalStatus = 'pending' | 'published' | 'rejected' | 'hidden' | 'withdrawn';
/** The city's public answer to a proposal. */
export type ProposalAnswer = 'accepted' | 'rejected' | 'in_plan';
export type FlagReason = 'spam' | 'offensive' | 'personal_data' | 'off_topic';
export type ProjectStatus = 'open' | 'selected' | 'not_selected' | 'withdrawn';
export type CommentStatus = 'published' | 'hidden';
export type CouncilSeat = 'cso' | 'resident' | 'official' | 'expert';
export type MeetingStatus = 'planned' | 'held' | 'cancelled';
export type RecommendationStatus = 'awaiting' | 'accepted' | 'partly_accepted' | 'rejected';
export type FollowTarget = 'proposal' | 'project' | 'recommendation';

export interface ProcessTable {
	city_id: string;
	id: string;
	ref: string;
	title: string;
	description: string;
	/** JSON list of district codes; empty: the whole city. */
	districts: string;
	/** JSON list of framework codes (rights, principles, SDGs) the process concerns. */
	tags: string;
	propose_level: ParticipationLevel;
	support_level: ParticipationLevel;
	vote_level: ParticipationLevel;
	moderation: ModerationMode;
	/** Supports one person may give in the process; null: no limit. */
	support_limit: number | null;
	threshold_kind: ThresholdKind;
	/** A number of supports (`count`) or a share of the census in basis points (`census_share`: 150 = 1.5 %). */
	threshold_value: number | null;
	/** The supports that qualify a proposal, as resolved when the threshold was set. */
	threshold_supports: number | null;
	/** The census size a share was computed from, and when. */
	census_basis: number | null;
	census_counted_at: string | null;
	budget_amount: number | null;
	budget_currency: string | null;
	/** The action plan whose draft is consulted on, and where accepted proposals and winning projects go. */
	plan_id: string | null;
	active_phase_id: string | null;
	results_published_at: string | null;
	demo: Generated<number>;
	version: number;
	created_at: string;
	updated_at: string;
	deleted_at: string | null;
}

export interface PhaseTable {
	city_id: string;
	id: string;
	process_id: string;
	kind: PhaseKind;
	starts_on: string;
	ends_on: string;
	position: number;
}

export interface ProposalTable {
	city_id: string;
	id: string;
	ref: string;
	process_id: string;
	/** The person who proposed (never public); null once their account is gone. */
	author_id: string | null;
	/** What the author acted as (`resident`, `cso`, …): what the public sees. */
	author_role: string;
	title: string;
	/** A safe Markdown subset (markdown.ts). */
	body: string;
	lang: string;
	district: string | null;
	latitude: number | null;
	longitude: number | null;
	place: string | null;
	status: ProposalStatus;
	/** The public reason of a moderation decision: `{ "text": …, "lang": … }`. */
	moderation_reason: string | null;
	supports_count: Generated<number>;
	flags_count: Generated<number>;
	/** A random number fixed at creation: the "random" order pages through it from a seed. */
	shuffle: number;
	qualified_at: string | null;
	answer: ProposalAnswer | null;
	answer_text: string | null;
	answered_at: string | null;
	action_id: string | null;
	/** SHA-256 of title and body: what the ledger records instead of the resident's text. */
	content_digest: string;
	demo: Generated<number>;
	version: number;
	created_at: string;
	updated_at: string;
}

export interface ProposalTagTable {
	city_id: string;
	proposal_id: string;
	tag: string;
}

export interface ProposalSupportTable {
	city_id: string;
	proposal_id: string;
	person_id: string;
	created_at: string;
}

export interface ProposalFlagTable {
	city_id: string;
	proposal_id: string;
	person_id: string;
	reason: FlagReason;
	created_at: string;
}

export interface ParticipantTable {
	city_id: string;
	process_id: string;
	person_id: string;
	supports_used: Generated<number>;
}

export interface BudgetProjectTable {
	city_id: string;
	id: string;
	ref: string;
	process_id: string;
	title: string;
	description: string;
	cost: number;
	district: string | null;
	proposal_id: string | null;
	status: ProjectStatus;
	votes: number | null;
	rank: number | null;
	action_id: string | null;
	version: number;
	created_at: string;
	updated_at: string;
	deleted_at: string | null;
}

export interface BallotTable {
	city_id: string;
	process_id: string;
	person_id: string;
	total: number;
	created_at: string;
	updated_at: string;
}

export interface BallotItemTable {
	city_id: string;
	process_id: string;
	person_id: string;
	project_id: string;
}

export interface CommentClusterTable {
	city_id: string;
	id: string;
	ref: string;
	process_id: string;
	action_id: string;
	title: string;
	response: string;
	responded_at: string | null;
	version: number;
	created_at: string;
	updated_at: string;
	deleted_at: string | null;
}

export interface CommentTable {
	city_id: string;
	id: string;
	process_id: string;
	action_id: string;
	parent_id: string | null;
	author_id: string | null;
	author_role: string;
	body: string;
	lang: string;
	status: CommentStatus;
	moderation_reason: string | null;
	supports_count: Generated<number>;
	cluster_id: string | null;
	demo: Generated<number>;
	created_at: string;
}

export interface CommentSupportTable {
	city_id: string;
	comment_id: string;
	person_id: string;
	created_at: string;
}

export interface CouncilMemberTable {
	city_id: string;
	id: string;
	name: string;
	seat: CouncilSeat;
	organisation: string | null;
	term_start: string;
	term_end: string | null;
	version: number;
	created_at: string;
	updated_at: string;
	deleted_at: string | null;
}

export interface CouncilMeetingTable {
	city_id: string;
	id: string;
	ref: string;
	title: string;
	held_on: string;
	place: string | null;
	agenda: string;
	minutes: string;
	status: MeetingStatus;
	version: number;
	created_at: string;
	updated_at: string;
	deleted_at: string | null;
}

export interface RecommendationTable {
	city_id: string;
	id: string;
	ref: string;
	meeting_id: string | null;
	title: string;
	body: string;
	tags: string;
	issued_on: string;
	status: RecommendationStatus;
	response: string;
	responded_on: string | null;
	action_id: string | null;
	version: number;
	created_at: string;
	updated_at: string;
	deleted_at: string | null;
}

export interface FollowTable {
	city_id: string;
	person_id: string;
	target_type: FollowTarget;
	target_id: string;
	mail: Generated<number>;
	created_at: string;
}

export interface NotificationTable {
	city_id: string;
	id: string;
	person_id: string;
	kind: string;
	target_type: FollowTarget;
	target_id: string;
	target_ref: string;
	params: string;
	created_at: string;
	read_at: string | null;
}

export interface CursorTable {
	city_id: string;
	ledger_seq: number;
}

export interface SubmissionKeyTable {
	city_id: string;
	person_id: string;
	key: string;
	/** What the first submission made (`PR-12`), returned again for the same key. */
	outcome: string;
	created_at: string;
}

export interface CounterTable {
	city_id: string;
	kind: string;
	last: number;
}

export interface ParticipationTables {
	participatory_process: ProcessTable;
	process_phase: PhaseTable;
	proposal: ProposalTable;
	proposal_tag: ProposalTagTable;
	proposal_support: ProposalSupportTable;
	proposal_flag: ProposalFlagTable;
	participant: ParticipantTable;
	budget_project: BudgetProjectTable;
	budget_ballot: BallotTable;
	budget_ballot_item: BallotItemTable;
	comment_cluster: CommentClusterTable;
	consultation_comment: CommentTable;
	comment_support: CommentSupportTable;
	council_member: CouncilMemberTable;
	council_meeting: CouncilMeetingTable;
	council_recommendation: RecommendationTable;
	follow: FollowTable;
	notification: NotificationTable;
	participation_cursor: CursorTable;
	submission_key: SubmissionKeyTable;
	participation_counter: CounterTable;
}
