// The network's public signing keys (JWK set, retired ones included so old badges still verify):
// anyone checks a badge's signature with these.
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { listPublicKeys } from '#lib/server/standards/results.service.ts';

export const GET: RequestHandler = async ({ locals }) => {
	const keys = await listPublicKeys(locals.db);
	return json({ keys }, { headers: { 'cache-control': 'public, max-age=300' } });
};
