import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_TEST_TIMEOUT, cliWorkspace } from '../testing/cli-process.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { DIALECTS } from '../testing/test-database.ts';
import { createCity } from '../testing/factories.ts';
import { createLedgerChain } from '../testing/ledger-factories.ts';
import { appendLedger, readLedgerHead, streamLedger } from './ledger.service.ts';
import { ledgerDocumentStream } from './ledger-document.ts';
import { entryHash } from './ledger-hash.ts';

const cli = cliWorkspace('verify-ledger');
const { dir, openCliDatabase } = cli;
const run = (args: string[], env: Record<string, string>) => cli.run(['verify-ledger', ...args], env);
const exec = (args: string[], env: Record<string, string>) => cli.exec(['verify-ledger', ...args], env);

describe('rightscity verify-ledger --help', { timeout: CLI_TEST_TIMEOUT }, () => {
	it('is listed with its options', () => {
		const list = cli.run(['--help']);
		expect(list.stdout).toMatch(/verify-ledger\s+Recompute a city’s public ledger/);
		const help = run(['--help'], {});
		expect(help.stdout).toContain('--city <slug>');
		expect(help.stdout).toContain('--file <ledger.json>');
	});

	it('asks for exactly one of --city and --file (exit status 2)', async () => {
		const neither = await exec([], {});
		expect(neither.code).toBe(2);
		expect(neither.stderr).toContain('give --city <slug>');
		const both = await exec(['--city', 'york', '--file', 'x.json'], {});
		expect(both.code).toBe(2);
		expect(both.stderr).toContain('give either --city or --file, not both');
	});
});

describe.each(DIALECTS)('rightscity verify-ledger --city on %s', { timeout: CLI_TEST_TIMEOUT }, (dialect) => {
	let database: Database;
	let url: string;
	let drop: () => Promise<void>;
	let cityId: string;

	beforeAll(async () => {
		({ database, url, drop } = await openCliDatabase(dialect));
		const city = await createCity(database.db, { name: 'Lund', slug: 'lund' });
		cityId = city.id;
		await database.db.transaction().execute((trx) =>
			appendLedger(trx, { cityId, actor: null, entityType: 'declaration', entityId: 'd1', entityRef: 'D-1', action: 'create', change: { title: [null, { en: 'Lund, a human rights city', sv: 'Lund, en MR-stad' }] } })
		);
		await createLedgerChain(database.db, cityId, 11_999);
		await createCity(database.db, { name: 'Empty Town', slug: 'empty-town' });
	}, 60_000);
	afterAll(async () => {
		await database.close();
		await drop();
	});

	it('reports the entries checked, the time, the head and OK, with progress on stderr', async () => {
		const head = await readLedgerHead(database.db, cityId);
		const { code, stdout, stderr } = run(['--city', 'lund'], { DATABASE_URL: url });
		expect(stderr).toContain('Checked 5,000 of 12,000 entries…\nChecked 10,000 of 12,000 entries…\n');
		expect(code).toBe(0);
		const lines = stdout.trim().split('\n');
		expect(lines[0]).toMatch(/^Checked 12,000 entries of the ledger of Lund \(lund\) in .+ in \d+\.\d\d s\.$/);
		expect(lines[1]).toBe(`Head: seq 12000, hash ${head.hash}`);
		expect(lines[2]).toBe('OK');
	});

	it('checks a city without entries as an intact empty chain', async () => {
		const { code, stdout } = await exec(['--city', 'empty-town'], { DATABASE_URL: url });
		expect(code).toBe(0);
		expect(stdout).toMatch(/^Checked 0 entries of the ledger of Empty Town/);
		expect(stdout).toContain('OK');
	});

	it('stops with exit status 2 for an unknown city', async () => {
		const { code, stderr } = await exec(['--city', 'atlantis'], { DATABASE_URL: url });
		expect(code).toBe(2);
		expect(stderr.trim()).toBe('rightscity verify-ledger: no city with the slug "atlantis" (the slugs are in the addresses of the directory, /cities/<slug>).');
	});

	it('names the first entry whose row was edited directly in the database, with the expected and the found hash (exit status 1)', async () => {
		const entries = [];
		for await (const entry of streamLedger(database.db, cityId)) {
			if (entry.seq >= 6999 && entry.seq <= 7000) entries.push(entry);
			if (entry.seq > 7000) break;
		}
		const [before, target] = entries;
		const forged = { ...target!, change: { progress: [0, 100] } };
		const { prev_hash, hash: stored, ...hashed } = forged;
		const recomputed = entryHash(prev_hash, hashed);
		await sql`update ledger_entry set change = ${JSON.stringify(forged.change)} where city_id = ${cityId} and seq = 7000`.execute(database.db);
		try {
			const { code, stdout } = await exec(['--city', 'lund'], { DATABASE_URL: url });
			expect(code).toBe(1);
			expect(stdout).toMatch(/^Checked 6,999 entries of the ledger of Lund \(lund\)/);
			expect(stdout).toContain(`Last intact entry: seq 6999, hash ${before!.hash}\n`);
			expect(stdout).toContain('BROKEN at seq 7000: the entry does not match its hash (it was changed after it was written)\n');
			expect(stdout).toContain(`  expected hash: ${recomputed}\n  found hash:    ${stored}\n`);
			expect(stdout).not.toMatch(/^OK$/m);
		} finally {
			await sql`update ledger_entry set change = ${JSON.stringify(target!.change)} where city_id = ${cityId} and seq = 7000`.execute(database.db);
		}
		expect((await exec(['--city', 'lund'], { DATABASE_URL: url })).code).toBe(0);
	});

	it('notices a removed last entry through the head', async () => {
		const last = await database.db.selectFrom('ledger_entry').selectAll().where('city_id', '=', cityId).where('seq', '=', 12000).executeTakeFirstOrThrow();
		await sql`delete from ledger_entry where city_id = ${cityId} and seq = 12000`.execute(database.db);
		try {
			const { code, stdout } = await exec(['--city', 'lund'], { DATABASE_URL: url });
			expect(code).toBe(1);
			expect(stdout).toContain('BROKEN at seq 12000: the head does not match the last entry');
		} finally {
			await database.db.insertInto('ledger_entry').values(last).execute();
		}
	});
});

