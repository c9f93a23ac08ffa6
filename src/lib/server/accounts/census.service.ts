/**
 * Census verification: a city uploads a CSV of resident identifiers (e.g. population-register
 * numbers); only keyed hashes are stored. A resident who enters an identifier on the list gets
 * verification level `census` in that city. Uploads are all-or-nothing with row errors.
 */
import type { Db } from '../db/database.ts';
import { CsvError, CsvHeader, readCsvSync, type CsvErrorCode } from '../csv/index.ts';
import { nowIso, uuidv7 } from '../db/ids.ts';
import { DomainError } from '../errors.ts';
import * as repository from './accounts.repository.ts';
import { canAdministerCity } from './accounts.policy.ts';
import { belongsToCity, type MaybeActor } from './actor.ts';
import { recordAudit } from './audit.ts';
import { hitLimits } from './rate-limit.ts';
import { keyedHash } from './secrets.ts';

export const MAX_CENSUS_ROWS = 2_000_000;
const MAX_ERRORS = 20;

export interface CensusRowError {
	row: number;
	column: string;
	/** A rule of the list, or a problem of the file itself (bad UTF-8, a stray quote, a control character…). */
	code: 'identifier_empty' | 'identifier_invalid' | 'identifier_duplicate' | 'too_many_columns' | CsvErrorCode;
	value?: string;
}

/** Identifiers compare without spaces, dashes or dots and in upper case: "850101-1234" = "8501011234". */
export function normaliseIdentifier(value: string): string {
	return value.normalize('NFKC').replace(/[\s.\-_/]/g, '').toUpperCase();
}

const isBlank = (fields: string[]) => fields.length === 1 && fields[0]!.trim() === '';

/**
 * Parses the census CSV: a header row whose only column is `identifier` (other columns are
 * refused, so no other personal data is ever sent), then one identifier per row. A blank row
 * inside the list is an empty identifier; blank rows at the end are ignored.
 */
export function parseCensusCsv(file: Uint8Array | string): { identifiers: string[]; errors: CensusRowError[]; problem?: 'census_empty' | 'census_header' | 'census_too_large' } {
	const seen = new Set<string>();
	const identifiers: string[] = [];
	const errors: CensusRowError[] = [];
	const report = (error: CensusRowError) => errors.length < MAX_ERRORS && errors.push(error);
	let header: CsvHeader | undefined;
	let rows = 0;
	// Blank rows not yet followed by an identifier: they only count if one follows.
	let blanks = 0;
	let blankRows: number[] = [];
	try {
		for (const { row, fields } of readCsvSync(file, { skipEmptyLines: false })) {
			if (header === undefined) {
				if (isBlank(fields)) continue;
				header = new CsvHeader(fields, (name) => name.trim().toLowerCase());
				if (header.length !== 1 || !header.has('identifier')) return { identifiers: [], errors: [], problem: 'census_header' };
				continue;
			}
			if (isBlank(fields)) {
				blanks += 1;
				if (blankRows.length < MAX_ERRORS) blankRows.push(row);
				continue;
			}
			for (const blank of blankRows) report({ row: blank, column: 'identifier', code: 'identifier_empty' });
			rows += blanks + 1;
			blanks = 0;
			blankRows = [];
			if (rows > MAX_CENSUS_ROWS) return { identifiers: [], errors: [], problem: 'census_too_large' };
			if (fields.length > 1) {
				report({ row, column: 'identifier', code: 'too_many_columns' });
				continue;
			}
			const raw = fields[0]!.trim();
			const value = normaliseIdentifier(raw);
			if (!value) report({ row, column: 'identifier', code: 'identifier_empty' });
			else if (!/^[\p{L}\p{N}]{3,64}$/u.test(value)) report({ row, column: 'identifier', code: 'identifier_invalid', value: raw.slice(0, 30) });
			else if (seen.has(value)) report({ row, column: 'identifier', code: 'identifier_duplicate', value: raw.slice(0, 30) });
			else {
				seen.add(value);
				// Once a row is wrong nothing is stored: keep checking, stop collecting.
				if (errors.length === 0) identifiers.push(value);
			}
		}
	} catch (error) {
		if (!(error instanceof CsvError)) throw error;
		report({ row: error.row, column: header?.nameOf(error.field) ?? `#${error.field + 1}`, code: error.code, ...(error.value ? { value: error.value } : {}) });
	}
	if (errors.length === 0 && (header === undefined || rows === 0)) return { identifiers: [], errors: [], problem: 'census_empty' };
	return { identifiers: errors.length ? [] : identifiers, errors };
}

/** Replaces the city's census list with the uploaded one; nothing changes when any row is bad. */
export async function uploadCensus(db: Db, actor: MaybeActor, cityId: string, csv: Uint8Array | string, context: { ip?: string | undefined }): Promise<{ entries: number }> {
	if (!canAdministerCity(actor, cityId)) throw new DomainError('forbidden', 'forbidden');
	const parsed = parseCensusCsv(csv);
	if (parsed.problem) throw new DomainError('census_invalid', parsed.problem);
	if (parsed.errors.length > 0) throw new DomainError('census_invalid', 'census_rows', { rows: parsed.errors });
	const hashes = await Promise.all(parsed.identifiers.map((identifier) => keyedHash(db, `census:${cityId}`, identifier)));
	const batchId = uuidv7();
	await db.transaction().execute(async (trx) => {
		await repository.insertCensusBatch(trx, cityId, batchId, hashes, actor!.personId, nowIso());
		await repository.deleteCensusExcept(trx, cityId, batchId);
		await recordAudit(trx, { cityId, actorId: actor!.personId, action: 'census.uploaded', target: batchId, details: { entries: hashes.length }, ip: context.ip });
	});
	return { entries: hashes.length };
}

export async function censusSize(db: Db, actor: MaybeActor, cityId: string): Promise<number> {
	if (!canAdministerCity(actor, cityId)) throw new DomainError('forbidden', 'forbidden');
	return repository.censusSize(db, cityId);
}

/** A member of the city proves residence with an identifier from the census list. */
export async function claimCensusVerification(db: Db, actor: MaybeActor, cityId: string, identifier: string, context: { ip?: string | undefined }): Promise<void> {
	if (!actor) throw new DomainError('unauthenticated', 'unauthenticated');
	if (!belongsToCity(actor, cityId)) throw new DomainError('forbidden', 'forbidden');
	const verdict = await hitLimits(db, [{ key: `census:${actor.personId}`, max: 5, minutes: 60 }]);
	if (!verdict.ok) throw new DomainError('rate_limited', 'rate_limited', { retryAfterMinutes: verdict.retryAfterMinutes });
	const hash = await keyedHash(db, `census:${cityId}`, normaliseIdentifier(identifier));
	await db.transaction().execute(async (trx) => {
		if (!(await repository.censusHas(trx, cityId, hash))) throw new DomainError('census_no_match', 'census_no_match', { field: 'identifier' });
		await repository.insertVerification(trx, { city_id: cityId, person_id: actor.personId, level: 'census', verified_by: null, created_at: nowIso() });
		await recordAudit(trx, { cityId, actorId: actor.personId, action: 'verification.census', target: actor.personId, ip: context.ip });
	});
}
