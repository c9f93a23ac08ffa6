/**
 * Outgoing mail behind a small interface. The only transport today writes to the `outbox`
 * table (visible at /outbox when enabled), so development and tests need no mail server; an SMTP
 * transport can implement the same interface.
 */
import type { Db } from '../db/database.ts';
import { nowIso, uuidv7 } from '../db/ids.ts';
import * as repository from './accounts.repository.ts';

export interface Mail {
	to: string;
	subject: string;
	body: string;
}

export interface MailTransport {
	send(db: Db, mail: Mail): Promise<void>;
}

export const outboxTransport: MailTransport = {
	async send(db, mail) {
		await repository.insertOutbox(db, { id: uuidv7(), to_address: mail.to, subject: mail.subject, body: mail.body, created_at: nowIso() });
	}
};

/**
 * Sends a mail from any module: it is written to the outbox in the caller's transaction (so it
 * goes out exactly when the change it tells of is committed), and delivered from there.
 *
 * @example await sendMail(trx, { to: reporter.email, subject: m.concerns_mail_reply_subject(), body });
 */
export async function sendMail(db: Db, mail: Mail): Promise<void> {
	await outboxTransport.send(db, mail);
}

export async function readOutbox(db: Db, to?: string, limit = 50) {
	const rows = await repository.listOutbox(db, to?.toLowerCase(), limit);
	return rows.map((row) => ({ id: row.id, to: row.to_address, subject: row.subject, body: row.body, createdAt: row.created_at }));
}
