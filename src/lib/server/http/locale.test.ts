import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ResolveOptions } from '@sveltejs/kit/hooks';
import { getLocale } from '#lib/i18n/runtime.ts';
import { m } from '#lib/i18n/messages.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { createPerson } from '../testing/factories.ts';
import { answering, requestEvent } from '../testing/request-event.ts';
import { loadActor, findPersonById, type Actor } from '../accounts/index.ts';
import { localeHandle } from './locale.ts';

function visit(url: string, options: { cookies?: Record<string, string>; acceptLanguage?: string; actor?: Actor | null; db?: TestDatabase['db'] } = {}) {
	return requestEvent(url, {
		cookies: options.cookies ?? {},
		headers: options.acceptLanguage ? { 'accept-language': options.acceptLanguage } : {},
		locals: { actor: options.actor ?? null, ...(options.db ? { db: options.db } : {}) }
	});
}

describe('locale handler', () => {
	it('prefers ?lang= over the cookie, the cookie over Accept-Language, and falls back to English', async () => {
		const cases: [string, Record<string, string>, string | undefined, string][] = [
			['http://example.org/?lang=ko', { lang: 'sv' }, 'fr', 'ko'],
			['http://example.org/', { lang: 'sv' }, 'fr', 'sv'],
			['http://example.org/', {}, 'fr-CA,fr;q=0.9', 'fr'],
			['http://example.org/', {}, 'de', 'en']
		];
		for (const [url, cookies, acceptLanguage, expected] of cases) {
			const { event } = visit(url, { cookies, ...(acceptLanguage ? { acceptLanguage } : {}) });
			await localeHandle({ event, resolve: answering('ok') });
			expect(event.locals.locale).toBe(expected);
		}
	});

	it('uses the signed-in person’s saved language when there is no cookie', async () => {
		const { event } = visit('http://example.org/', { actor: { preferredLocale: 'ar' } as Actor, acceptLanguage: 'es' });
		await localeHandle({ event, resolve: answering('ok') });
		expect(event.locals.locale).toBe('ar');
	});

	it('runs the route inside the language, so messages speak it', async () => {
		const { event } = visit('http://example.org/?lang=es');
		let inside: { locale: string; title: string } | undefined;
		await localeHandle({ event, resolve: async () => ((inside = { locale: getLocale(), title: m.csrf_failed_title() }), new Response('ok')) });
		expect(inside).toEqual({ locale: 'es', title: 'Este formulario ha caducado' });
	});

	it('fills in the page’s lang and dir, and says which language the page is in', async () => {
		const { event } = visit('http://example.org/', { cookies: { lang: 'ar' } });
		const resolve = answering('<html lang="%lang%" dir="%dir%"></html>');
		const response = await localeHandle({ event, resolve });
		const options = resolve.calls[0]!.options as ResolveOptions;
		expect(await options.transformPageChunk!({ html: '<html lang="%lang%" dir="%dir%">', done: true })).toBe('<html lang="ar" dir="rtl">');
		expect(response.headers.get('content-language')).toBe('ar');
		expect(response.headers.get('vary')).toBe('Accept-Language, Cookie');
	});

	it('adds no language headers to data files', async () => {
		const response = await localeHandle({ event: visit('http://example.org/cities/york/ledger.json').event, resolve: answering('{}', 'application/json') });
		expect(response.headers.get('content-language')).toBeNull();
		expect(response.headers.get('vary')).toBeNull();
	});

	it('remembers a ?lang= choice in a year-long cookie, but not when the cookie already says so', async () => {
		const chosen = visit('https://example.org/?lang=sv');
		await localeHandle({ event: chosen.event, resolve: answering('ok') });
		expect(chosen.jar.set).toEqual([{ name: 'lang', value: 'sv', options: { path: '/', maxAge: 31_536_000, httpOnly: true, sameSite: 'lax', secure: true } }]);
		const same = visit('http://example.org/?lang=sv', { cookies: { lang: 'sv' } });
		await localeHandle({ event: same.event, resolve: answering('ok') });
		expect(same.jar.set).toEqual([]);
	});

	describe('for a signed-in person', () => {
		let database: TestDatabase;
		beforeEach(async () => {
			database = await createTestDatabase('sqlite');
		});
		afterEach(async () => {
			await database.cleanup();
		});

		it('saves a ?lang= choice on the account, so it follows them to other devices', async () => {
			const person = await createPerson(database.db, { preferred_locale: 'en' });
			const actor = (await loadActor(database.db, person.id))!;
			await localeHandle({ event: visit('http://example.org/?lang=fr', { actor, db: database.db }).event, resolve: answering('ok') });
			expect((await findPersonById(database.db, person.id))?.preferred_locale).toBe('fr');
		});
	});
});
