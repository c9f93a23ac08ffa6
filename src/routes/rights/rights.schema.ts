/**
 * URL parameters of the rights pages: the declaration language `?ul=` (every page), and on the
 * language list the search `?q=` and the article to go back to `?article=`.
 */
import { z } from 'zod';

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

export const readingQuerySchema = z.object({
	// Any text is accepted: an unknown code is reported on the page, and the default shown.
	ul: z.preprocess(blankToUndefined, z.string().trim().transform((code) => code.slice(0, 64)).optional())
});

export const languagesQuerySchema = readingQuerySchema.extend({
	q: z.preprocess(blankToUndefined, z.string().trim().max(100, { error: 'search_too_long' }).optional()),
	// A bad article number only loses the way back to that article.
	article: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(30).optional().catch(undefined))
});

export type ReadingQuery = z.infer<typeof readingQuerySchema>;
export type LanguagesQuery = z.infer<typeof languagesQuerySchema>;

export function parseReadingQuery(params: URLSearchParams): ReadingQuery {
	return readingQuerySchema.parse({ ul: params.get('ul') ?? undefined });
}

/** The language list's parameters; a search that is too long is dropped and reported in `errors`. */
export function parseLanguagesQuery(params: URLSearchParams): { query: LanguagesQuery; errors: { q?: string } } {
	const raw = { ul: params.get('ul') ?? undefined, q: params.get('q') ?? undefined, article: params.get('article') ?? undefined };
	const result = languagesQuerySchema.safeParse(raw);
	if (result.success) return { query: result.data, errors: {} };
	const issue = result.error.issues.find((entry) => entry.path[0] === 'q');
	return { query: languagesQuerySchema.parse({ ...raw, q: undefined }), errors: issue ? { q: issue.message } : {} };
}