describe('rightscity verify-ledger --file (a downloaded copy, no database)', { timeout: CLI_TEST_TIMEOUT }, () => {
	let document: { head: { seq: number; hash: string }; entries: Record<string, unknown>[] };
	const noDatabase = { DATABASE_URL: 'mysql://there-is-no-database/here' };
	const write = (name: string, content: unknown) => {
		const file = path.join(dir, name);
		fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
		return file;
	};

	beforeAll(async () => {
		const database = await openDatabase({ dialect: 'sqlite', path: path.join(dir, 'download.sqlite') });
		try {
			await migrateToLatest(database.db);
			const city = await createCity(database.db, { name: 'Graz', slug: 'graz' });
			await createLedgerChain(database.db, city.id, 6_000);
			const head = await readLedgerHead(database.db, city.id);
			const text = await new Response(ledgerDocumentStream(database.db, { id: city.id, slug: 'graz', name: 'Graz' }, head)).text();
			document = JSON.parse(text) as typeof document;
		} finally {
			await database.close();
		}
	}, 60_000);

	it('checks an intact copy without opening any database', async () => {
		const { code, stdout, stderr } = await exec(['--file', write('graz.json', document)], noDatabase);
		expect(code).toBe(0);
		expect(stdout).toMatch(/^Checked 6,000 entries of the ledger of Graz \(graz\) in .*graz\.json in \d+\.\d\d s\.\nHead: seq 6000, hash [0-9a-f]{64}\nOK\n$/);
		expect(stderr).toBe('Checked 5,000 of 6,000 entries…\n');
	});

	it('names the first entry edited in the copy (exit status 1)', async () => {
		const edited = structuredClone(document);
		edited.entries[41]!.entity_ref = 'A-2026-999';
		const { code, stdout } = await exec(['--file', write('edited.json', edited)], noDatabase);
		expect(code).toBe(1);
		expect(stdout).toContain('Checked 41 entries');
		expect(stdout).toContain(`BROKEN at seq 42: the entry does not match its hash`);
		expect(stdout).toContain(`  found hash:    ${String(edited.entries[41]!.hash)}`);
	});

	it('names a removed entry and a cut-off tail', async () => {
		const gap = structuredClone(document);
		gap.entries.splice(9, 1);
		const missing = await exec(['--file', write('gap.json', gap)], noDatabase);
		expect(missing.code).toBe(1);
		expect(missing.stdout).toContain('BROKEN at seq 11: the sequence jumps (an entry was removed or inserted)\n  expected seq: 10\n  found seq:    11\n');
		const cut = structuredClone(document);
		cut.entries.pop();
		const tail = await exec(['--file', write('cut.json', cut)], noDatabase);
		expect(tail.code).toBe(1);
		expect(tail.stdout).toContain('BROKEN at seq 6000: the head does not match the last entry');
	});

	it('refuses a file that is not JSON or not a ledger (exit status 2)', async () => {
		const notJson = await exec(['--file', write('broken.json', '{"format": "rightscity-ledger/1", "entries": [')], noDatabase);
		expect(notJson.code).toBe(2);
		expect(notJson.stderr).toMatch(/^rightscity verify-ledger: cannot read .*broken\.json as JSON: /);
		const notLedger = await exec(['--file', write('other.json', { format: 'something-else' })], noDatabase);
		expect(notLedger.code).toBe(2);
		expect(notLedger.stderr).toContain('is not a Rights City ledger: "format" is "something-else", expected "rightscity-ledger/1".');
		const missing = await exec(['--file', path.join(dir, 'nowhere.json')], noDatabase);
		expect(missing.code).toBe(2);
		expect(missing.stderr).toContain('nowhere.json as JSON: no such file.');
	});
});
