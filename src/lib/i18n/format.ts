/**
 * Names and numbers in the reader's locale, through Intl (no data files to ship).
 *
 * @example countryName('KR', 'fr') // 'Corée du Sud'
 */
const displayNames = new Map<string, Intl.DisplayNames>();

export function countryName(code: string, locale: string): string {
	let names = displayNames.get(locale);
	if (!names) {
		names = new Intl.DisplayNames([locale, 'en'], { type: 'region', fallback: 'code' });
		displayNames.set(locale, names);
	}
	return names.of(code.toUpperCase()) ?? code;
}

export function formatNumber(value: number, locale: string, options?: Intl.NumberFormatOptions): string {
	return new Intl.NumberFormat(locale, options).format(value);
}

/** Collator-based sort by a label in the reader's locale. */
export function sortByLabel<T>(items: T[], label: (item: T) => string, locale: string): T[] {
	const collator = new Intl.Collator(locale);
	return [...items].sort((a, b) => collator.compare(label(a), label(b)));
}
