/**
 * Following and notifications. A person follows a proposal, a budget project or a council
 * recommendation (an author follows their own proposal from the start) and is told when it is
 * answered, linked to an action, or when that action changes status: on their account page, and
 * by mail when they asked for it and their address is confirmed. Notifications and mails are
 * written in the transaction of the change they tell of (sendMail queues; nothing waits for a
 * mail server).
 *
 * @example await notifyFollowers(trx, cityId, { type: 'proposal', id, ref: 'PR-12', title: 'Shade' }, 'proposal_answered', { answer: 'accepted' });
 */
import type { Db } from '../db/database.ts';
import { nowIso, uuidv7 } from '../db/ids.ts';
import { DomainError } from '../errors.ts';
import { loadConfig } from '../config/config.ts';
import { belongsToCity, mailContactsOf, sendMail, type MaybeActor } from '../accounts/index.ts';
import { findCitySlug } from '../cities/index.ts';
import { isLocale, type Locale } from '../../i18n/locales.ts';
import { pickText, type LocalizedText } from '../../i18n/localized-text.ts';
import { m } from '../../i18n/messages.ts';
import * as repository from './follows.repository.ts';
import type { FollowTarget, NotificationTable } from './participation.tables.ts';
import { noticeText, type NoticeKind, type NoticeParams } from './notification-text.ts';

/** The public page of a followed item, under /cities/{slug}/. */
export const TARGET_PAGES: Record<FollowTarget, string> = { proposal: 'proposals', project: 'budget-projects', recommendation: 'council/recommendations' };

export interface FollowedItem {
	type: FollowTarget;
	id: string;
	ref: string;
	/** Plain (a resident's proposal) or per locale (the city's texts). */
	title: string | LocalizedText;
}

function follower(actor: MaybeActor, cityId?: string): string {
	if (!actor) throw new DomainError('unauthenticated', 'unauthenticated');
	if (actor.system) throw new DomainError('forbidden', 'forbidden');
	// One follows in the cities one belongs to (where the account page shows the notifications).
	if (cityId !== undefined && !belongsToCity(actor, cityId)) throw new DomainError('forbidden', 'forbidden');
	return actor.personId;
}

export async function follow(db: Db, actor: MaybeActor, cityId: string, type: FollowTarget, targetId: string): Promise<void> {
	await repository.insertFollow(db, cityId, follower(actor, cityId), type, targetId, nowIso());
}

export async function unfollow(db: Db, actor: MaybeActor, cityId: string, type: FollowTarget, targetId: string): Promise<void> {
	await repository.deleteFollow(db, cityId, follower(actor, cityId), type, targetId);
}

export async function isFollowing(db: Db, actor: MaybeActor, cityId: string, type: FollowTarget, targetId: string): Promise<{ following: boolean; mail: boolean }> {
	if (!actor || actor.system) return { following: false, mail: false };
	const row = await repository.findFollow(db, cityId, actor.personId, type, targetId);
	return { following: Boolean(row), mail: Number(row?.mail ?? 0) === 1 };
}

/** Mail on or off: for one followed item, or for everything followed in the city. */
export async function setFollowMail(db: Db, actor: MaybeActor, cityId: string, mail: boolean, target?: { type: FollowTarget; id: string }): Promise<void> {
	await repository.setFollowMail(db, cityId, follower(actor, cityId), mail, target);
}

export const countFollowers = repository.countFollowers;

function titleIn(title: string | LocalizedText, locale: string): string {
	return typeof title === 'string' ? title : (pickText(title, locale)?.text ?? '');
}

let origin: string | undefined;
/** Links in mails point at the configured public address (never at a request's Host header). */
function publicOrigin(): string {
	origin ??= loadConfig(process.env).publicOrigin;
	return origin;
}

/**
 * Tells every follower of the item (but `except`, who did it): a notification each, and a mail
 * to those who want one, in their own language. Returns how many were told.
 */
