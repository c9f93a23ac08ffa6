/**
 * Gzip for server-rendered text (HTML, JSON, SVG, CSV): pages are several times smaller on a
 * slow phone connection. Static files are precompressed at build time and never pass here.
 * Bodies are rendered whole, so they are compressed in one go on the thread pool (much cheaper
 * than a web CompressionStream); tiny bodies are sent as they are.
 */
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Handle } from '@sveltejs/kit/hooks';

const gzipAsync = promisify(gzip);
const COMPRESSIBLE = /^(text\/|application\/(json|xml|javascript)|image\/svg\+xml)/;
const MIN_BYTES = 1024;

/** Outermost handler: it compresses the finished response, headers and all. */
export const compressionHandle: Handle = async ({ event, resolve }) => compressResponse(event.request, await resolve(event));

export async function compressResponse(request: Request, response: Response): Promise<Response> {
	const type = response.headers.get('content-type') ?? '';
	if (
		!response.body ||
		request.method === 'HEAD' ||
		response.status === 204 ||
		response.status === 304 ||
		response.headers.has('content-encoding') ||
		!COMPRESSIBLE.test(type) ||
		// Streamed downloads (exports) keep streaming; they set their own length or none.
		response.headers.has('x-stream') ||
		!/\bgzip\b/.test(request.headers.get('accept-encoding') ?? '')
	) {
		return response;
	}
	const body = new Uint8Array(await response.arrayBuffer());
	const headers = new Headers(response.headers);
	if (body.byteLength < MIN_BYTES) return new Response(body, { status: response.status, statusText: response.statusText, headers });
	const compressed = await gzipAsync(body, { level: 6 });
	headers.set('content-encoding', 'gzip');
	headers.set('content-length', String(compressed.byteLength));
	headers.append('vary', 'Accept-Encoding');
	return new Response(compressed, { status: response.status, statusText: response.statusText, headers });
}
