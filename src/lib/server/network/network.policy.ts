/**
 * Who may do what in the network, tenant check first. The central idea is the **practitioner**:
 * someone who works on a human rights city for a member of the network, and so may read the
 * practitioners-only layer of the knowledge centre, take part in the dialogue and register for
 * practitioners' events. A practitioner is
 *
 * 1. the network admin;
 * 2. city staff — an officer or a city admin — of a city that is an active member or guest of
 *    the network (a suspended or former member's staff are not);
 * 3. a person the network admin granted it (staff of an associate member, a researcher, …).
 *
 * Residents and CSO members of a city are not practitioners by their role (they read the public
 * layer). The policies below are pure: the facts come as a `Viewer` (network.viewer.ts).
 *
 * @example
 *   const viewer = await viewerOf(db, actor);
 *   if (!canReadLayer(viewer, practice.layer)) throw new DomainError('practice_not_found');
 */
import { canAdministerCity, hasRole, isNetworkAdmin, type MaybeActor } from '../accounts/index.ts';
import type { Layer } from './network.tables.ts';

export interface Viewer {
	actor: MaybeActor;
	/** Cities (ids) where the actor is staff and that are active members or guests. */
	memberStaffCities: readonly string[];
	/** Granted practitioner access by the network admin. */
	granted: boolean;
	practitioner: boolean;
}

export const ANONYMOUS: Viewer = { actor: null, memberStaffCities: [], granted: false, practitioner: false };

/** City staff: an officer or city admin of the city (the roles that count for a practitioner). */
export function isCityStaff(actor: MaybeActor, cityId: string): boolean {
	return hasRole(actor, cityId, 'city_admin') || hasRole(actor, cityId, 'officer');
}

/** The practitioner rule itself, from the facts: see the module comment. */
export function isPractitioner(actor: MaybeActor, activeMemberCities: ReadonlySet<string>, granted: boolean): boolean {
	if (!actor) return false;
	if (isNetworkAdmin(actor)) return true;
	if (granted) return true;
	return actor.roles.some((held) => (held.role === 'city_admin' || held.role === 'officer') && activeMemberCities.has(held.cityId));
}

/** The layers a viewer reads (and searches): practitioners see both. */
export function layersFor(viewer: Viewer): Layer[] {
	return viewer.practitioner ? ['public', 'practitioners'] : ['public'];
}

export function canReadLayer(viewer: Viewer, layer: Layer): boolean {
	return layer === 'public' || viewer.practitioner;
}

/** Decide on requests, suspend and reinstate members, grant practitioner access, moderate. */
export function canManageNetwork(viewer: Viewer): boolean {
	return isNetworkAdmin(viewer.actor);
}

/** Ask for membership (or a mentor) for a city, end its membership: its city admin or the network admin. */
export function canActForCity(actor: MaybeActor, cityId: string): boolean {
	return canAdministerCity(actor, cityId);
}

/** Write and publish a city's good practices: its staff (officers, city admins) or the network admin. */
export function canManagePractices(actor: MaybeActor, cityId: string): boolean {
	return isCityStaff(actor, cityId) || isNetworkAdmin(actor);
}

/** See a pairing's notes and meeting notes, post in its thread: staff of either city, or the network admin. */
export function isPairingParticipant(actor: MaybeActor, pairing: { menteeCityId: string; mentorCityId: string }): boolean {
	return isCityStaff(actor, pairing.menteeCityId) || isCityStaff(actor, pairing.mentorCityId) || isNetworkAdmin(actor);
}

/** Read a pairing's meeting notes: staff of the two cities only (the notes are theirs). */
export function isPairingCityStaff(actor: MaybeActor, pairing: { menteeCityId: string; mentorCityId: string }): boolean {
	return isCityStaff(actor, pairing.menteeCityId) || isCityStaff(actor, pairing.mentorCityId);
}

/** Read a thread: its layer decides; a pairing's thread is for the pairing's participants. */
export function canReadThread(viewer: Viewer, thread: { layer: Layer | 'participants' }, pairing?: { menteeCityId: string; mentorCityId: string }): boolean {
	if (thread.layer === 'participants') return pairing !== undefined && viewer.practitioner && isPairingParticipant(viewer.actor, pairing);
	return canReadLayer(viewer, thread.layer);
}

/** Start a thread or reply: practitioners only, who may read it; a locked thread takes posts from moderators only. */
export function canPost(viewer: Viewer, thread: { layer: Layer | 'participants'; locked: boolean }, pairing?: { menteeCityId: string; mentorCityId: string }): boolean {
	if (!viewer.practitioner || !canReadThread(viewer, thread, pairing)) return false;
	return !thread.locked || canManageNetwork(viewer);
}

/** Create and change events, add materials: the network admin. */
export function canManageEvents(viewer: Viewer): boolean {
	return canManageNetwork(viewer);
}

/** Add and remove an event's materials: the network admin, or the staff of the city that hosts it (the organiser). */
export function canManageMaterials(viewer: Viewer, event: { host_city_id: string | null }): boolean {
	return canManageEvents(viewer) || (event.host_city_id !== null && isCityStaff(viewer.actor, event.host_city_id));
}

/** Register for an event: anyone signed in for a public event, practitioners for a practitioners' event. */
export function canRegister(viewer: Viewer, event: { audience: Layer }): boolean {
	return viewer.actor !== null && !viewer.actor.system && canReadLayer(viewer, event.audience);
}
