/**
 * Outgoing mail as a durable queue. `sendMail` writes the mail to the `outbox` table inside the
 * caller's transaction, so a mail exists exactly when the change it tells of is committed, and
 * a request never waits for a mail server. The delivery job (`deliverOutbox`, run every
 * 30 seconds by the accounts manifest) sends due mails through the SMTP server of `SMTP_URL`:
 *
 *   pending ──claim (lease, attempt + 1)──► sending ──► sent
 *      ▲                                      │
 *      └── a temporary failure: retry later ◄─┤──► failed (permanent refusal, or the last attempt)
 *   pending for more than two days ──► expired (a reset link of last week is of no use)
 *
 * Each mail is sent once: a run claims it (one conditional update, so two runs or two app
 * processes never both take it), sends it, and marks it sent. If the process dies between the
 * send and the mark, the lease lapses after five minutes and the mail is sent once more — the
 * only case of a duplicate, and it carries the same Message-ID, so mail clients may fold it.
 * Without `SMTP_URL`, mails stay pending in the outbox (development; /outbox shows them).
 *
 * @example
 *   await sendMail(trx, { to: reporter.email, subject: m.concerns_mail_reply_subject(), body });
 *   await deliverOutbox(db, smtpDelivery(config.mail)); // { sent: 1, retried: 0, failed: 0, expired: 0 }
 */
import { createTransport } from 'nodemailer';
import type { Db } from '../db/database.ts';
import { nowIso, uuidv7 } from '../db/ids.ts';
import { loadConfig, type Config } from '../config/config.ts';
import * as repository from './accounts.repository.ts';

export interface Mail {
	to: string;
	subject: string;
	body: string;
}

/** The mail parts a seal covers (each sealed on its own, bound to the mail's id and the part). */
export type MailPart = 'to' | 'subject' | 'body';

/**
 * How a module keeps its mails sealed in the outbox (the concerns module: a reporter's address and
 * the tracking link must never be in the database in clear). The outbox row then holds
 * `sealed:<scheme>:<ciphertext>` as its address and ciphertext as subject and body; the delivery
 * job opens it with the seal registered under `scheme` (registerMailSeal) just before sending.
 */
export interface MailSeal {
	readonly scheme: string;
	seal(plain: string, mailId: string, part: MailPart): string;
	open(sealed: string, mailId: string, part: MailPart): string;
}

const SEALED = /^sealed:([a-z0-9-]+):(.+)$/;
const registeredSeals = new Map<string, MailSeal>();

/** Registers the seal the delivery job (and the development outbox) opens a module's sealed mails with. */
export function registerMailSeal(seal: MailSeal): void {
	registeredSeals.set(seal.scheme, seal);
}

/**
 * Sends a mail from any module: it is written to the outbox in the caller's transaction (so it
 * goes out exactly when the change it tells of is committed), and delivered from there. With a
 * `seal`, the address, subject and body are stored sealed.
 *
 * @example await sendMail(trx, { to: reporter.email, subject: m.concerns_mail_reply_subject(), body }, concernsMailSeal(ring));
 */
export async function sendMail(db: Db, mail: Mail, seal?: MailSeal): Promise<void> {
	const id = uuidv7();
	const stored = seal ? { to_address: `sealed:${seal.scheme}:${seal.seal(mail.to, id, 'to')}`, subject: seal.seal(mail.subject, id, 'subject'), body: seal.seal(mail.body, id, 'body') } : { to_address: mail.to, subject: mail.subject, body: mail.body };
	await repository.insertOutbox(db, { id, ...stored, created_at: nowIso() });
}

/** Whether an outbox row is sealed (its address is `sealed:<scheme>:…`). */
export function isSealedMail(row: { to_address: string }): boolean {
	return SEALED.test(row.to_address);
}

/**
 * An outbox row as the mail to send: sealed rows opened with the seal of their scheme (`seals`
 * first, then the registered ones). Throws when there is no seal for it or it does not open.
 */
