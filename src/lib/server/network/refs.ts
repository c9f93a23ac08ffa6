/**
 * Short public references beside the ids: network-wide `M-12` (membership), `R-7` (request),
 * `O-3` (organisation), `PR-4` (pairing), `T-30` (thread), `E-2` (event); per city `GP-5` (good
 * practice) and `AD-1` (adoption). The next one is one more than the highest in use; on
 * PostgreSQL an advisory lock held to the end of the transaction keeps two writers from taking
 * the same number (SQLite has one writer).
 */
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { dialectOf, toNumber } from '../db/dialect.ts';

const NETWORK_PREFIX = {
	network_organisation: 'O-',
	network_request: 'R-',
	network_membership: 'M-',
	pairing: 'PR-',
	thread: 'T-',
	network_event: 'E-'
} as const;
const CITY_PREFIX = { practice: 'GP-', practice_adoption: 'AD-' } as const;

export type NetworkRefTable = keyof typeof NETWORK_PREFIX;
export type CityRefTable = keyof typeof CITY_PREFIX;

/** A reference as typed in a URL: `GP-12`, `PR-3`. */
export const REF_PATTERN = /^[A-Z]{1,2}-\d{1,9}$/;

async function highest(db: Db, table: string, prefix: string, cityId?: string): Promise<number> {
	if (dialectOf(db) === 'postgres') await sql`select pg_advisory_xact_lock(hashtext(${`rightscity:ref:${table}:${cityId ?? ''}`}))`.execute(db);
	const start = prefix.length + 1;
	const row = await sql<{ n: number | string | null }>`select max(cast(substr(ref, ${start}) as integer)) as n from ${sql.table(table)} where ref like ${`${prefix}%`}${cityId ? sql` and city_id = ${cityId}` : sql``}`.execute(db);
	return toNumber(row.rows[0]?.n ?? 0);
}

export async function nextNetworkRef(db: Db, table: NetworkRefTable): Promise<string> {
	const prefix = NETWORK_PREFIX[table];
	return `${prefix}${(await highest(db, table, prefix)) + 1}`;
}

export async function nextCityRef(db: Db, table: CityRefTable, cityId: string): Promise<string> {
	const prefix = CITY_PREFIX[table];
	return `${prefix}${(await highest(db, table, prefix, cityId)) + 1}`;
}

/** `count` consecutive references of a city at once (a batch of practices: the demo, the benchmark). */
export async function nextCityRefs(db: Db, table: CityRefTable, cityId: string, count: number): Promise<string[]> {
	const prefix = CITY_PREFIX[table];
	const first = (await highest(db, table, prefix, cityId)) + 1;
	return Array.from({ length: count }, (_, index) => `${prefix}${first + index}`);
}
