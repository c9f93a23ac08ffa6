/**
 * Verifying a badge from what a reader has at hand, for the public verify page and the
 * `standards-verify-badge` command alike (one code path, so both give the same answer):
 *
 * - the badge's SVG source (its metadata carries the statement, the signature and the key id);
 * - a badge code `STATEMENT.SIGNATURE.KID` (each base64url; the badge's `verify` link carries it);
 * - a link to a badge on this platform (`/cities/{slug}/standards/badge.svg[?framework=…]`),
 *   read as the badge it serves now, or a link to the verify page with a code.
 *
 * The signature is checked with the network's keys by `verifyResultStatement`.
 *
 * @example
 *   const answer = await verifyBadgeText(db, pastedSvg);
 *   if (answer.ok && answer.check.valid) answer.check.statement.cityName
 */
import type { Db } from '../db/database.ts';
import { findCityBySlug } from '../cities/index.ts';
import { readBadgeSignature } from './badge.ts';
import { latestResult, verifyResultStatement, type Result, type Verification } from './results.service.ts';

export interface SignedBadge {
	statement: string;
	signature: string;
	kid: string;
}

/** Why the text could not be read as a badge (before any signature is checked). */
export type BadgeReadProblem = 'badge_required' | 'badge_unreadable' | 'badge_not_found' | 'badge_too_long';

export type BadgeAnswer = { ok: true; check: Verification; code: string } | { ok: false; problem: BadgeReadProblem };

/** The longest text read (a badge's SVG is about 2 kB). */
export const BADGE_TEXT_MAX = 20_000;

const B64 = '[A-Za-z0-9_-]+';
const CODE = new RegExp(`^(${B64})\\.(${B64})\\.(${B64})$`);
const BADGE_PATH = /^\/cities\/([a-z0-9-]+)\/standards\/badge\.svg$/;

/** The badge code of a signed result: `STATEMENT.SIGNATURE.KID`. */
export function badgeCode(signed: SignedBadge): string {
	return `${Buffer.from(signed.statement, 'utf8').toString('base64url')}.${signed.signature}.${signed.kid}`;
}

export function badgeCodeOf(result: Pick<Result, 'statementText' | 'signature' | 'kid'>): string {
	return badgeCode({ statement: result.statementText, signature: result.signature, kid: result.kid });
}

/** A badge code read back; undefined when it is not one. */
export function readBadgeCode(code: string): SignedBadge | undefined {
	const parts = CODE.exec(code.trim());
	if (!parts) return undefined;
	return { statement: Buffer.from(parts[1]!, 'base64url').toString('utf8'), signature: parts[2]!, kid: parts[3]! };
}

async function fromLink(db: Db, text: string): Promise<SignedBadge | BadgeReadProblem> {
	let url: URL;
	try {
		url = new URL(text, 'https://badge.invalid');
	} catch {
		return 'badge_unreadable';
	}
	const code = url.searchParams.get('code');
	if (url.pathname === '/network/standards/verify' && code) return readBadgeCode(code) ?? 'badge_unreadable';
	const slug = BADGE_PATH.exec(url.pathname)?.[1];
	if (!slug) return 'badge_unreadable';
	const city = await findCityBySlug(db, slug);
	const result = city ? await latestResult(db, city.id, url.searchParams.get('framework') ?? undefined) : undefined;
	if (!result) return 'badge_not_found';
	return { statement: result.statementText, signature: result.signature, kid: result.kid };
}

/** Reads what was pasted or opened as a badge: SVG source, a badge code, or a link. */
export async function readBadgeText(db: Db, text: string): Promise<SignedBadge | BadgeReadProblem> {
	const trimmed = text.trim();
	if (trimmed === '') return 'badge_required';
	if (trimmed.length > BADGE_TEXT_MAX) return 'badge_too_long';
	if (trimmed.includes('<')) return readBadgeSignature(trimmed) ?? 'badge_unreadable';
	if (CODE.test(trimmed)) return readBadgeCode(trimmed)!;
	if (/^(https?:\/\/|\/)/i.test(trimmed)) return fromLink(db, trimmed);
	return 'badge_unreadable';
}

/** Reads and checks a badge; the answer names the problem when the text is not a badge at all. */
export async function verifyBadgeText(db: Db, text: string): Promise<BadgeAnswer> {
	const signed = await readBadgeText(db, text);
	if (typeof signed === 'string') return { ok: false, problem: signed };
	return { ok: true, check: await verifyResultStatement(db, signed.statement, signed.signature, signed.kid), code: badgeCode(signed) };
}
