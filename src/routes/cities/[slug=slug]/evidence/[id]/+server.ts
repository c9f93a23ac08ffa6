// Downloads one evidence file of a live progress update, as stored: its checked content type,
// always as an attachment (never rendered in the page's origin), with a CSP that allows nothing
// and no sniffing. Unknown, withdrawn or missing files are 404.
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { cityOf } from '../../city.server.ts';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { openEvidenceFile } from '#lib/server/commitments/progress.service.ts';
import { downloadResponse, UUID } from '#lib/server/files/download-response.ts';

export const GET: RequestHandler = async ({ locals, params, request }) => {
	const id = params.id.toLowerCase();
	if (!UUID.test(id)) error(404, 'evidence_not_found', { code: 'not_found' });
	const city = await cityOf({ locals, params });
	const file = await orHttpError(() => openEvidenceFile(locals.db, locals.files, city.id, id));
	// Public, but a withdrawn update must stop being served: caches revalidate every time.
	return downloadResponse(file, request, 'public');
};
