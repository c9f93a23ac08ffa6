/**
 * Gzip for server-rendered text (HTML, JSON, SVG, CSV): pages are several times smaller on a
 * slow phone connection. Static files are precompressed at build time and never pass here.
 */
const COMPRESSIBLE = /^(text\/|application\/(json|xml|javascript)|image\/svg\+xml)/;

export function compressResponse(request: Request, response: Response): Response {
	const type = response.headers.get('content-type') ?? '';
	if (
		!response.body ||
		request.method === 'HEAD' ||
		response.status === 204 ||
		response.status === 304 ||
		response.headers.has('content-encoding') ||
		!COMPRESSIBLE.test(type) ||
		!/\bgzip\b/.test(request.headers.get('accept-encoding') ?? '')
	) {
		return response;
	}
	const headers = new Headers(response.headers);
	headers.set('content-encoding', 'gzip');
	headers.delete('content-length');
	headers.append('vary', 'Accept-Encoding');
	return new Response(response.body.pipeThrough(new CompressionStream('gzip')), {
		status: response.status,
		statusText: response.statusText,
		headers
	});
}
