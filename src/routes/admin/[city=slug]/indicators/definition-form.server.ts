/**
 * What the indicator definition form (new and edit) needs on the server: the choices it offers
 * (rights, principles, units, directions, types) in the reader's language, the stored definition
 * as form values in the language being edited, and which language the translatable texts are
 * edited in (`?texts=`).
 */
import type { Db } from '#lib/server/db/database.ts';
import { listEntries } from '#lib/server/frameworks/frameworks.service.ts';
import type { Indicator } from '#lib/server/indicators/indicator-model.ts';
import { formatDimensionsText, INDICATOR_DIRECTIONS, INDICATOR_TYPES, INDICATOR_UNITS } from '#lib/server/indicators/indicators.schema.ts';
import { isLocale, LOCALES, AUTONYMS, type Locale } from '#lib/i18n/locales.ts';
import { m } from '#lib/i18n/messages.ts';
import { directionLabel, typeLabel, unitLabel } from '#lib/indicators/labels.server.ts';

export async function definitionOptions(db: Db, locale: string) {
	const [rights, principles] = await Promise.all([listEntries(db, 'udhr', locale), listEntries(db, 'gwangju', locale)]);
	const number = (code: string) => Number(code.slice(code.indexOf(':') + 1));
	return {
		rights: rights
			.sort((a, b) => number(a.code) - number(b.code))
			.map((entry) => ({ code: entry.code, label: m.indicators_right_label({ number: String(number(entry.code)), title: entry.label.text }) })),
		principles: principles
			.sort((a, b) => number(a.code) - number(b.code))
			.map((entry) => ({ code: entry.code, label: m.indicators_principle_label({ number: String(number(entry.code)), title: entry.label.text }) })),
		units: INDICATOR_UNITS.map((unit) => ({ value: unit, label: unitLabel(unit) })),
		directions: INDICATOR_DIRECTIONS.map((direction) => ({ value: direction, label: directionLabel(direction) })),
		types: INDICATOR_TYPES.map((type) => ({ value: type, label: typeLabel(type) }))
	};
}

export type DefinitionOptions = Awaited<ReturnType<typeof definitionOptions>>;

/**
 * The language the texts are edited in: `?texts=` when it is a UI locale, else the reader's
 * language when the indicator has a title in it, else the language of its title (or English).
 */
export function textLocaleOf(url: URL, uiLocale: string, indicator?: Indicator): Locale {
	const asked = url.searchParams.get('texts');
	if (isLocale(asked)) return asked;
	if (!indicator || indicator.title[uiLocale]) return isLocale(uiLocale) ? uiLocale : 'en';
	const existing = LOCALES.find((locale) => indicator.title[locale]);
	return existing ?? 'en';
}

/** The languages a form can edit, with the one in use marked, for the "edit texts in" links. */
export function textLanguages(current: Locale, indicator?: Indicator) {
	return LOCALES.map((locale) => ({ locale, name: AUTONYMS[locale], current: locale === current, filled: Boolean(indicator?.title[locale]) }));
}

/** The stored definition as the form's values, texts in `textLocale`. */
export function definitionValues(indicator: Indicator, textLocale: string): Record<string, string> {
	const number = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(value));
	return {
		code: indicator.code,
		title: indicator.title[textLocale] ?? '',
		description: indicator.description[textLocale] ?? '',
		methodology: indicator.methodology[textLocale] ?? '',
		type: indicator.type,
		rightCode: indicator.rightCode ?? '',
		attribute: indicator.attribute ?? '',
		sdgTargets: indicator.sdgTargets.join(' '),
		principles: indicator.principles.join(' '),
		unit: indicator.unit,
		currency: indicator.currency ?? '',
		unitText: indicator.unitText ?? '',
		seriesText: indicator.seriesText ?? '',
		direction: indicator.direction,
		bandLow: number(indicator.band?.low),
		bandHigh: number(indicator.band?.high),
		dimensions: formatDimensionsText(indicator.dimensions),
		baselineValue: number(indicator.baseline?.value),
		baselinePeriod: indicator.baseline?.period ?? '',
		targetValue: number(indicator.target?.value),
		targetPeriod: indicator.target?.period ?? '',
		source: indicator.source ?? '',
		version: String(indicator.version)
	};
}

/** The other languages' texts of the indicator, shown for reference beside the form. */
export function otherTexts(indicator: Indicator, textLocale: string) {
	return LOCALES.filter((locale) => locale !== textLocale && (indicator.title[locale] || indicator.description[locale] || indicator.methodology[locale])).map((locale) => ({
		lang: locale,
		language: AUTONYMS[locale],
		title: indicator.title[locale] ?? '',
		description: indicator.description[locale] ?? '',
		methodology: indicator.methodology[locale] ?? ''
	}));
}
