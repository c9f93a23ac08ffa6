/**
 * Input schemas of the cities module: the directory's filter, sort and paging parameters.
 * Each problem is reported against its field with a message key (translated by the page).
 */
import { z } from 'zod';
import { REGIONS } from './regions.ts';

export const CITY_SORTS = ['name', '-name', 'country', '-country', 'year', '-year'] as const;
export type CitySort = (typeof CITY_SORTS)[number];
export const PROCESSES = ['formal', 'informal'] as const;
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

const blankToUndefined = (value: unknown) => (value === '' || value === null ? undefined : value);
const year = z.preprocess(
	blankToUndefined,
	z.coerce.number({ error: 'year_invalid' }).int({ error: 'year_invalid' }).min(MIN_YEAR, { error: 'year_invalid' }).max(MAX_YEAR, { error: 'year_invalid' }).optional()
);

export const directoryQuerySchema = z
	.object({
		q: z.preprocess(blankToUndefined, z.string().trim().max(100, { error: 'search_too_long' }).optional()),
		country: z.preprocess(
			(value) => (typeof value === 'string' && value !== '' ? value.toUpperCase() : undefined),
			z.string().regex(/^[A-Z]{2}$/, { error: 'country_invalid' }).optional()
		),
		region: z.preprocess(blankToUndefined, z.enum(REGIONS, { error: 'region_invalid' }).optional()),
		process: z.preprocess(blankToUndefined, z.enum(PROCESSES, { error: 'process_invalid' }).optional()),
		from: year,
		to: year,
		sort: z.preprocess(blankToUndefined, z.enum(CITY_SORTS, { error: 'sort_invalid' }).default('name')),
		after: z.preprocess(blankToUndefined, z.string().max(300, { error: 'cursor_invalid' }).optional()),
		before: z.preprocess(blankToUndefined, z.string().max(300, { error: 'cursor_invalid' }).optional()),
		limit: z.preprocess(blankToUndefined, z.coerce.number({ error: 'limit_invalid' }).int({ error: 'limit_invalid' }).min(5, { error: 'limit_invalid' }).max(100, { error: 'limit_invalid' }).default(20))
	})
	.refine((query) => query.from === undefined || query.to === undefined || query.from <= query.to, {
		error: 'year_range_reversed',
		path: ['to']
	});

export type DirectoryQuery = z.infer<typeof directoryQuerySchema>;

/** Field → message key for each problem; the first problem per field wins. */
export type FieldErrors = Partial<Record<keyof DirectoryQuery, string>>;

/**
 * Parse the directory's URL parameters. Fields with problems are dropped (the directory still
 * shows the other filters' results) and reported in `errors`.
 */
export function parseDirectoryQuery(params: URLSearchParams): { query: DirectoryQuery; errors: FieldErrors } {
	const raw = Object.fromEntries(
		['q', 'country', 'region', 'process', 'from', 'to', 'sort', 'after', 'before', 'limit'].map((key) => [key, params.get(key) ?? undefined])
	);
	const errors: FieldErrors = {};
	let result = directoryQuerySchema.safeParse(raw);
	// Drop each bad field and parse again, so one bad filter does not hide the others.
	for (let attempt = 0; !result.success && attempt < 12; attempt++) {
		for (const issue of result.error.issues) {
			const field = issue.path[0] as keyof DirectoryQuery | undefined;
			if (!field) continue;
			errors[field] ??= issue.message;
			delete raw[field];
		}
		result = directoryQuerySchema.safeParse(raw);
	}
	return { query: result.success ? result.data : directoryQuerySchema.parse({}), errors };
}
