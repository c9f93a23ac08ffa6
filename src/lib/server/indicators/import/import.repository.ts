/**
 * Queries of observation imports. Rows are first staged in a temporary table (keyed by
 * indicator slot, period and group key, so a repeated observation is caught as it arrives), then
 * compared with the stored observations page by page in key order, then written set-wise.
 *
 * Batches travel as one JSON array parameter (`[[slot, period, key, row, value, status?,
 * source?, note?], …]`) unpacked by the database (`jsonb_each` / `json_array_elements`): far cheaper
 * than thousands of bound parameters, and the same SQL for every batch size. The few dialect
 * differences (the JSON table function, the temporary table's options, and the byte-order
 * collation PostgreSQL needs for a canonical order) are kept in this file.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/database.ts';
import { dialectOf } from '../../db/dialect.ts';
import type { IndicatorSource } from './import-cells.ts';

const STAGE = sql.raw('observation_import_stage');

/** The city's live indicators as an import checks them. */
export async function listImportIndicators(db: Db, cityId: string): Promise<IndicatorSource[]> {
	return db
		.selectFrom('indicator')
		.select(['id', 'code', 'unit', 'currency', 'unit_text', 'series_text', 'dimensions'])
		.where('city_id', '=', cityId)
		.where('deleted_at', 'is', null)
		.execute();
}

/**
 * The elements of a JSON array parameter as a table `j` with one JSON column `value`. (SQLite's
 * `jsonb_each` hands each element over in binary form, so reading its fields parses nothing again.)
 */
function jsonRows(db: Db, json: string): RawBuilder<unknown> {
	return dialectOf(db) === 'postgres' ? sql`json_array_elements(${json}::json) as j(value)` : sql`jsonb_each(${json}) as j`;
}

/**
 * On PostgreSQL the staging keys sort in byte order (collation "C", the canonical order of the
 * change digest, whatever the database's locale); comparing them with stored keys then names the
 * stored columns' collation so the observation index serves the lookup.
 */
function storedCollation(db: Db): RawBuilder<unknown> {
	return dialectOf(db) === 'postgres' ? sql` collate "default"` : sql``;
}

const UNDO = sql.raw('observation_import_undo');

/**
 * Creates the import's temporary tables on its connection: the staging table, and the undo
 * table (the stored state before each merged chunk, so a failure after some chunks committed
 * can restore it). They live until `dropStage` (or the connection's end).
 */
export async function createStage(db: Db): Promise<void> {
	await dropStage(db);
	if (dialectOf(db) === 'postgres') {
		await sql`create temporary table ${STAGE} (
			ind integer not null, period text collate "C" not null, group_key text collate "C" not null,
			file_no integer not null, row_no integer not null,
			value double precision, status text, source text, note text, extras text,
			primary key (ind, period, group_key))`.execute(db);
		await sql`create temporary table ${UNDO} (
			id text primary key, kind text not null, value double precision, status text, source text, note text, extras text, updated_at text)`.execute(db);
	} else {
		await sql`create temporary table ${STAGE} (
			ind integer not null, period text not null, group_key text not null,
			file_no integer not null, row_no integer not null,
			value real, status text, source text, note text, extras text,
			primary key (ind, period, group_key)) without rowid`.execute(db);
		await sql`create temporary table ${UNDO} (
			id text primary key, kind text not null, value real, status text, source text, note text, extras text, updated_at text) without rowid`.execute(db);
	}
}

/**
 * After staging: PostgreSQL's planner knows nothing of a temporary table until it is analysed (no
 * autovacuum sees it), and without that it may join each staged row with a scan of the stored
 * observations; one ANALYZE lets the comparison use the observation key.
 */
export async function analyzeStage(db: Db): Promise<void> {
	if (dialectOf(db) === 'postgres') await sql`analyze ${STAGE}`.execute(db);
}

/**
 * PostgreSQL: refreshes the planner's picture of the observations after an import's own chunks
 * grew them (autovacuum may not have yet): with a table it believes near empty, the planner
 * compares each staged row with every stored one. ANALYZE reads a bounded sample.
 */
export async function analyzeObservations(db: Db): Promise<void> {
	if (dialectOf(db) === 'postgres') await sql`analyze observation`.execute(db);
}

export async function dropStage(db: Db): Promise<void> {
	await sql`drop table if exists ${STAGE}`.execute(db);
	await sql`drop table if exists ${UNDO}`.execute(db);
}

/** Which optional fields the staged rows of a batch carry (after `[slot, period, key, row, value]`, in this order). */
export interface StagedFields {
	status: boolean;
	source: boolean;
	note: boolean;
	/** The observation's extras (JSON text or null; see `ObservationTable.extras`). */
	extras: boolean;
}

