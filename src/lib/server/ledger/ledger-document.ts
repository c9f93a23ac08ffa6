/**
 * The downloadable form of a city's ledger (`/cities/{slug}/ledger.json`) and its offline check:
 *
 *   { "format": "rightscity-ledger/1", "city": { "id", "slug", "name" }, "hash_rule": "…",
 *     "hashed_fields": […], "genesis_prev_hash": "000…", "head": { "seq", "hash" },
 *     "entries": [ { seq, at, city_id, actor_role, entity_type, entity_id, entity_ref, action,
 *                    change, prev_hash, hash }, … ] }
 *
 * Entries are exactly what `toLedgerEntry` returns, oldest first, so a verifier recomputes each
 * hash from the entry minus `prev_hash` and `hash`. The document is written as a stream pulled
 * from the database in batches: memory stays flat however long the chain is.
 *
 * @example
 *   const body = ledgerDocumentStream(db, { id, slug: 'york', name: 'York' }, await readLedgerHead(db, id));
 *   return new Response(body, { headers: { 'content-type': 'application/json' } });
 */
import type { Db } from '../db/database.ts';
import { GENESIS_HASH } from './ledger-hash.ts';
import { checkEntry, streamLedger, type LedgerEntry, type LedgerVerification } from './ledger.service.ts';

export const LEDGER_FORMAT = 'rightscity-ledger/1';
export const HASH_RULE = 'sha256(prev_hash || canonical_json(entry))';
/** The fields of an entry that its hash covers (everything but `prev_hash` and `hash`). */
export const HASHED_FIELDS = ['seq', 'at', 'city_id', 'actor_role', 'entity_type', 'entity_id', 'entity_ref', 'action', 'change'] as const;

export interface LedgerDocumentCity {
	id: string;
	slug: string;
	name: string;
}

export interface LedgerHead {
	seq: number;
	hash: string;
}

/** Characters of JSON collected before a chunk is handed on (about 100 entries). */
const CHUNK_CHARS = 64 * 1024;

/**
 * The ledger document as a byte stream. It stops at `head` (read before streaming starts), so
 * entries appended while a long download runs do not make the file disagree with its own head.
 */
export function ledgerDocumentStream(db: Db, city: LedgerDocumentCity, head: LedgerHead): ReadableStream<Uint8Array<ArrayBuffer>> {
	const encoder = new TextEncoder();
	let entries: AsyncGenerator<LedgerEntry> | undefined;
	let written = 0;
	const opening = [
		'{',
		`"format":${JSON.stringify(LEDGER_FORMAT)},`,
		`"city":${JSON.stringify({ id: city.id, slug: city.slug, name: city.name })},`,
		`"hash_rule":${JSON.stringify(HASH_RULE)},`,
		`"hashed_fields":${JSON.stringify(HASHED_FIELDS)},`,
		`"genesis_prev_hash":${JSON.stringify(GENESIS_HASH)},`,
		`"head":${JSON.stringify({ seq: head.seq, hash: head.hash })},`,
		'"entries":['
	].join('\n');
	return new ReadableStream<Uint8Array<ArrayBuffer>>({
		async pull(controller) {
			if (!entries) {
				entries = streamLedger(db, city.id);
				controller.enqueue(encoder.encode(opening));
				return;
			}
			let chunk = '';
			while (chunk.length < CHUNK_CHARS) {
				const next = await entries.next();
				if (next.done || next.value.seq > head.seq) {
					if (!next.done) await entries.return(undefined);
					controller.enqueue(encoder.encode(`${chunk}\n]\n}\n`));
					controller.close();
					return;
				}
				chunk += `${written === 0 ? '\n' : ',\n'}${JSON.stringify(next.value)}`;
				written += 1;
			}
			controller.enqueue(encoder.encode(chunk));
		},
		async cancel() {
			await entries?.return(undefined);
		}
	});
}

/** A file that is not a ledger document (or not one this version reads); the message names the place. */
export class LedgerDocumentError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'LedgerDocumentError';
	}
}

