/**
 * Commitments module tables: declarations, departments, action plans, commitments (with their
 * framework tags), actions (departments, milestones), progress updates with evidence. Every table
 * is city-owned: `city_id` leads every key.
 *
 * Translatable text is JSON `{ "<locale>": "text" }` (i18n/localized-text.ts); lists of codes are
 * JSON arrays; dates are `YYYY-MM-DD`, times ISO 8601 UTC; soft deletion sets `deleted_at`.
 */
import type { Selectable } from 'kysely';

export type AdoptedBy = 'council_decision' | 'mayor' | 'community_proclamation' | 'other';
export type ActionStatus = 'planned' | 'in_progress' | 'completed' | 'delayed' | 'cancelled';
export type RollupMethod = 'weighted' | 'average';

export interface DeclarationTable {
	city_id: string;
	id: string;
	ref: string;
	/** JSON LocalizedText */
	title: string;
	adopted_on: string | null;
	adopted_by: AdoptedBy;
	process: 'formal' | 'informal';
	/** JSON array of instrument codes (commitments/instruments.ts) */
	instruments: string;
	/** JSON LocalizedText */
	full_text: string;
	source_url: string | null;
	version: number;
	created_at: string;
	updated_at: string;
	deleted_at: string | null;
}

export interface DepartmentTable {
	city_id: string;
	id: string;
	/** Short code, e.g. `housing`; an officer's `city_role.department` names it by code. */
	code: string;
	/** JSON LocalizedText */
	name: string;
	version: number;
	created_at: string;
	updated_at: string;
	deleted_at: string | null;
}

export interface ActionPlanTable {
	city_id: string;
	id: string;
	ref: string;
	declaration_id: string | null;
	/** JSON LocalizedText */
	title: string;
	period_start: number;
	period_end: number;
	rollup: RollupMethod;
	version: number;
	created_at: string;
	updated_at: string;
	deleted_at: string | null;
}

export interface CommitmentTable {
	city_id: string;
	id: string;
	ref: string;
	declaration_id: string | null;
	plan_id: string | null;
	/** JSON LocalizedText */
	title: string;
	/** JSON LocalizedText */
	description: string;
	/** `duty:respect` | `duty:protect` | `duty:fulfil` | null */
	duty: string | null;
	/** JSON array of population-group codes (commitments/groups.ts) */
	groups: string;
	position: number;
	version: number;
	created_at: string;
	updated_at: string;
	deleted_at: string | null;
}

/** A framework code a commitment is tagged with; `implied` = 1 for a goal implied by its target. */
export interface CommitmentTagTable {
	city_id: string;
	commitment_id: string;
	code: string;
	implied: number;
}

export interface ActionTable {
	city_id: string;
	id: string;
	/** Public short reference, e.g. `A-2026-014` (unique per city). */
	ref: string;
	plan_id: string;
	commitment_id: string | null;
	parent_id: string | null;
	/** JSON LocalizedText */
	title: string;
	/** JSON LocalizedText */
	description: string;
	lead_officer_id: string | null;
	budget_amount: number | null;
	budget_currency: string | null;
	start_date: string | null;
	due_date: string | null;
	status: ActionStatus;
	/** JSON LocalizedText; why it is delayed or cancelled */
	status_reason: string;
	/** 0–100, own progress (children's roll-up is computed, not stored) */
	progress: number;
	/** Weight in the parent's weighted roll-up */
	weight: number;
	position: number;
	version: number;
	created_at: string;
	updated_at: string;
	deleted_at: string | null;
}

export interface ActionDepartmentTable {
	city_id: string;
	action_id: string;
	department_id: string;
	position: number;
}

export interface MilestoneTable {
	city_id: string;
	id: string;
	action_id: string;
	/** JSON LocalizedText */
	title: string;
	due_date: string;
	done_on: string | null;
	position: number;
	created_at: string;
	updated_at: string;
	deleted_at: string | null;
}

export interface ProgressUpdateTable {
	city_id: string;
	id: string;
	action_id: string;
	author_id: string | null;
	author_role: string;
	/** JSON LocalizedText */
	text: string;
	status: ActionStatus;
	progress: number;
	reported_on: string;
	created_at: string;
	deleted_at: string | null;
}

export interface EvidenceTable {
	city_id: string;
	id: string;
	update_id: string;
	kind: 'link' | 'file';
	url: string | null;
	label: string;
	/** Key in the file store (never the bytes themselves). */
	file_key: string | null;
	file_name: string | null;
	content_type: string | null;
	size: number | null;
	sha256: string | null;
	created_at: string;
}

export interface CommitmentTables {
	declaration: DeclarationTable;
	department: DepartmentTable;
	action_plan: ActionPlanTable;
	commitment: CommitmentTable;
	commitment_tag: CommitmentTagTable;
	action: ActionTable;
	action_department: ActionDepartmentTable;
	milestone: MilestoneTable;
	progress_update: ProgressUpdateTable;
	evidence: EvidenceTable;
}

export type DeclarationRow = Selectable<DeclarationTable>;
export type ActionRow = Selectable<ActionTable>;
export type CommitmentRow = Selectable<CommitmentTable>;
