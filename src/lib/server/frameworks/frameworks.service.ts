/**
 * Use cases of the reference frameworks: a scheme with its source, one entry by its public code,
 * a scheme's entries, and the 30 UDHR articles with their short titles in the reader's locale
 * (falling back to English, and saying so). Returns domain types, never rows.
 *
 * @example
 *   const { scheme, articles } = await listUdhrArticles(db, 'ko');
 *   articles[24]; // { number: 25, code: 'udhr:25', label: { text: 'Right to Adequate Living Standard', lang: 'en' }, … }
 */
import type { Db } from '../db/database.ts';
import { DomainError } from '../errors.ts';
import * as repository from './frameworks.repository.ts';
import type { FrameworkSchemeRow, LabelledEntryRow } from './frameworks.repository.ts';

export interface FrameworkScheme {
	code: string;
	name: string;
	/** Where the entries' wording comes from (English). */
	source: string;
	confirmed: boolean;
	/** How the wording was checked, and caveats (English). */
	note: string | null;
}

export interface FrameworkEntry {
	/** The public code, e.g. `udhr:25`, `sdg:11.1`, `gwangju:4`. */
	code: string;
	scheme: string;
	parentCode: string | null;
	position: number;
	/** The label in the asked locale, or the English one; `lang` says which. */
	label: { text: string; lang: string };
	/** The reference label in English. */
	englishLabel: string;
	description: string | null;
	/** False keeps the "unconfirmed" mark: the wording could not yet be checked against a public copy. */
	confirmed: boolean;
	note: string | null;
}

export interface UdhrArticleEntry extends FrameworkEntry {
	number: number;
}

const UDHR = 'udhr';

function toScheme(row: FrameworkSchemeRow): FrameworkScheme {
	return { code: row.code, name: row.name, source: row.source, confirmed: row.confirmed === 1, note: row.note };
}

function toEntry(row: LabelledEntryRow, locale: string): FrameworkEntry {
	return {
		code: row.code,
		scheme: row.scheme,
		parentCode: row.parent_code,
		position: row.position,
		label: row.translated_label ? { text: row.translated_label, lang: locale } : { text: row.label, lang: 'en' },
		englishLabel: row.label,
		description: row.description,
		confirmed: row.confirmed === 1,
		note: row.note
	};
}

function toArticle(entry: FrameworkEntry): UdhrArticleEntry {
	return { ...entry, number: Number(entry.code.slice(UDHR.length + 1)) };
}

/** A scheme by code (`udhr`, `sdg`, `gwangju`, …); throws `not_found` for an unknown one. */
export async function getScheme(db: Db, code: string): Promise<FrameworkScheme> {
	const row = await repository.findScheme(db, code);
	if (!row) throw new DomainError('not_found', `No framework scheme "${code}"`, { code });
	return toScheme(row);
}

/**
 * One entry by its public code, labelled for `locale`; throws `not_found` for an unknown code.
 *
 * @example (await getEntry(db, 'gwangju:5', 'en')).confirmed // false: keep the "unconfirmed" mark
 */
export async function getEntry(db: Db, code: string, locale: string): Promise<FrameworkEntry> {
	const row = await repository.findEntry(db, code, locale);
	if (!row) throw new DomainError('not_found', `No framework entry "${code}"`, { code });
	return toEntry(row, locale);
}

/**
 * A scheme's entries in order. `parent`: omit for all, `null` for the top level (SDG goals),
 * a code for its children (`'sdg:11'` → its targets).
 */
export async function listEntries(
	db: Db,
	scheme: string,
	locale: string,
	options: { parent?: string | null } = {}
): Promise<FrameworkEntry[]> {
	const rows = await repository.listEntries(db, scheme, locale, options.parent);
	return rows.map((row) => toEntry(row, locale));
}

/** The 30 UDHR articles with their informal short titles, and the scheme that says where those come from. */
export async function listUdhrArticles(db: Db, locale: string): Promise<{ scheme: FrameworkScheme; articles: UdhrArticleEntry[] }> {
	const [scheme, entries] = await Promise.all([getScheme(db, UDHR), listEntries(db, UDHR, locale)]);
	return { scheme, articles: entries.map(toArticle).sort((a, b) => a.number - b.number) };
}

