/**
 * Importing observations from CSV files (Open SDG or long format; see `import-formats.ts`).
 *
 * Three phases, on a connection of the import's own (`openSoloConnection`), so that the site keeps
 * reading and writing while a large file goes in:
 * 1. **Stage** (no write lock): every row of every file is read as it streams in, checked, and
 *    staged in a temporary table of that connection (`stage-files.ts`); any problem is collected
 *    (the first `maxErrors`, all counted) and nothing is written.
 * 2. **Merge in chunks**: when all rows are valid, each chunk is one short transaction that
 *    compares a page of staged rows (in key order) with the stored observations, updates the
 *    changed ones, inserts the new ones, and notes in the undo table what the stored rows were.
 *    On SQLite the page size adapts so that a chunk holds the write lock about `TARGET_CHUNK_MS`
 *    (at most `MAX_CHUNK_ROWS` rows); between chunks the lock is free for the site's own writes.
 * 3. **Record**: one short transaction appends one ledger entry per indicator with changes
 *    (`{ import: [null, { files, rows, new, changed, unchanged, sha256_of_changes }] }`, `files` as
 *    `{ name, sha256 }`: the file's own name, never the server path it was read from; digest
 *    defined in `change-digest.ts`), so the ledger stays one valid chain with one entry per import.
 *
 * All or nothing: if any chunk or the record fails, the chunks already merged are undone (in
 * short transactions, from the undo table) and the error is passed on; a row someone changed in
 * the meantime keeps that change. Why stage and chunk rather than a worker thread with its own
 * connection: SQLite has one writer, so a worker's long transaction would hold the write lock
 * just as long; a temporary table costs no lock, and chunks let other writes in between. The
 * price: while a large import merges, readers may see the chunks merged so far (the ledger entry,
 * and with it the cached public pages, change only at the end); a crash mid-merge leaves them.
 *
 * Called inside the caller's transaction (`db.isTransaction`) everything runs in that transaction
 * instead, which the caller commits or rolls back.
 *
 * A re-import of the same data changes nothing and writes no ledger entry. Memory stays flat: a
 * batch, a page and the indicator list are all that is held.
 *
 * @example
 *   const result = await importObservations(db, actor, york.id, [{ name: 'data.csv', stream: file.stream() }], { format: 'auto' });
 *   if (!result.ok) for (const error of result.errors) console.log(error.message);
 */
import { openSoloConnection, type Db } from '../../db/database.ts';
import { dialectOf } from '../../db/dialect.ts';
import { sleep } from '../../db/event-loop.ts';
import { nowIso, uuidv7 } from '../../db/ids.ts';
import { DomainError } from '../../errors.ts';
import type { MaybeActor } from '../../accounts/index.ts';
import { appendLedger } from '../../ledger/index.ts';
import { canRecordObservations } from '../indicators.policy.ts';
import { ChangeDigest, type ObservationState } from './change-digest.ts';
import { ImportErrorList, type ImportError } from './import-errors.ts';
import { buildCatalog, PeriodChecker, type ImportIndicator } from './import-cells.ts';
import type { ImportFormat } from './import-formats.ts';
import * as repository from './import.repository.ts';
import { discard, stageFile, StageWriter, type ImportSource, type StagedFile } from './stage-files.ts';

export type { ImportSource } from './stage-files.ts';

/** Who imports: a signed-in person, or the operator at the command line (`systemActor('cli', …)`, recorded as role `cli`). */
export type ImportActor = MaybeActor;

export interface ImportOptions {
	format: 'open-sdg' | 'long' | 'auto';
	/** Called as the files stream in, with the records and bytes read so far (all files). */
	onProgress?(rows: number, bytes: number): void;
	/** How many errors to list (default 100); all are counted. */
	maxErrors?: number;
	/**
	 * Treat a header or value that differs from the indicator's definition only by look-alike
	 * letters (UTS #39 skeletons: a Latin O in a Cyrillic word) as the definition's own, stored as
	 * the definition writes it. Off by default: such a file is refused with the letters named.
	 */
	acceptLookalikes?: boolean;
	/** Called after each merged chunk has committed (the write lock is free again); a throw fails the import. */
	onChunk?(chunk: MergedChunk): void | Promise<void>;
	/** Rows per chunk, instead of the adaptive size (tests). */
	chunkRows?: number;
}

export interface MergedChunk {
	indicator: string;
	/** Staged rows compared in the chunk. */
	rows: number;
	/** How long the chunk's transaction held the write lock, commit included (ms). */
	lockMs: number;
}

export interface ImportedFile {
	name: string;
	format: ImportFormat;
	/** The indicator code when the file holds one indicator's data. */
	indicator?: string;
	rows: number;
	new: number;
	changed: number;
	unchanged: number;
}

