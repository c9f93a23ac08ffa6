/**
 * Queries of the reference frameworks (schemes, entries, translated labels). The only file of the
 * frameworks module that speaks SQL.
 */
import type { Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { FrameworkEntryRow, FrameworkSchemeTable } from './frameworks.tables.ts';

export type FrameworkSchemeRow = Selectable<FrameworkSchemeTable>;

/** An entry with its label in the asked locale, or null when that locale has none yet. */
export type LabelledEntryRow = FrameworkEntryRow & { translated_label: string | null };

export async function findScheme(db: Db, code: string): Promise<FrameworkSchemeRow | undefined> {
	return db.selectFrom('framework_scheme').selectAll().where('code', '=', code).executeTakeFirst();
}

function selectEntries(db: Db, locale: string) {
	return db
		.selectFrom('framework_entry as e')
		.leftJoin('framework_label as l', (join) => join.onRef('l.code', '=', 'e.code').on('l.locale', '=', locale))
		.selectAll('e')
		.select('l.label as translated_label');
}

export async function findEntry(db: Db, code: string, locale: string): Promise<LabelledEntryRow | undefined> {
	return selectEntries(db, locale).where('e.code', '=', code).executeTakeFirst();
}

/**
 * A scheme's entries in their order. `parent`: undefined for all, null for the top level only,
 * or a code for that entry's children (e.g. the targets of `sdg:11`).
 */
export async function listEntries(
	db: Db,
	scheme: string,
	locale: string,
	parent?: string | null
): Promise<LabelledEntryRow[]> {
	let query = selectEntries(db, locale).where('e.scheme', '=', scheme);
	if (parent === null) query = query.where('e.parent_code', 'is', null);
	else if (parent !== undefined) query = query.where('e.parent_code', '=', parent);
	return query.orderBy('e.position').orderBy('e.code').execute();
}

/** Which of these codes exist, with their parents (`sdg:11.1` → `sdg:11`): tag validation in other modules. */
export async function findCodes(db: Db, codes: readonly string[]): Promise<{ code: string; parent_code: string | null }[]> {
	if (codes.length === 0) return [];
	return db.selectFrom('framework_entry').select(['code', 'parent_code']).where('code', 'in', codes).execute();
}
