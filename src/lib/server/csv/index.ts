/**
 * CSV for every module (shared infrastructure, not a domain module): one reader, one writer, one
 * set of error codes. Import from here, not from the files behind it.
 *
 * - Reading: `readCsv` (streams, batches of records) and `readCsvSync` (a small file in memory),
 *   strict UTF-8, RFC 4180 quoting, CRLF / LF / CR, BOM accepted, limits on field and row size;
 *   problems throw `CsvError` with a stable `code` (`CsvErrorCode`) and the row, field and line.
 * - Headers: `CsvHeader` finds columns by name and names them in messages.
 * - Writing: `csvRow` (CRLF), `BOM`, `guardFormula` / `unguardFormula`, `toByteStream`.
 */
export { CSV_ERROR_CODES, CsvError, type CsvErrorCode, type CsvPosition } from './csv-error.ts';
export { readCsv, readCsvSync, type ByteSource, type CsvReadOptions, type CsvRecord } from './csv-reader.ts';
export { CsvHeader, type CsvHeaderProblem } from './csv-header.ts';
export { BOM, csvRow, guardFormula, toByteStream, unguardFormula } from './csv-writer.ts';
