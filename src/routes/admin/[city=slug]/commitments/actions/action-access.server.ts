/**
 * Opening one action of the staff area: the staff member's city, the action by its reference
 * (404 if none), and whether they may edit it (city admins, the network admin, the responsible
 * officer; else 403) and record progress on it (not the network admin: it is the city's account).
 */
import { error, type RequestEvent } from '@sveltejs/kit';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { getActionByRef, responsibilityOf } from '#lib/server/commitments/actions.service.ts';
import { canEditAction, canRecordProgress } from '#lib/server/commitments/commitments.policy.ts';
import type { Action } from '#lib/server/commitments/commitments.types.ts';
import { cityForStaff, type StaffCity } from '../../staff-access.server.ts';

export interface EditableAction extends StaffCity {
	action: Action;
	canRecord: boolean;
}

export async function editableAction(event: Pick<RequestEvent, 'locals' | 'url'> & { request?: Request; params: { city?: string; ref?: string } }): Promise<EditableAction> {
	const staff = await cityForStaff(event);
	const db = event.locals.db;
	const action = await orHttpError(() => getActionByRef(db, staff.city.id, event.params.ref ?? ''));
	const responsibility = await responsibilityOf(db, staff.city.id, action);
	if (!canEditAction(staff.actor, staff.city.id, responsibility)) error(403, 'forbidden', { code: 'forbidden' });
	return { ...staff, action, canRecord: canRecordProgress(staff.actor, staff.city.id, responsibility) };
}
