/** City slugs for URLs: lower-case letters, digits and single hyphens, at most 80 characters. */

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_SLUG_LENGTH = 80;

/** Whether a value can be a city's slug (the URL matcher, forms and new cities share this rule). */
export function isSlug(value: string): boolean {
	return value.length <= MAX_SLUG_LENGTH && SLUG_PATTERN.test(value);
}

/** `Prince George's County, Maryland` → `prince-georges-county`; `Piteå` → `pitea`. */
export function slugify(name: string): string {
	return name
		.split(',')[0]!
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/['’]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
}
