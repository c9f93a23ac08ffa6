/**
 * How the accountability pages write dates, progress, money and file sizes in the reader's
 * locale, through Intl (formatters are made once per locale and kept).
 *
 * @example
 *   formatDay('2026-03-01', 'fr') // '1 mars 2026'
 *   formatMoney(250000, 'GBP', 'en') // '£250,000'
 *   formatBytes(1_572_864, 'sv') // '1,5 MB'
 */
import { formatNumber } from '#lib/i18n/format.ts';

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** A `YYYY-MM-DD` date as the reader writes it (medium length); other text is returned as it is. */
export function formatDay(date: string, locale: string): string {
	if (!/^\d{4}-\d{2}-\d{2}/.test(date)) return date;
	let format = dayFormats.get(locale);
	if (!format) {
		format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
		dayFormats.set(locale, format);
	}
	const time = Date.parse(`${date.slice(0, 10)}T00:00:00Z`);
	return Number.isFinite(time) ? format.format(time) : date;
}

/** Progress 0–100 as a percentage with at most one decimal ("62.5%", "62,5 %"). */
export function formatPercent(progress: number, locale: string): string {
	return formatNumber(progress / 100, locale, { style: 'percent', maximumFractionDigits: 1 });
}

/** An amount in an ISO 4217 currency; an unknown currency code is written after the number. */
export function formatMoney(amount: number, currency: string, locale: string): string {
	try {
		return formatNumber(amount, locale, { style: 'currency', currency, maximumFractionDigits: Number.isInteger(amount) ? 0 : 2 });
	} catch {
		return `${formatNumber(amount, locale)} ${currency}`;
	}
}

/** A file size in bytes, kB or MB (decimal units, as browsers show downloads). */
export function formatBytes(bytes: number, locale: string): string {
	if (bytes < 1000) return formatNumber(bytes, locale, { style: 'unit', unit: 'byte', unitDisplay: 'short' });
	if (bytes < 1_000_000) return formatNumber(bytes / 1000, locale, { style: 'unit', unit: 'kilobyte', unitDisplay: 'short', maximumFractionDigits: 1 });
	return formatNumber(bytes / 1_000_000, locale, { style: 'unit', unit: 'megabyte', unitDisplay: 'short', maximumFractionDigits: 1 });
}

const FILE_TYPES: Record<string, string> = {
	'application/pdf': 'PDF',
	'image/png': 'PNG',
	'image/jpeg': 'JPEG',
	'image/webp': 'WebP',
	'image/gif': 'GIF',
	'text/plain': 'TXT',
	'text/csv': 'CSV',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
	'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PPTX',
	'application/vnd.oasis.opendocument.text': 'ODT',
	'application/vnd.oasis.opendocument.spreadsheet': 'ODS',
	'application/vnd.oasis.opendocument.presentation': 'ODP'
};

/** A short name of a file's type ("PDF", "DOCX"); the content type itself when unknown. */
export function fileTypeLabel(contentType: string | null): string {
	if (!contentType) return '';
	return FILE_TYPES[contentType.split(';')[0]!.trim()] ?? contentType;
}

/** A language's name in the reader's language ("anglais" for `en` in French); the code when unknown. */
export function languageName(lang: string, locale: string): string {
	try {
		return new Intl.DisplayNames([locale, 'en'], { type: 'language', fallback: 'code' }).of(lang) ?? lang;
	} catch {
		return lang;
	}
}
