import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../testing/test-database.ts';
import { startSmtpSink, type SmtpSink } from '../testing/smtp-sink.ts';
import { inTransaction } from '../db/transaction.ts';
import * as repository from './accounts.repository.ts';
import { deliverConfiguredMail, deliverOutbox, MAIL_LEASE_MS, MAIL_MAX_ATTEMPTS, readOutbox, retryDelayMs, sendMail, smtpDelivery, type MailDelivery } from './mail.ts';

const FROM = 'Rights City <no-reply@rights.example>';

describe('retryDelayMs', () => {
	it('doubles from one minute and stops at six hours, with at most 10 % jitter', () => {
		expect(retryDelayMs(1, () => 0)).toBe(60_000);
		expect(retryDelayMs(3, () => 0)).toBe(240_000);
		expect(retryDelayMs(30, () => 0)).toBe(6 * 3600_000);
		expect(retryDelayMs(1, () => 1)).toBe(66_000);
	});
});

describe.each(DIALECTS)('the mail queue on %s', (dialect) => {
	let database: TestDatabase;
	let sink: SmtpSink;
	let delivery: MailDelivery;
	beforeEach(async () => {
		database = await createTestDatabase(dialect);
		sink = await startSmtpSink({ refuse: { 'later@example.org': 451, 'gone@example.org': 550 } });
		delivery = smtpDelivery({ smtpUrl: sink.url, from: FROM });
	});
	afterEach(async () => {
		delivery.close?.();
		await sink.close();
		await database.cleanup();
	});

	const statusOf = async (to: string) => (await readOutbox(database.db, to))[0];

	it('sends each queued mail through the SMTP server once, and marks it sent', async () => {
		await inTransaction(database.db, async (trx) => {
			await sendMail(trx, { to: 'amira@example.org', subject: 'Your proposal was answered', body: 'The city accepted it.\nhttps://rights.example/cities/york/proposals/PR-1' });
			await sendMail(trx, { to: 'jon@example.org', subject: 'Hello', body: 'Text' });
		});
		expect((await statusOf('amira@example.org'))?.status).toBe('pending');

		expect(await deliverOutbox(database.db, delivery)).toMatchObject({ sent: 2, retried: 0, failed: 0 });
		expect(sink.received.map((mail) => mail.to).sort()).toEqual(['amira@example.org', 'jon@example.org']);
		const amira = sink.received.find((mail) => mail.to === 'amira@example.org')!;
		expect(amira.subject).toBe('Your proposal was answered');
		expect(amira.raw).toContain('The city accepted it.');
		expect(amira.raw).toMatch(/^From: Rights City <no-reply@rights\.example>/im);
		const stored = await statusOf('amira@example.org');
		expect(stored).toMatchObject({ status: 'sent', attempts: 1 });
		expect(amira.messageId).toBe(`<${stored!.id}@rights.example>`);

		// A second run finds nothing due: nothing is sent twice.
		expect(await deliverOutbox(database.db, delivery)).toMatchObject({ sent: 0 });
		expect(sink.received).toHaveLength(2);
	});

	it('writes nothing when the transaction that queued the mail rolls back', async () => {
		await expect(
			inTransaction(database.db, async (trx) => {
				await sendMail(trx, { to: 'amira@example.org', subject: 'Never', body: 'Never' });
				throw new Error('the change failed');
			})
		).rejects.toThrow('the change failed');
		expect(await readOutbox(database.db)).toEqual([]);
	});

	it('tries a temporarily refused mail again later with back-off, and gives up on a permanent refusal', async () => {
		await sendMail(database.db, { to: 'later@example.org', subject: 'Later', body: 'x' });
		await sendMail(database.db, { to: 'gone@example.org', subject: 'Gone', body: 'x' });
		const now = new Date();
		expect(await deliverOutbox(database.db, delivery, { now })).toMatchObject({ sent: 0, retried: 1, failed: 1 });
		expect(await statusOf('gone@example.org')).toMatchObject({ status: 'failed', attempts: 1 });
		expect(await statusOf('later@example.org')).toMatchObject({ status: 'pending', attempts: 1 });
		// Not due again at once…
		expect(await deliverOutbox(database.db, delivery, { now })).toMatchObject({ retried: 0, sent: 0 });
		// …but after the delay; the server now takes it.
		delete sink.refuse['later@example.org'];
		expect(await deliverOutbox(database.db, delivery, { now: new Date(now.getTime() + 2 * 60_000) })).toMatchObject({ sent: 1 });
		expect(await statusOf('later@example.org')).toMatchObject({ status: 'sent', attempts: 2 });
		expect(sink.received.map((mail) => mail.to)).toEqual(['later@example.org']);
	});

	it('stops after the last attempt', async () => {
		await sendMail(database.db, { to: 'later@example.org', subject: 'Later', body: 'x' });
		let now = Date.now();
		for (let attempt = 1; attempt <= MAIL_MAX_ATTEMPTS; attempt += 1) {
			await deliverOutbox(database.db, delivery, { now: new Date(now) });
			now += 5 * 3600_000; // longer than any delay before the tenth try, all within two days
		}
		expect(await statusOf('later@example.org')).toMatchObject({ status: 'failed', attempts: MAIL_MAX_ATTEMPTS });
	});

	it('retries when the mail server cannot be reached', async () => {
		await sendMail(database.db, { to: 'amira@example.org', subject: 'Hi', body: 'x' });
		const closed = smtpDelivery({ smtpUrl: 'smtp://127.0.0.1:9', from: FROM });
		expect(await deliverOutbox(database.db, closed)).toMatchObject({ retried: 1, sent: 0 });
		closed.close?.();
		expect((await statusOf('amira@example.org'))?.status).toBe('pending');
	});

	it('sends a mail whose run died between claim and mark again once its lease lapsed (the one possible duplicate)', async () => {
		await sendMail(database.db, { to: 'amira@example.org', subject: 'Hi', body: 'x' });
		const now = new Date();
		// A run claims the mail and sends it, then the process dies before marking it sent.
		const [due] = await repository.listDueMail(database.db, now.toISOString(), 1);
		expect(await repository.claimMail(database.db, due!.id, now.toISOString(), new Date(now.getTime() + MAIL_LEASE_MS).toISOString())).toBe(true);
		await delivery.deliver({ id: due!.id, to: due!.to_address, subject: due!.subject, body: due!.body });
		expect((await statusOf('amira@example.org'))?.status).toBe('sending');
		expect(await deliverOutbox(database.db, delivery, { now: new Date(now.getTime() + 60_000) })).toMatchObject({ sent: 0, released: 0 });
		expect(await deliverOutbox(database.db, delivery, { now: new Date(now.getTime() + MAIL_LEASE_MS + 1000) })).toMatchObject({ sent: 1, released: 1 });
		expect(sink.received).toHaveLength(2);
		expect(sink.received[0]!.messageId).toBe(sink.received[1]!.messageId);
	});

	it('delivers each mail once when two runs go at the same time', async () => {
		for (let index = 0; index < 20; index += 1) await sendMail(database.db, { to: `p${index}@example.org`, subject: `Mail ${index}`, body: 'x' });
		const other = smtpDelivery({ smtpUrl: sink.url, from: FROM });
		const [a, b] = await Promise.all([deliverOutbox(database.db, delivery, { batchSize: 5 }), deliverOutbox(database.db, other, { batchSize: 5 })]);
		other.close?.();
		expect(a.sent + b.sent).toBe(20);
		expect(sink.received).toHaveLength(20);
		expect(new Set(sink.received.map((mail) => mail.to)).size).toBe(20);
	});

	it('lets mails that waited more than two days expire instead of sending them', async () => {
		await sendMail(database.db, { to: 'amira@example.org', subject: 'Old', body: 'x' });
		expect(await deliverOutbox(database.db, delivery, { now: new Date(Date.now() + 3 * 24 * 3600_000) })).toMatchObject({ expired: 1, sent: 0 });
		expect((await statusOf('amira@example.org'))?.status).toBe('expired');
		expect(sink.received).toEqual([]);
	});

	it('the scheduled job sends through SMTP_URL, and keeps mails in the outbox without it', async () => {
		await sendMail(database.db, { to: 'amira@example.org', subject: 'Hi', body: 'x' });
		expect(await deliverConfiguredMail(database.db, new Date(), {})).toEqual({ skipped: 'no_smtp_url' });
		expect((await statusOf('amira@example.org'))?.status).toBe('pending');
		expect(await deliverConfiguredMail(database.db, new Date(), { SMTP_URL: sink.url, MAIL_FROM: 'hrc@york.example' })).toMatchObject({ sent: 1 });
		expect(sink.received[0]!.raw).toMatch(/^From: hrc@york\.example/im);
	});
});