export type ImportResult =
	| { ok: true; files: ImportedFile[] }
	| { ok: false; errors: ImportError[]; truncated: boolean; errorCount: number };

/** A chunk aims to hold the write lock this long (ms) … */
const TARGET_CHUNK_MS = 40;
/** … with this many staged rows at first, and within these bounds. */
const FIRST_CHUNK_ROWS = 1000;
const MIN_CHUNK_ROWS = 500;
export const MAX_CHUNK_ROWS = 5000;
/** SQLite: the pause between chunks (ms). */
const CHUNK_PAUSE_MS = 17;

/** PostgreSQL: the observations are analysed again once an import added this many rows, and as many as it had added before. */
const ANALYZE_AFTER_ROWS = 5000;

/** Rows an import inserted: up to its last ANALYZE, and since. */
interface Growth {
	inserted: number;
	sinceAnalyze: number;
}

/** Noted changes undone per transaction after a failure. */
const UNDO_ROWS = 2000;

/** Where an import works: its own connection with short transactions, or the caller's transaction. */
interface Target {
	db: Db;
	/** Runs `work` as one short transaction (or in the caller's); `lockMs` as in `MergedChunk`. */
	chunk<T>(work: (trx: Db) => Promise<T>): Promise<{ value: T; lockMs: number }>;
	/** Chunks commit on their own, so a failure must undo them. */
	undoable: boolean;
}

function ownConnection(db: Db): Target {
	return {
		db,
		undoable: true,
		async chunk(work) {
			let start = 0;
			const value = await db.transaction().execute((trx) => {
				start = performance.now();
				return work(trx);
			});
			return { value, lockMs: performance.now() - start };
		}
	};
}

function callersTransaction(trx: Db): Target {
	return {
		db: trx,
		undoable: false,
		async chunk(work) {
			const start = performance.now();
			const value = await work(trx);
			return { value, lockMs: performance.now() - start };
		}
	};
}

interface Counts {
	new: number;
	changed: number;
	unchanged: number;
}

/** May the actor import observations into the city? The city's admins and officers, the network admin, the CLI. */
export function canImportObservations(actor: ImportActor, cityId: string): boolean {
	return canRecordObservations(actor, cityId);
}

/**
 * Imports observations into the city from one or more CSV streams: all rows of all files, or
 * nothing. See the module comment.
 *
 * @throws DomainError forbidden · indicator_not_found (an explicit `source.indicator` the city lacks) ·
 *   invalid_input (no files) · conflict (the observations changed while the import ran)
 */
export async function importObservations(
	db: Db,
	actor: ImportActor,
	cityId: string,
	sources: ImportSource[],
	options: ImportOptions
): Promise<ImportResult> {
	const read = new Set<number>();
	try {
		if (!canImportObservations(actor, cityId)) {
			throw new DomainError('forbidden', 'Only the city’s administrators and officers may import observations.');
		}
		if (sources.length === 0) throw new DomainError('invalid_input', 'Choose at least one file to import.', { field: 'files' });
		if (db.isTransaction) return await importInto(callersTransaction(db), actor, cityId, sources, options, read);
		const solo = await openSoloConnection(db);
		try {
			return await importInto(ownConnection(solo.db), actor, cityId, sources, options, read);
		} finally {
			await solo.close();
		}
	} finally {
		// Streams never reached (an error stopped the import early) are released.
		await Promise.all(sources.filter((_, fileNo) => !read.has(fileNo)).map((source) => discard(source.stream)));
	}
}

interface IndicatorChanges {
	indicator: ImportIndicator;
	counts: Counts;
	digest: ChangeDigest;
	fileNos: Set<number>;
}

