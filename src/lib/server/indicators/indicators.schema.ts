/**
 * Input schemas of the indicators module: the indicator definition form and the observation
 * form (admin UI and API). Field names are camelCase; every problem is reported against its field
 * with a rule code (pages show it as `admin_error_<rule>`). Texts are in the editor's language;
 * the service keeps the other languages.
 *
 * Form encoding (plain HTML forms, no JavaScript):
 *  - `sdgTargets`, `principles`: repeated fields (checkboxes) or one comma/space/newline separated text;
 *  - `dimensions`: a textarea, one dimension per line, `sex: female, male`;
 *  - observation groups: one field per dimension named `group.<dimension>` (blank = total).
 * Use `indicatorFormInput(form)` / `observationFormInput(form)` to read a FormData into the raw
 * object these schemas take (they keep repeated fields, which a plain `Object.fromEntries` drops).
 */
import { z } from 'zod';
import { comparePeriods, groupPartProblem, isValidPeriod } from './group-key.ts';
import type { Dimensions, IndicatorUnit } from './indicators.tables.ts';

export const INDICATOR_TYPES = ['structural', 'process', 'outcome'] as const;
export const INDICATOR_UNITS = ['percent', 'per_100k', 'per_1000', 'count', 'currency', 'yes_no', 'date', 'index', 'years', 'ratio'] as const;
export const INDICATOR_DIRECTIONS = ['higher_is_better', 'lower_is_better', 'target_band'] as const;
export const OBSERVATION_STATUSES = ['provisional', 'final'] as const;

export const MAX_CODE = 80;
export const MAX_TITLE = 200;
export const MAX_DESCRIPTION = 4000;
export const MAX_METHODOLOGY = 4000;
export const MAX_SOURCE = 500;
export const MAX_NOTE = 2000;
/** Real statistics files have up to a dozen disaggregation columns, hundreds of areas, long labels. */
export const MAX_DIMENSIONS = 12;
export const MAX_DIMENSION_VALUES = 500;
export const MAX_VALUE_CODE = 200;
/** A unit or series as a file writes it (`Porcentaje`, `на 100 000 населения`). */
export const MAX_UNIT_TEXT = 200;

/**
 * Indicator codes: lower-case words joined by `.` or `-`, optionally after a namespace, e.g.
 * `housing.temporary-accommodation`, `sdg:1.2.1` (an SDG indicator, as an Open SDG file
 * `indicator_1-2-1.csv` names it).
 */
export const INDICATOR_CODE_PATTERN = /^(?:[a-z][a-z0-9]*:)?[a-z0-9]+(?:[.-][a-z0-9]+)*$/;

/**
 * Column names an Open SDG data file gives a meaning of its own (sdg-build's
 * `non_disaggregation_columns`, its observation attribute, our `Status`): a dimension may not be
 * named like one (compared ignoring case).
 */
export const OPEN_SDG_COLUMNS = [
	'Year',
	'Value',
	'Units',
	'Series',
	'GeoCode',
	'Observation status',
	'Unit multiplier',
	'Unit measure',
	'UNIT_MEASURE',
	'SERIES',
	'COMMENT_TS',
	'DATA_LAST_UPDATE',
	'COMMENT_OBS',
	'Status'
] as const;
const RESERVED_DIMENSION_NAMES = new Set(OPEN_SDG_COLUMNS.map((name) => name.toLowerCase()));

/** BCP 47 language tags as people write them: `ru`, `es`, `kk-Cyrl`, `zh-Hant-TW`. */
const LANGUAGE_TAG = /^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$/;
/** C0 control characters other than tab and line breaks, and DEL (never in text a person typed). */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const RIGHT_CODE = /^udhr:([1-9]|[12]\d|30)$/;
const SDG_TARGET = /^sdg:(?:[1-9]|1[0-7])\.(?:\d{1,2}|[a-z])$/;
const PRINCIPLE = /^gwangju:(?:[1-9]|10)$/;
const ATTRIBUTE = /^[a-z][a-z0-9-]*:[a-z][a-z0-9-]*$/;
const CURRENCY = /^[A-Z]{3}$/;

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '') || value === null ? undefined : value;
const blankToNull = (value: unknown) => ((typeof value === 'string' && value.trim() === '') || value === undefined ? null : value);

/**
 * A decimal as typed in a form, with a decimal point or a decimal comma (`12,5`), no thousands
 * separators; numbers from an API pass through. Rejects NaN and infinities.
 */
