// One file among an event's materials, for those who may see the event and the material's layer
// (a practitioners-only file is 404 for everyone else, as an unknown one is).
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { viewerOf } from '#lib/server/network/membership.service.ts';
import { openMaterial } from '#lib/server/network/events.service.ts';
import { downloadResponse, UUID } from '#lib/server/files/download-response.ts';

export const GET: RequestHandler = async ({ locals, params, request }) => {
	const id = params.id.toLowerCase();
	if (!UUID.test(id)) error(404, 'material_not_found', { code: 'material_not_found' });
	const viewer = await viewerOf(locals.db, locals.actor);
	return downloadResponse(await orHttpError(() => openMaterial(locals.db, locals.files, viewer, params.ref, id)), request);
};