async function importInto(
	target: Target,
	actor: ImportActor,
	cityId: string,
	sources: ImportSource[],
	options: ImportOptions,
	read: Set<number>
): Promise<ImportResult> {
	const errors = new ImportErrorList(options.maxErrors ?? 100);
	const catalog = buildCatalog(await repository.listImportIndicators(target.db, cityId));
	for (const source of sources) {
		if (source.indicator !== undefined && !catalog.has(source.indicator)) {
			throw new DomainError('indicator_not_found', `No indicator "${source.indicator}"`, { code: source.indicator });
		}
	}
	await repository.createStage(target.db);
	try {
		const writer = new StageWriter();
		const files: StagedFile[] = [];
		let doneRecords = 0;
		let doneBytes = 0;
		const periods = new PeriodChecker();
		for (const [fileNo, source] of sources.entries()) {
			read.add(fileNo);
			let fileRecords = 0;
			let fileBytes = 0;
			await stageFile(
				{
					db: target.db,
					catalog,
					errors,
					writer,
					periods,
					format: options.format,
					acceptLookalikes: options.acceptLookalikes ?? false,
					files,
					progress: (records, bytes) => {
						fileRecords = records;
						fileBytes = bytes;
						options.onProgress?.(doneRecords + records, doneBytes + bytes);
					}
				},
				source,
				fileNo
			);
			doneRecords += fileRecords;
			doneBytes += fileBytes;
		}
		if (errors.count > 0) {
			return { ok: false, errors: errors.sorted(sources.map((source) => source.name)), truncated: errors.truncated, errorCount: errors.count };
		}
		await repository.analyzeStage(target.db);
		const now = nowIso();
		const ids = importIds();
		const perFile = files.map((): Counts & { indicators: Set<string> } => ({ new: 0, changed: 0, unchanged: 0, indicators: new Set() }));
		const growth: Growth = { inserted: 0, sinceAnalyze: 0 };
		try {
			const changes: IndicatorChanges[] = [];
			for (const indicator of writer.slots) {
				changes.push(await mergeIndicator(target, cityId, indicator, files, perFile, now, ids, options, growth));
			}
			await target.chunk((trx) => recordImport(trx, actor, cityId, changes, files));
		} catch (error) {
			if (target.undoable) await undoImport(target, cityId, now);
			throw error;
		}
		return {
			ok: true as const,
			files: files.map((file, fileNo) => {
				const counts = perFile[fileNo]!;
				const indicator = file.indicator ?? (counts.indicators.size === 1 ? [...counts.indicators][0] : undefined);
				return {
					name: file.name,
					format: file.format!,
					...(indicator ? { indicator } : {}),
					rows: counts.new + counts.changed + counts.unchanged,
					new: counts.new,
					changed: counts.changed,
					unchanged: counts.unchanged
				};
			})
		};
	} finally {
		// In a caller's transaction that failed on PostgreSQL the drop fails too; the rollback removes the tables.
		await repository.dropStage(target.db).catch(() => {});
	}
}

/** The id scheme of this import's new rows, from one fresh UUIDv7 (see `ImportIds`). */
function importIds(): repository.ImportIds {
	const id = uuidv7();
	return { prefix: id.slice(0, 24), base: Number.parseInt(id.slice(24), 16) % 2 ** 47 };
}

function sameState(a: ObservationState, b: ObservationState): boolean {
	return a.value === b.value && a.status === b.status && a.source === b.source && a.note === b.note;
}

function jsonText(value: string | null): string {
	return value === null ? 'null' : JSON.stringify(value);
}

function jsonNumber(value: number | null): string {
	return value === null || !Number.isFinite(value) ? 'null' : String(value);
}

/** The next chunk's size: scaled towards `TARGET_CHUNK_MS` from the last chunk's lock time, within bounds. */
function nextChunkRows(rows: number, lockMs: number): number {
	const scaled = Math.round((rows * TARGET_CHUNK_MS) / Math.max(lockMs, 1));
	return Math.min(MAX_CHUNK_ROWS, Math.max(MIN_CHUNK_ROWS, Math.min(scaled, rows * 2)));
}

