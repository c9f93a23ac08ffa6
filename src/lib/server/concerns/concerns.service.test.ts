import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../testing/test-database.ts';
import { createCity } from '../testing/factories.ts';
import { networkAdminActor, staffActor } from '../testing/commitment-factories.ts';
import type { Actor } from '../accounts/index.ts';
import { deliverOutbox, listCityAudit, readOutbox, type MailDelivery } from '../accounts/index.ts';
import { concernsMailSeal } from './mail.ts';
import { readLedgerPage, verifyLedger } from '../ledger/index.ts';
import { keyRing, type KeyRing } from './crypto.ts';
import { addInformation, appealConcern, submitConcern, trackConcern, withdrawConcern, type ConcernCity } from './report.service.ts';
import { addNote, assignCase, changeStatus, getCaseSummary, listCaseQueue, openCase, replyToReporter, setDeadline } from './cases.service.ts';
import { eraseExpiredConcerns, reencryptConcerns } from './retention.service.ts';
import { findUsableApiKey, issueApiKey, revokeApiKey } from './api-keys.service.ts';
import { loadConcernStats } from './stats.service.ts';
import type { ReportInput } from './concerns.schema.ts';

const EMAIL = 'amina.reporter@example.org';
const SECRET_TEXT = 'The clerk at counter 7 refused my form because of my headscarf';

function ringOf(...ids: string[]): { ring: KeyRing; keys: { id: string; key: Buffer }[] } {
	const keys = ids.map((id) => ({ id, key: randomBytes(32) }));
	return { ring: keyRing({ source: 'configured', keys }), keys };
}

/** The problem of every field (or the error code) of a failing call. */
async function problemsOf(promise: Promise<unknown>): Promise<Record<string, string>> {
	try {
		await promise;
	} catch (error) {
		const details = (error as { details?: { fields?: Record<string, string>; rule?: string } }).details;
		return details?.fields ?? { code: (error as { code: string }).code, ...(details?.rule ? { rule: details.rule } : {}) };
	}
	throw new Error('expected a failure');
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
	try {
		await promise;
	} catch (error) {
		return (error as { code: string }).code;
	}
	throw new Error('expected a failure');
}

const REPORT: ReportInput = { category: 'discrimination', description: SECRET_TEXT, district: 'centre', consent: 'yes', email: EMAIL, name: 'Amina Reporter', phone: '+46 70 123 45 67', address: 'Storgatan 1' };

/** The mails queued for an address (the accounts module's outbox, opened with the module's seal as the delivery job would). */
async function outboxOf(database: TestDatabase, ring: KeyRing, to: string): Promise<{ body: string }[]> {
	return readOutbox(database.db, to, 50, [concernsMailSeal(() => ring)]);
}

