/**
 * Loads the reference frameworks into the database from the project's data files
 * (copied from the checked reference facts; unconfirmed entries keep their mark).
 */
import type { Kysely } from 'kysely';
import frameworks from './data/frameworks.json' with { type: 'json' };
import labels from './data/framework-labels.json' with { type: 'json' };

interface SchemeData {
	code: string;
	name: string;
	source: string;
	confirmed: boolean;
	note: string | null | undefined;
}
interface EntryData {
	code: string;
	scheme: string;
	parent: string | null;
	position: number;
	label: string;
	description: string | null;
	confirmed: boolean;
	note: string | null;
}

const CHUNK = 100;

async function insertChunked<T>(db: Kysely<any>, table: string, rows: T[]): Promise<void> {
	for (let start = 0; start < rows.length; start += CHUNK) {
		await db.insertInto(table).values(rows.slice(start, start + CHUNK)).execute();
	}
}

export async function seedFrameworks(db: Kysely<any>): Promise<void> {
	const schemes = frameworks.schemes as SchemeData[];
	const entries = frameworks.entries as EntryData[];
	await insertChunked(
		db,
		'framework_scheme',
		schemes.map((scheme) => ({
			code: scheme.code,
			name: scheme.name,
			source: scheme.source,
			confirmed: scheme.confirmed ? 1 : 0,
			note: scheme.note ?? null
		}))
	);
	// Parents first: goals come before their targets in the data file.
	await insertChunked(
		db,
		'framework_entry',
		entries.map((entry) => ({
			code: entry.code,
			scheme: entry.scheme,
			parent_code: entry.parent,
			position: entry.position,
			label: entry.label,
			description: entry.description,
			confirmed: entry.confirmed ? 1 : 0,
			note: entry.note
		}))
	);
	const labelRows = Object.entries(labels.labels as Record<string, Record<string, string>>).flatMap(([code, byLocale]) =>
		Object.entries(byLocale).map(([locale, label]) => ({ code, locale, label }))
	);
	await insertChunked(db, 'framework_label', labelRows);
}
