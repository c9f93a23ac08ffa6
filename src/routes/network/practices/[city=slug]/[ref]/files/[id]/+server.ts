// One file of a good practice, for those who may read the practice and the file's layer (a
// practitioners-only file is 404 for everyone else, as an unknown one is).
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { findCityBySlug } from '#lib/server/cities/index.ts';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { viewerOf } from '#lib/server/network/membership.service.ts';
import { openAttachment } from '#lib/server/network/practices.service.ts';
import { downloadResponse, UUID } from '#lib/server/files/download-response.ts';

export const GET: RequestHandler = async ({ locals, params, request }) => {
	const id = params.id.toLowerCase();
	const city = await findCityBySlug(locals.db, params.city);
	if (!city || !UUID.test(id)) error(404, 'attachment_not_found', { code: 'attachment_not_found' });
	const viewer = await viewerOf(locals.db, locals.actor);
	return downloadResponse(await orHttpError(() => openAttachment(locals.db, locals.files, viewer, city.id, params.ref, id)), request);
};
