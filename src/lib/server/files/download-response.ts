// A stored file (evidence of a progress update, a practice's attachment, an event's material) as a
// download: its checked content type, always as an attachment (never rendered in the site's
// origin), a CSP that allows nothing, no sniffing, revalidated each time (a withdrawn or removed
// file must stop being served), a weak ETag from its SHA-256 (weak: a text file may be gzipped on
// the way out, which changes the bytes).
import { contentDisposition } from './content-disposition.ts';
import { downloadName } from './file-type.ts';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface StoredDownload {
	body: ReadableStream<Uint8Array>;
	fileName: string;
	contentType: string;
	size: number | null;
	sha256: string | null;
}

/**
 * `visibility`: 'public' when anyone may read the file (shared caches may keep it, revalidating),
 * 'private' when only some readers may (practitioners' files).
 */
export async function downloadResponse(file: StoredDownload, request: Request, visibility: 'public' | 'private' = 'private'): Promise<Response> {
	const headers = new Headers({
		'content-type': file.contentType,
		'content-disposition': contentDisposition(downloadName(file.fileName, file.contentType)),
		'x-content-type-options': 'nosniff',
		'content-security-policy': "default-src 'none'; sandbox",
		'cross-origin-resource-policy': 'same-origin',
		'cache-control': visibility === 'public' ? 'no-cache' : 'private, no-cache'
	});
	if (file.size !== null) headers.set('content-length', String(file.size));
	if (file.sha256) {
		const etag = `W/"${file.sha256}"`;
		headers.set('etag', etag);
		if (request.headers.get('if-none-match')?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag.slice(2))) {
			await file.body.cancel();
			headers.delete('content-length');
			return new Response(null, { status: 304, headers });
		}
	}
	return new Response(file.body, { headers });
}
