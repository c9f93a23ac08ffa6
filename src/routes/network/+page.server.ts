// The network's front page: what the Human Rights Cities Network is, its members in numbers, the
// coming events and the newest good practices, and the way into each part of it. Anonymous
// visitors get it from the render cache (a network page: any ledger entry renews it, and the
// cache's periodic renewal moves a past event off the list).
import type { PageServerLoad } from './$types';
import { pickText } from '#lib/i18n/localized-text.ts';
import { cachePublicly } from '#lib/server/http/page-cache.ts';
import { listEvents } from '#lib/server/network/events.service.ts';
import { listMembers, viewerOf } from '#lib/server/network/membership.service.ts';
import { listPairings } from '#lib/server/network/pairing.service.ts';
import { listRecentPractices } from '#lib/server/network/practices.service.ts';
import { eventCard } from './events/event-view.server.ts';

/** How many coming events and new practices the front page shows (the rest is one link away). */
const SHOWN = 3;

export const load: PageServerLoad = async ({ locals, setHeaders }) => {
	const { db, locale } = locals;
	const viewer = await viewerOf(db, locals.actor);
	const [members, upcoming, recent, pairings] = await Promise.all([
		listMembers(db),
		listEvents(db, viewer, 'upcoming', undefined, SHOWN),
		listRecentPractices(db, viewer, { limit: SHOWN }),
		listPairings(db, ['active'])
	]);
	if (!locals.actor) cachePublicly({ setHeaders });
	const current = members.filter((member) => member.status === 'active');
	return {
		counts: {
			memberCities: current.filter((member) => member.kind === 'city' && member.level !== 'guest').length,
			guestCities: current.filter((member) => member.kind === 'city' && member.level === 'guest').length,
			associates: current.filter((member) => member.kind === 'organisation').length,
			pairings: pairings.length,
			practices: recent.total
		},
		events: upcoming.map((event) => eventCard(event, locale)),
		practices: recent.practices.map((practice) => ({
			key: `${practice.city.id}/${practice.id}`,
			href: `/network/practices/${practice.city.slug}/${practice.ref}`,
			city: practice.city.name,
			title: pickText(practice.title, locale) ?? { text: practice.ref, lang: 'en' }
		}))
	};
};