export async function notifyFollowers(db: Db, cityId: string, item: FollowedItem, kind: NoticeKind, params: NoticeParams = {}, options: { except?: string | null } = {}): Promise<number> {
	const followers = (await repository.listFollowers(db, cityId, item.type, item.id)).filter((row) => row.person_id !== options.except);
	if (followers.length === 0) return 0;
	const at = nowIso();
	const stored = { ...params, ref: item.ref, ...(typeof item.title === 'string' ? { title: item.title } : {}) };
	const rows: NotificationTable[] = followers.map((row) => ({
		city_id: cityId,
		id: uuidv7(),
		person_id: row.person_id,
		kind,
		target_type: item.type,
		target_id: item.id,
		target_ref: item.ref,
		params: JSON.stringify(typeof item.title === 'string' ? stored : { ...stored, titles: item.title }),
		created_at: at,
		read_at: null
	}));
	await repository.insertNotifications(db, rows);
	const mailed = followers.filter((row) => Number(row.mail) === 1).map((row) => row.person_id);
	if (mailed.length) {
		const contacts = await mailContactsOf(db, mailed);
		const slug = await findCitySlug(db, cityId);
		const link = `${publicOrigin()}/cities/${slug}/${TARGET_PAGES[item.type]}/${encodeURIComponent(item.ref)}`;
		for (const contact of contacts.values()) {
			const locale: Locale = isLocale(contact.locale) ? contact.locale : 'en';
			const text = noticeText(kind, { ...stored, title: titleIn(item.title, locale) }, locale);
			await sendMail(db, {
				to: contact.email,
				subject: m.participation_mail_subject({ ref: item.ref, title: titleIn(item.title, locale).slice(0, 80) }, { locale }),
				body: m.participation_mail_body({ text, link, settings: `${publicOrigin()}/account/notifications` }, { locale })
			});
		}
	}
	return followers.length;
}

export interface NotificationView {
	id: string;
	cityId: string;
	kind: string;
	targetType: FollowTarget;
	targetRef: string;
	/** The page of the item, under /cities/{slug}/. */
	path: string;
	text: string;
	createdAt: string;
	read: boolean;
}

/** The person's notifications in the cities they belong to, newest first. */
export async function listMyNotifications(db: Db, actor: MaybeActor, locale: Locale, limit = 50): Promise<{ items: NotificationView[]; unread: number }> {
	const personId = follower(actor);
	const cities = [...new Set(actor!.roles.map((role) => role.cityId))];
	const items: NotificationView[] = [];
	let unread = 0;
	for (const cityId of cities) {
		const slug = await findCitySlug(db, cityId);
		unread += await repository.countUnread(db, cityId, personId);
		for (const row of await repository.listNotificationRows(db, cityId, personId, limit)) {
			const { titles, ...rest } = JSON.parse(row.params) as NoticeParams & { titles?: LocalizedText };
			const title = titles ? titleIn(titles, locale) : rest.title;
			items.push({
				id: row.id,
				cityId,
				kind: row.kind,
				targetType: row.target_type,
				targetRef: row.target_ref,
				path: `/cities/${slug}/${TARGET_PAGES[row.target_type]}/${encodeURIComponent(row.target_ref)}`,
				text: noticeText(row.kind, { ...rest, title: title ?? '' }, locale),
				createdAt: row.created_at,
				read: row.read_at !== null
			});
		}
	}
	items.sort((a, b) => (a.id < b.id ? 1 : -1));
	return { items: items.slice(0, limit), unread };
}

export async function markAllRead(db: Db, actor: MaybeActor): Promise<number> {
	const personId = follower(actor);
	let count = 0;
	for (const cityId of new Set(actor!.roles.map((role) => role.cityId))) count += await repository.markRead(db, cityId, personId, nowIso());
	return count;
}

export interface FollowView {
	cityId: string;
	targetType: FollowTarget;
	targetId: string;
	mail: boolean;
}

export async function listMyFollows(db: Db, actor: MaybeActor): Promise<FollowView[]> {
	const personId = follower(actor);
	const views: FollowView[] = [];
	for (const cityId of new Set(actor!.roles.map((role) => role.cityId))) {
		for (const row of await repository.listFollowsOf(db, cityId, personId)) views.push({ cityId, targetType: row.target_type, targetId: row.target_id, mail: Number(row.mail) === 1 });
	}
	return views;
}

/** Mail on or off for everything the person follows, in every city they belong to (the link in each mail leads here). */
export async function setAllFollowMail(db: Db, actor: MaybeActor, mail: boolean): Promise<void> {
	const personId = follower(actor);
	for (const cityId of new Set(actor!.roles.map((role) => role.cityId))) await repository.setFollowMail(db, cityId, personId, mail);
}