/** Phase 2 for one indicator: compare and write, chunk by chunk. */
async function mergeIndicator(
	target: Target,
	cityId: string,
	indicator: ImportIndicator,
	files: StagedFile[],
	perFile: (Counts & { indicators: Set<string> })[],
	now: string,
	ids: repository.ImportIds,
	options: ImportOptions,
	growth: Growth
): Promise<IndicatorChanges> {
	const changes: IndicatorChanges = { indicator, counts: { new: 0, changed: 0, unchanged: 0 }, digest: new ChangeDigest(), fileNos: new Set() };
	const { counts, digest, fileNos } = changes;
	let after: [string, string] = ['', ''];
	// SQLite has one write lock for the whole file: its chunks adapt to hold it briefly. PostgreSQL
	// locks only the rows a chunk writes (nobody else waits for them but a write of the same
	// observation), so its chunks are as large as the bound allows: fewer round trips and commits.
	const adaptive = options.chunkRows === undefined && dialectOf(target.db) === 'sqlite';
	let chunkRows = Math.min(options.chunkRows ?? (adaptive ? FIRST_CHUNK_ROWS : MAX_CHUNK_ROWS), MAX_CHUNK_ROWS);
	for (;;) {
		const { value: last, lockMs } = await target.chunk(async (trx) => {
			const page = await repository.compareStagedPage(trx, cityId, indicator.slot, indicator.id, after[0], after[1], chunkRows);
			if (page.length === 0) return undefined;
			let updates = '';
			let updateCount = 0;
			let undo = '';
			let newCount = 0;
			for (const row of page) {
				const fileCounts = perFile[row.file_no]!;
				fileNos.add(row.file_no);
				fileCounts.indicators.add(indicator.code);
				const value = row.value === null ? null : Number(row.value);
				if (row.old_id === null) {
					digest.add(row.period, row.group_key, null, { value, status: row.status ?? 'final', source: row.source, note: row.note });
					counts.new += 1;
					fileCounts.new += 1;
					newCount += 1;
					undo += `${undo === '' ? '[' : ','}[${JSON.stringify(repository.newObservationId(ids, row.file_no, row.row_no))},"new"]`;
					continue;
				}
				const given = files[row.file_no]!.given;
				const extras = given.extras ? row.extras : row.old_extras;
				const oldValue = row.old_value === null ? null : Number(row.old_value);
				const before: ObservationState = { value: oldValue, status: row.old_status!, source: row.old_source, note: row.old_note };
				const afterState: ObservationState = {
					value,
					status: row.status ?? before.status,
					source: given.source ? row.source : before.source,
					note: given.note ? row.note : before.note
				};
				if (sameState(before, afterState) && extras === row.old_extras) {
					counts.unchanged += 1;
					fileCounts.unchanged += 1;
					continue;
				}
				digest.add(row.period, row.group_key, before, afterState);
				counts.changed += 1;
				fileCounts.changed += 1;
				updates += `${updateCount === 0 ? '[' : ','}[${JSON.stringify(row.old_id)},${jsonNumber(afterState.value)},${JSON.stringify(afterState.status)},${jsonText(afterState.source)},${jsonText(afterState.note)},${jsonText(extras)}]`;
				updateCount += 1;
				undo += `${undo === '' ? '[' : ','}[${JSON.stringify(row.old_id)},"changed",${jsonNumber(oldValue)},${JSON.stringify(before.status)},${jsonText(before.source)},${jsonText(before.note)},${jsonText(row.old_extras)},${jsonText(row.old_updated_at)}]`;
			}
			const lastRow = page[page.length - 1]!;
			const lastKey: [string, string] = [lastRow.period, lastRow.group_key];
			if (updateCount > 0 && (await repository.updateObservations(trx, cityId, `${updates}]`, now)) !== updateCount) {
				throw new DomainError('conflict', 'Observations changed while the import ran; import again.');
			}
			if (newCount > 0 && (await repository.insertNewObservations(trx, cityId, indicator.slot, indicator.id, now, ids, after, lastKey)) !== newCount) {
				throw new DomainError('conflict', 'Observations changed while the import ran; import again.');
			}
			if (target.undoable && undo !== '') await repository.recordUndo(trx, `${undo}]`);
			return { key: lastKey, rows: page.length, inserted: newCount };
		});
		if (!last) return changes;
		growth.sinceAnalyze += last.inserted;
		if (growth.sinceAnalyze >= Math.max(ANALYZE_AFTER_ROWS, growth.inserted) && dialectOf(target.db) === 'postgres') {
			await repository.analyzeObservations(target.db);
			growth.inserted += growth.sinceAnalyze;
			growth.sinceAnalyze = 0;
		}
		after = last.key;
		await options.onChunk?.({ indicator: indicator.code, rows: last.rows, lockMs });
		if (adaptive) {
			chunkRows = nextChunkRows(last.rows, lockMs);
			// A write of the site waiting for the lock retries on a timer (at most 16 ms apart, see
			// `beginImmediate`): a pause that long lets it in before the next chunk takes the lock again.
			await sleep(CHUNK_PAUSE_MS);
		}
	}
}

/** Phase 3: one ledger entry per indicator with changes, all in one short transaction. */
async function recordImport(trx: Db, actor: ImportActor, cityId: string, changes: IndicatorChanges[], files: StagedFile[]): Promise<void> {
	for (const { indicator, counts, digest, fileNos } of changes) {
		if (counts.new + counts.changed === 0) continue;
		await appendLedger(trx, {
			cityId,
			actor,
			entityType: 'observation',
			entityId: indicator.id,
			entityRef: indicator.code,
			action: 'update',
			change: {
				import: [
					null,
					{
						// The file's own name and its digest: never the path it was read from (a server path).
						files: [...fileNos].sort((a, b) => a - b).map((fileNo) => ({ name: baseName(files[fileNo]!.name), sha256: files[fileNo]!.sha256 ?? null })),
						rows: counts.new + counts.changed + counts.unchanged,
						new: counts.new,
						changed: counts.changed,
						unchanged: counts.unchanged,
						sha256_of_changes: digest.hex()
					}
				]
			}
		});
	}
}

/** Restores what the merged chunks changed (after a failure), chunk by chunk. */
async function undoImport(target: Target, cityId: string, importedAt: string): Promise<void> {
	for (;;) {
		const { value: undone } = await target.chunk((trx) => repository.undoSome(trx, cityId, importedAt, UNDO_ROWS));
		if (undone === 0) return;
	}
}

/** `/srv/uploads/data/indicator_1-2-1.csv` → `indicator_1-2-1.csv` (also `C:\\data\\x.csv`). */
function baseName(name: string): string {
	return name.replace(/^.*[\\/]/, '');
}
