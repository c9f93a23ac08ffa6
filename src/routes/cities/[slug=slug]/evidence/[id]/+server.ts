// Downloads one evidence file of a live progress update, as stored: its checked content type,
// always as an attachment (never rendered in the page's origin), with a CSP that allows nothing
// and no sniffing. Unknown, withdrawn or missing files are 404.
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { cityOf } from '../../city.server.ts';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { openEvidenceFile } from '#lib/server/commitments/progress.service.ts';
import { contentDisposition } from './content-disposition.ts';
import { downloadName } from '#lib/server/files/file-type.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const GET: RequestHandler = async ({ locals, params, request }) => {
	const id = params.id.toLowerCase();
	if (!UUID.test(id)) error(404, { message: 'evidence_not_found', code: 'not_found' });
	const city = await cityOf({ locals, params });
	const file = await orHttpError(() => openEvidenceFile(locals.db, locals.files, city.id, id));
	const headers = new Headers({
		'content-type': file.contentType,
		'content-disposition': contentDisposition(downloadName(file.fileName, file.contentType)),
		'x-content-type-options': 'nosniff',
		'content-security-policy': "default-src 'none'; sandbox",
		'cross-origin-resource-policy': 'same-origin',
		// Public, but a withdrawn update must stop being served: caches revalidate every time.
		'cache-control': 'no-cache'
	});
	if (file.size !== null) headers.set('content-length', String(file.size));
	if (file.sha256) {
		// Weak: the response may be gzipped on the way out (text files), which changes the bytes.
		const etag = `W/"${file.sha256}"`;
		headers.set('etag', etag);
		if (request.headers.get('if-none-match')?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag.slice(2))) {
			await file.body.cancel();
			headers.delete('content-length');
			return new Response(null, { status: 304, headers });
		}
	}
	return new Response(file.body, { headers });
};
