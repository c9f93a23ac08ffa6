/**
 * Names and numbers in the reader's locale, through Intl (no data files to ship). Intl objects
 * are costly to build, so each is made once per locale and kept.
 *
 * @example countryName('KR', 'fr') // 'Corée du Sud'
 */
const cache = new Map<string, Intl.DisplayNames | Intl.Collator | Intl.NumberFormat>();

function cached<T extends Intl.DisplayNames | Intl.Collator | Intl.NumberFormat>(key: string, make: () => T): T {
	let value = cache.get(key) as T | undefined;
	if (!value) {
		value = make();
		cache.set(key, value);
	}
	return value;
}

export function countryName(code: string, locale: string): string {
	const names = cached(`region:${locale}`, () => new Intl.DisplayNames([locale, 'en'], { type: 'region', fallback: 'code' }));
	return names.of(code.toUpperCase()) ?? code;
}

/** A number in the reader's locale; pass options for percentages, currencies, digits. */
export function formatNumber(value: number, locale: string, options?: Intl.NumberFormatOptions): string {
	const key = `number:${locale}:${options ? JSON.stringify(options) : ''}`;
	return cached(key, () => new Intl.NumberFormat(locale, options)).format(value);
}

/** Sort by a label in the reader's locale (Korean by hangul order, Swedish with å ä ö last, …). */
export function sortByLabel<T>(items: T[], label: (item: T) => string, locale: string): T[] {
	const collator = cached(`collator:${locale}`, () => new Intl.Collator(locale));
	return [...items].sort((a, b) => collator.compare(label(a), label(b)));
}
