/**
 * Who may do what with commitments, tenant check first. City admins (and the network admin)
 * manage declarations, departments, plans, commitments and actions; an officer updates only the
 * actions of their own department (or that they lead) and records progress on them.
 *
 * @example canEditAction(actor, cityId, { departmentCodes: ['housing'], leadOfficerId: null })
 */
import { hasRole, isNetworkAdmin, type MaybeActor, canAdministerCity } from '../accounts/index.ts';

export function canManageCommitments(actor: MaybeActor, cityId: string): boolean {
	return canAdministerCity(actor, cityId);
}

/** Staff of the city: may open the commitments admin pages (what they may change is finer). */
export function canOpenStaffArea(actor: MaybeActor, cityId: string): boolean {
	return canAdministerCity(actor, cityId) || hasRole(actor, cityId, 'officer');
}

function normalise(text: string): string {
	return text.trim().toLocaleLowerCase('en');
}

/** The departments (by code and names) an officer belongs to in the city, normalised. */
export function officerDepartments(actor: MaybeActor, cityId: string): string[] {
	return (actor?.roles ?? []).filter((held) => held.cityId === cityId && held.role === 'officer' && held.department).map((held) => normalise(held.department!));
}

export interface ActionResponsibility {
	/** Codes and names (any locale) of the action's departments. */
	departmentKeys: string[];
	leadOfficerId: string | null;
}

/** An officer is responsible when they lead the action or their department is one of its departments. */
export function isResponsibleOfficer(actor: MaybeActor, cityId: string, action: ActionResponsibility): boolean {
	if (!actor || !hasRole(actor, cityId, 'officer')) return false;
	if (action.leadOfficerId === actor.personId) return true;
	const mine = new Set(officerDepartments(actor, cityId));
	return action.departmentKeys.some((key) => mine.has(normalise(key)));
}

export function canEditAction(actor: MaybeActor, cityId: string, action: ActionResponsibility): boolean {
	if (!actor) return false;
	if (canAdministerCity(actor, cityId)) return true;
	return isResponsibleOfficer(actor, cityId, action);
}

/** Progress is recorded by the responsible officer or a city admin (not the network admin: it is the city's own account). */
export function canRecordProgress(actor: MaybeActor, cityId: string, action: ActionResponsibility): boolean {
	if (!actor) return false;
	if (hasRole(actor, cityId, 'city_admin')) return true;
	if (isNetworkAdmin(actor) && !actor.roles.some((held) => held.cityId === cityId)) return false;
	return isResponsibleOfficer(actor, cityId, action);
}
