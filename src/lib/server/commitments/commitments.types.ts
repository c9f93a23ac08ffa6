/** Domain types of the commitments module, as services return them (never rows). */
import type { LocalizedText } from '../../i18n/localized-text.ts';
import type { ActionStatus, AdoptedBy, RollupMethod } from './commitments.tables.ts';

export interface Declaration {
	id: string;
	ref: string;
	title: LocalizedText;
	adoptedOn: string | null;
	adoptedBy: AdoptedBy;
	process: 'formal' | 'informal';
	instruments: string[];
	fullText: LocalizedText;
	sourceUrl: string | null;
	version: number;
}

export interface Department {
	id: string;
	code: string;
	name: LocalizedText;
	version: number;
}

export interface ActionPlan {
	id: string;
	ref: string;
	declarationId: string | null;
	title: LocalizedText;
	periodStart: number;
	periodEnd: number;
	rollup: RollupMethod;
	version: number;
}

export interface Commitment {
	id: string;
	ref: string;
	declarationId: string | null;
	planId: string | null;
	title: LocalizedText;
	description: LocalizedText;
	duty: string | null;
	groups: string[];
	/** Codes tagged explicitly (`udhr:25`, `sdg:11.1`, `gwangju:3`). */
	tags: string[];
	/** Codes implied by the tags (the goal `sdg:11` of `sdg:11.1`). */
	impliedTags: string[];
	position: number;
	version: number;
}

export interface Action {
	id: string;
	ref: string;
	planId: string;
	commitmentId: string | null;
	parentId: string | null;
	title: LocalizedText;
	description: LocalizedText;
	departmentIds: string[];
	leadOfficerId: string | null;
	budgetAmount: number | null;
	budgetCurrency: string | null;
	startDate: string | null;
	dueDate: string | null;
	status: ActionStatus;
	statusReason: LocalizedText;
	progress: number;
	weight: number;
	position: number;
	version: number;
	updatedAt: string;
}

export interface Milestone {
	id: string;
	actionId: string;
	title: LocalizedText;
	dueDate: string;
	doneOn: string | null;
	position: number;
}

export interface Evidence {
	id: string;
	kind: 'link' | 'file';
	url: string | null;
	label: string;
	fileName: string | null;
	contentType: string | null;
	size: number | null;
	sha256: string | null;
}

export interface ProgressUpdate {
	id: string;
	actionId: string;
	authorRole: string;
	text: LocalizedText;
	status: ActionStatus;
	progress: number;
	reportedOn: string;
	createdAt: string;
	evidence: Evidence[];
}

export type AttentionReason = 'overdue' | 'delayed' | 'stale' | 'milestone_overdue';

export interface AttentionItem {
	action: Pick<Action, 'id' | 'ref' | 'title' | 'status' | 'progress' | 'dueDate' | 'departmentIds'>;
	reasons: AttentionReason[];
	lastUpdate: string | null;
}
