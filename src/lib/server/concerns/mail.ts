/**
 * Mail to a reporter who gave an address: on receipt (with the tracking link: the only time the
 * server knows the token), on a change of status and on a reply. In the report's language when
 * the site has it. Never the case's text: a mailbox is read on shared devices and by providers;
 * the reader follows the link to read.
 */
import { sendMail } from '../accounts/index.ts';
import type { Db } from '../db/database.ts';
import type { KeyRing } from './crypto.ts';
import type { CaseRow } from './concerns.repository.ts';
import { openContact } from './case-record.ts';
import { isLocale } from '../../i18n/locales.ts';

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
	if (mail.kind === 'received') {
		await sendMail(db, { to, subject: m.concerns_mail_received_subject(params, { locale }), body: m.concerns_mail_received_body({ ...params, link: mail.trackingLink }, { locale }) });
	} else if (mail.kind === 'status') {
		const status = message(`concerns_status_${mail.status}`, {}, { locale });
		await sendMail(db, { to, subject: m.concerns_mail_status_subject({ ref: row.ref, status }, { locale }), body: m.concerns_mail_status_body({ ...params, status }, { locale }) });
	} else {
		await sendMail(db, { to, subject: m.concerns_mail_reply_subject(params, { locale }), body: m.concerns_mail_reply_body(params, { locale }) });
	}
	return true;
}
