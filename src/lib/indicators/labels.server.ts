/**
 * How indicator codes read on a page, in the reader's language: periods ("Q3 2024", "May 2024"),
 * disaggregation dimensions and their values ("Sex: Female"), types, units, directions and
 * statuses. Known codes have messages (`indicators_dim_<name>`, `indicators_dimval_<name>_<value>`);
 * a city's own codes read as written. Used by the loads of the public, network and admin pages,
 * which hand the finished strings to the components.
 *
 * @example
 *   periodLabel('2024-Q3', 'en') // 'Q3 2024'
 *   groupLabel('age=65+;sex=female') // 'Female, 65+'
 */
import { m, message } from '#lib/i18n/messages.ts';
import { formatNumber } from '#lib/i18n/format.ts';
import { isLocale } from '#lib/i18n/locales.ts';
import { parsePeriod, parseGroupKey, type GroupValues } from '#lib/server/indicators/group-key.ts';
import type { IndicatorDirection, IndicatorType, IndicatorUnit } from '#lib/server/indicators/indicators.tables.ts';

const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const key = `${locale}|${JSON.stringify(options)}`;
	let format = dateFormats.get(key);
	if (!format) {
		format = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
		dateFormats.set(key, format);
	}
	return format;
}

/** An ISO period as the reader says it; unknown text is returned as it is. */
export function periodLabel(period: string, locale: string): string {
	const parsed = parsePeriod(period);
	if (!parsed) return period;
	const year = formatNumber(parsed.year, locale, { useGrouping: false });
	switch (parsed.granularity) {
		case 'year':
			return year;
		case 'quarter':
			return m.indicators_period_quarter({ quarter: formatNumber(parsed.quarter ?? 1, locale), year }, isLocale(locale) ? { locale } : {});
		case 'month':
			return dateFormat(locale, { year: 'numeric', month: 'short' }).format(new Date(`${parsed.start}T00:00:00Z`));
		case 'day':
			return dateFormat(locale, { dateStyle: 'medium' }).format(new Date(`${parsed.start}T00:00:00Z`));
	}
}

/** The start of a period in years (2024-Q3 → 2024.5), for placing it on a time axis. */
export function periodPosition(period: string): number {
	return parsePeriod(period)?.startYear ?? Number.NaN;
}

/** A message-key-safe form of a code: `65+` → `65plus`, `18-64` → `18_64`. */
export function keyPart(code: string): string {
	return code
		.toLowerCase()
		.replace(/\+/g, 'plus')
		.replace(/[^a-z0-9]+/g, '_')
		.replace(/^_+|_+$/g, '');
}

function known(key: string): string | undefined {
	const text = message(key);
	return text === key ? undefined : text;
}

/** A dimension's name ("Sex", "Age group"), or the code as written. */
export function dimensionLabel(name: string): string {
	return known(`indicators_dim_${keyPart(name)}`) ?? name;
}

/** A dimension value ("Female", "65 and over"), or the code as written. */
export function dimensionValueLabel(name: string, value: string): string {
	return known(`indicators_dimval_${keyPart(name)}_${keyPart(value)}`) ?? value;
}

/** A group as a short label: the total, or its values joined ("Female, 65 and over"). */
export function groupLabel(key: string | GroupValues): string {
	let values: GroupValues;
	try {
		values = typeof key === 'string' ? parseGroupKey(key) : key;
	} catch {
		return String(key);
	}
	const entries = Object.entries(values);
	if (entries.length === 0) return m.indicators_total();
	return entries.map(([name, value]) => dimensionValueLabel(name, value)).join(', ');
}

export function typeLabel(type: IndicatorType): string {
	return message(`indicators_type_${type}`);
}

export function unitLabel(unit: IndicatorUnit, currency?: string | null): string {
	return unit === 'currency' && currency ? m.indicators_unit_currency_code({ currency }) : message(`indicators_unit_${unit}`);
}

export function directionLabel(direction: IndicatorDirection): string {
	return message(`indicators_direction_${direction}`);
}
