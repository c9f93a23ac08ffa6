/**
 * What the compiled messages (src/lib/i18n/generated/, from `npm run i18n`) need at run time:
 * the current locale, and one Intl.PluralRules / Intl.NumberFormat per locale, made once.
 *
 * The locale comes from the request: the server runs each request inside `runWithLocale`
 * (locale-context.server.ts), which sets the source read here. Outside a request, and in the
 * browser, messages are in the base locale unless a call names one: `m.key(params, { locale })`.
 */
import { BASE_LOCALE, type Locale } from './locales.ts';

export interface MessageOptions {
	/** Render in this locale instead of the current request's. */
	locale?: Locale;
}

let currentLocale: () => Locale | undefined = () => undefined;

/** Where `getLocale()` reads the request's locale from; set once by the server. */
export function setLocaleSource(source: () => Locale | undefined): void {
	currentLocale = source;
}

/** The current request's locale, or the base locale outside a request. */
export function getLocale(): Locale {
	return currentLocale() ?? BASE_LOCALE;
}

/** The plural category of a number in a locale ('one', 'few', …), with its rules built once. */
export function pluralRules(locale: Locale, type: Intl.PluralRuleType = 'cardinal'): (value: number) => Intl.LDMLPluralRule {
	const rules = new Intl.PluralRules(locale, { type });
	return (value) => rules.select(value);
}

/** A number formatter for a locale (`#` in a plural, `{n, number}`), built once. */
export function numberFormat(locale: Locale, options?: Intl.NumberFormatOptions): (value: number) => string {
	const format = new Intl.NumberFormat(locale, options);
	return (value) => format.format(value);
}
