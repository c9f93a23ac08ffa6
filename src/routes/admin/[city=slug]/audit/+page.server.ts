// The city's audit log for its admins: newest first, 50 per page, "older" by the `before` cursor.
import type { PageServerLoad } from './$types';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { readCityAudit } from '#lib/server/cities/city-admin.service.ts';
import { cityForAdmin } from '../city-access.server.ts';
import { presentAudit } from './audit-view.ts';

/** Audit ids are UUIDv7 text; anything else in `before` is ignored (the newest page is shown). */
const CURSOR = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const load: PageServerLoad = async (event) => {
	const { actor, city } = await cityForAdmin(event);
	const requested = event.url.searchParams.get('before') ?? undefined;
	const before = requested && CURSOR.test(requested) ? requested : undefined;
	const page = await orHttpError(() => readCityAudit(event.locals.db, actor, city.id, before));
	return {
		entries: presentAudit(page.entries, city, event.locals.locale),
		older: page.older,
		paged: before !== undefined,
		badCursor: requested !== undefined && before === undefined
	};
};
