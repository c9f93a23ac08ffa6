// The standards CLI commands, run in-process (the command's own function, on a database the
// test prepared; no child process): rotating the signing key, and verifying a badge given as a
// file, a code or a link, with the exit status and the line printed.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CLI_TEST_TIMEOUT, cliWorkspace } from '../testing/cli-process.ts';
import { DIALECTS } from '../testing/test-database.ts';
import { CliError } from '../cli/cli-error.ts';
import { badgeCode, badgeCodeOf } from './badge-verify.ts';
import { renderBadge } from './badge.ts';
import { latestResult, listPublicKeys, type Result } from './results.service.ts';
import { rotateKeyCommand, verifyBadgeCommand } from './standards.command.ts';
import { publishedReview } from './test-fixtures.ts';

const cli = cliWorkspace('standards-cli');

/** Runs a command's function with the database in the environment; its exit status and what it printed. */
async function run(command: typeof verifyBadgeCommand, positionals: string[], url: string): Promise<{ code: number; stdout: string }> {
	vi.stubEnv('DATABASE_URL', url);
	vi.stubEnv('DATA_DIR', cli.dataDir);
	let stdout = '';
	const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
		stdout += String(chunk);
		return true;
	});
	try {
		return { code: await command.run({}, positionals), stdout };
	} finally {
		write.mockRestore();
	}
}

async function refusal(work: Promise<unknown>): Promise<string> {
	try {
		await work;
	} catch (error) {
		if (error instanceof CliError) return error.message;
		throw error;
	}
	throw new Error('expected a CliError');
}

function svgFile(name: string, result: Pick<Result, 'statementText' | 'signature' | 'kid'>): string {
	const file = path.join(cli.dir, name);
	const svg = renderBadge({ title: 'York', description: 'Roles', lines: ['Human rights city', 'Level', 'Roles'], level: 2, href: 'https://x.example/', verifyHref: 'https://x.example/v', statement: result.statementText, signature: result.signature, kid: result.kid, direction: 'ltr', lang: 'en' });
	fs.writeFileSync(file, svg);
	return file;
}

describe.each(DIALECTS)('standards CLI commands on %s', { timeout: CLI_TEST_TIMEOUT }, (dialect) => {
	let database: Awaited<ReturnType<typeof cli.openCliDatabase>>;
	let result: Result;

	beforeAll(async () => {
		database = await cli.openCliDatabase(dialect);
		const { york } = await publishedReview(database.database.db);
		result = (await latestResult(database.database.db, york.id))!;
	}, 60_000);
	afterEach(() => vi.unstubAllEnvs());
	afterAll(async () => {
		await database.database.close();
		await database.drop();
	});

	it('verifies a badge given as an SVG file, a code or a link, with the verify page’s answer', async () => {
		const expected = /: valid — York, level \d \([a-z]+\), roles 2024\.1, 2026; the city’s latest result\n$/;
		const file = svgFile(`badge-${dialect}.svg`, result);
		const fromFile = await run(verifyBadgeCommand, [file], database.url);
		expect(fromFile).toMatchObject({ code: 0 });
		expect(fromFile.stdout.startsWith(`${file}: valid`)).toBe(true);
		expect(fromFile.stdout).toMatch(expected);
		for (const given of [badgeCodeOf(result), 'https://rights.example.org/cities/york/standards/badge.svg']) {
			const answer = await run(verifyBadgeCommand, [given], database.url);
			expect(answer.code, given).toBe(0);
			expect(answer.stdout).toMatch(new RegExp(`^badge${expected.source}`));
		}
	});

	it('exits 1 for a badge that was changed or signed by another key, naming why', async () => {
		const changed = result.statementText.replace('"cityName":"York"', '"cityName":"Yorkshire"');
		const tampered = await run(verifyBadgeCommand, [svgFile(`changed-${dialect}.svg`, { ...result, statementText: changed })], database.url);
		expect(tampered.code).toBe(1);
		expect(tampered.stdout).toMatch(/: NOT valid \(bad signature\)\n$/);
		const foreign = await run(verifyBadgeCommand, [badgeCode({ statement: result.statementText, signature: result.signature, kid: 'someone-elses-key' })], database.url);
		expect(foreign).toEqual({ code: 1, stdout: 'badge: NOT valid (unknown key)\n' });
	});

	it('stops with one line for no badge, a missing file, text that is not a badge and a link to no badge', async () => {
		expect(await refusal(run(verifyBadgeCommand, [], database.url))).toBe('name the badge: rightscity standards-verify-badge badge.svg (or a badge code, or a link)');
		expect(await refusal(run(verifyBadgeCommand, ['nowhere.svg'], database.url))).toBe('cannot read nowhere.svg: no such file, and not a badge code or link');
		const plain = path.join(cli.dir, `plain-${dialect}.svg`);
		fs.writeFileSync(plain, '<svg><title>York: level 4</title></svg>');
		expect(await refusal(run(verifyBadgeCommand, [plain], database.url))).toBe(`${plain}: no Rights City signature in the badge’s metadata`);
		expect(await refusal(run(verifyBadgeCommand, ['/cities/atlantis/standards/badge.svg'], database.url))).toBe('badge: no badge at this link (no such city here, or no agreed peer review)');
	});

	it('rotates the signing key; the badge signed before still verifies, marked as signed with a retired key', async () => {
		const before = await listPublicKeys(database.database.db);
		const rotated = await run(rotateKeyCommand, [], database.url);
		expect(rotated.code).toBe(0);
		const kid = /^New signing key (\S+); the previous one is retired and still published\.\n$/.exec(rotated.stdout)?.[1];
		const after = await listPublicKeys(database.database.db);
		expect(after).toHaveLength(before.length + 1);
		expect(after.find((key) => key.kid === kid)).toMatchObject({ retired: false });
		expect(after.find((key) => key.kid === result.kid)).toMatchObject({ retired: true });
		const answer = await run(verifyBadgeCommand, [badgeCodeOf(result)], database.url);
		expect(answer.code).toBe(0);
		expect(answer.stdout).toMatch(/; signed with a retired key\n$/);
	});
});
