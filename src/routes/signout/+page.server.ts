// Sign out: a POST ends this browser's session (the header's button posts here too); a GET
// shows the button, or says that nobody is signed in.
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { endSession, SESSION_COOKIE } from '#lib/server/accounts/sessions.service.ts';
import { clearSessionCookie, noticeOf } from '../account/account.server.ts';

export const load: PageServerLoad = ({ locals, url }) => {
	return { name: locals.actor?.displayName, notice: noticeOf(url) };
};

export const actions = {
	default: async ({ cookies, locals, url }) => {
		await endSession(locals.db, cookies.get(SESSION_COOKIE));
		clearSessionCookie(cookies, url);
		redirect(303, '/signout');
	}
} satisfies Actions;
