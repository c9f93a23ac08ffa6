// "Download my data": everything the platform holds about the signed-in person, as a JSON file.
import type { RequestHandler } from './$types';
import { exportMyData } from '#lib/server/accounts/accounts.service.ts';
import { m } from '#lib/i18n/messages.ts';

export const GET: RequestHandler = async ({ locals }) => {
	const headers = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };
	if (!locals.actor) {
		return new Response(JSON.stringify({ error: 'unauthenticated', message: m.error_unauthenticated() }), { status: 401, headers });
	}
	const data = await exportMyData(locals.db, locals.actor);
	const date = data.exportedAt.slice(0, 10);
	return new Response(JSON.stringify(data, null, 2), {
		headers: { ...headers, 'content-disposition': `attachment; filename="rightscity-my-data-${date}.json"` }
	});
};
