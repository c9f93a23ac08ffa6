/**
 * Domain types of the indicators module and their mapping from rows: what services return and
 * pages show (parsed JSON, camelCase), never raw rows.
 */
import { parseLocalizedText, type LocalizedText } from '../../i18n/localized-text.ts';
import { parseGroupKey, type GroupValues } from './group-key.ts';
import type {
	Dimensions,
	IndicatorDirection,
	IndicatorLibraryTable,
	IndicatorRow,
	IndicatorType,
	IndicatorUnit,
	ObservationRow,
	ObservationStatus
} from './indicators.tables.ts';

export interface PeriodValue {
	value: number;
	/** ISO period, e.g. `2019` */
	period: string;
}

export interface Indicator {
	id: string;
	cityId: string;
	code: string;
	/** The library code when adopted from the network library (shared, comparable across cities). */
	libraryCode: string | null;
	title: LocalizedText;
	description: LocalizedText;
	methodology: LocalizedText;
	type: IndicatorType;
	/** `udhr:25` */
	rightCode: string | null;
	attribute: string | null;
	sdgTargets: string[];
	principles: string[];
	unit: IndicatorUnit;
	currency: string | null;
	direction: IndicatorDirection;
	/** For `target_band`: the band `[low, high]`. */
	band: { low: number; high: number } | null;
	dimensions: Dimensions;
	baseline: PeriodValue | null;
	target: PeriodValue | null;
	source: string | null;
	/** The unit as the indicator's files write it (`Porcentaje`), or null. */
	unitText: string | null;
	/** The indicator's own (headline) series as its files write it, or null. */
	seriesText: string | null;
	/** BCP 47 language of the dimension names and values, or null when not known. */
	dataLanguage: string | null;
	version: number;
	createdAt: string;
	updatedAt: string;
}

export interface Observation {
	id: string;
	indicatorId: string;
	period: string;
	/** Canonical key, `''` = total. */
	groupKey: string;
	group: GroupValues;
	/** null = reported as missing */
	value: number | null;
	status: ObservationStatus;
	source: string | null;
	note: string | null;
	/** What the published file had beyond the key (see `ObservationTable.extras`); `{}` when nothing. */
	extras: Record<string, string>;
	createdAt: string;
	updatedAt: string;
}

export interface LibraryEntry {
	code: string;
	title: LocalizedText;
	description: LocalizedText;
	type: IndicatorType;
	rightCode: string | null;
	attribute: string | null;
	sdgTargets: string[];
	principles: string[];
	unit: IndicatorUnit;
	direction: IndicatorDirection;
	dimensions: Dimensions;
	/** Where it is used in practice. */
	source: string;
	methodology: LocalizedText;
	/** Caveats on comparing cities. */
	comparability: LocalizedText;
	/** The wording was seen in an available source. */
	confirmed: boolean;
	position: number;
}

export function parseJsonArray(json: string | null | undefined): string[] {
	if (!json) return [];
	try {
		const value: unknown = JSON.parse(json);
		return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
	} catch {
		return [];
	}
}

export function parseDimensions(json: string | null | undefined): Dimensions {
	if (!json) return {};
	try {
		const value: unknown = JSON.parse(json);
		if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
		const dimensions: Dimensions = {};
		for (const [name, values] of Object.entries(value as Record<string, unknown>)) {
			if (Array.isArray(values)) dimensions[name] = values.filter((item): item is string => typeof item === 'string');
		}
		return dimensions;
	} catch {
		return {};
	}
}

/** The extras of an observation: a JSON object of texts (anything else reads as none). */
export function parseExtras(json: string | null | undefined): Record<string, string> {
	if (!json) return {};
	try {
		const value: unknown = JSON.parse(json);
		if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
		return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
	} catch {
		return {};
	}
}

function periodValue(value: number | null, period: string | null): PeriodValue | null {
	return value === null || period === null ? null : { value, period };
}

export function toIndicator(row: IndicatorRow): Indicator {
	return {
		id: row.id,
		cityId: row.city_id,
		code: row.code,
		libraryCode: row.library_code,
		title: parseLocalizedText(row.title),
		description: parseLocalizedText(row.description),
		methodology: parseLocalizedText(row.methodology),
		type: row.type,
		rightCode: row.right_code,
		attribute: row.attribute,
		sdgTargets: parseJsonArray(row.sdg_targets),
		principles: parseJsonArray(row.principles),
		unit: row.unit,
		currency: row.currency,
		direction: row.direction,
		band: row.band_low === null || row.band_high === null ? null : { low: row.band_low, high: row.band_high },
		dimensions: parseDimensions(row.dimensions),
		baseline: periodValue(row.baseline_value, row.baseline_period),
		target: periodValue(row.target_value, row.target_period),
		source: row.source,
		unitText: row.unit_text,
		seriesText: row.series_text,
		dataLanguage: row.data_language,
		version: row.version,
		createdAt: row.created_at,
		updatedAt: row.updated_at
	};
}

/** The values of a stored key; a key written outside the services that is not canonical reads as its raw text. */
function groupOf(key: string): GroupValues {
	try {
		return parseGroupKey(key);
	} catch {
		return { group: key };
	}
}

export function toObservation(row: ObservationRow): Observation {
	return {
		id: row.id,
		indicatorId: row.indicator_id,
		period: row.period,
		groupKey: row.group_key,
		group: groupOf(row.group_key),
		value: row.value === null ? null : Number(row.value),
		status: row.status,
		source: row.source,
		note: row.note,
		extras: parseExtras(row.extras),
		createdAt: row.created_at,
		updatedAt: row.updated_at
	};
}

export function toLibraryEntry(row: IndicatorLibraryTable): LibraryEntry {
	return {
		code: row.code,
		title: parseLocalizedText(row.title),
		description: parseLocalizedText(row.description),
		type: row.type,
		rightCode: row.right_code,
		attribute: row.attribute,
		sdgTargets: parseJsonArray(row.sdg_targets),
		principles: parseJsonArray(row.principles),
		unit: row.unit,
		direction: row.direction,
		dimensions: parseDimensions(row.dimensions),
		source: row.source,
		methodology: parseLocalizedText(row.methodology),
		comparability: parseLocalizedText(row.comparability),
		confirmed: row.confirmed === 1,
		position: row.position
	};
}

/** What the ledger records of an indicator (the stored fields a reader cares about). */
export function indicatorSnapshot(indicator: Indicator): Record<string, unknown> {
	return {
		code: indicator.code,
		library_code: indicator.libraryCode,
		title: indicator.title,
		description: indicator.description,
		methodology: indicator.methodology,
		type: indicator.type,
		right_code: indicator.rightCode,
		attribute: indicator.attribute,
		sdg_targets: indicator.sdgTargets,
		principles: indicator.principles,
		unit: indicator.unit,
		currency: indicator.currency,
		direction: indicator.direction,
		band: indicator.band,
		dimensions: indicator.dimensions,
		baseline: indicator.baseline,
		target: indicator.target,
		source: indicator.source,
		unit_text: indicator.unitText,
		series_text: indicator.seriesText,
		data_language: indicator.dataLanguage
	};
}

/** What the ledger records of an observation. */
export function observationSnapshot(observation: Observation, indicatorCode: string): Record<string, unknown> {
	return {
		indicator: indicatorCode,
		period: observation.period,
		group: observation.groupKey,
		value: observation.value,
		status: observation.status,
		source: observation.source,
		note: observation.note
	};
}
