// One indicator of a city: its definition, score (with formula) and trend, the line chart over
// time (total and up to five chosen groups), the latest values by group of one dimension, the
// equality gaps of that dimension over time, and the downloads. Choices are a GET form.
import type { PageServerLoad } from './$types';
import { cachePublicly } from '#lib/server/http/page-cache.ts';
import { getIndicatorDetail } from '#lib/server/indicators/evaluation.service.ts';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { presentIndicator } from './indicator-view.server.ts';

export const load: PageServerLoad = async ({ locals, params, url, parent, setHeaders }) => {
	cachePublicly({ setHeaders });
	const { city } = await parent();
	const detail = await orHttpError(() => getIndicatorDetail(locals.db, city.id, params.code));
	const view = await presentIndicator(locals.db, detail, {
		locale: locals.locale,
		citySlug: city.slug,
		dimension: url.searchParams.get('dim'),
		show: url.searchParams.getAll('show'),
		chosen: url.searchParams.has('chosen')
	});
	return { city: { slug: city.slug, name: city.displayName }, ...view };
};
