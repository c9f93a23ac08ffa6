/**
 * Network-level reference tables: framework schemes (UDHR, Gwangju principles, SDGs, duties,
 * OHCHR indicator types, disaggregation grounds, cross-cutting norms) and their entries,
 * with labels per UI locale. Codes such as `udhr:25` or `sdg:11.1` are the public identifiers.
 */
import type { Selectable } from 'kysely';

export interface FrameworkSchemeTable {
	code: string;
	name: string;
	source: string;
	confirmed: number;
	note: string | null;
}

export interface FrameworkEntryTable {
	code: string;
	scheme: string;
	parent_code: string | null;
	position: number;
	label: string;
	description: string | null;
	/** 1 when the wording was confirmed against a public copy; 0 keeps the "unconfirmed" mark. */
	confirmed: number;
	note: string | null;
}

export interface FrameworkLabelTable {
	code: string;
	locale: string;
	label: string;
}

export interface FrameworkTables {
	framework_scheme: FrameworkSchemeTable;
	framework_entry: FrameworkEntryTable;
	framework_label: FrameworkLabelTable;
}

export type FrameworkEntryRow = Selectable<FrameworkEntryTable>;
