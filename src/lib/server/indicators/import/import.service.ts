/**
 * Importing observations from CSV files (Open SDG or long format; see `import-formats.ts`).
 *
 * One transaction, two phases:
 * 1. every row of every file is read as it streams in, checked, and staged (`stage-files.ts`);
 *    any problem is collected (the first `maxErrors`, all counted) and nothing is written;
 * 2. when all rows are valid, the staged rows are compared with the stored observations in key
 *    order, page by page (counting new / changed / unchanged, and digesting the changes), changed
 *    rows are updated, new rows inserted set-wise, and one ledger entry per indicator with changes
 *    records the import (`{ import: [null, { files, rows, new, changed, unchanged, sha256_of_changes }] }`,
 *    `files` as `{ name, sha256 }`: the file's own name, never the server path it was read from;
 *    digest defined in `change-digest.ts`).
 * A re-import of the same data changes nothing and writes no ledger entry. Memory stays flat: a
 * batch, a page and the indicator list are all that is held.
 *
 * On SQLite the transaction holds the database's one connection while the files stream in, so
 * pass files that are at hand (an upload already received, a local file), not a slow network stream.
 *
 * @example
 *   const result = await importObservations(db, actor, york.id, [{ name: 'data.csv', stream: file.stream() }], { format: 'auto' });
 *   if (!result.ok) for (const error of result.errors) console.log(error.message);
 */
import type { Db } from '../../db/database.ts';
import { nowIso, uuidv7 } from '../../db/ids.ts';
import { DomainError } from '../../errors.ts';
import { inTransaction } from '../../db/transaction.ts';
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

/** Rows compared per page (phase 2). */
const PAGE_ROWS = 1000;

/** Thrown inside the transaction to roll it back when a row is invalid. */
class ImportRejected extends Error {}

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
	if (!canImportObservations(actor, cityId)) {
		await Promise.all(sources.map((source) => discard(source.stream)));
		throw new DomainError('forbidden', 'Only the city’s administrators and officers may import observations.');
	}
	if (sources.length === 0) throw new DomainError('invalid_input', 'Choose at least one file to import.', { field: 'files' });
	const errors = new ImportErrorList(options.maxErrors ?? 100);
	const read = new Set<number>();
	try {
		return await inTransaction(db, async (trx) => {
			const catalog = buildCatalog(await repository.listImportIndicators(trx, cityId));
			for (const source of sources) {
				if (source.indicator !== undefined && !catalog.has(source.indicator)) {
					throw new DomainError('indicator_not_found', `No indicator "${source.indicator}"`, { code: source.indicator });
				}
			}
			await repository.createStage(trx);
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
						db: trx,
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
			if (errors.count > 0) throw new ImportRejected();
			const now = nowIso();
			const ids = importIds();
			const perFile = files.map((): Counts & { indicators: Set<string> } => ({ new: 0, changed: 0, unchanged: 0, indicators: new Set() }));
			for (const indicator of writer.slots) {
				await applyIndicator(trx, actor, cityId, indicator, files, perFile, now, ids);
			}
			await repository.dropStage(trx);
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
		});
	} catch (error) {
		if (error instanceof ImportRejected) {
			return { ok: false, errors: errors.sorted(sources.map((source) => source.name)), truncated: errors.truncated, errorCount: errors.count };
		}
		throw error;
	} finally {
		// Streams never reached (an error stopped the import early) are released.
		await Promise.all(sources.filter((_, fileNo) => !read.has(fileNo)).map((source) => discard(source.stream)));
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

/** Phase 2 for one indicator: compare, write, and record the change in the ledger. */
async function applyIndicator(
	trx: Db,
	actor: ImportActor,
	cityId: string,
	indicator: ImportIndicator,
	files: StagedFile[],
	perFile: (Counts & { indicators: Set<string> })[],
	now: string,
	ids: repository.ImportIds
): Promise<void> {
	const digest = new ChangeDigest();
	const counts: Counts = { new: 0, changed: 0, unchanged: 0 };
	const fileNos = new Set<number>();
	let afterPeriod = '';
	let afterGroup = '';
	for (;;) {
		const page = await repository.compareStagedPage(trx, cityId, indicator.slot, indicator.id, afterPeriod, afterGroup, PAGE_ROWS);
		if (page.length === 0) break;
		let updates = '';
		let updateCount = 0;
		for (const row of page) {
			const fileCounts = perFile[row.file_no]!;
			fileNos.add(row.file_no);
			fileCounts.indicators.add(indicator.code);
			const value = row.value === null ? null : Number(row.value);
			if (row.old_id === null) {
				digest.add(row.period, row.group_key, null, { value, status: row.status ?? 'final', source: row.source, note: row.note });
				counts.new += 1;
				fileCounts.new += 1;
				continue;
			}
			const given = files[row.file_no]!.given;
			const extras = given.extras ? row.extras : row.old_extras;
			const before: ObservationState = { value: row.old_value === null ? null : Number(row.old_value), status: row.old_status!, source: row.old_source, note: row.old_note };
			const after: ObservationState = {
				value,
				status: row.status ?? before.status,
				source: given.source ? row.source : before.source,
				note: given.note ? row.note : before.note
			};
			if (sameState(before, after) && extras === row.old_extras) {
				counts.unchanged += 1;
				fileCounts.unchanged += 1;
				continue;
			}
			digest.add(row.period, row.group_key, before, after);
			counts.changed += 1;
			fileCounts.changed += 1;
			updates += `${updateCount === 0 ? '[' : ','}[${JSON.stringify(row.old_id)},${after.value === null ? 'null' : String(after.value)},${JSON.stringify(after.status)},${jsonText(after.source)},${jsonText(after.note)},${jsonText(extras)}]`;
			updateCount += 1;
		}
		if (updateCount > 0 && (await repository.updateObservations(trx, cityId, `${updates}]`, now)) !== updateCount) {
			throw new DomainError('conflict', 'Observations changed while the import ran; import again.');
		}
		const last = page[page.length - 1]!;
		afterPeriod = last.period;
		afterGroup = last.group_key;
	}
	if (counts.new > 0 && (await repository.insertNewObservations(trx, cityId, indicator.slot, indicator.id, now, ids)) !== counts.new) {
		throw new DomainError('conflict', 'Observations changed while the import ran; import again.');
	}
	if (counts.new + counts.changed === 0) return;
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

/** `/srv/uploads/data/indicator_1-2-1.csv` → `indicator_1-2-1.csv` (also `C:\\data\\x.csv`). */
function baseName(name: string): string {
	return name.replace(/^.*[\\/]/, '');
}
