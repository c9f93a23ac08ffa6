import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../testing/test-database.ts';
import { createCity } from '../testing/factories.ts';
import { smallPlan, staffActor, networkAdminActor, type SmallPlan } from '../testing/commitment-factories.ts';
import type { Actor } from '../accounts/index.ts';
import { localFileStore, type FileStore } from '../files/file-store.ts';
import { sniffContentType } from '../files/file-type.ts';
import { deleteProgressUpdate, listProgressUpdates, needsAttention, openEvidenceFile, recordProgress } from './progress.service.ts';
import { addMilestone, getAction } from './actions.service.ts';
import { readLedgerPage, verifyLedger } from '../ledger/index.ts';
import { EVIDENCE_MAX_BYTES } from './vocabulary.ts';

const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n');

describe('evidence file types', () => {
	it('decides the type from the bytes, not the name', () => {
		expect(sniffContentType(PDF, 'minutes.pdf')).toBe('application/pdf');
		expect(sniffContentType(PDF, 'renamed.txt')).toBe('application/pdf');
		expect(sniffContentType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), 'a.png')).toBe('image/png');
		expect(sniffContentType(new TextEncoder().encode('a,b\n1,2\n'), 'data.csv')).toBe('text/csv');
	});

	it('refuses executables, markup and binary data named as text', () => {
		expect(sniffContentType(new TextEncoder().encode('MZ\x90\x00'), 'setup.pdf')).toBeUndefined();
		expect(sniffContentType(new TextEncoder().encode('<html><script>alert(1)</script>'), 'notes.txt')).toBeUndefined();
		expect(sniffContentType(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'chart.svg')).toBeUndefined();
		expect(sniffContentType(new Uint8Array([0x41, 0, 0x42]), 'notes.txt')).toBeUndefined();
		expect(sniffContentType(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]), 'archive.zip')).toBeUndefined();
	});
});

