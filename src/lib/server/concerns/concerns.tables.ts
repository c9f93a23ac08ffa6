/**
 * The concerns module's tables. Every key and index leads with `city_id`. Personal data — the
 * reporter's contact details, what happened, where, and every message — is stored only sealed
 * (crypto.ts), in the `*_enc` columns; the other columns hold what the statistics, the queue and
 * the public ledger may know: category, district, status, dates.
 */
import type { CategoryCode, ConcernStatus } from './vocabulary.ts';

export interface ConcernCaseTable {
	city_id: string;
	id: string;
	/** Public reference, e.g. `R-2026-0042` (what the reporter quotes; never names anyone). */
	ref: string;
	/** SHA-256 of the tracking token; the token itself is only in the reporter's link. */
	tracking_hash: string;
	category: CategoryCode;
	/** A district code of the cities module, or null when not given. */
	district: string | null;
	status: ConcernStatus;
	/** 1 while the status is an open one (the triage queue's index). */
	is_open: number;
	/** The language the report was written in. */
	locale: string;
	/** `web` or `open311`. */
	source: string;
	api_key_id: string | null;
	/** The reporter asked to stay anonymous (no name kept; contact only if given for replies). */
	anonymous: number;
	/** An e-mail address was given: status changes and replies are mailed. */
	has_email: number;
	/** The reporter agreed that the case (right, status, dates; nothing else) is listed in public (Open311). */
	public_listing: number;
	received_at: string;
	/** The staff member handling the case (may read its personal data). */
	handler_id: string | null;
	/** `department:<code>` or `body:<external body>`; null while the office handles it itself. */
	referred_to: string | null;
	/** The deadline to answer (YYYY-MM-DD). */
	due_on: string;
	closed_at: string | null;
	/** Last day the reporter may appeal the decision. */
	appeal_until: string | null;
	appealed_at: string | null;
	/** A commitment or action of the city this case shows a systemic problem of. */
	linked_type: string | null;
	linked_id: string | null;
	linked_ref: string | null;
	/** The key id the sealed columns of the case and its messages were last sealed with. */
	key_id: string | null;
	/** Sealed JSON: what happened, when, where (address, point), groups affected. */
	details_enc: string | null;
	/** Sealed JSON: name, e-mail, phone. */
	contact_enc: string | null;
	erased_at: string | null;
	demo: number;
	version: number;
	created_at: string;
	updated_at: string;
}

export type MessageKind = 'info' | 'reply' | 'note' | 'status';

export interface ConcernMessageTable {
	city_id: string;
	id: string;
	case_id: string;
	/** `info` from the reporter, `reply` to the reporter, `note` internal, `status` a change of status. */
	kind: MessageKind;
	author_id: string | null;
	status: ConcernStatus | null;
	body_enc: string | null;
	key_id: string | null;
	created_at: string;
}

/** Per-city, per-year counter of case references. */
export interface ConcernCounterTable {
	city_id: string;
	year: number;
	last: number;
}

/** Counts kept with every change, so the statistics page reads a few hundred rows, not every case. */
export interface ConcernTallyTable {
	city_id: string;
	/** `right`, `district`, `month` or `resolution`. */
	dimension: string;
	/** Category code, district code ('' = not given), `YYYY-MM`, or resolution bucket. */
	key: string;
	/** Status group (open, resolved, not_upheld, withdrawn). */
	status: string;
	count: number;
}

/** Open311 clients' API keys, issued and revoked by the city admin; only the hash is kept. */
export interface ConcernApiKeyTable {
	city_id: string;
	id: string;
	name: string;
	key_hash: string;
	/** The key's last four characters, to tell keys apart. */
	key_hint: string;
	created_at: string;
	created_by: string | null;
	revoked_at: string | null;
	last_used_at: string | null;
}

/** Open311 tokens (`tokens/{token}`): one per POSTed request. */
export interface ConcernTokenTable {
	city_id: string;
	token: string;
	case_id: string;
	created_at: string;
}

export interface ConcernTables {
	concern_case: ConcernCaseTable;
	concern_message: ConcernMessageTable;
	concern_counter: ConcernCounterTable;
	concern_tally: ConcernTallyTable;
	concern_api_key: ConcernApiKeyTable;
	concern_token: ConcernTokenTable;
}
