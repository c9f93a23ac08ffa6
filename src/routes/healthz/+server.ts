// Health check for load balancers and operators: 200 when the database answers, else 503.
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { pingDatabase } from '#lib/server/db/database.ts';

export const GET: RequestHandler = async ({ locals }) => {
	const started = performance.now();
	const ok = await pingDatabase(locals.db);
	return json(
		{ status: ok ? 'ok' : 'unavailable', database: { dialect: locals.dialect, ok, ms: Math.round((performance.now() - started) * 10) / 10 } },
		{ status: ok ? 200 : 503, headers: { 'cache-control': 'no-store' } }
	);
};
