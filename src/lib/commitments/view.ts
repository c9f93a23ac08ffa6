/**
 * The shapes the public accountability pages receive from their loads (only what they show),
 * and the order statuses are drawn and listed in. Safe for components: no server imports.
 */
import type { ActionStatus } from '#lib/server/commitments/commitments.tables.ts';

/** Statuses in reading order: done first, then under way, late, not started, dropped. */
export const STATUS_ORDER = ['completed', 'in_progress', 'delayed', 'planned', 'cancelled'] as const satisfies readonly ActionStatus[];
export type Status = (typeof STATUS_ORDER)[number];

/** User content in the language it was found in (the reader's, or a fallback). */
export interface Text {
	text: string;
	lang: string;
}

export interface SummaryView {
	/** Rolled-up progress 0–100, null when there is nothing to roll up. */
	progress: number | null;
	actions: number;
	overdue: number;
	/** Actions per status, in `STATUS_ORDER`. */
	counts: number[];
}

export interface ActionNodeView {
	ref: string;
	title: Text;
	status: Status;
	/** Rolled-up progress. */
	progress: number;
	dueDate: string | null;
	overdue: boolean;
	departments: Text[];
	depth: number;
}

export interface ShownValue {
	text: string;
	/** Set when the text is not in the reader's language. */
	lang?: string;
}

export interface HistoryLine {
	seq: number;
	/** ISO 8601 (UTC), for `<time datetime>`. */
	at: string;
	time: string;
	role: string;
	/** What was done ("Changed") and to what kind of record ("Action"), in words. */
	action: string;
	/** A creation: its changes are the first values, with nothing before them. */
	created: boolean;
	type: string;
	ref: string | null;
	href: string | null;
	changes: { field: string; before: ShownValue; after: ShownValue }[];
	/** Changed fields left out of `changes` (the ledger page has them all). */
	moreChanges: number;
}

export interface TreePaging {
	page: number;
	pages: number;
	/** 1-based positions of the page's first and last action, and all actions. */
	from: number;
	to: number;
	total: number;
	previous: string | undefined;
	next: string | undefined;
	/** The asked page did not exist; the first one is shown. */
	invalid: boolean;
}
