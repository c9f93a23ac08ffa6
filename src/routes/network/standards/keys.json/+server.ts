// The network's public signing keys (JWK set, retired ones included so old badges still verify):
// anyone checks a badge's signature with these. Kept by the render cache and shared caches, which
// revalidate every time (ETag): a rotated key is in the network's ledger, which renews the page.
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { PUBLIC_CACHE_CONTROL } from '#lib/server/http/page-cache.ts';
import { listPublicKeys } from '#lib/server/standards/results.service.ts';

export const GET: RequestHandler = async ({ locals }) => {
	const keys = await listPublicKeys(locals.db);
	return json({ keys }, { headers: { 'cache-control': PUBLIC_CACHE_CONTROL } });
};
