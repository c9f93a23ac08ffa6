/**
 * Published maturity results: computed from the agreed ratings when a review is published, signed
 * by the network (signing.ts) and kept network-wide, so that the city's scorecard, the network
 * comparison and the badge all read one record. A result never changes; a new year's review adds
 * a new one (the history).
 *
 * The signed statement is canonical JSON:
 *   { type: 'rightscity-maturity/1', city, cityName, framework, frameworkVersion, documentHash,
 *     year, level, levelCode, review, reviewer, publishedOn, demo }
 *
 * @example
 *   const latest = await latestResult(db, york.id);          // for the badge
 *   const check = await verifyStatement64(db, statement64, signature, kid);
 */
import type { Db } from '../db/database.ts';
import { uuidv7 } from '../db/ids.ts';
import { inTransaction } from '../db/transaction.ts';
import { canonicalJson, appendLedger, NETWORK_CHAIN } from '../ledger/index.ts';
import type { MaybeActor } from '../accounts/index.ts';
import { findCityBySlug } from '../cities/index.ts';
import { LEVEL_CODES, type LevelCode } from './framework-document.ts';
import type { Rating } from './evidence.ts';
import { computeMaturity } from './maturity.ts';
import * as keys from './frameworks.repository.ts';
import * as repository from './reviews.repository.ts';
import { newSigningKey, parsePublicJwk, signStatement, verifyStatement, type PublishedKey } from './signing.ts';
import type { CriterionOutcome } from './agreement.service.ts';
import type { Review, ReviewView } from './reviews.service.ts';
import type { ResultRow } from './standards.tables.ts';

export const STATEMENT_TYPE = 'rightscity-maturity/1';

export interface Statement {
	type: typeof STATEMENT_TYPE;
	city: string;
	cityName: string;
	framework: string;
	frameworkVersion: string;
	documentHash: string;
	year: number;
	level: number;
	levelCode: LevelCode | 'none';
	review: string;
	reviewer: string;
	publishedOn: string;
	demo: boolean;
}

export interface Result {
	id: string;
	cityId: string;
	framework: string;
	frameworkVersionId: string;
	year: number;
	reviewId: string;
	level: number;
	ratings: Record<string, Rating>;
	statement: Statement;
	/** The exact signed text. */
	statementText: string;
	signature: string;
	kid: string;
	demo: boolean;
	publishedAt: string;
}

export function levelCodeOf(level: number): LevelCode | 'none' {
	return level === 0 ? 'none' : LEVEL_CODES[level - 1]!;
}

function toResult(row: ResultRow): Result {
	return {
		id: row.id,
		cityId: row.city_id,
		framework: row.framework,
		frameworkVersionId: row.framework_version_id,
		year: row.year,
		reviewId: row.review_id,
		level: row.level,
		ratings: JSON.parse(row.ratings) as Record<string, Rating>,
		statement: JSON.parse(row.statement) as Statement,
		statementText: row.statement,
		signature: row.signature,
		kid: row.kid,
		demo: row.demo === 1,
		publishedAt: row.published_at
	};
}

/**
 * Computes, signs and stores the result of a review being published (in its transaction);
 * `actorRole` is the role the publishing side acted in (a reviewer city's staff act as reviewers).
 */
export async function publishResult(trx: Db, actor: MaybeActor, review: Review, outcomes: readonly CriterionOutcome[], view: ReviewView, actorRole?: string): Promise<Result> {
	const framework = view.assessment.framework;
	const ratings = Object.fromEntries(outcomes.map((outcome) => [outcome.criterion, outcome.counted]));
	const maturity = computeMaturity(framework.document, ratings);
	const key = await keys.findCurrentSigningKey(trx);
	if (!key) throw new Error('No signing key: run `rightscity standards-rotate-key` to make one');
	const statement: Statement = {
		type: STATEMENT_TYPE,
		city: review.citySlug,
		cityName: review.cityName,
		framework: framework.framework,
		frameworkVersion: framework.version,
		documentHash: framework.hash,
		year: view.assessment.assessment.year,
		level: maturity.level,
		levelCode: levelCodeOf(maturity.level),
		review: review.ref,
		reviewer: review.reviewerCitySlug,
		publishedOn: (review.publishedAt ?? new Date().toISOString()).slice(0, 10),
		demo: review.demo
	};
	const text = canonicalJson(statement);
	const row: ResultRow = {
		id: uuidv7(),
		city_id: review.cityId,
		framework: framework.framework,
		framework_version_id: framework.id,
		year: statement.year,
		review_id: review.id,
		level: maturity.level,
		ratings: JSON.stringify(ratings),
		statement: text,
		signature: signStatement(key.private_pkcs8, text),
		kid: key.kid,
		demo: review.demo ? 1 : 0,
		published_at: review.publishedAt ?? new Date().toISOString()
	};
	await repository.insertResult(trx, row);
	await appendLedger(trx, {
		cityId: review.cityId,
		actor,
		...(actorRole ? { actorRole } : {}),
		entityType: 'standards_result',
		entityId: row.id,
		entityRef: review.ref,
		action: 'create',
		change: { framework: [null, statement.framework], framework_version: [null, statement.frameworkVersion], year: [null, statement.year], level: [null, statement.level], level_code: [null, statement.levelCode], signature: [null, row.signature], kid: [null, row.kid] }
	});
	return toResult(row);
}

