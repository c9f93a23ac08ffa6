// Ask for a password reset link. The answer is the same whether or not an account exists, so
// the page cannot be used to find out who has an account.
import type { Actions } from './$types';
import { requestPasswordReset } from '#lib/server/accounts/accounts.service.ts';
import { parseForm, resetRequestSchema } from '#lib/server/accounts/accounts.schema.ts';
import { formFailure, invalid } from '#lib/server/http/forms.ts';
import { mailContext, mailTexts } from '../account/account.server.ts';

export const actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const parsed = parseForm(resetRequestSchema, form);
		if (!parsed.ok) return invalid(parsed.errors, form);
		try {
			await requestPasswordReset(event.locals.db, parsed.data.email, mailContext(event), mailTexts(event.locals.locale));
		} catch (error) {
			return formFailure(error, form);
		}
		return { sent: true as const, email: parsed.data.email };
	}
} satisfies Actions;
