/**
 * Who may do what with concerns, tenant check first. The city's human rights office is its city
 * admins: they see the whole triage queue, assign cases, issue Open311 keys and read every case.
 * An officer reads and works on only the cases assigned to them. The network admin runs the
 * platform but reads no one's case. Anyone may report, without an account.
 */
import { hasRole, isCityAdmin, type MaybeActor } from '../accounts/index.ts';

/** The case fields the policies look at. */
export interface CaseAccess {
	handlerId: string | null;
}

/** The human rights office: the city's admins (the demo seed and the CLI act as one). */
export function canManageConcerns(actor: MaybeActor, cityId: string): boolean {
	return isCityAdmin(actor, cityId);
}

/** Open the concerns staff area: the office, and officers (who see only their own cases). */
export function canOpenConcernQueue(actor: MaybeActor, cityId: string): boolean {
	return isCityAdmin(actor, cityId) || hasRole(actor, cityId, 'officer');
}

/** Read a case's personal data and work on it (reply, note, status): the office, or the officer it is assigned to. */
export function canHandleCase(actor: MaybeActor, cityId: string, kase: CaseAccess): boolean {
	if (!actor) return false;
	if (isCityAdmin(actor, cityId)) return true;
	return hasRole(actor, cityId, 'officer') && kase.handlerId === actor.personId;
}
