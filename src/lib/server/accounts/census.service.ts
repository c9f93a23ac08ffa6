/**
 * Census verification: a city uploads a CSV of resident identifiers (e.g. population-register
 * numbers); only keyed hashes are stored. A resident who enters an identifier on the list gets
 * verification level `census` in that city. Uploads are all-or-nothing with row errors.
 */
import type { Db } from '../db/database.ts';
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
	code: 'identifier_empty' | 'identifier_invalid' | 'identifier_duplicate' | 'too_many_columns';
	value?: string;
}

/** Identifiers compare without spaces, dashes or dots and in upper case: "850101-1234" = "8501011234". */
export function normaliseIdentifier(value: string): string {
	return value.normalize('NFKC').replace(/[\s.\-_/]/g, '').toUpperCase();
}

/**
 * Parses the census CSV: a header row whose first column is `identifier` (other columns are
 * refused, so no other personal data is ever sent), then one identifier per row.
 */
export function parseCensusCsv(text: string): { identifiers: string[]; errors: CensusRowError[]; problem?: 'census_empty' | 'census_header' | 'census_too_large' } {
	const body = text.replace(/^\uFEFF/, '');
	const lines = body.split(/\r\n|\n|\r/);
	while (lines.length && lines.at(-1)!.trim() === '') lines.pop();
	if (lines.length === 0) return { identifiers: [], errors: [], problem: 'census_empty' };
	const header = lines[0]!.split(',').map((cell) => cell.trim().replace(/^"|"$/g, '').toLowerCase());
	if (header.length !== 1 || header[0] !== 'identifier') return { identifiers: [], errors: [], problem: 'census_header' };
	if (lines.length - 1 > MAX_CENSUS_ROWS) return { identifiers: [], errors: [], problem: 'census_too_large' };
	if (lines.length === 1) return { identifiers: [], errors: [], problem: 'census_empty' };
	const seen = new Map<string, number>();
	const identifiers: string[] = [];
	const errors: CensusRowError[] = [];
	for (let index = 1; index < lines.length && errors.length < MAX_ERRORS; index++) {
		const row = index + 1;
		const line = lines[index]!;
		if (line.includes(',')) {
			errors.push({ row, column: 'identifier', code: 'too_many_columns' });
			continue;
		}
		const raw = line.trim().replace(/^"|"$/g, '');
		const value = normaliseIdentifier(raw);
		if (!value) errors.push({ row, column: 'identifier', code: 'identifier_empty' });
		else if (!/^[\p{L}\p{N}]{3,64}$/u.test(value)) errors.push({ row, column: 'identifier', code: 'identifier_invalid', value: raw.slice(0, 30) });
		else if (seen.has(value)) errors.push({ row, column: 'identifier', code: 'identifier_duplicate', value: raw.slice(0, 30) });
		else {
			seen.set(value, row);
			identifiers.push(value);
		}
	}
	return { identifiers, errors };
}

/** Replaces the city's census list with the uploaded one; nothing changes when any row is bad. */
export async function uploadCensus(db: Db, actor: MaybeActor, cityId: string, csv: string, context: { ip?: string | undefined }): Promise<{ entries: number }> {
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
