/**
 * The request's UI locale as async context: the server runs each request inside
 * `runWithLocale`, and every `m.key()` called while it runs (loads, actions, components,
 * awaited work) renders in that locale, without passing it down. Concurrent requests each
 * see their own.
 *
 * @example
 *   runWithLocale('ar', () => m.nav_home()) // 'الرئيسية'
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Locale } from './locales.ts';
import { setLocaleSource } from './runtime.ts';

const storage = new AsyncLocalStorage<Locale>();
setLocaleSource(() => storage.getStore());

export function runWithLocale<T>(locale: Locale, fn: () => T): T {
	return storage.run(locale, fn);
}
