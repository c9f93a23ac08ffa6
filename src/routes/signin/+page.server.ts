// Sign in with e-mail and password; then back to the page that asked (`?next=`, same site only).
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { signIn } from '#lib/server/accounts/accounts.service.ts';
import { parseForm, signInSchema } from '#lib/server/accounts/accounts.schema.ts';
import { formFailure, invalid } from '#lib/server/http/forms.ts';
import { noticeOf, requestContext, safeNext, setSessionCookie } from '../account/account.server.ts';

export const load: PageServerLoad = ({ locals, url }) => {
	const next = url.searchParams.get('next');
	if (locals.actor) redirect(303, safeNext(next));
	return { next: next ? safeNext(next) : undefined, notice: noticeOf(url) };
};

export const actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const next = safeNext(String(form.get('next') ?? ''));
		const parsed = parseForm(signInSchema, form);
		if (!parsed.ok) return invalid(parsed.errors, form);
		let session: { token: string; expiresAt: Date };
		try {
			session = await signIn(event.locals.db, parsed.data, requestContext(event));
		} catch (error) {
			return formFailure(error, form);
		}
		setSessionCookie(event.cookies, event.url, session);
		redirect(303, next);
	}
} satisfies Actions;