export function openOutboxMail(row: { id: string; to_address: string; subject: string; body: string }, seals: readonly MailSeal[] = []): OutgoingMail {
	const match = SEALED.exec(row.to_address);
	if (!match) return { id: row.id, to: row.to_address, subject: row.subject, body: row.body };
	const seal = seals.find((candidate) => candidate.scheme === match[1]) ?? registeredSeals.get(match[1]!);
	if (!seal) throw new DeliveryError(`no seal "${match[1]}" to open this mail with`, false);
	return { id: row.id, to: seal.open(match[2]!, row.id, 'to'), subject: seal.open(row.subject, row.id, 'subject'), body: seal.open(row.body, row.id, 'body') };
}

/** The outbox, newest first (opened where a seal is known; a sealed mail that does not open shows as sealed). */
export async function readOutbox(db: Db, to?: string, limit = 50, seals: readonly MailSeal[] = []) {
	const address = to?.toLowerCase();
	// Sealed mails cannot be found by address in SQL: with a filter, they are opened and matched here.
	const rows = address ? [...(await repository.listOutbox(db, address, limit)), ...(await repository.listSealedOutbox(db, limit))] : await repository.listOutbox(db, undefined, limit);
	const mails = rows.map((row) => {
		let opened: Mail;
		try {
			opened = openOutboxMail(row, seals);
		} catch {
			opened = { to: '(sealed)', subject: '(sealed)', body: '' };
		}
		return { id: row.id, to: opened.to, subject: opened.subject, body: opened.body, createdAt: row.created_at, status: row.status, attempts: row.attempts, sentAt: row.sent_at };
	});
	return mails
		.filter((mail) => !address || mail.to.toLowerCase() === address)
		.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id))
		.slice(0, limit);
}

// ——— Delivery ———

/** A mail on its way out: the queued mail and its id (which makes its Message-ID). */
export interface OutgoingMail extends Mail {
	id: string;
}

/** Why a send failed: `permanent` when trying again cannot help (the server refused the address). */
export class DeliveryError extends Error {
	readonly permanent: boolean;
	constructor(message: string, permanent: boolean) {
		super(message);
		this.name = 'DeliveryError';
		this.permanent = permanent;
	}
}

export interface MailDelivery {
	/** Sends one mail; throws a `DeliveryError` (or anything, taken as temporary) when it did not go. */
	deliver(mail: OutgoingMail): Promise<void>;
	close?(): void;
}

/** How the SMTP transport reports a refusal (nodemailer's error fields). */
interface SmtpFailure {
	responseCode?: number;
	response?: string;
	code?: string;
	message?: string;
}

/** The server's answer, or the error's message, without credentials (they never appear in either, but URLs might). */
function describeFailure(error: SmtpFailure): string {
	const text = error.response ?? error.message ?? String(error);
	return text.replace(/\/\/[^@\s/]*@/g, '//…@').slice(0, 500);
}

/**
 * Delivery through an SMTP server (nodemailer, one pooled connection). A 5xx answer is permanent
 * (unknown mailbox, refused sender); a 4xx answer, a refused connection or a timeout is tried again.
 */
export function smtpDelivery(settings: NonNullable<Config['mail']>): MailDelivery {
	const transport = createTransport(settings.smtpUrl, { from: settings.from });
	const domain = /@([^>\s]+)>?$/.exec(settings.from)?.[1] ?? 'localhost';
	return {
		async deliver(mail) {
			try {
				await transport.sendMail({ to: mail.to, subject: mail.subject, text: mail.body, messageId: `<${mail.id}@${domain}>` });
			} catch (error) {
				const failure = error as SmtpFailure;
				const permanent = typeof failure.responseCode === 'number' && failure.responseCode >= 500 && failure.responseCode < 600;
				throw new DeliveryError(describeFailure(failure), permanent);
			}
		},
		close: () => transport.close()
	};
}

