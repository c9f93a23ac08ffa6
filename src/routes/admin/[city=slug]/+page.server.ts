// A city's admin overview: people by role, the census list's size, the latest audit entries.
import type { PageServerLoad } from './$types';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { getCityOverview } from '#lib/server/cities/city-admin.service.ts';
import { cityForAdmin } from './city-access.server.ts';
import { presentAudit } from './audit/audit-view.ts';

export const load: PageServerLoad = async (event) => {
	const { actor, city } = await cityForAdmin(event);
	const overview = await orHttpError(() => getCityOverview(event.locals.db, actor, city.id));
	return {
		people: overview.people,
		roles: overview.roles,
		censusSize: overview.censusSize,
		recentAudit: presentAudit(overview.recentAudit, city, event.locals.locale)
	};
};
