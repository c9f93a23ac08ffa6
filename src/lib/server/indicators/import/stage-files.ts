/**
 * The first phase of an import: read each file as it streams in, check every row, and stage the
 * valid ones (in batches) in the transaction's staging table. A key staged twice — within a file
 * or across files — is reported with both rows. Nothing here touches the observations.
 */
import { createHash, type Hash } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import { CsvError, CsvHeader, readCsv, type ByteSource, type CsvErrorCode } from '../../csv/index.ts';
import type { ImportErrorCode, ImportErrorList } from './import-errors.ts';
import { indicatorForFile, PeriodChecker, type ImportIndicator } from './import-cells.ts';
import { detectFormat, headerName, longFormatReader, openSdgReader, type FileContext, type ImportFormat, type RowReader, type RowSink } from './import-formats.ts';
import * as repository from './import.repository.ts';
import type { StagedFields } from './import.repository.ts';

export interface ImportSource {
	/** The file's name as the user knows it (errors name it; Open SDG files are named after their indicator). */
	name: string;
	stream: ByteSource;
	/** The indicator code of an Open SDG file, instead of deriving it from the name. */
	indicator?: string;
}

export interface StagedFile {
	name: string;
	/** SHA-256 (hex) of the file's bytes, once it has been read to the end. */
	sha256?: string;
	format: ImportFormat | null;
	/** The indicator of an Open SDG file. */
	indicator?: string;
	given: StagedFields;
	/** Data rows read (valid or not). */
	dataRows: number;
}

/** Longest record a file may have, in characters. */
export const MAX_RECORD_CHARS = 1 << 20;
/** Longest field, in characters (a note may have 2,000; anything near this is a file gone wrong). */
export const MAX_FIELD_CHARS = 100_000;

/** The import's code for each problem of the CSV reader. */
const CSV_PROBLEMS: Record<CsvErrorCode, ImportErrorCode> = {
	csv_invalid_utf8: 'bad_encoding',
	csv_unclosed_quote: 'unterminated_quote',
	csv_stray_quote: 'bad_quote',
	csv_field_too_long: 'field_too_long',
	csv_row_too_long: 'row_too_long',
	csv_control_character: 'control_character'
};

/** Rows per staging statement (one JSON parameter); a size bound keeps long notes in check too. */
const BATCH_ROWS = 2000;
const BATCH_CHARS = 1 << 20;

function jsonText(value: string | null): string {
	return value === null ? 'null' : JSON.stringify(value);
}

/**
 * Collects valid rows into JSON batches and stages them. Each indicator used gets a slot (its
 * number in this import), in order of first use.
 */
export class StageWriter implements RowSink {
	readonly slots: ImportIndicator[] = [];
	#json = '';
	#count = 0;
	/** The optional fields of the current file (a batch holds the rows of one file). */
	#fields: StagedFields = { status: false, source: false, note: false, extras: false };

	/** Starts the rows of a file that has the optional columns `fields`. */
	startFile(fields: StagedFields): void {
		this.#fields = fields;
	}

