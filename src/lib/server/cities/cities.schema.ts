/**
 * Input schemas of the cities module: the directory's filter, sort and paging parameters, and
 * the admin area's city profile and new-city forms.
 * Each problem is reported against its field with a message key (translated by the page).
 */
import { z } from 'zod';
import { parseQuery } from '../validation.ts';
import { REGIONS, regionOf } from './regions.ts';
import { MAX_SLUG_LENGTH, SLUG_PATTERN } from './slug.ts';

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
	return parseQuery(directoryQuerySchema, raw, directoryQuerySchema.parse({}));
}

// ——— City administration: the profile form and the network admin's new city ———

export const MAX_DISPLAY_NAME = 120;
export const MAX_NOTES = 4000;
export const MAX_EVIDENCE = 2000;
export const MAX_INSTRUMENT = 300;
export const MAX_INSTRUMENTS = 30;

/** A decimal in a form, also written with a decimal comma (59,33) as many locales do. */
const decimal = (code: string, limit: number) =>
	z.preprocess(
		(value) => {
			if (typeof value !== 'string') return value;
			const text = value.trim().replace(',', '.');
			return /^[-+]?\d{1,3}(\.\d{1,7})?$/.test(text) ? Number(text) : Number.NaN;
		},
		z.number({ error: code }).min(-limit, { error: code }).max(limit, { error: code })
	);
/** An HTML checkbox ("on" when ticked, absent otherwise) or a boolean from an API. */
const checkbox = z.preprocess((value) => value === true || value === 'on' || value === 'true', z.boolean());
const profileYear = z.preprocess(
	(value) => {
		if (value === '' || value === null || value === undefined) return null;
		if (typeof value !== 'string') return value;
		return /^\s*\d{1,4}\s*$/.test(value) ? Number(value) : Number.NaN;
	},
	z.number({ error: 'year_invalid' }).int({ error: 'year_invalid' }).min(MIN_YEAR, { error: 'year_invalid' }).max(MAX_YEAR, { error: 'year_invalid' }).nullable()
);
const optionalText = (max: number, code: string) =>
	z.preprocess((value) => (value === undefined || value === null ? '' : value), z.string().trim().max(max, { error: code }));
/** Instruments: one per line in the form (an array from an API); blank lines are dropped. */
const instrumentLines = z.preprocess(
	(value) => (typeof value === 'string' ? value.split(/\r\n|\n|\r/) : (value ?? [])),
	z
		.array(z.string().trim().max(MAX_INSTRUMENT, { error: 'instrument_too_long' }))
		.transform((lines) => lines.filter((line) => line !== ''))
		.pipe(z.array(z.string()).max(MAX_INSTRUMENTS, { error: 'instruments_too_many' }))
);
const displayName = z.string({ error: 'display_name_required' }).trim().min(1, { error: 'display_name_required' }).max(MAX_DISPLAY_NAME, { error: 'display_name_too_long' });
const processField = z.enum(PROCESSES, { error: 'process_invalid' });

/**
 * The city profile form of the admin area: the declaration facts and the texts in the editor's
 * language. Accepts form strings and already-typed values alike (the service validates again).
 */
export const cityProfileSchema = z.object({
	displayName,
	year: profileYear,
	process: processField,
	processConfirmed: checkbox,
	instruments: instrumentLines,
	notes: optionalText(MAX_NOTES, 'notes_too_long'),
	evidence: optionalText(MAX_EVIDENCE, 'evidence_too_long'),
	latitude: decimal('latitude_invalid', 90),
	longitude: decimal('longitude_invalid', 180),
	coordsChecked: checkbox
});
export type CityProfile = z.output<typeof cityProfileSchema>;

/** A new city of the network (network admin). The region follows from the country. */
export const newCitySchema = z.object({
	name: z.string({ error: 'name_required' }).trim().min(1, { error: 'name_required' }).max(MAX_DISPLAY_NAME, { error: 'name_too_long' }),
	slug: z.preprocess(
		(value) => (typeof value === 'string' && value.trim() !== '' ? value.trim().toLowerCase() : undefined),
		z.string().max(MAX_SLUG_LENGTH, { error: 'slug_invalid' }).regex(SLUG_PATTERN, { error: 'slug_invalid' }).optional()
	),
	countryCode: z.preprocess(
		(value) => (typeof value === 'string' ? value.trim().toUpperCase() : value),
		z.string({ error: 'country_invalid' }).refine((code) => regionOf(code) !== undefined, { error: 'country_invalid' })
	),
	latitude: decimal('latitude_invalid', 90),
	longitude: decimal('longitude_invalid', 180),
	year: profileYear,
	process: processField
});
export type NewCity = z.output<typeof newCitySchema>;
