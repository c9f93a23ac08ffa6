/** What the concerns services return: domain types, never rows; personal data only where a policy allowed it. */
import type { CategoryCode, ConcernStatus, StatusGroup } from './vocabulary.ts';
import type { MessageKind } from './concerns.tables.ts';

/** What happened, when and where (sealed at rest). */
export interface ConcernDetails {
	description: string;
	occurredOn: string | null;
	address: string | null;
	lat: number | null;
	long: number | null;
	groups: string[];
}

/** How to reach the reporter (sealed at rest). */
export interface ConcernContact {
	name: string | null;
	email: string | null;
	phone: string | null;
}

/** A case as the queue and the public facts know it: no personal data. */
export interface CaseSummary {
	id: string;
	ref: string;
	category: CategoryCode;
	district: string | null;
	status: ConcernStatus;
	statusGroup: StatusGroup;
	receivedAt: string;
	dueOn: string;
	overdue: boolean;
	handlerId: string | null;
	referredTo: string | null;
	appealed: boolean;
	source: string;
	demo: boolean;
	erased: boolean;
}

export interface ConcernMessage {
	id: string;
	kind: MessageKind;
	/** Null for the reporter. */
	authorId: string | null;
	status: ConcernStatus | null;
	/** Null once erased (or for a change of status said without words). */
	body: string | null;
	createdAt: string;
}

/** A case with its personal data, for the staff allowed to read it (the read is audited). */
export interface CaseDetail extends CaseSummary {
	version: number;
	locale: string;
	anonymous: boolean;
	publicListing: boolean;
	closedAt: string | null;
	appealUntil: string | null;
	appealedAt: string | null;
	linked: { type: string; ref: string } | null;
	details: ConcernDetails | null;
	contact: ConcernContact | null;
	erasedAt: string | null;
	messages: ConcernMessage[];
}

/** What the reporter sees through the tracking link. */
export interface TrackedConcern {
	ref: string;
	category: CategoryCode;
	status: ConcernStatus;
	receivedAt: string;
	dueOn: string;
	closedAt: string | null;
	/** The last day an appeal is possible, when it still is. */
	canAppealUntil: string | null;
	appealedAt: string | null;
	canAddInformation: boolean;
	canWithdraw: boolean;
	description: string | null;
	/** The e-mail address masked (`j•••@example.org`), when one was given. */
	maskedEmail: string | null;
	erasedAt: string | null;
	/** Replies, the reporter's own additions and changes of status, oldest first (never internal notes). */
	messages: ConcernMessage[];
}
