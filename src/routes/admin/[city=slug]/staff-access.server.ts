/**
 * The first steps of every page and action of a city's staff area (the commitments and
 * indicators pages): who is acting (anonymous → sign in), which city (from the URL, never from a
 * form) and whether they are staff of it — its admins, the network admin and its officers — else
 * 403. `manager` says whether they may restructure (city admins and the network admin); officers
 * only reach what the services' finer policies allow them.
 */
import { error, type RequestEvent } from '@sveltejs/kit';
import { requireActor } from '#lib/server/http/forms.ts';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { getCity } from '#lib/server/cities/cities.service.ts';
import type { AdminCityLink } from '#lib/server/cities/city-admin.service.ts';
import { canManageCommitments, canOpenStaffArea } from '#lib/server/commitments/commitments.policy.ts';
import type { Actor } from '#lib/server/accounts/actor.ts';

export interface StaffCity {
	actor: Actor;
	city: AdminCityLink;
	/** A city admin or the network admin (may manage everything, not only their own actions). */
	manager: boolean;
}

type StaffEvent = Pick<RequestEvent, 'locals' | 'url'> & { request?: Request; params: { city?: string } };

export async function cityForStaff(event: StaffEvent): Promise<StaffCity> {
	const actor = requireActor(event);
	const found = await orHttpError(() => getCity(event.locals.db, event.params.city ?? ''));
	if (!canOpenStaffArea(actor, found.id)) error(403, 'forbidden', { code: 'forbidden' });
	return { actor, city: { id: found.id, slug: found.slug, displayName: found.displayName, countryCode: found.countryCode }, manager: canManageCommitments(actor, found.id) };
}

/** Like `cityForStaff`, but for what only city admins and the network admin may do (else 403). */
export async function cityForManager(event: StaffEvent): Promise<StaffCity> {
	const staff = await cityForStaff(event);
	if (!staff.manager) error(403, 'forbidden', { code: 'forbidden' });
	return staff;
}
