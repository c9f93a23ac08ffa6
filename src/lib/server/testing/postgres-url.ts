/** The URL of `base` naming another database on the same PostgreSQL server. */
export function databaseUrl(base: string, database: string): string {
	const url = new URL(base);
	url.pathname = `/${database}`;
	return url.toString();
}
