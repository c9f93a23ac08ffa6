// The consultation of a desk address (a process with a consultation phase on a plan), for the
// city's admins only; a bad or unknown reference is a 404.
import { error, type RequestEvent } from '@sveltejs/kit';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { getProcessByRef } from '#lib/server/participation/processes.service.ts';
import { canManageParticipation } from '#lib/server/participation/participation.policy.ts';
import { cityForAdmin } from '../../city-access.server.ts';

const REF = /^PP-\d{1,9}$/;

export async function openConsultation(event: Pick<RequestEvent, 'locals' | 'url'> & { params: { city?: string; ref?: string } }) {
	const { actor, city } = await cityForAdmin(event);
	if (!canManageParticipation(actor, city.id)) error(403, 'forbidden', { code: 'forbidden' });
	if (!REF.test(event.params.ref ?? '')) error(404, 'process_not_found', { code: 'not_found' });
	const process = await orHttpError(() => getProcessByRef(event.locals.db, city.id, event.params.ref ?? ''));
	if (!process.planId || !process.phases.some((phase) => phase.kind === 'consultation')) error(404, 'process_not_found', { code: 'not_found' });
	return { actor, city, process };
}
