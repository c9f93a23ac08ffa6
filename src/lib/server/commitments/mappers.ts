/** Rows to domain types, and the snapshots the ledger diffs (what the public sees changing). */
import type { Selectable } from 'kysely';
import { parseLocalizedText } from '../../i18n/localized-text.ts';
import type { ActionPlanTable, ActionTable, CommitmentTable, DeclarationTable, DepartmentTable, EvidenceTable, MilestoneTable, ProgressUpdateTable } from './commitments.tables.ts';
import type { Action, ActionPlan, Commitment, Declaration, Department, Evidence, Milestone, ProgressUpdate } from './commitments.types.ts';

function parseList(json: string): string[] {
	try {
		const value: unknown = JSON.parse(json);
		return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
	} catch {
		return [];
	}
}

export function toDeclaration(row: Selectable<DeclarationTable>): Declaration {
	return {
		id: row.id,
		ref: row.ref,
		title: parseLocalizedText(row.title),
		adoptedOn: row.adopted_on,
		adoptedBy: row.adopted_by,
		process: row.process,
		instruments: parseList(row.instruments),
		fullText: parseLocalizedText(row.full_text),
		sourceUrl: row.source_url,
		version: Number(row.version)
	};
}

export function toDepartment(row: Selectable<DepartmentTable>): Department {
	return { id: row.id, code: row.code, name: parseLocalizedText(row.name), version: Number(row.version) };
}

export function toPlan(row: Selectable<ActionPlanTable>): ActionPlan {
	return {
		id: row.id,
		ref: row.ref,
		declarationId: row.declaration_id,
		title: parseLocalizedText(row.title),
		periodStart: Number(row.period_start),
		periodEnd: Number(row.period_end),
		rollup: row.rollup,
		version: Number(row.version)
	};
}

export function toCommitment(row: Selectable<CommitmentTable>, tags: { code: string; implied: number }[]): Commitment {
	return {
		id: row.id,
		ref: row.ref,
		declarationId: row.declaration_id,
		planId: row.plan_id,
		title: parseLocalizedText(row.title),
		description: parseLocalizedText(row.description),
		duty: row.duty,
		groups: parseList(row.groups),
		tags: tags.filter((tag) => !Number(tag.implied)).map((tag) => tag.code),
		impliedTags: tags.filter((tag) => Number(tag.implied)).map((tag) => tag.code),
		position: Number(row.position),
		version: Number(row.version)
	};
}

export function toAction(row: Selectable<ActionTable>, departmentIds: string[]): Action {
	return {
		id: row.id,
		ref: row.ref,
		planId: row.plan_id,
		commitmentId: row.commitment_id,
		parentId: row.parent_id,
		title: parseLocalizedText(row.title),
		description: parseLocalizedText(row.description),
		departmentIds,
		leadOfficerId: row.lead_officer_id,
		budgetAmount: row.budget_amount === null ? null : Number(row.budget_amount),
		budgetCurrency: row.budget_currency,
		startDate: row.start_date,
		dueDate: row.due_date,
		status: row.status,
		statusReason: parseLocalizedText(row.status_reason),
		progress: Number(row.progress),
		weight: Number(row.weight),
		position: Number(row.position),
		version: Number(row.version),
		updatedAt: row.updated_at
	};
}

export function toMilestone(row: Selectable<MilestoneTable>): Milestone {
	return { id: row.id, actionId: row.action_id, title: parseLocalizedText(row.title), dueDate: row.due_date, doneOn: row.done_on, position: Number(row.position) };
}

export function toEvidence(row: Selectable<EvidenceTable>): Evidence {
	return {
		id: row.id,
		kind: row.kind,
		url: row.url,
		label: row.label,
		fileName: row.file_name,
		contentType: row.content_type,
		size: row.size === null ? null : Number(row.size),
		sha256: row.sha256
	};
}

export function toProgressUpdate(row: Selectable<ProgressUpdateTable>, evidence: Evidence[]): ProgressUpdate {
	return {
		id: row.id,
		actionId: row.action_id,
		authorRole: row.author_role,
		text: parseLocalizedText(row.text),
		status: row.status,
		progress: Number(row.progress),
		reportedOn: row.reported_on,
		createdAt: row.created_at,
		evidence
	};
}

/** The public fields of a domain object, as the ledger records them (no version counters, no internal ids of people). */
export function snapshot<T extends object>(value: T, omit: readonly string[] = ['version', 'updatedAt']): Record<string, unknown> {
	return Object.fromEntries(Object.entries(value).filter(([key]) => !omit.includes(key)));
}
