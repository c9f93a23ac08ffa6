// Every page: server-rendered, no client-side JavaScript needed (forms and links do the work).
import type { LayoutServerLoad } from './$types';
import { AUTONYMS, LOCALES, textDirection } from '#lib/i18n/locales.ts';

export const csr = false;

export const load: LayoutServerLoad = ({ locals, url }) => {
	const languages = LOCALES.map((locale) => {
		const target = new URL(url);
		// After a form post the address still names the action (`?/upload`): links lead to the page.
		for (const key of [...target.searchParams.keys()]) if (key.startsWith('/')) target.searchParams.delete(key);
		target.searchParams.set('lang', locale);
		return { locale, name: AUTONYMS[locale], href: `${target.pathname}${target.search}`, current: locale === locals.locale };
	});
	const actor = locals.actor;
	return {
		locale: locals.locale,
		dir: textDirection(locals.locale),
		languages,
		path: url.pathname,
		csrf: locals.csrf,
		formProblem: locals.formProblem ?? null,
		viewer: actor
			? { displayName: actor.displayName, administers: actor.networkAdmin || actor.roles.some((role) => role.role === 'city_admin' || role.role === 'officer') }
			: null
	};
};
