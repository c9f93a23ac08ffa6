// Confirm the e-mail address from the mailed link. Opening the link only shows a button: mail
// scanners that open links must not use up the one-time token; the button's POST confirms.
import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { confirmEmail } from '#lib/server/accounts/accounts.service.ts';
import { isDomainError } from '#lib/server/errors.ts';
import { requestContext } from '../../account/account.server.ts';

export const load: PageServerLoad = ({ setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	return {};
};

export const actions = {
	default: async (event) => {
		try {
			await confirmEmail(event.locals.db, event.params.token, requestContext(event));
		} catch (caught) {
			if (isDomainError(caught, 'reset_token_expired')) error(410, 'Link expired', { code: 'reset_token_expired' });
			if (isDomainError(caught, 'reset_token_invalid')) error(400, 'Link not valid', { code: 'reset_token_invalid' });
			throw caught;
		}
		if (event.locals.actor) redirect(303, '/account?notice=email_confirmed');
		return { confirmed: true as const };
	}
} satisfies Actions;
