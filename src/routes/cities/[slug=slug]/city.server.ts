/**
 * The city a public page or file is about, found once by the slug in its address; an unknown
 * slug is the 404 page. Pages get it from the layout (`const { city } = await parent()`);
 * files (`+server.ts`, which have no layout) call `cityOf(event)`.
 */
import type { City } from '#lib/server/cities/cities.service.ts';
import { getCity } from '#lib/server/cities/cities.service.ts';
import { orHttpError } from '#lib/server/http/domain-errors.ts';

export function cityOf(event: { locals: Pick<App.Locals, 'db'>; params: { slug: string } }): Promise<City> {
	return orHttpError(() => getCity(event.locals.db, event.params.slug));
}
