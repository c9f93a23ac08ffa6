/** City slugs for URLs, made from a city's name. */

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