/** The city's results, newest year first. */
export async function listCityResults(db: Db, cityId: string): Promise<Result[]> {
	return (await repository.listResultsOfCity(db, cityId)).map(toResult);
}

export async function getResultOfReview(db: Db, cityId: string, reviewId: string): Promise<Result | undefined> {
	const row = await repository.findResultOfReview(db, cityId, reviewId);
	return row ? toResult(row) : undefined;
}

/** The city's latest result (of one framework, or of any): what its badge shows. */
export async function latestResult(db: Db, cityId: string, framework?: string): Promise<Result | undefined> {
	return (await listCityResults(db, cityId)).find((result) => framework === undefined || result.framework === framework);
}

/** Every city's latest result per framework (the network comparison). */
export async function latestResultsByFramework(db: Db): Promise<Map<string, Result[]>> {
	const byFramework = new Map<string, Result[]>();
	const seen = new Set<string>();
	for (const row of await repository.listAllResults(db)) {
		const key = `${row.framework}|${row.city_id}`;
		if (seen.has(key)) continue;
		seen.add(key);
		const list = byFramework.get(row.framework) ?? [];
		list.push(toResult(row));
		byFramework.set(row.framework, list);
	}
	return byFramework;
}

/** Every key the network signs or signed with (retired ones stay, so old badges still verify). */
export async function listPublicKeys(db: Db): Promise<(PublishedKey & { retired: boolean; created: string })[]> {
	return (await keys.listSigningKeys(db)).map((key) => ({ ...parsePublicJwk(key.public_jwk), kid: key.kid, use: 'sig' as const, alg: 'EdDSA' as const, retired: key.retired_at !== null, created: key.created_at }));
}

/** Retires the signing key in use and makes a new one (the operator's `standards-rotate-key`). */
export async function rotateSigningKey(db: Db): Promise<string> {
	return inTransaction(db, async (trx) => {
		const at = new Date().toISOString();
		await keys.retireSigningKeys(trx, at);
		const key = newSigningKey(at);
		await keys.insertSigningKey(trx, key);
		// On the network's chain (public key ids only): the published key set changes with it.
		await appendLedger(trx, { cityId: NETWORK_CHAIN, actor: null, actorRole: 'cli', entityType: 'standards_signing_key', entityId: key.kid, entityRef: key.kid, action: 'create', change: { kid: [null, key.kid] } });
		return key.kid;
	});
}

export type Verification =
	| { valid: false; reason: 'malformed' | 'unknown_key' | 'bad_signature' }
	| { valid: true; statement: Statement; keyRetired: boolean; onRecord: boolean; latest: boolean };

/**
 * Checks a badge's statement (the signed text) and signature with the network's keys, and whether
 * the platform still holds that result and it is the city's latest for its framework.
 */
export async function verifyResultStatement(db: Db, statementText: string, signature: string, kid: string): Promise<Verification> {
	let statement: Statement;
	try {
		statement = JSON.parse(statementText) as Statement;
		if (statement.type !== STATEMENT_TYPE || typeof statement.city !== 'string') return { valid: false, reason: 'malformed' };
	} catch {
		return { valid: false, reason: 'malformed' };
	}
	const key = (await keys.listSigningKeys(db)).find((candidate) => candidate.kid === kid);
	if (!key) return { valid: false, reason: 'unknown_key' };
	if (!verifyStatement(parsePublicJwk(key.public_jwk), statementText, signature)) return { valid: false, reason: 'bad_signature' };
	const city = await findCityBySlug(db, statement.city);
	const results = city ? (await repository.listResultsOfCity(db, city.id)).filter((row) => row.framework === statement.framework) : [];
	const onRecord = results.some((row) => row.statement === statementText && row.signature === signature);
	return { valid: true, statement, keyRetired: key.retired_at !== null, onRecord, latest: onRecord && results[0]?.statement === statementText };
}
