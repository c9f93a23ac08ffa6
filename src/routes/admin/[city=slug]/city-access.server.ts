/**
 * The first steps of every page and action of a city's admin area: who is acting (anonymous →
 * sign in), which city (from the URL, never from a form) and whether they may administer it
 * (else 403). Services check their own, finer policies again.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { requireActor } from '#lib/server/http/forms.ts';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { openCityAdmin, type AdminCityLink } from '#lib/server/cities/city-admin.service.ts';
import type { Actor } from '#lib/server/accounts/actor.ts';

export async function cityForAdmin(event: Pick<RequestEvent, 'locals' | 'url'> & { params: { city?: string } }): Promise<{ actor: Actor; city: AdminCityLink }> {
	const actor = requireActor(event);
	const city = await orHttpError(() => openCityAdmin(event.locals.db, actor, event.params.city ?? ''));
	return { actor, city };
}
