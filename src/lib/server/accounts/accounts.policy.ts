/**
 * Who may do what in the accounts module. Tenant check first: a city admin acts on their own
 * city only; the network admin manages cities and their admins.
 */
import { isCityAdmin, isNetworkAdmin, hasRole, type MaybeActor } from './actor.ts';
import type { CityRole } from './accounts.tables.ts';

/** Open a city's admin area (people, census, profile, audit). */
export function canAdministerCity(actor: MaybeActor, cityId: string): boolean {
	return isCityAdmin(actor, cityId) || isNetworkAdmin(actor);
}

/** Grant or revoke a role in a city. Only the network admin hands out city_admin. */
export function canManageRole(actor: MaybeActor, cityId: string, role: CityRole): boolean {
	if (isNetworkAdmin(actor)) return true;
	if (!isCityAdmin(actor, cityId)) return false;
	return role !== 'city_admin';
}

/** Record that a person was verified in person (an officer or admin of that city). */
export function canVerifyInPerson(actor: MaybeActor, cityId: string): boolean {
	return isCityAdmin(actor, cityId) || hasRole(actor, cityId, 'officer');
}

export function canReadAudit(actor: MaybeActor, cityId: string): boolean {
	return canAdministerCity(actor, cityId);
}

export function canManageNetwork(actor: MaybeActor): boolean {
	return isNetworkAdmin(actor);
}
