/**
 * Who may do what with indicators. Tenant check first: an actor acts on a city's indicators only
 * through a role in that city (or as the network admin). Reading published indicators needs no
 * policy: they are public.
 */
import { hasRole, isCityAdmin, isNetworkAdmin, type MaybeActor } from '../accounts/index.ts';
import { forbidden } from '../errors.ts';

/** Create, edit, delete and link indicator definitions; adopt library indicators. */
export function canManageIndicators(actor: MaybeActor, cityId: string): boolean {
	if (!actor) return false;
	if (isNetworkAdmin(actor)) return true;
	return isCityAdmin(actor, cityId);
}

/** Record, correct and delete observations (also by import). */
export function canRecordObservations(actor: MaybeActor, cityId: string): boolean {
	if (!actor) return false;
	if (isNetworkAdmin(actor)) return true;
	return isCityAdmin(actor, cityId) || hasRole(actor, cityId, 'officer');
}

/**
 * Throws `DomainError('forbidden')` unless the rule allows the actor.
 *
 * @example assertAllowed(canManageIndicators(actor, cityId));
 */
export function assertAllowed(allowed: boolean): void {
	if (!allowed) throw forbidden();
}
