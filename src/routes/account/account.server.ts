/**
 * What the account pages (sign-up, sign-in, sign-out, account, password reset, e-mail
 * confirmation) share: the session cookie, the request and mail context the services record,
 * the mail texts in the reader's language, the safe `?next=` target and the notices shown after
 * a redirect.
 */
import type { Cookies, RequestEvent } from '@sveltejs/kit';
import type { MailContext, MailTexts } from '#lib/server/accounts/accounts.service.ts';
import { SESSION_COOKIE, type RequestContext } from '#lib/server/accounts/sessions.service.ts';
import { clientIp } from '#lib/server/http/forms.ts';
import { LOCALE_COOKIE, type Locale } from '#lib/i18n/locales.ts';
import { m } from '#lib/i18n/messages.ts';

type Event = Pick<RequestEvent, 'url' | 'request' | 'getClientAddress' | 'locals'>;

/** Stores a new session in an HttpOnly cookie (sign-up, sign-in and password change rotate it). */
export function setSessionCookie(cookies: Cookies, url: URL, session: { token: string; expiresAt: Date }): void {
	cookies.set(SESSION_COOKIE, session.token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		expires: session.expiresAt
	});
}

export function clearSessionCookie(cookies: Cookies, url: URL): void {
	cookies.delete(SESSION_COOKIE, { path: '/', secure: url.protocol === 'https:' });
}

/**
 * Makes the chosen language the browser's too (the language cookie wins over the stored
 * preference, so it must follow a change); no choice means the browser's language again.
 */
export function rememberLocale(cookies: Cookies, url: URL, locale: Locale | undefined): void {
	const secure = url.protocol === 'https:';
	if (locale) cookies.set(LOCALE_COOKIE, locale, { path: '/', maxAge: 60 * 60 * 24 * 365, httpOnly: true, sameSite: 'lax', secure });
	else cookies.delete(LOCALE_COOKIE, { path: '/', secure });
}

export function requestContext(event: Event): RequestContext {
	return { ip: clientIp(event), userAgent: event.request.headers.get('user-agent') ?? undefined };
}

export function mailContext(event: Event): MailContext {
	return { ...requestContext(event), origin: event.locals.config.publicOrigin, locale: event.locals.locale };
}

/** The confirmation and reset mails, in the language the reader uses now. */
export function mailTexts(locale: Locale): MailTexts {
	return {
		verifySubject: m.account_mail_verify_subject({}, { locale }),
		verifyBody: (link) => m.account_mail_verify_body({ link }, { locale }),
		resetSubject: m.account_mail_reset_subject({}, { locale }),
		resetBody: (link) => m.account_mail_reset_body({ link }, { locale }),
		existsSubject: m.account_mail_exists_subject({}, { locale }),
		existsBody: (links) => m.account_mail_exists_body(links, { locale })
	};
}

/**
 * Where to go after signing in: only a path of this site. The path is normalised first (dot
 * segments, `%2e`), so `/.//evil.example` cannot become `//evil.example`, which browsers read
 * as another site; anything unsafe goes to the home page, nothing at all to `fallback`.
 *
 * @example safeNext('/cities?q=york') // '/cities?q=york'; safeNext('/.//evil.example') // '/'
 */
export function safeNext(value: string | null | undefined, fallback = '/account'): string {
	if (!value) return fallback;
	if (value.length > 1000 || !value.startsWith('/') || value.startsWith('//')) return '/';
	// Backslashes (read as `/`) and control characters (dropped by URL parsers) could rebuild a `//`.
	if (/[\u0000-\u001f\u007f\\]/.test(value)) return '/';
	const base = 'http://same.invalid';
	let target: URL;
	try {
		target = new URL(value, base);
	} catch {
		return '/';
	}
	if (target.origin !== base || target.pathname.startsWith('//')) return '/';
	return `${target.pathname}${target.search}${target.hash}`;
}

/** Messages shown once after a redirect (`?notice=`); anything else is ignored. */
export const NOTICES = [
	'welcome',
	'check_mail',
	'profile_saved',
	'password_changed',
	'email_confirmed',
	'census_verified',
	'signed_out_everywhere',
	'password_reset',
	'account_deleted'
] as const;
export type Notice = (typeof NOTICES)[number];

export function noticeOf(url: URL): Notice | undefined {
	const value = url.searchParams.get('notice');
	return (NOTICES as readonly string[]).includes(value ?? '') ? (value as Notice) : undefined;
}

/**
 * Names which password is missing where the schema only says `password_required` (a form with
 * two password fields would otherwise list the same sentence twice in its summary).
 *
 * @example nameMissingPasswords({ newPassword: 'password_required' }) // { newPassword: 'new_password_required' }
 */
export function nameMissingPasswords(errors: Record<string, string>): Record<string, string> {
	const named: Record<string, string> = { currentPassword: 'current_password_required', newPassword: 'new_password_required' };
	return Object.fromEntries(Object.entries(errors).map(([field, code]) => [field, code === 'password_required' ? (named[field] ?? code) : code]));
}
