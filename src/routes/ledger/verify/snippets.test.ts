// Runs the verifiers exactly as the /ledger/verify page shows them against a real ledger.json.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '#lib/server/testing/test-database.ts';
import { createCity } from '#lib/server/testing/factories.ts';
import { createLedgerChain } from '#lib/server/testing/ledger-factories.ts';
import { appendLedger, readLedgerHead } from '#lib/server/ledger/ledger.service.ts';
import { ledgerDocumentStream } from '#lib/server/ledger/ledger-document.ts';
import { NODE_FILE, NODE_VERIFIER, PYTHON_FILE, PYTHON_VERIFIER } from './snippets.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rightscity-snippets-'));
const python = spawnSync('python3', ['--version'], { encoding: 'utf8' });
const pythonMissing = python.error || python.status !== 0 ? 'python3 is not installed on this machine' : undefined;
if (pythonMissing) console.warn(`Skipping the Python verifier test: ${pythonMissing}.`);

/** Values whose canonical JSON is easy to get wrong: key order, escapes, scripts, emoji, small and large numbers. */
const TRICKY_CHANGES: Record<string, unknown>[] = [
	{ title: [null, { en: 'Housing "first"\n\tfor all', ar: 'السكن أولاً للجميع', ko: '모두를 위한 주거 우선 🏠', sv: 'Bostad först – för alla' }] },
	{ progress: [10, 20], status: ['planned', 'in_progress'], weight: [1, 0.5] },
	{ rate: [0.00001, 1e-7], budgetAmount: [1e21, 125000.75], delta: [-3.5, 0] },
	{ tags: [['udhr:25'], ['udhr:25', 'sdg:11.1', 'sdg:11']], done: [false, true], z: [{ b: 1, a: { d: [1, { z: 1, y: 'é' }], c: null } }, null] },
	{ Zeta: [null, 'upper case sorts first'], zeta: [null, 'lower case'], émigré: [null, 'non-ASCII key'], 'with space': ['', '\\ back\\slash / slash \u0001'] }
];

let file: string;
let tampered: string;
let cut: string;
let head: { seq: number; hash: string };
let database: TestDatabase;

function runFile(command: string, script: string, name: string, ledger: string) {
	const scriptPath = path.join(dir, name);
	fs.writeFileSync(scriptPath, script);
	const result = spawnSync(command, [scriptPath, ledger], { encoding: 'utf8', timeout: 30_000 });
	return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
	database = await createTestDatabase('sqlite');
	const city = await createCity(database.db, { name: 'York', slug: 'york' });
	for (const [index, change] of TRICKY_CHANGES.entries()) {
		await database.db.transaction().execute((trx) =>
			appendLedger(trx, { cityId: city.id, actor: null, actorRole: 'cli', entityType: 'action', entityId: `a${index}`, entityRef: index % 2 ? null : `A-2026-00${index}`, action: 'update', change })
		);
	}
	await createLedgerChain(database.db, city.id, 300);
	head = await readLedgerHead(database.db, city.id);
	const text = await new Response(ledgerDocumentStream(database.db, { id: city.id, slug: 'york', name: 'York' }, head)).text();
	file = path.join(dir, 'york-ledger.json');
	fs.writeFileSync(file, text);
	// One character of one old entry changed, as someone rewriting history in place would.
	const document = JSON.parse(text) as { entries: { seq: number; change: Record<string, unknown> }[] };
	document.entries[2]!.change.rate = [0.00001, 2e-7];
	tampered = path.join(dir, 'tampered.json');
	fs.writeFileSync(tampered, JSON.stringify(document));
	const shortened = JSON.parse(text) as { entries: unknown[] };
	shortened.entries.pop();
	cut = path.join(dir, 'cut.json');
	fs.writeFileSync(cut, JSON.stringify(shortened));
}, 60_000);

afterAll(async () => {
	await database.cleanup();
	fs.rmSync(dir, { recursive: true, force: true });
});

describe('the JavaScript verifier shown on /ledger/verify', () => {
	it('fits on one screen', () => {
		expect(NODE_VERIFIER.trim().split('\n').length).toBeLessThanOrEqual(26);
	});

	it('says OK with the entry count and the head hash for an intact ledger', () => {
		const { code, stdout, stderr } = runFile(process.execPath, NODE_VERIFIER, NODE_FILE, file);
		expect(stderr).toBe('');
		expect(code).toBe(0);
		expect(stdout.trim()).toBe(`OK: ${head.seq} entries, head ${head.hash}`);
	});

	it('names the first entry that was changed, and a removed last entry', () => {
		const edited = runFile(process.execPath, NODE_VERIFIER, NODE_FILE, tampered);
		expect(edited.code).toBe(1);
		expect(edited.stderr).toMatch(/^BROKEN at seq 3: expected hash [0-9a-f]{64}, found [0-9a-f]{64}\n$/);
		const shortened = runFile(process.execPath, NODE_VERIFIER, NODE_FILE, cut);
		expect(shortened.code).toBe(1);
		expect(shortened.stderr).toContain(`BROKEN: the head ${head.hash} is not the last entry's hash`);
	});
});

describe('the Python verifier shown on /ledger/verify', () => {
	it('fits on one screen', () => {
		expect(PYTHON_VERIFIER.trim().split('\n').length).toBeLessThanOrEqual(26);
	});

	it.skipIf(pythonMissing)(`says OK with the entry count and the head hash for an intact ledger${pythonMissing ? ` (skipped: ${pythonMissing})` : ''}`, () => {
		const { code, stdout, stderr } = runFile('python3', PYTHON_VERIFIER, PYTHON_FILE, file);
		expect(stderr).toBe('');
		expect(code).toBe(0);
		expect(stdout.trim()).toBe(`OK: ${head.seq} entries, head ${head.hash}`);
	});

	it.skipIf(pythonMissing)(`names the first entry that was changed, and a removed last entry${pythonMissing ? ` (skipped: ${pythonMissing})` : ''}`, () => {
		const edited = runFile('python3', PYTHON_VERIFIER, PYTHON_FILE, tampered);
		expect(edited.code).toBe(1);
		expect(edited.stderr).toMatch(/^BROKEN at seq 3: expected hash [0-9a-f]{64}, found [0-9a-f]{64}\n$/);
		const shortened = runFile('python3', PYTHON_VERIFIER, PYTHON_FILE, cut);
		expect(shortened.code).toBe(1);
		expect(shortened.stderr).toContain(`BROKEN: the head ${head.hash} is not the last entry's hash`);
	});
});
