// The city's whole ledger as one JSON document, streamed from the database (flat memory for any
// length). Append-only, so any copy is a valid prefix of the chain: a short public cache, and
// an ETag built from the head hash makes re-downloading an unchanged ledger a cheap 304.
import { createHash } from 'node:crypto';
import type { RequestHandler } from './$types';
import { cityOf } from '../city.server.ts';
import { readLedgerHead } from '#lib/server/ledger/ledger.service.ts';
import { LEDGER_FORMAT, ledgerDocumentStream } from '#lib/server/ledger/ledger-document.ts';

export const GET: RequestHandler = async ({ locals, params, request }) => {
	const city = await cityOf({ locals, params });
	const head = await readLedgerHead(locals.db, city.id);
	// The head names the chain; the city part changes the tag when the city is renamed.
	const cityPart = createHash('sha256').update(`${LEDGER_FORMAT}\n${city.id}\n${city.slug}\n${city.displayName}`).digest('hex').slice(0, 12);
	// Weak: the same document is sent gzipped or not.
	const etag = `W/"${head.seq}-${head.hash}-${cityPart}"`;
	// A browser opening the file directly may get the CSRF cookie set by the hooks: keep such
	// answers out of shared caches.
	const navigation = request.headers.get('accept')?.includes('text/html') ?? false;
	const headers = new Headers({
		'content-type': 'application/json; charset=utf-8',
		'cache-control': `${navigation ? 'private' : 'public'}, max-age=60`,
		etag,
		'x-ledger-head-seq': String(head.seq),
		'x-ledger-head-hash': head.hash,
		'content-disposition': `inline; filename="${city.slug}-ledger-${head.seq}.json"`,
		vary: 'Accept-Encoding'
	});
	if (matchesEtag(request.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers });
	const document = ledgerDocumentStream(locals.db, { id: city.id, slug: city.slug, name: city.displayName }, head);
	if (request.method === 'HEAD') {
		await document.cancel();
		return new Response(null, { headers });
	}
	if (!/\bgzip\b/.test(request.headers.get('accept-encoding') ?? '')) return new Response(document, { headers });
	// Compressed as it streams (the hooks' whole-body gzip would hold the document in memory).
	headers.set('content-encoding', 'gzip');
	return new Response(document.pipeThrough(new CompressionStream('gzip')), { headers });
};

/** If-None-Match holds `*` or a list of tags, compared weakly (RFC 9110, 13.1.2). */
function matchesEtag(ifNoneMatch: string | null, etag: string): boolean {
	if (!ifNoneMatch) return false;
	const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
	return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}
