/**
 * The few places where SQLite and PostgreSQL differ, kept in one module: dialect detection,
 * case-insensitive substring search, and number coercion of aggregates (PostgreSQL returns
 * bigint counts as strings).
 */
import { PostgresAdapter, sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Dialect } from './database.ts';

export function dialectOf(db: Kysely<any>): Dialect {
	return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

function escapeLike(text: string): string {
	return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** `column` contains `text`, ignoring case (ILIKE on PostgreSQL, LIKE on SQLite). */
export function containsText(db: Kysely<any>, column: Expression<string> | string, text: string): Expression<SqlBool> {
	const ref = typeof column === 'string' ? sql.ref(column) : column;
	const pattern = `%${escapeLike(text)}%`;
	return dialectOf(db) === 'postgres'
		? sql<SqlBool>`${ref} ilike ${pattern} escape '\\'`
		: sql<SqlBool>`${ref} like ${pattern} escape '\\'`;
}

/** A count or sum as a JavaScript number, whatever the driver returned. */
export function toNumber(value: string | number | bigint | null | undefined): number {
	if (value === null || value === undefined) return 0;
	return typeof value === 'number' ? value : Number(value);
}