export function parseDecimal(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (!/^[-+]?(?:\d{1,15}(?:[.,]\d{1,10})?|[.,]\d{1,10})$/.test(text)) return undefined;
	return Number(text.replace(',', '.'));
}

const decimal = (rule: string) =>
	z.preprocess((value) => (value === null ? null : (parseDecimal(value) ?? Number.NaN)), z.number({ error: rule }).nullable());
const optionalDecimal = (rule: string) => z.preprocess(blankToNull, decimal(rule));
const optionalPeriod = (rule: string) =>
	z.preprocess((value) => (typeof value === 'string' ? value.trim() : value), z.preprocess(blankToNull, z.string({ error: rule }).refine(isValidPeriod, { error: rule }).nullable()));
const text = (max: number, rule: string) =>
	z.preprocess((value) => (value === undefined || value === null ? '' : value), z.string({ error: rule }).trim().max(max, { error: rule }));
const optionalCode = (pattern: RegExp, rule: string) =>
	z.preprocess(blankToNull, z.string({ error: rule }).trim().regex(pattern, { error: rule }).nullable());

/** Text as a published file writes it (a unit, a series): optional, one line, no control characters, no `=` or `;`. */
const publishedText = (rule: string) =>
	z.preprocess(
		blankToNull,
		z
			.string({ error: rule })
			.trim()
			.max(MAX_UNIT_TEXT, { error: rule })
			.refine((text) => !CONTROL.test(text) && !/[\r\n=;]/.test(text), { error: rule })
			.nullable()
	);

/** A list of codes: an array (repeated form fields, API) or one text separated by commas, spaces or lines. */
const codeList = (pattern: RegExp, rule: string) =>
	z.preprocess(
		(value) => {
			const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,;]+/) : (value ?? []);
			return Array.isArray(items) ? [...new Set(items.map((item) => (typeof item === 'string' ? item.trim() : item)).filter((item) => item !== ''))] : items;
		},
		z.array(z.string({ error: rule }).regex(pattern, { error: rule }), { error: rule }).max(40, { error: rule })
	);

/**
 * Reads the dimensions textarea into `Dimensions`; objects from an API pass through. One line per
 * dimension: its name, a colon, its values separated by commas. A name or value holding a comma,
 * a colon or a quote is written in double quotes, a quote inside doubled (as in CSV), so real
 * labels such as `"Население (женщины 16-57 лет, мужчины 16-62 лет )"` fit. Returns undefined when
 * a line cannot be read.
 *
 * @example parseDimensionsText('sex: female, male\nage: 0-17, "18-64, employed"') // { sex: ['female','male'], age: ['0-17','18-64, employed'] }
 */
export function parseDimensionsText(value: unknown): Dimensions | undefined {
	if (value === undefined || value === null) return {};
	if (typeof value === 'object' && !Array.isArray(value)) return value as Dimensions;
	if (typeof value !== 'string') return undefined;
	const dimensions: Dimensions = {};
	for (const line of value.split(/\r\n|\n|\r/)) {
		if (line.trim() === '') continue;
		const name = readItem(line, 0, ':');
		if (!name || name.text === '' || line[name.end] !== ':' || Object.hasOwn(dimensions, name.text)) return undefined;
		const values: string[] = [];
		let at = name.end + 1;
		while (at <= line.length) {
			const item = readItem(line, at, ',');
			if (!item) return undefined;
			if (item.text !== '') values.push(item.text);
			at = item.end + 1;
		}
		dimensions[name.text] = values;
	}
	return dimensions;
}

/** One item of a line from `from` up to `stop` (or the end): plain (trimmed) or in double quotes. */
function readItem(line: string, from: number, stop: string): { text: string; end: number } | undefined {
	let at = from;
	while (at < line.length && (line[at] === ' ' || line[at] === '\t')) at += 1;
	if (line[at] !== '"') {
		const end = line.indexOf(stop, at);
		const until = end === -1 ? line.length : end;
		const text = line.slice(at, until).trim();
		return text.includes('"') ? undefined : { text, end: until };
	}
	let text = '';
	at += 1;
	for (;;) {
		const quote = line.indexOf('"', at);
		if (quote === -1) return undefined;
		text += line.slice(at, quote);
		if (line[quote + 1] === '"') {
			text += '"';
			at = quote + 2;
			continue;
		}
		at = quote + 1;
		break;
	}
	while (at < line.length && (line[at] === ' ' || line[at] === '\t')) at += 1;
	if (at < line.length && line[at] !== stop) return undefined;
	return { text, end: at };
}

