/**
 * Network module tables. Two kinds:
 *
 * - Network-level rows, shared by the whole network (no `city_id` first): associate member
 *   organisations, membership requests and memberships, practitioner grants, pairings with their
 *   goals, meetings and notes, dialogue threads and posts, follows, digests sent, events with
 *   registrations and materials. Cities are named by id (the cities module's registry); there is
 *   no foreign key into a city's own rows.
 * - City-owned rows (`city_id` first in every key and index): a city's good practices with their
 *   tags, links and attachments, and its adoptions of other cities' practices.
 *
 * The search documents (`practice_doc`) are derived from practices: one per practice, language
 * and layer, with an integer key because SQLite's full-text index (FTS5) keys rows by integer.
 *
 * Translatable text is JSON `{ "<locale>": "text" }`; lists are JSON arrays; dates `YYYY-MM-DD`;
 * times ISO 8601 UTC.
 */
import type { Generated, Selectable } from 'kysely';

export type OrganisationKind = 'municipality' | 'association' | 'cso' | 'university' | 'international';
export type MembershipLevel = 'member' | 'guest' | 'associate';
export type MembershipStatus = 'active' | 'suspended' | 'left';
export type RequestStatus = 'pending' | 'accepted' | 'declined' | 'withdrawn';
export type PairingStatus = 'proposed' | 'active' | 'declined' | 'withdrawn' | 'ended';
export type PairingSide = 'mentee' | 'mentor';
export type GoalStatus = 'open' | 'achieved' | 'dropped';
export type Layer = 'public' | 'practitioners';
export type PracticeStatus = 'draft' | 'published' | 'archived';
export type ThreadScope = 'topic' | 'pairing' | 'practice';
export type EventKind = 'forum' | 'workshop' | 'webinar' | 'meeting';
export type EventMode = 'in_person' | 'online' | 'hybrid';
export type RegistrationStatus = 'registered' | 'waitlisted' | 'cancelled';

export interface NetworkOrganisationTable {
	id: string;
	ref: string;
	name: string;
	kind: OrganisationKind;
	country_code: string | null;
	website: string | null;
	created_at: string;
	updated_at: string;
}

export interface NetworkRequestTable {
	id: string;
	ref: string;
	/** `city:<id>` or `org:<name folded>|<country>`: one pending request per applicant. */
	applicant_key: string;
	city_id: string | null;
	org_name: string | null;
	org_kind: OrganisationKind | null;
	country_code: string | null;
	website: string | null;
	level: MembershipLevel;
	process: 'formal' | 'informal';
	/** What the city declared or the organisation stands for (public once accepted). */
	declaration: string;
	declaration_url: string | null;
	declared_on: string | null;
	motivation: string;
	/** JSON array of language codes the applicant's staff work in. */
	languages: string;
	population: number | null;
	/** Private: only the network admin and the requester see the contact. */
	contact_name: string;
	contact_role: string;
	contact_email: string;
	requested_by: string;
	status: RequestStatus;
	/** JSON LocalizedText: the public reason of the decision. */
	decision_reason: string;
	decided_by: string | null;
	decided_at: string | null;
	membership_id: string | null;
	version: number;
	created_at: string;
	updated_at: string;
}

export interface NetworkMembershipTable {
	id: string;
	ref: string;
	city_id: string | null;
	organisation_id: string | null;
	level: MembershipLevel;
	status: MembershipStatus;
	since: string;
	/** JSON LocalizedText: the public reason of the latest status change. */
	status_reason: string;
	status_changed_at: string | null;
	process: 'formal' | 'informal';
	declaration: string;
	declaration_url: string | null;
	declared_on: string | null;
	/** JSON array of language codes (pairing suggestions). */
	languages: string;
	population: number | null;
	request_id: string | null;
	version: number;
	created_at: string;
	updated_at: string;
}

export interface PractitionerGrantTable {
	person_id: string;
	granted_by: string;
	/** Why (e.g. "researcher, University of Graz"): shown to the network admin only. */
	note: string;
	organisation_id: string | null;
	created_at: string;
}

export interface PairingTable {
	id: string;
	ref: string;
	/** The two cities sorted: one open pairing per pair of cities. */
	pair_key: string;
	mentee_city_id: string;
	mentor_city_id: string;
	status: PairingStatus;
	proposed_by: PairingSide | 'network';
	message: string;
	/** JSON: the suggestion's reasons when the mentee chose from the suggestions. */
	reasons: string;
	mentee_accepted_at: string | null;
	mentor_accepted_at: string | null;
	started_on: string | null;
	ends_on: string | null;
	ended_on: string | null;
	/** JSON LocalizedText: why it ended, or was declined or withdrawn. */
	end_note: string;
	version: number;
	created_at: string;
	updated_at: string;
}

export interface PairingGoalTable {
	pairing_id: string;
	id: string;
	position: number;
	text: string;
	lang: string;
	status: GoalStatus;
	created_at: string;
	updated_at: string;
}

export interface PairingMeetingTable {
	pairing_id: string;
	id: string;
	held_on: string;
	mode: EventMode;
	/** Public: what the meeting was about. */
	summary: string;
	/** Participants only. */
	notes: string;
	lang: string;
	created_by: string | null;
	created_at: string;
}

export interface PairingNoteTable {
	pairing_id: string;
	id: string;
	author_id: string | null;
	author_city_id: string | null;
	body: string;
	lang: string;
	created_at: string;
}