/**
 * Stages a batch of one file, rows `[slot, period, key, row, value, status?, source?, note?, extras?]`;
 * returns how many rows were new keys (the rest repeat a staged key).
 */
export async function stageRows(db: Db, fileNo: number, json: string, fields: StagedFields): Promise<number> {
	let next = 5;
	const optional = (present: boolean) => (present ? sql`j.value ->> ${sql.lit(next++)}` : sql`null`);
	const status = optional(fields.status);
	const source = optional(fields.source);
	const note = optional(fields.note);
	const extras = optional(fields.extras);
	const result = await sql`insert into ${STAGE} (ind, period, group_key, file_no, row_no, value, status, source, note, extras)
		select cast(j.value ->> 0 as integer), j.value ->> 1, j.value ->> 2, ${fileNo}, cast(j.value ->> 3 as integer),
			cast(j.value ->> 4 as double precision), ${status}, ${source}, ${note}, ${extras}
		from ${jsonRows(db, json)} where true
		on conflict do nothing`.execute(db);
	return Number(result.numAffectedRows ?? 0n);
}

export interface DuplicateRow {
	row_no: number;
	first_file_no: number;
	first_row_no: number;
	period: string;
	group_key: string;
}

/** The rows of a staged batch whose key an earlier row already holds. */
export async function findDuplicates(db: Db, fileNo: number, json: string): Promise<DuplicateRow[]> {
	const result = await sql<DuplicateRow>`select cast(j.value ->> 3 as integer) as row_no, s.file_no as first_file_no, s.row_no as first_row_no, s.period, s.group_key
		from ${jsonRows(db, json)}
		join ${STAGE} s on s.ind = cast(j.value ->> 0 as integer) and s.period = j.value ->> 1 and s.group_key = j.value ->> 2
		where not (s.file_no = ${fileNo} and s.row_no = cast(j.value ->> 3 as integer))
		order by 1`.execute(db);
	return result.rows.map((row) => ({ ...row, row_no: Number(row.row_no), first_file_no: Number(row.first_file_no), first_row_no: Number(row.first_row_no) }));
}

export interface StagedComparison {
	period: string;
	group_key: string;
	file_no: number;
	row_no: number;
	value: number | null;
	status: string | null;
	source: string | null;
	note: string | null;
	extras: string | null;
	old_id: string | null;
	old_value: number | null;
	old_status: string | null;
	old_source: string | null;
	old_note: string | null;
	old_extras: string | null;
	old_updated_at: string | null;
}

/**
 * The next page of an indicator's staged rows after the key `(afterPeriod, afterGroup)`, in byte
 * order of (period, group key), each with the stored observation of the same key (if any).
 */
export async function compareStagedPage(
	db: Db,
	cityId: string,
	slot: number,
	indicatorId: string,
	afterPeriod: string,
	afterGroup: string,
	limit: number
): Promise<StagedComparison[]> {
	const collate = storedCollation(db);
	const result = await sql<StagedComparison>`select s.period, s.group_key, s.file_no, s.row_no, s.value, s.status, s.source, s.note, s.extras,
			o.id as old_id, o.value as old_value, o.status as old_status, o.source as old_source, o.note as old_note, o.extras as old_extras, o.updated_at as old_updated_at
		from ${STAGE} s
		left join observation o on o.city_id = ${cityId} and o.indicator_id = ${indicatorId}
			and o.period = s.period${collate} and o.group_key = s.group_key${collate}
		where s.ind = ${slot} and (s.period, s.group_key) > (${afterPeriod}, ${afterGroup})
		order by s.period, s.group_key
		limit ${limit}`.execute(db);
	return result.rows.map((row) => ({ ...row, file_no: Number(row.file_no), row_no: Number(row.row_no) }));
}

/**
 * Writes changed observations, given as JSON `[[id, value, status, source, note, extras], …]`; returns
 * how many rows were updated.
 */
export async function updateObservations(db: Db, cityId: string, json: string, updatedAt: string): Promise<number> {
	const result = await updateQuery(db, cityId, json, updatedAt).execute(db);
	return Number(result.numAffectedRows ?? 0n);
}

function updateQuery(db: Db, cityId: string, json: string, updatedAt: string): RawBuilder<unknown> {
	// The batch is materialised first so that it drives the join: each of its rows finds its
	// observation by primary key. (Left to itself SQLite walks all of the city's observations and
	// scans the batch for each: a re-import of n changed rows then took time growing with n².)
	return sql`with c as materialized (
			select j.value ->> 0 as id, cast(j.value ->> 1 as double precision) as value, j.value ->> 2 as status,
				j.value ->> 3 as source, j.value ->> 4 as note, j.value ->> 5 as extras
			from ${jsonRows(db, json)})
		update observation
		set value = c.value, status = c.status, source = c.source, note = c.note, extras = c.extras, updated_at = ${updatedAt}
		from c
		where observation.city_id = ${cityId} and observation.id = c.id`;
}

