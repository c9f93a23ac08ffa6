// Choose a new password from a mailed one-time link. An unknown or used link answers 400, an
// expired one 410, with a page that offers a new link (see +error.svelte).
import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { checkResetToken, resetPassword } from '#lib/server/accounts/accounts.service.ts';
import { parseForm, resetPasswordSchema } from '#lib/server/accounts/accounts.schema.ts';
import { isDomainError } from '#lib/server/errors.ts';
import { formFailure, invalid } from '#lib/server/http/forms.ts';
import { requestContext } from '../../account/account.server.ts';

/** A dead link as an error page: 410 Gone when it expired, 400 when it never was or was used. */
function deadLink(caught: unknown): never {
	if (isDomainError(caught, 'reset_token_expired')) error(410, 'Link expired', { code: 'reset_token_expired' });
	if (isDomainError(caught, 'reset_token_invalid')) error(400, 'Link not valid', { code: 'reset_token_invalid' });
	throw caught;
}

export const load: PageServerLoad = async ({ locals, params, setHeaders }) => {
	// The token is in the address: keep the page out of every cache.
	setHeaders({ 'cache-control': 'no-store' });
	try {
		await checkResetToken(locals.db, params.token);
	} catch (caught) {
		deadLink(caught);
	}
	return {};
};

export const actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const parsed = parseForm(resetPasswordSchema, form);
		// The only field is the new password: say so when it is missing.
		if (!parsed.ok) return invalid(parsed.errors.password === 'password_required' ? { password: 'new_password_required' } : parsed.errors, form);
		try {
			await resetPassword(event.locals.db, event.params.token, parsed.data.password, requestContext(event));
		} catch (caught) {
			if (isDomainError(caught, 'reset_token_expired') || isDomainError(caught, 'reset_token_invalid')) deadLink(caught);
			return formFailure(caught, form);
		}
		redirect(303, '/signin?notice=password_reset');
	}
} satisfies Actions;
