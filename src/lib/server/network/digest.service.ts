/**
 * The weekly digest: for everyone who follows a thread or a topic, one mail per ISO week with the
 * new posts of the last complete week (Monday to Monday, UTC) in what they follow, the practices
 * published that week, and the events of the coming month — only what the person may read at the
 * moment it is sent (a practitioner who lost the role gets the public part only), never their own
 * posts. A scheduled job sends it in bounded batches; each person's week is claimed in the same
 * transaction that queues the mail (`digest_sent`, keyed by person and week), so running the job
 * again — or on two servers at once — never sends a week twice. A week with nothing new sends nothing.
 *
 * @example await sendWeeklyDigests(db, new Date(), { origin: 'https://rights.example.org' })
 *          // { week: '2026-W49', sent: 12, empty: 3, more: false }
 */
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { loadActor, sendMail } from '../accounts/index.ts';
import { isLocale, type Locale } from '../../i18n/locales.ts';
import { message } from '../../i18n/messages.ts';
import { pickText } from '../../i18n/localized-text.ts';
import * as repository from './dialogue.repository.ts';
import { findPairing } from './pairing.repository.ts';
import { canReadThread, type Viewer } from './network.policy.ts';
import { viewerOf } from './membership.service.ts';
import { listRecentPractices, type PracticeCard } from './practices.service.ts';
import { listEvents, type NetworkEvent } from './events.service.ts';
import { utcToZoned } from './time-zone.ts';

export interface IsoWeek {
	/** `2026-W49` */
	key: string;
	/** Monday 00:00 UTC (ISO). */
	start: string;
	/** The next Monday 00:00 UTC (ISO). */
	end: string;
}

/** The ISO week that contains `date` (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeekOf(date: Date): IsoWeek {
	const day = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
	const weekday = (new Date(day).getUTCDay() + 6) % 7;
	const monday = day - weekday * 86_400_000;
	const thursday = monday + 3 * 86_400_000;
	const year = new Date(thursday).getUTCFullYear();
	const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
	return { key: `${year}-W${String(week).padStart(2, '0')}`, start: new Date(monday).toISOString(), end: new Date(monday + 7 * 86_400_000).toISOString() };
}

/** The last complete ISO week before `now`: what a digest sent now is about. */
export function digestWeek(now: Date): IsoWeek {
	return isoWeekOf(new Date(Date.parse(isoWeekOf(now).start) - 86_400_000));
}

export interface DigestThread {
	ref: string;
	title: string;
	posts: { authorRole: string; excerpt: string; createdAt: string }[];
}

export interface Digest {
	week: IsoWeek;
	threads: DigestThread[];
	practices: PracticeCard[];
	events: NetworkEvent[];
}

/** What the person's digest for the week holds (readable now by them), or undefined when nothing is new. */
export async function buildDigest(db: Db, viewer: Viewer, week: IsoWeek, now: Date): Promise<Digest | undefined> {
	const personId = viewer.actor?.personId;
	if (!personId) return undefined;
	const follows = await repository.listFollows(db, personId);
	const posts = await repository.postsBetween(db, week.start, week.end, {
		threadIds: follows.filter((follow) => follow.target_type === 'thread').map((follow) => follow.target),
		topics: follows.filter((follow) => follow.target_type === 'topic').map((follow) => follow.target)
	});
	const threads = new Map<string, DigestThread>();
	const readable = new Map<string, boolean>();
	for (const post of posts) {
		if (post.author_id === personId) continue;
		if (!readable.has(post.thread_id)) {
			const pairing = post.pairing_id ? await findPairing(db, { id: post.pairing_id }) : undefined;
			readable.set(post.thread_id, canReadThread(viewer, { layer: post.layer }, pairing ? { menteeCityId: pairing.mentee_city_id, mentorCityId: pairing.mentor_city_id } : undefined));
		}
		if (!readable.get(post.thread_id)) continue;
		const thread = threads.get(post.thread_id) ?? { ref: post.thread_ref, title: post.thread_title, posts: [] };
		const text = post.body.replace(/\s+/g, ' ').trim();
		thread.posts.push({ authorRole: post.author_role, excerpt: text.length > 200 ? `${text.slice(0, 200).trimEnd()}…` : text, createdAt: post.created_at });
		threads.set(post.thread_id, thread);
	}
	const practices = (await listRecentPractices(db, viewer, { limit: 10, since: week.start })).practices.filter((practice) => (practice.publishedAt ?? '') < week.end);
	if (threads.size === 0 && practices.length === 0) return undefined;
	const horizon = new Date(now.getTime() + 31 * 86_400_000).toISOString();
	const events = (await listEvents(db, viewer, 'upcoming', now.toISOString(), 20)).filter((event) => event.startsAt < horizon && !event.cancelled);
	return { week, threads: [...threads.values()], practices, events };
}