export const MAIL_LEASE_MS = 5 * 60_000;
/** A mail not delivered within two days is of no use any more (links in it expire sooner). */
export const MAIL_MAX_AGE_MS = 2 * 24 * 60 * 60_000;
export const MAIL_MAX_ATTEMPTS = 10;

/** Minutes before the next try after `attempts` tries: 1, 2, 4, … capped at 6 hours, with up to 10 % jitter. */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
	const base = Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 60 * 60_000);
	return Math.round(base * (1 + 0.1 * random()));
}

export interface DeliveryOptions {
	now?: Date;
	/** Mails per batch, and batches per run: the bound on one run's work. */
	batchSize?: number;
	maxBatches?: number;
	/** Seals to open sealed mails with, before the registered ones (tests). */
	seals?: readonly MailSeal[];
}

export interface DeliveryResult {
	sent: number;
	retried: number;
	failed: number;
	expired: number;
	/** Mails of a run that died between send and mark, made due again (each may go out once more). */
	released: number;
}

/**
 * Sends the mails that are due, in bounded batches; each claimed, sent and marked in its own
 * short statement (no transaction is held open while a mail server answers).
 */
export async function deliverOutbox(db: Db, delivery: MailDelivery, options: DeliveryOptions = {}): Promise<DeliveryResult> {
	const batchSize = options.batchSize ?? 50;
	const maxBatches = options.maxBatches ?? 10;
	const clock = () => options.now ?? new Date();
	const result: DeliveryResult = { sent: 0, retried: 0, failed: 0, expired: 0, released: 0 };
	result.expired = await repository.expireStaleMail(db, new Date(clock().getTime() - MAIL_MAX_AGE_MS).toISOString());
	result.released = await repository.releaseLapsedLeases(db, clock().toISOString());
	for (let batch = 0; batch < maxBatches; batch += 1) {
		const now = clock();
		const due = await repository.listDueMail(db, now.toISOString(), batchSize);
		for (const mail of due) {
			if (!(await repository.claimMail(db, mail.id, now.toISOString(), new Date(now.getTime() + MAIL_LEASE_MS).toISOString()))) continue;
			const attempts = mail.attempts + 1;
			try {
				// A sealed mail is opened only here, just before it goes (a missing key: tried again later).
				await delivery.deliver(openOutboxMail(mail, options.seals));
			} catch (error) {
				const failure = error instanceof DeliveryError ? error : new DeliveryError(describeFailure(error as SmtpFailure), false);
				if (failure.permanent || attempts >= MAIL_MAX_ATTEMPTS) {
					await repository.markMailFailed(db, mail.id, failure.message);
					result.failed += 1;
				} else {
					await repository.markMailRetry(db, mail.id, new Date(clock().getTime() + retryDelayMs(attempts)).toISOString(), failure.message);
					result.retried += 1;
				}
				continue;
			}
			await repository.markMailSent(db, mail.id, clock().toISOString());
			result.sent += 1;
		}
		if (due.length < batchSize) break;
	}
	return result;
}

let configured: { key: string; delivery: MailDelivery } | undefined;

/**
 * The scheduled job: delivers through the SMTP server of the running configuration (validated
 * at start-up with the rest of it); without one, mails stay in the outbox and nothing is done.
 */
export async function deliverConfiguredMail(db: Db, now: Date, env: Record<string, string | undefined> = process.env): Promise<DeliveryResult | { skipped: 'no_smtp_url' }> {
	const mail = loadConfig(env).mail;
	if (!mail) return { skipped: 'no_smtp_url' };
	const key = `${mail.smtpUrl} ${mail.from}`;
	if (configured?.key !== key) {
		configured?.delivery.close?.();
		configured = { key, delivery: smtpDelivery(mail) };
	}
	return deliverOutbox(db, configured.delivery, { now });
}
