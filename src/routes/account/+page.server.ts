// The signed-in person's account: profile and language, password, residence verification per
// city, sessions ("sign out everywhere"), download of their data, deletion of the account.
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { changePassword, deleteAccount, updateProfile } from '#lib/server/accounts/accounts.service.ts';
import { changePasswordSchema, censusClaimSchema, deleteAccountSchema, parseForm, profileSchema } from '#lib/server/accounts/accounts.schema.ts';
import { claimCensusVerification } from '#lib/server/accounts/census.service.ts';
import { endAllSessions, SESSION_COOKIE } from '#lib/server/accounts/sessions.service.ts';
import { formFailure, invalid, requireActor } from '#lib/server/http/forms.ts';
import { AUTONYMS, LOCALES } from '#lib/i18n/locales.ts';
import { describeAccount } from './account-view.server.ts';
import { clearSessionCookie, nameMissingPasswords, noticeOf, rememberLocale, requestContext, setSessionCookie } from './account.server.ts';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const { locals, cookies, url } = event;
	return {
		account: await describeAccount(locals.db, actor, cookies.get(SESSION_COOKIE), locals.locale),
		languages: LOCALES.map((locale) => ({ locale, name: AUTONYMS[locale] })),
		notice: noticeOf(url)
	};
};

export const actions = {
	profile: async (event) => {
		const actor = requireActor(event);
		const form = await event.request.formData();
		const parsed = parseForm(profileSchema, form);
		if (!parsed.ok) return invalid(parsed.errors, form, { intent: 'profile' });
		await updateProfile(event.locals.db, actor, parsed.data);
		rememberLocale(event.cookies, event.url, parsed.data.preferredLocale);
		redirect(303, '/account?notice=profile_saved');
	},

	password: async (event) => {
		const actor = requireActor(event);
		const form = await event.request.formData();
		const parsed = parseForm(changePasswordSchema, form);
		if (!parsed.ok) return invalid(nameMissingPasswords(parsed.errors), form, { intent: 'password' });
		let session: { token: string; expiresAt: Date };
		try {
			session = await changePassword(event.locals.db, actor, parsed.data, requestContext(event));
		} catch (error) {
			return formFailure(error, form, { intent: 'password' });
		}
		setSessionCookie(event.cookies, event.url, session);
		redirect(303, '/account?notice=password_changed');
	},

	census: async (event) => {
		const actor = requireActor(event);
		const form = await event.request.formData();
		const parsed = parseForm(censusClaimSchema, form);
		if (!parsed.ok) return invalid(parsed.errors, form, { intent: 'census' });
		try {
			await claimCensusVerification(event.locals.db, actor, String(form.get('city') ?? ''), parsed.data.identifier, requestContext(event));
		} catch (error) {
			return formFailure(error, form, { intent: 'census' });
		}
		redirect(303, '/account?notice=census_verified');
	},

	signoutEverywhere: async (event) => {
		const actor = requireActor(event);
		await endAllSessions(event.locals.db, actor.personId);
		clearSessionCookie(event.cookies, event.url);
		redirect(303, '/signin?notice=signed_out_everywhere');
	},

	delete: async (event) => {
		const actor = requireActor(event);
		const form = await event.request.formData();
		const parsed = parseForm(deleteAccountSchema, form);
		if (!parsed.ok) return invalid(parsed.errors, form, { intent: 'delete' });
		try {
			await deleteAccount(event.locals.db, actor, parsed.data.password, requestContext(event));
		} catch (error) {
			return formFailure(error, form, { intent: 'delete' });
		}
		clearSessionCookie(event.cookies, event.url);
		redirect(303, '/signout?notice=account_deleted');
	}
} satisfies Actions;