/** A name or value as the textarea writes it: in quotes when it holds a comma, colon or quote. */
function formatItem(text: string): string {
	return /[,:"]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The dimensions as the textarea shows them (inverse of `parseDimensionsText`). */
export function formatDimensionsText(dimensions: Dimensions): string {
	return Object.entries(dimensions)
		.map(([name, values]) => `${formatItem(name)}: ${values.map(formatItem).join(', ')}`)
		.join('\n');
}

/** True when every dimension name and value can be part of a group key and there are limits kept. */
export function dimensionsAreValid(dimensions: Dimensions): boolean {
	const names = Object.keys(dimensions);
	if (names.length > MAX_DIMENSIONS) return false;
	return names.every((name) => {
		const values = dimensions[name];
		return (
			groupPartProblem(name) === null &&
			!RESERVED_DIMENSION_NAMES.has(name.toLowerCase()) &&
			name.length <= MAX_VALUE_CODE &&
			Array.isArray(values) &&
			values.length >= 1 &&
			values.length <= MAX_DIMENSION_VALUES &&
			new Set(values).size === values.length &&
			values.every((item) => typeof item === 'string' && groupPartProblem(item) === null && item.length <= MAX_VALUE_CODE)
		);
	});
}

const dimensionsField = z.preprocess(
	(value) => parseDimensionsText(value) ?? null,
	z.custom<Dimensions>((value) => value !== null && typeof value === 'object' && dimensionsAreValid(value as Dimensions), { error: 'indicator_dimensions_invalid' })
);

/** Fields shared by the create and update forms of an indicator definition. */
const definitionFields = {
	title: z.preprocess(
		(value) => (value === undefined || value === null ? '' : value),
		z.string().trim().min(1, { error: 'indicator_title_required' }).max(MAX_TITLE, { error: 'indicator_title_too_long' })
	),
	description: text(MAX_DESCRIPTION, 'indicator_description_too_long'),
	methodology: text(MAX_METHODOLOGY, 'indicator_methodology_too_long'),
	type: z.enum(INDICATOR_TYPES, { error: 'indicator_type_invalid' }),
	rightCode: optionalCode(RIGHT_CODE, 'indicator_right_invalid'),
	attribute: optionalCode(ATTRIBUTE, 'indicator_attribute_invalid'),
	sdgTargets: codeList(SDG_TARGET, 'indicator_sdg_invalid'),
	principles: codeList(PRINCIPLE, 'indicator_principle_invalid'),
	unit: z.enum(INDICATOR_UNITS, { error: 'indicator_unit_invalid' }),
	currency: z.preprocess((value) => (typeof value === 'string' ? value.trim().toUpperCase() : value), optionalCode(CURRENCY, 'indicator_currency_invalid')),
	direction: z.enum(INDICATOR_DIRECTIONS, { error: 'indicator_direction_invalid' }),
	bandLow: optionalDecimal('indicator_band_invalid'),
	bandHigh: optionalDecimal('indicator_band_invalid'),
	dimensions: dimensionsField,
	baselineValue: optionalDecimal('indicator_baseline_invalid'),
	baselinePeriod: optionalPeriod('indicator_period_invalid'),
	targetValue: optionalDecimal('indicator_target_invalid'),
	targetPeriod: optionalPeriod('indicator_period_invalid'),
	source: z.preprocess(blankToNull, z.string().trim().max(MAX_SOURCE, { error: 'indicator_source_too_long' }).nullable()),
	unitText: publishedText('indicator_unit_text_invalid'),
	seriesText: publishedText('indicator_series_text_invalid'),
	dataLanguage: z.preprocess(blankToNull, z.string({ error: 'indicator_language_invalid' }).trim().regex(LANGUAGE_TAG, { error: 'indicator_language_invalid' }).nullable())
};

type DefinitionShape = { [K in keyof typeof definitionFields]: z.output<(typeof definitionFields)[K]> };

/** Rules across fields: currency for money, a band for target_band, baseline before target. */
function checkDefinition(value: DefinitionShape, context: z.core.$RefinementCtx<DefinitionShape>): void {
	if (value.unit === 'currency' && !value.currency) context.addIssue({ code: 'custom', message: 'indicator_currency_invalid', path: ['currency'] });
	if (value.direction === 'target_band') {
		if (value.bandLow === null) context.addIssue({ code: 'custom', message: 'indicator_band_required', path: ['bandLow'] });
		if (value.bandHigh === null) context.addIssue({ code: 'custom', message: 'indicator_band_required', path: ['bandHigh'] });
		if (value.bandLow !== null && value.bandHigh !== null && value.bandLow > value.bandHigh) {
			context.addIssue({ code: 'custom', message: 'indicator_band_invalid', path: ['bandHigh'] });
		}
	}
	checkBaselineAndTarget(value, context as z.core.$RefinementCtx<BaselineAndTarget>);
}

type BaselineAndTarget = Pick<DefinitionShape, 'baselineValue' | 'baselinePeriod' | 'targetValue' | 'targetPeriod'>;

/** A baseline and a target each need a value and a period, and the target comes after the baseline. */
function checkBaselineAndTarget(value: BaselineAndTarget, context: z.core.$RefinementCtx<BaselineAndTarget>): void {
	if ((value.baselineValue === null) !== (value.baselinePeriod === null)) {
		context.addIssue({ code: 'custom', message: 'indicator_baseline_incomplete', path: [value.baselineValue === null ? 'baselineValue' : 'baselinePeriod'] });
	}
	if ((value.targetValue === null) !== (value.targetPeriod === null)) {
		context.addIssue({ code: 'custom', message: 'indicator_target_incomplete', path: [value.targetValue === null ? 'targetValue' : 'targetPeriod'] });
	}
	// Field problems do not stop these checks: compare only periods that are valid themselves.
	if (value.baselinePeriod && value.targetPeriod && isValidPeriod(value.baselinePeriod) && isValidPeriod(value.targetPeriod) && comparePeriods(value.baselinePeriod, value.targetPeriod) >= 0) {
		context.addIssue({ code: 'custom', message: 'indicator_target_before_baseline', path: ['targetPeriod'] });
	}
}

/**
 * What a city may set of its own when it adopts a library indicator: the breakdown it reports
 * (instead of the library's suggestion), its baseline and target, and the source of its data.
 */
export const adoptionSettingsSchema = z
	.object({
		dimensions: dimensionsField.optional(),
		baselineValue: definitionFields.baselineValue,
		baselinePeriod: definitionFields.baselinePeriod,
		targetValue: definitionFields.targetValue,
		targetPeriod: definitionFields.targetPeriod,
		source: definitionFields.source
	})
	.superRefine(checkBaselineAndTarget);
export interface AdoptionSettings {
	dimensions?: Dimensions | string;
	baselineValue?: number | string | null;
	baselinePeriod?: string | null;
	targetValue?: number | string | null;
	targetPeriod?: string | null;
	source?: string | null;
}

/** A new indicator definition (the code is fixed once created). */
export const newIndicatorSchema = z
	.object({
		code: z.preprocess(
			(value) => (typeof value === 'string' ? value.trim().toLowerCase() : value),
			z.string({ error: 'indicator_code_required' }).min(1, { error: 'indicator_code_required' }).max(MAX_CODE, { error: 'indicator_code_invalid' }).regex(INDICATOR_CODE_PATTERN, { error: 'indicator_code_invalid' })
		),
		...definitionFields
	})
	.superRefine(checkDefinition);
export type NewIndicator = z.output<typeof newIndicatorSchema>;

/** An edit of a definition; `version` is the one the editor saw (optimistic concurrency). */
export const indicatorUpdateSchema = z
	.object({
		version: z.preprocess((value) => (typeof value === 'string' && /^\d{1,9}$/.test(value.trim()) ? Number(value) : value), z.number({ error: 'indicator_version_invalid' }).int({ error: 'indicator_version_invalid' }).min(1, { error: 'indicator_version_invalid' })),
		...definitionFields
	})
	.superRefine(checkDefinition);
export type IndicatorUpdate = z.output<typeof indicatorUpdateSchema>;

/**
 * An observation: period, the group (one value per dimension; `{}` = total), value, status.
 * The group's values are checked against the indicator's dimensions by the service.
 */
export const observationSchema = z.object({
	period: z.preprocess((value) => (typeof value === 'string' ? value.trim() : value), z.string({ error: 'observation_period_invalid' }).refine(isValidPeriod, { error: 'observation_period_invalid' })),
	group: z.preprocess(
		(value) => value ?? {},
		z.record(z.string(), z.string({ error: 'observation_group_invalid' }).trim(), { error: 'observation_group_invalid' })
	),
	value: z.preprocess(
		(value) => (value === undefined || (typeof value === 'string' && value.trim() === '') ? undefined : value === null ? null : (parseDecimal(value) ?? Number.NaN)),
		z.number({ error: (issue) => (issue.input === undefined ? 'observation_value_required' : 'observation_value_invalid') }).nullable()
	),
	status: z.preprocess(blankToUndefined, z.enum(OBSERVATION_STATUSES, { error: 'observation_status_invalid' }).default('final')),
	source: z.preprocess(blankToNull, z.string().trim().max(MAX_SOURCE, { error: 'observation_source_too_long' }).nullable()),
	note: z.preprocess(blankToNull, z.string().trim().max(MAX_NOTE, { error: 'observation_note_too_long' }).nullable())
});
export type ObservationInput = z.output<typeof observationSchema>;

/**
 * Why a value does not fit the indicator's unit, or null: counts and rates are not negative,
 * yes/no is 0 or 1. (Percentages may be negative or above 100: gaps and changes are percentages too.)
 *
 * @example observationValueProblem('yes_no', 2) // 'observation_value_out_of_range'
 */
export function observationValueProblem(unit: IndicatorUnit, value: number | null): 'observation_value_out_of_range' | null {
	if (value === null) return null;
	if (unit === 'yes_no') return value === 0 || value === 1 ? null : 'observation_value_out_of_range';
	if ((unit === 'count' || unit === 'per_100k' || unit === 'per_1000') && value < 0) return 'observation_value_out_of_range';
	return null;
}

/** Every rule code these schemas and the indicator services report (pages translate `admin_error_<rule>`). */
export const INDICATOR_RULES = [
	'indicator_code_required',
	'indicator_code_invalid',
	'indicator_code_taken',
	'indicator_title_required',
	'indicator_title_too_long',
	'indicator_description_too_long',
	'indicator_methodology_too_long',
	'indicator_type_invalid',
	'indicator_right_invalid',
	'indicator_attribute_invalid',
	'indicator_sdg_invalid',
	'indicator_principle_invalid',
	'indicator_unit_invalid',
	'indicator_currency_invalid',
	'indicator_direction_invalid',
	'indicator_band_required',
	'indicator_band_invalid',
	'indicator_dimensions_invalid',
	'indicator_dimension_in_use',
	'indicator_baseline_invalid',
	'indicator_baseline_incomplete',
	'indicator_target_invalid',
	'indicator_target_incomplete',
	'indicator_period_invalid',
	'indicator_target_before_baseline',
	'indicator_source_too_long',
	'indicator_unit_text_invalid',
	'indicator_series_text_invalid',
	'indicator_language_invalid',
	'indicator_version_invalid',
	'indicator_already_adopted',
	'indicator_link_target_not_found',
	'observation_period_invalid',
	'observation_group_invalid',
	'observation_value_required',
	'observation_value_invalid',
	'observation_value_out_of_range',
	'observation_status_invalid',
	'observation_source_too_long',
	'observation_note_too_long',
	'observation_duplicate'
] as const;

/** A FormData as the definition schemas take it: repeated `sdgTargets`/`principles` kept as arrays. */
export function indicatorFormInput(form: FormData): Record<string, unknown> {
	const raw: Record<string, unknown> = {};
	for (const [key, value] of form.entries()) {
		if (typeof value !== 'string') continue;
		if (key === 'sdgTargets' || key === 'principles') (raw[key] as string[] | undefined)?.push(value) ?? (raw[key] = [value]);
		else if (!(key in raw)) raw[key] = value;
	}
	return raw;
}

/** A FormData as `observationSchema` takes it: fields named `group.<dimension>` form the group. */
export function observationFormInput(form: FormData): Record<string, unknown> {
	const raw: Record<string, unknown> = {};
	const group: Record<string, string> = {};
	for (const [key, value] of form.entries()) {
		if (typeof value !== 'string') continue;
		if (key.startsWith('group.')) group[key.slice('group.'.length)] = value;
		else if (!(key in raw)) raw[key] = value;
	}
	raw.group = group;
	return raw;
}

