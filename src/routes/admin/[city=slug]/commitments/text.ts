/**
 * How the commitments admin pages say things: labels of the module's closed lists and the form
 * values of translatable texts. (Error rules read through #lib/forms/error-text.ts.)
 */
import { message } from '#lib/i18n/messages.ts';
import type { LocalizedText } from '#lib/i18n/localized-text.ts';
import { LOCALES } from '#lib/i18n/locales.ts';

export const statusLabel = (status: string) => message(`commitments_status_${status}`);
export const instrumentLabel = (code: string) => message(`commitments_instrument_${code}`);
export const groupLabel = (code: string) => message(`commitments_group_${code}`);
export const adoptedByLabel = (code: string) => message(`commitments_adopted_by_${code}`);
/** `duty:protect` → "Protect". */
export const dutyLabel = (code: string) => message(`commitments_duty_${code.replace(/^duty:/, '')}`);
export const processLabel = (code: string) => message(`commitments_process_${code}`);
export const rollupLabel = (code: string) => message(`commitments_rollup_${code}`);
export const reasonLabel = (reason: string) => message(`cadmin_reason_${reason}`);

/** A translatable text as form values: `{ 'title.en': '…', 'title.es': '…' }`. */
export function localizedValues(name: string, texts: LocalizedText): Record<string, string> {
	return Object.fromEntries(LOCALES.map((locale) => [`${name}.${locale}`, texts[locale] ?? '']));
}

/** A language's name in the reader's language ("English", "inglés"). */
export function languageName(lang: string, locale: string): string {
	try {
		return new Intl.DisplayNames([locale], { type: 'language' }).of(lang) ?? lang;
	} catch {
		return lang;
	}
}

/** A date (`YYYY-MM-DD`) in the reader's language, without time-zone shifts. */
export function formatDate(date: string | null, locale: string): string {
	if (!date) return '';
	const parsed = new Date(`${date.slice(0, 10)}T00:00:00Z`);
	if (Number.isNaN(parsed.getTime())) return date;
	return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(parsed);
}

/** A file size in the reader's language ("2.4 MB"). */
export function formatSize(bytes: number | null, locale: string): string {
	if (bytes === null) return '';
	if (bytes < 1024) return new Intl.NumberFormat(locale, { style: 'unit', unit: 'byte', unitDisplay: 'short' }).format(bytes);
	if (bytes < 1024 * 1024) return new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilobyte', unitDisplay: 'short', maximumFractionDigits: 0 }).format(bytes / 1024);
	return new Intl.NumberFormat(locale, { style: 'unit', unit: 'megabyte', unitDisplay: 'short', maximumFractionDigits: 1 }).format(bytes / 1024 / 1024);
}

/** A percentage in the reader's language ("45 %", "٤٥٪"). */
export function formatPercent(value: number | undefined, locale: string): string {
	if (value === undefined) return '—';
	return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);
}