describe.each(DIALECTS)('progress updates on %s', (dialect) => {
	let database: TestDatabase;
	let cityId: string;
	let admin: Actor;
	let officer: Actor;
	let world: SmallPlan;
	let root: string;
	let store: FileStore;
	beforeEach(async () => {
		database = await createTestDatabase(dialect);
		cityId = (await createCity(database.db)).id;
		admin = await staffActor(database.db, cityId, 'city_admin');
		officer = await staffActor(database.db, cityId, 'officer', 'housing');
		world = await smallPlan(database.db, admin, cityId);
		root = fs.mkdtempSync(path.join(os.tmpdir(), 'rightscity-files-'));
		store = localFileStore(root);
	});
	afterEach(async () => {
		await database.cleanup();
		fs.rmSync(root, { recursive: true, force: true });
	});

	const input = (changes = {}) => ({ text: { en: 'Desk opened in two districts' }, status: 'in_progress', progress: 60, reportedOn: '2026-03-01', links: [{ url: 'https://example.org/minutes', label: 'Minutes' }], ...changes });

	it('records an officer’s update with a link and a file: action moves, file stored outside the database, ledger pinned', async () => {
		const desk = world.children[0];
		const update = await recordProgress(database.db, store, officer, cityId, desk.id, desk.version, input(), [{ name: 'minutes.pdf', bytes: PDF }]);
		const action = await getAction(database.db, cityId, desk.id);
		expect(action).toMatchObject({ status: 'in_progress', progress: 60, version: desk.version + 1 });
		expect(update.evidence.map((item) => item.kind)).toEqual(['link', 'file']);
		const file = update.evidence[1]!;
		expect(file).toMatchObject({ contentType: 'application/pdf', size: PDF.length, fileName: 'minutes.pdf' });
		const opened = await openEvidenceFile(database.db, store, cityId, file.id);
		expect(Buffer.from(await new Response(opened.body).arrayBuffer())).toEqual(Buffer.from(PDF));
		const entries = (await readLedgerPage(database.db, cityId, { entityRef: desk.ref })).entries;
		expect(entries[0]).toMatchObject({ entity_type: 'action', action: 'update', actor_role: 'officer', change: { progress: [0, 60], status: ['planned', 'in_progress'] } });
		expect(entries[1]).toMatchObject({ entity_type: 'progress_update', action: 'create' });
		expect(JSON.stringify(entries[1]!.change)).toContain(file.sha256!);
		expect(await verifyLedger(database.db, cityId)).toMatchObject({ ok: true });
	});

	it('refuses a forbidden type, a too-large file and too many files, storing and saving nothing', async () => {
		const desk = world.children[0];
		const attempts: [string, Uint8Array, string][] = [
			['setup.exe', new TextEncoder().encode('MZ\x90\x00 executable'), 'file_type_forbidden'],
			['big.pdf', new Uint8Array(EVIDENCE_MAX_BYTES + 1).fill(0x25), 'file_too_large']
		];
		for (const [name, bytes, rule] of attempts) {
			await expect(recordProgress(database.db, store, officer, cityId, desk.id, desk.version, input(), [{ name, bytes }])).rejects.toMatchObject({ code: 'file_rejected', details: { field: 'files', rule, file: name } });
		}
		const six = Array.from({ length: 6 }, (_, index) => ({ name: `m${index}.pdf`, bytes: PDF }));
		await expect(recordProgress(database.db, store, officer, cityId, desk.id, desk.version, input(), six)).rejects.toMatchObject({ details: { rule: 'too_many_files' } });
		expect(await listProgressUpdates(database.db, cityId, desk.id)).toEqual([]);
		expect(fs.readdirSync(root)).toEqual([]);
		expect((await getAction(database.db, cityId, desk.id)).progress).toBe(0);
	});

	it('refuses progress outside 0–100 and a stale version, leaving no file behind', async () => {
		const desk = world.children[0];
		await expect(recordProgress(database.db, store, officer, cityId, desk.id, desk.version, input({ progress: 101 }))).rejects.toMatchObject({ details: { fields: { progress: 'progress_range' } } });
		await recordProgress(database.db, store, officer, cityId, desk.id, desk.version, input());
		await expect(recordProgress(database.db, store, officer, cityId, desk.id, desk.version, input({ progress: 70 }), [{ name: 'late.pdf', bytes: PDF }])).rejects.toMatchObject({ code: 'conflict' });
		const files = fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
		expect(files).toEqual([]); // the refused update's file was taken back out
		expect((await listProgressUpdates(database.db, cityId, desk.id)).length).toBe(1);
		expect((await getAction(database.db, cityId, desk.id)).progress).toBe(60);
	});

	it('lets only the responsible officer or a city admin record progress', async () => {
		const desk = world.children[0];
		const equalityOfficer = await staffActor(database.db, cityId, 'officer', 'equality');
		const otherAdmin = await staffActor(database.db, (await createCity(database.db)).id, 'city_admin');
		const resident = await staffActor(database.db, cityId, 'resident');
		for (const actor of [equalityOfficer, otherAdmin, resident, await networkAdminActor(database.db), null]) {
			await expect(recordProgress(database.db, store, actor, cityId, desk.id, desk.version, input(), [{ name: 'm.pdf', bytes: PDF }])).rejects.toMatchObject({ code: 'forbidden' });
		}
		expect(fs.readdirSync(root)).toEqual([]);
		await recordProgress(database.db, store, admin, cityId, desk.id, desk.version, input());
	});

	it('withdraws an update softly: gone from the page, kept in the ledger', async () => {
		const desk = world.children[0];
		const update = await recordProgress(database.db, store, officer, cityId, desk.id, desk.version, input());
		await expect(deleteProgressUpdate(database.db, officer, cityId, update.id)).rejects.toMatchObject({ code: 'forbidden' });
		await deleteProgressUpdate(database.db, admin, cityId, update.id);
		expect(await listProgressUpdates(database.db, cityId, desk.id)).toEqual([]);
		const entries = (await readLedgerPage(database.db, cityId, { entityType: 'progress_update' })).entries;
		expect(entries.map((entry) => entry.action)).toEqual(['delete', 'create']);
	});

	it('lists what needs attention: overdue, delayed, late milestones, no update for 90 days', async () => {
		const [desk, training] = world.children;
		await recordProgress(database.db, store, admin, cityId, training.id, training.version, input({ status: 'delayed', statusReason: { en: 'Trainer unavailable' }, progress: 10, reportedOn: '2026-01-10' }));
		await addMilestone(database.db, admin, cityId, desk.id, { title: { en: 'Desk open' }, dueDate: '2026-01-15' });
		const items = await needsAttention(database.db, admin, cityId, '2028-02-01');
		const reasons = Object.fromEntries(items.map((item) => [item.action.ref, item.reasons]));
		expect(reasons[world.parent.ref]).toEqual(['overdue', 'stale']); // due 2027-12-31, started 2025 without updates
		expect(reasons[training.ref]).toEqual(['delayed', 'stale']);
		expect(reasons[desk.ref]).toEqual(['milestone_overdue']);
		const officerView = await needsAttention(database.db, await staffActor(database.db, cityId, 'officer', 'equality'), cityId, '2028-02-01');
		expect(officerView.map((item) => item.action.ref)).toEqual([training.ref]);
		await expect(needsAttention(database.db, null, cityId)).rejects.toMatchObject({ code: 'forbidden' });
	});
});
