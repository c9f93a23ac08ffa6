// The development mail outbox: what the platform would have mailed, newest first, optionally for
// one recipient (`?to=`), with where each is in the delivery queue. Only when EXPOSE_OUTBOX is set, or for a network admin; else 404.
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { isNetworkAdmin } from '#lib/server/accounts/actor.ts';
import { readOutbox } from '#lib/server/accounts/mail.ts';

/** Mail text split into plain text and links, so links in the page are real, clickable anchors. */
function linkify(body: string): { text: string; href?: string }[] {
	return body.split(/(https?:\/\/[^\s<>"]+)/).filter(Boolean).map((part) => (/^https?:\/\//.test(part) ? { text: part, href: part } : { text: part }));
}

export const load: PageServerLoad = async ({ locals, url, setHeaders }) => {
	if (!locals.config.exposeOutbox && !isNetworkAdmin(locals.actor)) error(404, 'Not found', { code: 'not_found' });
	setHeaders({ 'cache-control': 'no-store', 'x-robots-tag': 'noindex' });
	const to = url.searchParams.get('to')?.trim().slice(0, 254) || undefined;
	const format = new Intl.DateTimeFormat(locals.locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });
	const mails = await readOutbox(locals.db, to, 50);
	return {
		to,
		mails: mails.map((mail) => ({
			id: mail.id,
			to: mail.to,
			subject: mail.subject,
			parts: linkify(mail.body),
			queuedAt: mail.createdAt,
			queuedText: `${format.format(new Date(mail.createdAt))} UTC`,
			status: mail.status,
			sentAt: mail.sentAt ?? undefined,
			sentText: mail.sentAt ? `${format.format(new Date(mail.sentAt))} UTC` : undefined
		}))
	};
};