export interface LedgerDocumentVerification extends LedgerVerification {
	city: LedgerDocumentCity;
	head: LedgerHead | undefined;
}

const HEX64 = /^[0-9a-f]{64}$/;

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The entry at `index` with its types checked, or an error naming the entry and the field. */
function readEntry(value: unknown, index: number): LedgerEntry {
	const where = `entries[${index}]`;
	if (!isObject(value)) throw new LedgerDocumentError(`${where} is not an object`);
	const fail = (field: string, what: string) => new LedgerDocumentError(`${where}.${field} ${what} (seq ${String(value.seq)})`);
	if (typeof value.seq !== 'number' || !Number.isSafeInteger(value.seq)) throw fail('seq', 'is not a whole number');
	for (const field of ['at', 'city_id', 'actor_role', 'entity_type', 'entity_id', 'action'] as const) {
		if (typeof value[field] !== 'string') throw fail(field, 'is not a string');
	}
	if (value.entity_ref !== null && typeof value.entity_ref !== 'string') throw fail('entity_ref', 'is neither a string nor null');
	if (!isObject(value.change)) throw fail('change', 'is not an object');
	for (const field of ['prev_hash', 'hash'] as const) {
		if (typeof value[field] !== 'string' || !HEX64.test(value[field])) throw fail(field, 'is not 64 lower-case hexadecimal characters');
	}
	return value as unknown as LedgerEntry;
}

/**
 * Checks a parsed ledger document the way `verifyLedger` checks the database: every entry in
 * order, then the head. Throws `LedgerDocumentError` when the document is not a ledger at all.
 */
export function verifyLedgerDocument(document: unknown, onProgress?: (checked: number, total: number) => void): LedgerDocumentVerification {
	if (!isObject(document)) throw new LedgerDocumentError('the file is not a JSON object');
	if (document.format !== LEDGER_FORMAT) {
		throw new LedgerDocumentError(`"format" is ${JSON.stringify(document.format ?? null)}, expected "${LEDGER_FORMAT}"`);
	}
	const city = document.city;
	if (!isObject(city) || typeof city.id !== 'string' || typeof city.slug !== 'string' || typeof city.name !== 'string') {
		throw new LedgerDocumentError('"city" must be an object with the strings id, slug and name');
	}
	if (!Array.isArray(document.entries)) throw new LedgerDocumentError('"entries" is not a list');
	let head: LedgerHead | undefined;
	if (document.head !== undefined) {
		const value = document.head;
		if (!isObject(value) || typeof value.seq !== 'number' || !Number.isSafeInteger(value.seq) || typeof value.hash !== 'string') {
			throw new LedgerDocumentError('"head" must be an object with a whole number seq and a hash');
		}
		head = { seq: value.seq, hash: value.hash };
	}
	const total = document.entries.length;
	const result = (verification: LedgerVerification): LedgerDocumentVerification => ({
		...verification,
		city: { id: city.id as string, slug: city.slug as string, name: city.name as string },
		head
	});
	let previous = GENESIS_HASH;
	for (let index = 0; index < total; index += 1) {
		const entry = readEntry(document.entries[index], index);
		if (entry.city_id !== city.id) {
			throw new LedgerDocumentError(`entries[${index}] (seq ${entry.seq}) belongs to the city ${entry.city_id}, not to ${city.id} named in "city"`);
		}
		const broken = checkEntry(entry, index + 1, previous);
		if (broken) return result({ ok: false, entries: index, lastHash: previous, firstBroken: broken });
		previous = entry.hash;
		if (onProgress && (index + 1) % 5000 === 0) onProgress(index + 1, total);
	}
	if (head && (head.seq !== total || head.hash !== previous)) {
		return result({ ok: false, entries: total, lastHash: previous, firstBroken: { seq: head.seq, reason: 'head', expected: head.hash, found: previous } });
	}
	return result({ ok: true, entries: total, lastHash: previous });
}
