// Verifying a badge from what a reader pastes or opens (the verify page and the CLI share this):
// SVG source, a badge code, a link to a badge here; changed, foreign and unreadable badges.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../testing/test-database.ts';
import { badgeCode, badgeCodeOf, readBadgeCode, verifyBadgeText } from './badge-verify.ts';
import { renderBadge } from './badge.ts';
import { latestResult, type Result } from './results.service.ts';
import { newSigningKey, signStatement } from './signing.ts';
import { publishedReview } from './test-fixtures.ts';

function svgOf(result: Pick<Result, 'statementText' | 'signature' | 'kid'>): string {
	return renderBadge({
		title: 'York',
		description: 'Municipal roles',
		lines: ['Human rights city', 'Level', 'Roles'],
		level: 2,
		href: 'https://rights.example.org/cities/york/standards',
		verifyHref: `https://rights.example.org/network/standards/verify?code=${badgeCodeOf(result)}`,
		statement: result.statementText,
		signature: result.signature,
		kid: result.kid,
		direction: 'ltr',
		lang: 'en'
	});
}

describe.each(DIALECTS)('verifying a badge on %s', (dialect) => {
	let database: TestDatabase;
	let result: Result;

	// One published review for all; the last test adds a newer one and removes this result.
	beforeAll(async () => {
		database = await createTestDatabase(dialect);
		const { york } = await publishedReview(database.db);
		result = (await latestResult(database.db, york.id))!;
	});
	afterAll(() => database.cleanup());

	it('reads the SVG, the code, a link to the badge here and the verify link alike, and finds the city’s current result', async () => {
		const { db } = database;
		const code = badgeCodeOf(result);
		expect(readBadgeCode(code)).toEqual({ statement: result.statementText, signature: result.signature, kid: result.kid });
		for (const text of [svgOf(result), `  ${code}\n`, 'https://elsewhere.example/cities/york/standards/badge.svg', '/cities/york/standards/badge.svg?framework=roles', `https://x.example/network/standards/verify?code=${code}`]) {
			const answer = await verifyBadgeText(db, text);
			expect(answer, text).toMatchObject({ ok: true, code, check: { valid: true, onRecord: true, latest: true, keyRetired: false, statement: { city: 'york', cityName: 'York', framework: 'roles', reviewer: 'lund' } } });
		}
	});

	it('says what is wrong with text that is not a badge, before checking anything', async () => {
		const { db } = database;
		expect(await verifyBadgeText(db, '  ')).toEqual({ ok: false, problem: 'badge_required' });
		expect(await verifyBadgeText(db, '<svg><title>York: level 4</title></svg>')).toEqual({ ok: false, problem: 'badge_unreadable' });
		expect(await verifyBadgeText(db, 'level 4, trust me')).toEqual({ ok: false, problem: 'badge_unreadable' });
		expect(await verifyBadgeText(db, 'https://x.example/cities/york/standards')).toEqual({ ok: false, problem: 'badge_unreadable' });
		expect(await verifyBadgeText(db, '/cities/atlantis/standards/badge.svg')).toEqual({ ok: false, problem: 'badge_not_found' });
		expect(await verifyBadgeText(db, '/cities/lund/standards/badge.svg')).toEqual({ ok: false, problem: 'badge_not_found' });
		expect(await verifyBadgeText(db, 'x'.repeat(20_001))).toEqual({ ok: false, problem: 'badge_too_long' });
	});

	it('refuses a changed statement, a key the network never had, and a malformed statement', async () => {
		const { db } = database;
		const raised = result.statementText.replace(/"level":\d/, '"level":4').replace('"cityName":"York"', '"cityName":"Yorkshire"');
		expect(raised).not.toBe(result.statementText);
		expect(await verifyBadgeText(db, svgOf({ ...result, statementText: raised }))).toMatchObject({ ok: true, check: { valid: false, reason: 'bad_signature' } });
		const own = newSigningKey(new Date().toISOString());
		expect(await verifyBadgeText(db, badgeCode({ statement: raised, signature: signStatement(own.private_pkcs8, raised), kid: own.kid }))).toMatchObject({ ok: true, check: { valid: false, reason: 'unknown_key' } });
		expect(await verifyBadgeText(db, badgeCode({ statement: '{"type":"other"}', signature: result.signature, kid: result.kid }))).toMatchObject({ ok: true, check: { valid: false, reason: 'malformed' } });
	});

	it('tells a result no longer on record (revoked) and one superseded by a newer year', async () => {
		const { db } = database;
		const { york } = await publishedReview(db, 2027);
		const newer = (await latestResult(db, york.id))!;
		expect(newer.year).toBe(2027);
		expect(await verifyBadgeText(db, badgeCodeOf(result))).toMatchObject({ ok: true, check: { valid: true, onRecord: true, latest: false } });
		await db.deleteFrom('standards_result').where('id', '=', result.id).execute();
		expect(await verifyBadgeText(db, badgeCodeOf(result))).toMatchObject({ ok: true, check: { valid: true, onRecord: false, latest: false } });
	});
});
