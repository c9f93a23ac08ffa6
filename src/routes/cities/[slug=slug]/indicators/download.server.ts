/**
 * A streamed download of an indicator export: the text chunks of an export service as UTF-8,
 * gzipped as they stream when the client accepts it (the hooks' whole-body gzip would hold the
 * file in memory), named by Content-Disposition. Briefly cacheable, privately when a browser
 * opens it directly (that answer may carry the CSRF cookie).
 */
import { toByteStream } from '#lib/server/csv/index.ts';

export const CSV = 'text/csv; charset=utf-8';
/** The media type registered for SDMX-CSV 2.0 data messages. */
export const SDMX_CSV = 'application/vnd.sdmx.data+csv; version=2.0.0; charset=utf-8';
/** The media type registered for SDMX-ML 3.0 structure messages. */
export const SDMX_STRUCTURE = 'application/vnd.sdmx.structure+xml; version=3.0.0; charset=utf-8';
export const JSON_TYPE = 'application/json; charset=utf-8';

export function download(request: Request, chunks: AsyncIterable<string>, options: { type: string; filename: string }): Response {
	const navigation = request.headers.get('accept')?.includes('text/html') ?? false;
	const headers = new Headers({
		'content-type': options.type,
		'content-disposition': `attachment; filename="${options.filename}"`,
		'cache-control': `${navigation ? 'private' : 'public'}, max-age=60`,
		'x-content-type-options': 'nosniff',
		vary: 'Accept-Encoding'
	});
	const body = toByteStream(chunks);
	if (request.method === 'HEAD') {
		void body.cancel();
		return new Response(null, { headers });
	}
	if (!/\bgzip\b/.test(request.headers.get('accept-encoding') ?? '')) return new Response(body, { headers });
	headers.set('content-encoding', 'gzip');
	// The DOM typings of CompressionStream take any BufferSource; the bytes here are Uint8Arrays.
	const gzip = new CompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>;
	return new Response(body.pipeThrough(gzip), { headers });
}
