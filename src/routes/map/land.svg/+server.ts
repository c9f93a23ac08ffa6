// The land of the world map as one SVG image: cached for a year under its versioned URL
// (`?v=<hash>`, which pages link to), revalidated by ETag otherwise.
import type { RequestHandler } from './$types';
import { landSvg } from '#lib/server/cities/map.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const UNVERSIONED = 'public, max-age=3600';

export const GET: RequestHandler = ({ request, url }) => {
	const { svg, hash } = landSvg();
	// Weak: the hooks may gzip the body, and a strong tag would then name two different byte streams.
	const etag = `W/"${hash}"`;
	const headers = {
		'content-type': 'image/svg+xml',
		'cache-control': url.searchParams.get('v') === hash ? IMMUTABLE : UNVERSIONED,
		etag
	};
	if (matchesEtag(request.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers });
	return new Response(svg, { headers });
};

/** If-None-Match holds `*` or a list of tags, compared weakly (RFC 9110, 13.1.2). */
function matchesEtag(ifNoneMatch: string | null, etag: string): boolean {
	if (!ifNoneMatch) return false;
	const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
	return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}
