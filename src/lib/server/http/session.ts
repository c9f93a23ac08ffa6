/**
 * Who is signed in: the session cookie becomes `locals.actor` (null for a visitor). A tampered,
 * expired or revoked cookie simply means "signed out", and the dead cookie is deleted. Pages
 * can then show who is signed in, so no shared cache may keep them.
 */
import type { Handle } from '@sveltejs/kit/hooks';
import { resolveSession, SESSION_COOKIE } from '../accounts/index.ts';

export const sessionHandle: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(SESSION_COOKIE);
	const session = token ? await resolveSession(event.locals.db, token) : null;
	if (token && !session) event.cookies.delete(SESSION_COOKIE, { path: '/', secure: event.url.protocol === 'https:' });
	event.locals.actor = session?.actor ?? null;

	const response = await resolve(event);
	// A signed-in visitor's page is theirs, also where the route let anonymous pages be shared.
	if (isPage(response) && (session || !response.headers.has('cache-control'))) response.headers.set('cache-control', 'private, no-cache');
	return response;
};

function isPage(response: Response): boolean {
	return response.headers.get('content-type')?.startsWith('text/html') ?? false;
}