/** The statement `updateObservations` runs, for a look at its query plan (tests). */
export function updateObservationsSql(db: Db, cityId: string, json: string, updatedAt: string): { sql: string; parameters: readonly unknown[] } {
	return updateQuery(db, cityId, json, updatedAt).compile(db);
}

/**
 * The ids of an import's new rows: UUIDv7 `<prefix><12 hex digits>`, the digits being
 * `base + file_no·2³² + row_no` (unique within the import; `prefix` and `base` come from one fresh
 * uuidv7, so the ids carry the import's time and stay distinct from other ids).
 */
export interface ImportIds {
	/** `tttttttt-tttt-7xxx-yxxx-` */
	prefix: string;
	/** Below 2⁴⁷, so the sum stays within 48 bits. */
	base: number;
}

/** The id of a new row (see `ImportIds`), as the database computes it in `insertNewObservations`. */
export function newObservationId(ids: ImportIds, fileNo: number, rowNo: number): string {
	return ids.prefix + (ids.base + fileNo * 4294967296 + rowNo).toString(16).padStart(12, '0');
}

function newId(db: Db, ids: ImportIds): RawBuilder<string> {
	const sequence = sql`cast(${ids.base} as bigint) + cast(s.file_no as bigint) * 4294967296 + s.row_no`;
	return dialectOf(db) === 'postgres' ? sql<string>`${ids.prefix} || lpad(to_hex(${sequence}), 12, '0')` : sql<string>`printf('%s%012x', ${ids.prefix}, ${sequence})`;
}

/**
 * Inserts the staged rows of an indicator whose key is not stored yet, with keys after `after` and
 * up to `last` (one page of `compareStagedPage`); returns how many.
 */
export async function insertNewObservations(
	db: Db,
	cityId: string,
	slot: number,
	indicatorId: string,
	now: string,
	ids: ImportIds,
	after: readonly [string, string],
	last: readonly [string, string]
): Promise<number> {
	const result = await sql`insert into observation (city_id, id, indicator_id, period, group_key, value, status, source, note, extras, created_at, updated_at)
		select ${cityId}, ${newId(db, ids)}, ${indicatorId}, s.period, s.group_key, s.value, coalesce(s.status, 'final'), s.source, s.note, s.extras, ${now}, ${now}
		from ${STAGE} s
		where s.ind = ${slot} and (s.period, s.group_key) > (${after[0]}, ${after[1]}) and (s.period, s.group_key) <= (${last[0]}, ${last[1]})
		on conflict do nothing`.execute(db);
	return Number(result.numAffectedRows ?? 0n);
}

/**
 * Notes what a merged chunk changed, as JSON `[[id, kind, value, status, source, note, extras,
 * updated_at], …]`: kind `new` (an inserted row: undone by deleting it) or `changed` (with the
 * stored state before the import).
 */
export async function recordUndo(db: Db, json: string): Promise<void> {
	await sql`insert into ${UNDO} (id, kind, value, status, source, note, extras, updated_at)
		select j.value ->> 0, j.value ->> 1, cast(j.value ->> 2 as double precision), j.value ->> 3, j.value ->> 4, j.value ->> 5, j.value ->> 6, j.value ->> 7
		from ${jsonRows(db, json)} where true`.execute(db);
}

/**
 * Undoes up to `limit` noted changes (the first by id) and forgets them; returns how many were
 * handled (0: all undone). A row someone changed after the import wrote it (its `updated_at` is no
 * longer the import's) keeps that later change.
 */
export async function undoSome(db: Db, cityId: string, importedAt: string, limit: number): Promise<number> {
	await sql`with c as materialized (select * from ${UNDO} order by id limit ${limit})
		update observation
		set value = c.value, status = c.status, source = c.source, note = c.note, extras = c.extras, updated_at = c.updated_at
		from c
		where observation.city_id = ${cityId} and observation.id = c.id and c.kind = 'changed' and observation.updated_at = ${importedAt}`.execute(db);
	await sql`delete from observation
		where observation.city_id = ${cityId} and observation.updated_at = ${importedAt}
			and observation.id in (select u.id from (select id, kind from ${UNDO} order by id limit ${limit}) u where u.kind = 'new')`.execute(db);
	const result = await sql`delete from ${UNDO} where id in (select id from ${UNDO} order by id limit ${limit})`.execute(db);
	return Number(result.numAffectedRows ?? 0n);
}