export interface PracticeTable {
	city_id: string;
	id: string;
	ref: string;
	layer: Layer;
	status: PracticeStatus;
	original_locale: string;
	/** JSON LocalizedText each. */
	title: string;
	summary: string;
	body: string;
	results: string;
	budget_amount: number | null;
	budget_currency: string | null;
	started_year: number | null;
	/** JSON array of population group codes. */
	groups: string;
	/** Practitioners only: JSON { name, role, email }. */
	contact: string;
	/** Practitioners only: JSON LocalizedText (lessons, pitfalls, costs in detail). */
	practitioner_notes: string;
	published_at: string | null;
	created_by: string | null;
	version: number;
	created_at: string;
	updated_at: string;
	deleted_at: string | null;
}

export interface PracticeTagTable {
	city_id: string;
	practice_id: string;
	code: string;
	implied: number;
}

export interface PracticeLinkTable {
	city_id: string;
	practice_id: string;
	id: string;
	position: number;
	target_type: 'commitment' | 'action' | 'indicator' | 'url';
	/** The commitment's or action's id, the indicator's code; null for a URL. */
	target: string | null;
	url: string | null;
	label: string;
}

export interface PracticeAttachmentTable {
	city_id: string;
	practice_id: string;
	id: string;
	layer: Layer;
	file_key: string;
	file_name: string;
	content_type: string;
	size: number;
	sha256: string;
	created_at: string;
}

export interface PracticeAdoptionTable {
	/** The adopting city. */
	city_id: string;
	id: string;
	ref: string;
	practice_city_id: string;
	practice_id: string;
	/** The adopting city's own commitment that takes the practice up. */
	commitment_id: string;
	note: string;
	lang: string;
	status: 'active' | 'withdrawn';
	version: number;
	created_at: string;
	updated_at: string;
}

export interface PracticeDocTable {
	doc_id: Generated<number>;
	city_id: string;
	practice_id: string;
	locale: string;
	layer: Layer;
	region: string;
	title: string;
	content: string;
	/** The practice's tags as words (`tagudhrq25`), for "similar practices". */
	tags: string;
	/** Filled by the database on PostgreSQL (a tsvector); absent on SQLite (the FTS5 tables index it). */
	tsv?: unknown;
}

export interface ThreadTable {
	id: string;
	ref: string;
	scope: ThreadScope;
	topic: string;
	pairing_id: string | null;
	practice_city_id: string | null;
	practice_id: string | null;
	/** Who may read: public, practitioners, or (pairing threads) the pairing's participants. */
	layer: Layer | 'participants';
	title: string;
	lang: string;
	created_by: string | null;
	created_city_id: string | null;
	locked_at: string | null;
	post_count: number;
	last_post_at: string;
	version: number;
	created_at: string;
	updated_at: string;
}

export interface ThreadPostTable {
	thread_id: string;
	id: string;
	author_id: string | null;
	author_city_id: string | null;
	author_role: string;
	body: string;
	lang: string;
	reports: number;
	hidden_at: string | null;
	hidden_by: string | null;
	hidden_reason: string;
	created_at: string;
}

export interface FollowTable {
	person_id: string;
	target_type: 'thread' | 'topic';
	target: string;
	created_at: string;
}

export interface DigestSentTable {
	person_id: string;
	/** ISO week, `2026-W50`. */
	week: string;
	items: number;
	sent_at: string;
}

export interface EventTable {
	id: string;
	ref: string;
	kind: EventKind;
	audience: Layer;
	title: string;
	description: string;
	/** UTC. */
	starts_at: string;
	ends_at: string;
	/** IANA zone the event happens in (how its times are shown and written in the iCalendar feed). */
	time_zone: string;
	mode: EventMode;
	place: string;
	/** Given to registered participants only. */
	online_url: string | null;
	/** JSON array of language codes. */
	languages: string;
	capacity: number | null;
	registration_closes_at: string | null;
	status: 'scheduled' | 'cancelled';
	host_city_id: string | null;
	/** Bumped on every change (iCalendar SEQUENCE). */
	version: number;
	created_by: string | null;
	created_at: string;
	updated_at: string;
}

export interface EventRegistrationTable {
	event_id: string;
	person_id: string;
	status: RegistrationStatus;
	created_at: string;
	updated_at: string;
}

export interface EventMaterialTable {
	event_id: string;
	id: string;
	title: string;
	url: string | null;
	file_key: string | null;
	file_name: string | null;
	content_type: string | null;
	size: number | null;
	sha256: string | null;
	layer: Layer;
	created_at: string;
	/** The material's language (a UI locale or another primary tag); null: several or none. */
	lang: string | null;
}

export interface NetworkTables {
	network_organisation: NetworkOrganisationTable;
	network_request: NetworkRequestTable;
	network_membership: NetworkMembershipTable;
	practitioner_grant: PractitionerGrantTable;
	pairing: PairingTable;
	pairing_goal: PairingGoalTable;
	pairing_meeting: PairingMeetingTable;
	pairing_note: PairingNoteTable;
	practice: PracticeTable;
	practice_tag: PracticeTagTable;
	practice_link: PracticeLinkTable;
	practice_attachment: PracticeAttachmentTable;
	practice_adoption: PracticeAdoptionTable;
	practice_doc: PracticeDocTable;
	thread: ThreadTable;
	thread_post: ThreadPostTable;
	network_follow: FollowTable;
	digest_sent: DigestSentTable;
	network_event: EventTable;
	network_event_registration: EventRegistrationTable;
	network_event_material: EventMaterialTable;
}

export type MembershipRow = Selectable<NetworkMembershipTable>;
export type RequestRow = Selectable<NetworkRequestTable>;
export type PairingRow = Selectable<PairingTable>;
export type PracticeRow = Selectable<PracticeTable>;
export type ThreadRow = Selectable<ThreadTable>;
export type PostRow = Selectable<ThreadPostTable>;
export type EventRow = Selectable<EventTable>;