/** The digest as a plain-text mail in the reader's language. */
export function digestMail(digest: Digest, locale: Locale, origin: string): { subject: string; body: string } {
	const t = (key: string, params: Record<string, unknown> = {}) => message(key, params, { locale });
	const lines: string[] = [t('network_digest_intro', { week: digest.week.key }), ''];
	if (digest.threads.length) {
		lines.push(t('network_digest_threads'), '');
		for (const thread of digest.threads) {
			lines.push(`${thread.title} — ${t('network_digest_new_posts', { count: thread.posts.length })}`, `${origin}/network/dialogue/${thread.ref}`);
			for (const post of thread.posts.slice(-3)) lines.push(`  · ${t(`network_role_${post.authorRole}`)}: ${post.excerpt}`);
			lines.push('');
		}
	}
	if (digest.practices.length) {
		lines.push(t('network_digest_practices'), '');
		for (const practice of digest.practices) {
			lines.push(`${pickText(practice.title, locale)?.text ?? practice.ref} (${practice.city.name})`, `${origin}/network/practices/${practice.city.slug}/${practice.ref}`, '');
		}
	}
	if (digest.events.length) {
		lines.push(t('network_digest_events'), '');
		for (const event of digest.events) {
			lines.push(`${utcToZoned(event.startsAt, event.timeZone).replace('T', ' ')} (${event.timeZone}) — ${pickText(event.title, locale)?.text ?? event.ref}`, `${origin}/network/events/${event.ref}`, '');
		}
	}
	lines.push(t('network_digest_footer', { url: `${origin}/network/dialogue` }));
	return { subject: t('network_digest_subject', { week: digest.week.key }), body: lines.join('\n') };
}

export interface DigestRun {
	week: string;
	sent: number;
	/** People with nothing new this week (claimed, nothing sent). */
	empty: number;
	/** More people are left for the next run. */
	more: boolean;
}

/**
 * Sends the last complete week's digests to up to `batch` followers who have not had it yet.
 * Bounded work per run; the job runs hourly, so a large network is served over a few runs.
 */
export async function sendWeeklyDigests(db: Db, now: Date, options: { origin: string; batch?: number }): Promise<DigestRun> {
	const week = digestWeek(now);
	const batch = options.batch ?? 200;
	const people = await repository.followersWithoutDigest(db, week.key, batch + 1);
	let sent = 0;
	let empty = 0;
	for (const personId of people.slice(0, batch)) {
		const outcome = await inTransaction(db, async (trx) => {
			const actor = await loadActor(trx, personId);
			const digest = actor ? await buildDigest(trx, await viewerOf(trx, actor), week, now) : undefined;
			const items = digest ? digest.threads.length + digest.practices.length : 0;
			if (!(await repository.claimDigest(trx, personId, week.key, items, now.toISOString()))) return 'skipped';
			if (!digest || !actor) return 'empty';
			const locale = isLocale(actor.preferredLocale) ? actor.preferredLocale : 'en';
			await sendMail(trx, { to: actor.email, ...digestMail(digest, locale, options.origin) });
			return 'sent';
		});
		if (outcome === 'sent') sent += 1;
		if (outcome === 'empty') empty += 1;
	}
	return { week: week.key, sent, empty, more: people.length > batch };
}
