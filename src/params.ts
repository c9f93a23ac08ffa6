// URL parameter matchers: a URL whose parameter does not match falls through to the 404 page.
import { defineParams } from '@sveltejs/kit/params';
import { isSlug } from '#lib/server/cities/slug.ts';

export const params = defineParams({
	/** City slugs: lower-case letters, digits and single hyphens (e.g. prince-georges-county). */
	slug: (param: string) => (isSlug(param) ? param : undefined),
	/** UDHR article numbers 1–30, written without leading zeros. */
	article: (param: string) => {
		const n = /^[1-9]\d?$/.test(param) ? Number(param) : 0;
		return n >= 1 && n <= 30 ? n : undefined;
	}
});
