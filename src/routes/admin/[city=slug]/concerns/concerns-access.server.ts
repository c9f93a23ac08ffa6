/**
 * The first steps of the office's concerns pages: a signed-in member of the city's staff (the
 * layout's check), then the concerns policy — the city's admins see everything, officers only
 * the cases assigned to them, the network admin none (it reads no one's case): 403.
 */
import { error, type RequestEvent } from '@sveltejs/kit';
import { canManageConcerns, canOpenConcernQueue } from '#lib/server/concerns/concerns.policy.ts';
import { cityForStaff, type StaffCity } from '../staff-access.server.ts';

type Event = Pick<RequestEvent, 'locals' | 'url'> & { request?: Request; params: { city?: string } };

export async function concernsStaff(event: Event): Promise<StaffCity & { office: boolean }> {
	const staff = await cityForStaff(event);
	if (!canOpenConcernQueue(staff.actor, staff.city.id)) error(403, 'forbidden', { code: 'forbidden' });
	return { ...staff, office: canManageConcerns(staff.actor, staff.city.id) };
}

/** Only the office (the city's admins). */
export async function concernsOffice(event: Event): Promise<StaffCity & { office: boolean }> {
	const staff = await concernsStaff(event);
	if (!staff.office) error(403, 'forbidden', { code: 'forbidden' });
	return staff;
}
