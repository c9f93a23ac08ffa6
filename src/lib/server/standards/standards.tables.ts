/**
 * Standards module tables. Network-level rows (shared by every city): the published versions of
 * the criteria frameworks, the installation's signing keys, the appointments of reviewer cities
 * and the published maturity results (the network comparison reads these across cities).
 * City-owned rows (`city_id` first in every key): self and shadow assessments with their ratings,
 * peer reviews of the city with the reviewer's ratings and both cities' final positions.
 *
 * Translatable text is JSON `{ "<locale>": "text" }`; evidence is a JSON array of snapshots
 * (evidence.ts); times are ISO 8601 UTC.
 */
import type { Selectable } from 'kysely';

export type FrameworkVersionStatus = 'draft' | 'published' | 'retired';
export type AssessmentKind = 'self' | 'shadow';
export type AssessmentStatus = 'draft' | 'submitted';
/** `proposed` (from a pairing, until both cities accept) → `appointed` → `submitted` → `published`; or `withdrawn`. */
export type ReviewStatus = 'proposed' | 'appointed' | 'submitted' | 'published' | 'withdrawn';
export type PositionSide = 'city' | 'reviewer';

export interface FrameworkVersionTable {
	id: string;
	/** `fra`, `gwangju`, `roles` */
	framework: string;
	/** `2021.1` */
	version: string;
	status: FrameworkVersionStatus;
	/** The whole framework document as published (JSON, see framework-document.ts); never changed once published. */
	document: string;
	/** SHA-256 (base64url) of the document's canonical JSON: assessments keep it beside the id. */
	document_hash: string;
	created_at: string;
	published_at: string | null;
	retired_at: string | null;
}

export interface SigningKeyTable {
	/** RFC 7638 thumbprint of the public key (base64url). */
	kid: string;
	/** JSON JWK (`kty: OKP`, `crv: Ed25519`, `x`). */
	public_jwk: string;
	/** PKCS #8 DER, base64url: never leaves the server. */
	private_pkcs8: string;
	created_at: string;
	retired_at: string | null;
}

export interface AppointmentTable {
	id: string;
	reviewed_city_id: string;
	reviewer_city_id: string;
	/** The review row in the reviewed city's tables. */
	review_id: string;
	/** `network_admin` (appointed) or `pairing` (the mentor of the city's active pairing, proposed). */
	source: string;
	created_at: string;
	withdrawn_at: string | null;
}

export interface ResultTable {
	id: string;
	city_id: string;
	framework: string;
	framework_version_id: string;
	year: number;
	review_id: string;
	/** 0 (below the first level) to 4 (effective implementation). */
	level: number;
	/** JSON: criterion code → agreed rating (the lower one where the cities disagree). */
	ratings: string;
	/** The canonical JSON statement the network signed. */
	statement: string;
	/** Ed25519 signature of the statement, base64url. */
	signature: string;
	kid: string;
	demo: number;
	published_at: string;
}

export interface AssessmentTable {
	city_id: string;
	id: string;
	/** `SA-2026-1` (self) or `SH-2026-1` (shadow). */
	ref: string;
	kind: AssessmentKind;
	framework_version_id: string;
	/** The framework document's hash when the assessment was started. */
	document_hash: string;
	year: number;
	status: AssessmentStatus;
	/** `fra:2026` for a self-assessment (one per framework and year), null for a shadow one. */
	self_key: string | null;
	/** The civil-society organisation of a shadow assessment (public). */
	organisation: string | null;
	/** Who started it (never public; a shadow assessment is edited by its author only). */
	author_id: string | null;
	demo: number;
	submitted_at: string | null;
	version: number;
	created_at: string;
	updated_at: string;
	deleted_at: string | null;
}

export interface RatingTable {
	city_id: string;
	assessment_id: string;
	criterion: string;
	rating: string;
	/** JSON LocalizedText */
	justification: string;
	/** JSON array of evidence snapshots */
	evidence: string;
	updated_at: string;
}

export interface ReviewTable {
	city_id: string;
	id: string;
	/** `PR-2026-1` */
	ref: string;
	assessment_id: string;
	reviewer_city_id: string;
	status: ReviewStatus;
	demo: number;
	/** A proposal from a pairing: when the city reviewed and the reviewer city accepted it. */
	city_accepted_at: string | null;
	reviewer_accepted_at: string | null;
	submitted_at: string | null;
	city_confirmed_at: string | null;
	reviewer_confirmed_at: string | null;
	published_at: string | null;
	version: number;
	created_at: string;
	updated_at: string;
	deleted_at: string | null;
}

export interface ReviewRatingTable {
	city_id: string;
	review_id: string;
	criterion: string;
	rating: string;
	/** JSON LocalizedText */
	comment: string;
	/** JSON array of link evidence the reviewers add */
	evidence: string;
	updated_at: string;
}

export interface PositionTable {
	city_id: string;
	review_id: string;
	criterion: string;
	side: PositionSide;
	rating: string;
	/** JSON LocalizedText */
	note: string;
	updated_at: string;
}

export interface StandardsTables {
	standards_framework_version: FrameworkVersionTable;
	standards_signing_key: SigningKeyTable;
	standards_appointment: AppointmentTable;
	standards_result: ResultTable;
	standards_assessment: AssessmentTable;
	standards_rating: RatingTable;
	standards_review: ReviewTable;
	standards_review_rating: ReviewRatingTable;
	standards_position: PositionTable;
}

export type AssessmentRow = Selectable<AssessmentTable>;
export type ReviewRow = Selectable<ReviewTable>;
export type FrameworkVersionRow = Selectable<FrameworkVersionTable>;
export type ResultRow = Selectable<ResultTable>;
