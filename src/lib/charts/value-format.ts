/**
 * Indicator values as text in the reader's locale (Intl, cached): percentages with a per-cent
 * sign, money in its currency, years as durations, yes/no as words. Axis ticks are the same with
 * a fixed number of fraction digits, so a scale reads 0, 2.5, 5.0 … consistently.
 *
 * @example
 *   const format = valueFormatter({ unit: 'percent', locale: 'fr' });
 *   format.value(12.5) // '12,5 %'
 *   format.tick(10, 0) // '10 %'
 */
import type { IndicatorUnit } from '#lib/server/indicators/indicators.tables.ts';

export interface ValueFormatOptions {
	unit: IndicatorUnit;
	locale: string;
	/** ISO 4217 code for unit = currency. */
	currency?: string | null;
	/** Words for 1 and 0 when unit = yes_no. */
	yes?: string;
	no?: string;
}

export interface ValueFormatter {
	/** A value as tables and labels show it (up to two fraction digits). */
	value(value: number): string;
	/** An axis tick with exactly `digits` fraction digits. */
	tick(value: number, digits: number): string;
	/** A difference (gap, change) with its sign: +1.2 / −0.4 (percentages in points). */
	signed(value: number): string;
}

const cache = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
	const key = `${locale}|${JSON.stringify(options)}`;
	let format = cache.get(key);
	if (!format) {
		try {
			format = new Intl.NumberFormat(locale, options);
		} catch {
			// An unknown currency code stored by an older version: show the plain number.
			const { style: _style, currency: _currency, currencyDisplay: _display, ...plain } = options;
			format = new Intl.NumberFormat(locale, plain);
		}
		cache.set(key, format);
	}
	return format;
}

function unitOptions(options: ValueFormatOptions): Intl.NumberFormatOptions {
	switch (options.unit) {
		case 'percent':
			return { style: 'unit', unit: 'percent' };
		case 'currency':
			return options.currency ? { style: 'currency', currency: options.currency, currencyDisplay: 'narrowSymbol' } : {};
		case 'years':
			return { style: 'unit', unit: 'year', unitDisplay: 'short' };
		case 'date':
			// Dates are stored as years (e.g. the year a strategy was adopted): no digit grouping.
			return { useGrouping: false };
		default:
			return {};
	}
}

export function valueFormatter(options: ValueFormatOptions): ValueFormatter {
	const base = unitOptions(options);
	const yesNo = options.unit === 'yes_no';
	// A page formats thousands of values: look each format up once per formatter, not per value.
	const plain = numberFormat(options.locale, { ...base, maximumFractionDigits: options.unit === 'date' ? 0 : 2 });
	const signedBase = options.unit === 'percent' || options.unit === 'date' || yesNo ? {} : base; // a difference of percentages is in points
	const signed = numberFormat(options.locale, { ...signedBase, maximumFractionDigits: 2, signDisplay: 'exceptZero' });
	const ticks = new Map<number, Intl.NumberFormat>();
	return {
		value(value) {
			if (yesNo) return value >= 0.5 ? (options.yes ?? '1') : (options.no ?? '0');
			return plain.format(value);
		},
		tick(value, digits) {
			if (yesNo && (value === 0 || value === 1)) return value === 1 ? (options.yes ?? '1') : (options.no ?? '0');
			const fraction = Math.min(Math.max(digits, 0), 20);
			let format = ticks.get(fraction);
			if (!format) ticks.set(fraction, (format = numberFormat(options.locale, { ...base, minimumFractionDigits: fraction, maximumFractionDigits: fraction })));
			return format.format(value);
		},
		signed(value) {
			return signed.format(value);
		}
	};
}