describe.each(DIALECTS)('concerns on %s', (dialect) => {
	let database: TestDatabase;
	let city: ConcernCity;
	let admin: Actor;
	let ring: KeyRing;

	beforeEach(async () => {
		database = await createTestDatabase(dialect);
		const row = await createCity(database.db);
		city = { id: row.id, slug: row.slug, name: row.display_name };
		admin = await staffActor(database.db, city.id, 'city_admin');
		// The city's districts, as its admin would keep them (the cities module's table).
		await database.db
			.insertInto('city_district')
			.values(['centre', 'north'].map((code, position) => ({ city_id: city.id, code, name: JSON.stringify({ en: code }), position })))
			.execute();
		ring = ringOf('k1').ring;
	});
	afterEach(() => database.cleanup());

	const report = (input: Partial<ReportInput> = {}, context: { ip?: string; now?: Date } = {}) =>
		submitConcern(database.db, ring, city, { ...REPORT, ...input }, { locale: 'en', limit: context.ip !== undefined, ip: context.ip, now: context.now, trackingLink: (token) => `https://x.example/track?t=${token}` });

	it('stores a report with its personal data sealed: neither the database nor the ledger holds the e-mail, name or text in clear', async () => {
		const { ref, token } = await report();
		expect(ref).toMatch(/^R-\d{4}-0001$/);
		// A report whose receipt is not mailed: its address is then nowhere in the file.
		const unmailed = 'second.person@example.org';
		await submitConcern(database.db, ring, city, { ...REPORT, email: unmailed }, { locale: 'en', limit: false });
		// Every table, the mail outbox included: the receipt mail to EMAIL is still queued (no mail server here).
		const tables = (await database.db.introspection.getTables()).filter((table) => dialect === 'sqlite' || table.schema === database.schema).map((table) => table.name);
		expect(tables).toEqual(expect.arrayContaining(['concern_case', 'outbox']));
		const queued = await database.db.selectFrom('outbox').select(['to_address', 'status']).execute();
		expect(queued).toEqual([expect.objectContaining({ status: 'pending', to_address: expect.stringMatching(/^sealed:concerns:/) })]);
		for (const table of tables) {
			const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(database.db);
			const dump = JSON.stringify(rows.rows);
			for (const secret of [EMAIL, unmailed, 'Amina', SECRET_TEXT.slice(0, 20), 'Storgatan', '123 45 67', token]) expect(dump, `${table} holds ${secret}`).not.toContain(secret);
		}
		if (dialect === 'sqlite') {
			// The file itself (and its write-ahead log), byte for byte.
			const file = (await sql<{ file: string }>`pragma database_list`.execute(database.db)).rows[0]!.file;
			const files = [file, `${file}-wal`].filter((name) => fs.existsSync(name));
			expect(files.length).toBeGreaterThan(0);
			expect(fs.readFileSync(files.at(-1)!).includes(Buffer.from(ref)), 'the check reads the stored rows').toBe(true);
			for (const name of files) {
				const bytes = fs.readFileSync(name);
				for (const secret of [EMAIL, unmailed, SECRET_TEXT.slice(0, 20), 'Amina Reporter', 'Storgatan', '123 45 67', token]) expect(bytes.includes(Buffer.from(secret)), `${name} holds ${secret}`).toBe(false);
			}
		}
		// The receipt mail is opened only on its way out: to the reporter, with the tracking link.
		expect((await outboxOf(database, ring, EMAIL)).map((mail) => mail.body).join()).toContain(`t=${token}`);
		const sent: { to: string; body: string }[] = [];
		const delivery: MailDelivery = { deliver: async (mail) => void sent.push(mail) };
		// Without the key (another key ring), it stays queued and is tried again later.
		expect(await deliverOutbox(database.db, delivery, { seals: [concernsMailSeal(() => ringOf('k1').ring)] })).toMatchObject({ sent: 0, retried: 1 });
		expect(await deliverOutbox(database.db, delivery, { seals: [concernsMailSeal(() => ring)], now: new Date(Date.now() + 10 * 60_000) })).toMatchObject({ sent: 1 });
		expect(sent).toEqual([expect.objectContaining({ to: EMAIL, body: expect.stringContaining(`t=${token}`) })]);
		expect((await verifyLedger(database.db, city.id)).ok).toBe(true);
	});

	it('refuses bad reports field by field and stores nothing', async () => {
		expect(await problemsOf(report({ description: '', consent: '' }))).toMatchObject({ description: 'required', consent: 'consent_required' });
		expect(await problemsOf(report({ description: 'x'.repeat(4001) }))).toMatchObject({ description: 'too_long' });
		expect(await problemsOf(report({ occurredOn: '2026-02-30' }))).toMatchObject({ occurredOn: 'date_invalid' });
		expect(await problemsOf(report({ occurredOn: '2999-01-01' }))).toMatchObject({ occurredOn: 'date_future' });
		expect(await problemsOf(report({ category: 'parking' }))).toMatchObject({ category: 'category_unknown' });
		expect(await problemsOf(report({ email: 'not-an-address' }))).toMatchObject({ email: 'email_invalid' });
		expect(await problemsOf(report({ lat: '59.3' }))).toMatchObject({ long: 'point_incomplete' });
		expect(await problemsOf(report({ anonymous: 'yes' }))).toMatchObject({ name: 'name_with_anonymous' });
		expect(await problemsOf(report({ groups: ['martians'] }))).toMatchObject({ groups: 'group_unknown' });
		expect(await problemsOf(report({ website: 'http://spam.example' }))).toMatchObject({ website: 'honeypot' });
		expect(await problemsOf(report({ district: 'atlantis' }))).toMatchObject({ district: 'district_unknown' });
		const count = await database.db.selectFrom('concern_case').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
		expect(Number(count.n)).toBe(0);
	});

	it('limits reports per address (the sixth in an hour is refused)', async () => {
		for (let index = 0; index < 5; index++) await report({}, { ip: '203.0.113.9' });
		expect(await problemsOf(report({}, { ip: '203.0.113.9' }))).toMatchObject({ code: 'rate_limited' });
		await report({}, { ip: '203.0.113.10' });
	});

	it('lets the reporter follow the case with the link: replies and status, never internal notes; they add information and the office reads it', async () => {
		const { ref, token } = await report();
		const kase = await getCaseSummary(database.db, admin, city.id, ref);
		await changeStatus(database.db, ring, admin, city, ref, kase.version, { status: 'under_review', body: 'We are looking into it.' });
		await replyToReporter(database.db, ring, admin, city, ref, { body: 'Which day did it happen?' });
		await addNote(database.db, ring, admin, city.id, ref, { body: 'INTERNAL: the counter manager is on leave' });
		await addInformation(database.db, ring, city.id, token, { body: 'It was on Monday morning.' });
		const view = await trackConcern(database.db, ring, city.id, token);
		expect(view).toMatchObject({ ref, status: 'under_review', description: SECRET_TEXT, maskedEmail: 'a•••@example.org', canAddInformation: true });
		const bodies = view.messages.map((message) => message.body);
		expect(bodies).toEqual(['We are looking into it.', 'Which day did it happen?', 'It was on Monday morning.']);
		expect(JSON.stringify(view)).not.toContain('INTERNAL');
		const detail = await openCase(database.db, ring, admin, city.id, ref);
		expect(detail.contact).toEqual({ name: 'Amina Reporter', email: EMAIL, phone: '+46 70 123 45 67' });
		expect(detail.messages.map((message) => message.body)).toContain('INTERNAL: the counter manager is on leave');
		// The reporter was told of the change and the reply (without the case's words).
		const mails = await outboxOf(database, ring, EMAIL);
		expect(mails).toHaveLength(3);
		expect(mails.map((mail) => mail.body).join()).not.toContain('Which day');
		expect(await codeOf(trackConcern(database.db, ring, city.id, 'x'.repeat(43)))).toBe('concern_not_found');
		expect(await codeOf(trackConcern(database.db, ring, city.id, '../etc'))).toBe('concern_not_found');
		expect(await problemsOf(addInformation(database.db, ring, city.id, token, { body: '' }))).toMatchObject({ body: 'required' });
	});

	it('lets an officer read only the cases assigned to them; another city’s admin and anyone else learn nothing (404); every read is audited', async () => {
		const { ref } = await report();
		const officer = await staffActor(database.db, city.id, 'officer');
		const resident = await staffActor(database.db, city.id, 'resident');
		const other = await createCity(database.db);
		const otherAdmin = await staffActor(database.db, other.id, 'city_admin');
		const network = await networkAdminActor(database.db);
		expect(await codeOf(openCase(database.db, ring, officer, city.id, ref))).toBe('forbidden');
		expect(await codeOf(openCase(database.db, ring, resident, city.id, ref))).toBe('forbidden');
		expect(await codeOf(openCase(database.db, ring, otherAdmin, city.id, ref))).toBe('concern_not_found');
		expect(await codeOf(openCase(database.db, ring, null, city.id, ref))).toBe('concern_not_found');
		expect(await codeOf(openCase(database.db, ring, network, city.id, ref))).toBe('concern_not_found');
		expect(await codeOf(listCaseQueue(database.db, otherAdmin, city.id, { view: 'open' }))).toBe('forbidden');
		expect(await codeOf(listCaseQueue(database.db, null, city.id, { view: 'open' }))).toBe('forbidden');
		expect((await listCaseQueue(database.db, officer, city.id, { view: 'open' })).cases).toEqual([]);
		expect(await codeOf(assignCase(database.db, officer, city.id, ref, 1, officer.personId))).toBe('forbidden');
		expect(await codeOf(assignCase(database.db, otherAdmin, city.id, ref, 1, otherAdmin.personId))).toBe('concern_not_found');

		await assignCase(database.db, admin, city.id, ref, 1, officer.personId);
		expect((await openCase(database.db, ring, officer, city.id, ref)).details?.description).toBe(SECRET_TEXT);
		expect((await listCaseQueue(database.db, officer, city.id, { view: 'open' })).cases.map((kase) => kase.ref)).toEqual([ref]);
		expect(await codeOf(assignCase(database.db, officer, city.id, ref, 2, null))).toBe('forbidden');
		const reads = (await listCityAudit(database.db, city.id)).filter((entry) => entry.action === 'concern.personal_data_read');
		expect(reads).toHaveLength(1);
		expect(reads[0]!.target).toBe(ref);
		// A stale version changes nothing.
		expect(await codeOf(setDeadline(database.db, admin, city.id, ref, 1, { dueOn: '2030-01-01' }))).toBe('conflict');
		expect(await problemsOf(setDeadline(database.db, admin, city.id, ref, 2, { dueOn: '2030-02-30' }))).toMatchObject({ dueOn: 'date_invalid' });
	});

	it('flags overdue cases in the queue and lists them by deadline', async () => {
		const early = await report({}, { now: new Date(Date.now() - 60 * 86_400_000) });
		const late = await report();
		const queue = await listCaseQueue(database.db, admin, city.id, { view: 'open' });
		expect(queue.cases.map((kase) => [kase.ref, kase.overdue])).toEqual([
			[early.ref, true],
			[late.ref, false]
		]);
		expect((await listCaseQueue(database.db, admin, city.id, { view: 'overdue' })).cases.map((kase) => kase.ref)).toEqual([early.ref]);
	});

	it('lets the reporter appeal a decision once within the period, and withdraw an open case', async () => {
		const { ref, token } = await report();
		expect(await problemsOf(appealConcern(database.db, ring, city.id, token, { body: 'I disagree' }))).toMatchObject({ code: 'conflict', rule: 'appeal_closed' });
		await changeStatus(database.db, ring, admin, city, ref, 1, { status: 'not_upheld', body: 'No discrimination was found.' });
		expect((await trackConcern(database.db, ring, city.id, token)).canAppealUntil).not.toBeNull();
		await appealConcern(database.db, ring, city.id, token, { body: 'The manager confirmed what I said.' });
		const view = await trackConcern(database.db, ring, city.id, token);
		expect(view.status).toBe('under_review');
		expect(view.appealedAt).not.toBeNull();
		const summary = await getCaseSummary(database.db, admin, city.id, ref);
		await changeStatus(database.db, ring, admin, city, ref, summary.version, { status: 'resolved' });
		expect(await problemsOf(appealConcern(database.db, ring, city.id, token, { body: 'Again' }))).toMatchObject({ rule: 'appeal_closed' });

		const second = await report();
		await withdrawConcern(database.db, city.id, second.token);
		expect((await trackConcern(database.db, ring, city.id, second.token)).status).toBe('withdrawn');
		expect(await problemsOf(withdrawConcern(database.db, city.id, second.token))).toMatchObject({ rule: 'case_closed' });
		const ledger = await readLedgerPage(database.db, city.id, { entityType: 'concern' });
		expect(JSON.stringify(ledger.entries)).not.toContain('manager confirmed');
	});

	it('erases the personal data of cases closed more than the retention period ago, keeping their counts; open cases stay', async () => {
		const old = await report({}, { now: new Date('2023-01-10T10:00:00Z') });
		await changeStatus(database.db, ring, admin, city, old.ref, 1, { status: 'resolved', body: 'Done.' }, new Date('2023-02-01T10:00:00Z'));
		const open = await report({}, { now: new Date('2023-01-11T10:00:00Z') });
		const before = await loadConcernStats(database.db, city.id, '2026-12-07');
		expect(await eraseExpiredConcerns(database.db, new Date('2025-03-01T00:00:00Z'))).toEqual({ erased: 1 });
		const erased = await openCase(database.db, ring, admin, city.id, old.ref);
		expect(erased).toMatchObject({ details: null, contact: null, status: 'resolved' });
		expect(erased.erasedAt).not.toBeNull();
		expect(erased.messages.every((message) => message.body === null)).toBe(true);
		expect((await openCase(database.db, ring, admin, city.id, open.ref)).details?.description).toBe(SECRET_TEXT);
		expect(await loadConcernStats(database.db, city.id, '2026-12-07')).toEqual(before);
		expect(await eraseExpiredConcerns(database.db, new Date('2025-03-01T00:00:00Z'))).toEqual({ erased: 0 });
		expect((await verifyLedger(database.db, city.id)).ok).toBe(true);
	});

	it('re-encrypts sealed data with the new key after a rotation; a value whose key is gone is refused, not guessed', async () => {
		const { keys } = ringOf('k0');
		const old = keyRing({ source: 'configured', keys });
		const { ref, token } = await submitConcern(database.db, old, city, REPORT, { locale: 'en', limit: false });
		await replyToReporter(database.db, old, admin, city, ref, { body: 'Reply under the old key' });
		const k1 = { id: 'k1', key: randomBytes(32) };
		const rotated = keyRing({ source: 'configured', keys: [k1, ...keys] });
		expect((await trackConcern(database.db, rotated, city.id, token)).description).toBe(SECRET_TEXT);
		expect(await reencryptConcerns(database.db, rotated)).toEqual({ reencrypted: 1 });
		const onlyNew = keyRing({ source: 'configured', keys: [k1] });
		const view = await trackConcern(database.db, onlyNew, city.id, token);
		expect(view.description).toBe(SECRET_TEXT);
		expect(view.messages.map((message) => message.body)).toContain('Reply under the old key');
		expect(await reencryptConcerns(database.db, rotated)).toEqual({ reencrypted: 0 });
		const stranger = keyRing({ source: 'configured', keys: [{ id: 'k9', key: randomBytes(32) }] });
		expect(await codeOf(trackConcern(database.db, stranger, city.id, token))).toBe('concerns_key_missing');
	});

	it('issues Open311 keys (the office only), finds usable ones and refuses revoked ones', async () => {
		const officer = await staffActor(database.db, city.id, 'officer');
		const other = await createCity(database.db);
		expect(await codeOf(issueApiKey(database.db, officer, city.id, { name: 'App' }))).toBe('forbidden');
		expect(await codeOf(issueApiKey(database.db, null, city.id, { name: 'App' }))).toBe('forbidden');
		expect(await codeOf(issueApiKey(database.db, await staffActor(database.db, other.id, 'city_admin'), city.id, { name: 'App' }))).toBe('forbidden');
		expect(await problemsOf(issueApiKey(database.db, admin, city.id, { name: '' }))).toMatchObject({ name: 'required' });
		const { id, key } = await issueApiKey(database.db, admin, city.id, { name: 'FixMyStreet' });
		expect(await findUsableApiKey(database.db, city.id, key)).toEqual({ id, name: 'FixMyStreet' });
		expect(await findUsableApiKey(database.db, other.id, key)).toBeUndefined();
		const stored = JSON.stringify(await database.db.selectFrom('concern_api_key').selectAll().execute());
		expect(stored).not.toContain(key);
		await revokeApiKey(database.db, admin, city.id, id);
		expect(await findUsableApiKey(database.db, city.id, key)).toBeUndefined();
		expect(await codeOf(revokeApiKey(database.db, admin, city.id, id))).toBe('api_key_not_found');
	});
});