	add(indicator: ImportIndicator, period: string, groupKey: string, row: number, value: number | null, status: string | null, source: string | null, note: string | null, extras: string | null): void {
		if (indicator.slot < 0) {
			indicator.slot = this.slots.length;
			this.slots.push(indicator);
		}
		const fields = this.#fields;
		this.#json +=
			(this.#count === 0 ? '[[' : ',[') +
			indicator.slot +
			',' +
			JSON.stringify(period) +
			',' +
			JSON.stringify(groupKey) +
			',' +
			row +
			',' +
			(value === null ? 'null' : String(value)) +
			(fields.status ? `,${jsonText(status)}` : '') +
			(fields.source ? `,${jsonText(source)}` : '') +
			(fields.note ? `,${jsonText(note)}` : '') +
			(fields.extras ? `,${jsonText(extras)}` : '') +
			']';
		this.#count += 1;
	}

	get full(): boolean {
		return this.#count >= BATCH_ROWS || this.#json.length >= BATCH_CHARS;
	}

	/** Stages the pending rows of file `fileNo`; reports rows whose key is already staged. */
	async flush(db: Db, fileNo: number, files: StagedFile[], errors: ImportErrorList, keyColumn: string): Promise<void> {
		if (this.#count === 0) return;
		const json = `${this.#json}]`;
		const count = this.#count;
		this.#json = '';
		this.#count = 0;
		const staged = await repository.stageRows(db, fileNo, json, this.#fields);
		if (staged === count) return;
		for (const duplicate of await repository.findDuplicates(db, fileNo, json)) {
			errors.add(files[fileNo]!.name, duplicate.row_no, keyColumn, 'duplicate_key', {
				period: duplicate.period,
				group: duplicate.group_key === '' ? '—' : duplicate.group_key,
				first_file: files[duplicate.first_file_no]!.name,
				first_row: duplicate.first_row_no
			});
		}
	}
}

/** Cancels a stream that will not be read (so its file or request is released). */
export async function discard(stream: ByteSource): Promise<void> {
	const candidate = stream as { cancel?: () => Promise<void>; destroy?: () => void; locked?: boolean };
	try {
		if (typeof candidate.cancel === 'function' && !candidate.locked) await candidate.cancel();
		else if (typeof candidate.destroy === 'function') candidate.destroy();
	} catch {
		// Already closed.
	}
}

export interface StageContext {
	db: Db;
	catalog: Map<string, ImportIndicator>;
	errors: ImportErrorList;
	writer: StageWriter;
	periods: PeriodChecker;
	format: 'open-sdg' | 'long' | 'auto';
	/** See `FileContext.acceptLookalikes`. */
	acceptLookalikes: boolean;
	files: StagedFile[];
	/** Called after each chunk with the records and bytes read so far in this file. */
	progress: (records: number, bytes: number) => void;
}

/** The bytes of a file as they stream past the reader, counted into `hash`. */
async function* hashing(stream: ByteSource, hash: Hash): AsyncGenerator<Uint8Array | string> {
	for await (const chunk of stream as AsyncIterable<Uint8Array | string>) {
		hash.update(chunk);
		yield chunk;
	}
}

/** Reads, checks and stages one file (the `fileNo`th of the import). */
export async function stageFile(context: StageContext, source: ImportSource, fileNo: number): Promise<void> {
	const { errors, catalog } = context;
	const file: StagedFile = { name: source.name, format: null, given: { status: false, source: false, note: false, extras: false }, dataRows: 0 };
	context.files[fileNo] = file;
	const fileContext: FileContext = { file: source.name, acceptLookalikes: context.acceptLookalikes, errors, catalog, periods: context.periods, sink: context.writer };
	let header: CsvHeader | undefined;
	let reader: RowReader | null = null;
	let records = 0;
	let bytes = 0;
	let unreadable = false;
	const hash = createHash('sha256');

	const readerFor = (columns: CsvHeader): RowReader | null => {
		const format = context.format === 'auto' ? detectFormat(columns) : context.format;
		if (format === null) {
			errors.add(source.name, 1, null, 'unknown_format');
			return null;
		}
		file.format = format;
		if (format === 'long') return longFormatReader(fileContext, columns);
		const indicator = source.indicator !== undefined ? catalog.get(source.indicator) : indicatorForFile(catalog, source.name);
		if (typeof indicator === 'string' || indicator === undefined) {
			const example = catalog.keys().next().value ?? 'housing.temporary-accommodation';
			errors.add(source.name, null, null, 'unknown_file_indicator', { value: indicator ?? source.indicator ?? '', example });
			return null;
		}
		file.indicator = indicator.code;
		return openSdgReader(fileContext, columns, indicator);
	};

	try {
		chunks: for await (const batch of readCsv(hashing(source.stream, hash), { onBytes: (count) => (bytes += count), maxRowChars: MAX_RECORD_CHARS, maxFieldChars: MAX_FIELD_CHARS })) {
			for (const record of batch) {
				records += 1;
				if (header === undefined) {
					header = new CsvHeader(record.fields, headerName);
					reader = readerFor(header);
					if (!reader) break chunks;
					file.given = reader.given;
					context.writer.startFile(reader.given);
					continue;
				}
				file.dataRows += 1;
				reader!.read(record.fields, record.row);
			}
			context.progress(records, bytes);
			if (context.writer.full) await context.writer.flush(context.db, fileNo, context.files, errors, reader!.keyColumn);
		}
	} catch (error) {
		if (!(error instanceof CsvError)) throw error;
		unreadable = true;
		const code = CSV_PROBLEMS[error.code];
		const column = header?.nameOf(error.field) ?? `#${error.field + 1}`;
		if (code === 'row_too_long') errors.add(source.name, error.row, null, code, { max: MAX_RECORD_CHARS });
		else if (code === 'field_too_long') errors.add(source.name, error.row, column, code, { max: MAX_FIELD_CHARS });
		else if (code === 'control_character') errors.add(source.name, error.row, column, code, { character: error.value ?? '' });
		else errors.add(source.name, error.row, column, code);
	}
	context.progress(records, bytes);
	if (!unreadable && reader) file.sha256 = hash.digest('hex');
	if (reader) await context.writer.flush(context.db, fileNo, context.files, errors, reader.keyColumn);
	if (!unreadable && (header === undefined || (reader && file.dataRows === 0))) errors.add(source.name, null, null, 'empty_file');
}
