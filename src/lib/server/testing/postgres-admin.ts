/** Statements on the test PostgreSQL server outside any test database: schemas and databases made and dropped. */
import pg from 'pg';

/** The URL of `base` naming another database on the same PostgreSQL server. */
export function databaseUrl(base: string, database: string): string {
	const url = new URL(base);
	url.pathname = `/${database}`;
	return url.toString();
}

/** Runs statements on a connection of its own (CREATE/DROP DATABASE may not run in a pool's transaction). */
export async function adminQuery<Row extends pg.QueryResultRow = pg.QueryResultRow>(base: string, text: string, values: unknown[] = []): Promise<Row[]> {
	const client = new pg.Client({ connectionString: base });
	await client.connect();
	try {
		return (await client.query<Row>(text, values)).rows;
	} finally {
		await client.end();
	}
}
