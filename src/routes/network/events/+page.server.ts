// The network's events: the coming ones first (the forum, workshops, webinars), then the past
// ones with their materials; practitioners also see the practitioners' events. The whole list is
// also an iCalendar feed (/network/events.ics); the network admin creates events from here.
import type { PageServerLoad } from './$types';
import { canManageEvents } from '#lib/server/network/network.policy.ts';
import { viewerOf } from '#lib/server/network/membership.service.ts';
import { listEvents } from '#lib/server/network/events.service.ts';
import { eventCard } from './event-view.server.ts';

export const load: PageServerLoad = async ({ locals }) => {
	const { db, locale } = locals;
	const viewer = await viewerOf(db, locals.actor);
	const [upcoming, past] = await Promise.all([listEvents(db, viewer, 'upcoming'), listEvents(db, viewer, 'past', undefined, 50)]);
	return {
		upcoming: upcoming.map((event) => eventCard(event, locale)),
		past: past.map((event) => eventCard(event, locale)),
		manager: canManageEvents(viewer)
	};
};
