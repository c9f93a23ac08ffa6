/**
 * Mail to a reporter who gave an address: on receipt (with the tracking link: the only time the
 * server knows the token), on a change of status and on a reply. In the report's language when
 * the site has it. Never the case's text: a mailbox is read on shared devices and by providers;
 * the reader follows the link to read.
 *
 * The queued mail is sealed with the module's keys (`concernsMailSeal`): the reporter's address and
 * the tracking link never lie in the outbox in clear; the delivery job opens the mail just before
 * it goes, with the keys of the running configuration (registered by the module's index.ts). A
 * mail waits at most two days in the queue, so keep a retired key configured that long.
 */
import { sendMail as queueMail, type MailSeal } from '../accounts/index.ts';
import type { Db } from '../db/database.ts';
import { keyRingFromEnvironment, type KeyRing } from './crypto.ts';
import type { CaseRow } from './concerns.repository.ts';
import { openContact } from './case-record.ts';
import { isLocale } from '../../i18n/locales.ts';

/** A mail's seal: its parts bound to the mail's id, apart from every case's data (`outbox` as the city). */
export function concernsMailSeal(ring: () => KeyRing): MailSeal {
	const context = (mailId: string, part: string) => ({ cityId: 'outbox', caseId: mailId, field: `mail:${part}` });
	return {
		scheme: 'concerns',
		seal: (plain, mailId, part) => ring().seal(plain, context(mailId, part)),
		open: (sealed, mailId, part) => ring().open(sealed, context(mailId, part))
	};
}

/** The seal the delivery job opens the module's mails with: the keys of the process's configuration. */
export const configuredMailSeal: MailSeal = concernsMailSeal(keyRingFromEnvironment);

export type ReporterMail = { kind: 'received'; trackingLink: string } | { kind: 'status'; status: string } | { kind: 'reply' };

/** Loaded only when a mail is written, so the command line never needs the compiled UI messages. */
async function messages() {
	return import('../../i18n/messages.ts');
}

export async function mailReporter(db: Db, ring: KeyRing, row: CaseRow, cityName: string, mail: ReporterMail): Promise<boolean> {
	if (!row.has_email || row.erased_at) return false;
	const to = openContact(ring, row)?.email;
	if (!to) return false;
	const { m, message } = await messages();
	const locale = isLocale(row.locale) ? row.locale : 'en';
	const params = { ref: row.ref, city: cityName };
	const seal = concernsMailSeal(() => ring);
	const sendMail = (outgoing: { to: string; subject: string; body: string }) => queueMail(db, outgoing, seal);
	if (mail.kind === 'received') {
		await sendMail({ to, subject: m.concerns_mail_received_subject(params, { locale }), body: m.concerns_mail_received_body({ ...params, link: mail.trackingLink }, { locale }) });
	} else if (mail.kind === 'status') {
		const status = message(`concerns_status_${mail.status}`, {}, { locale });
		await sendMail({ to, subject: m.concerns_mail_status_subject({ ref: row.ref, status }, { locale }), body: m.concerns_mail_status_body({ ...params, status }, { locale }) });
	} else {
		await sendMail({ to, subject: m.concerns_mail_reply_subject(params, { locale }), body: m.concerns_mail_reply_body(params, { locale }) });
	}
	return true;
}
