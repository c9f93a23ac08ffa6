/**
 * Exports of a city's indicator data, streamed as text chunks (one per page of observations):
 *
 * - `exportOpenSdgCsv` — the Open SDG data file of one indicator: `Year`, one column per
 *   dimension (empty = total), `Units`, `Value` (empty = missing), plus `Status` only when some
 *   observation is provisional. Importing it back (Open SDG format) restores every key and value.
 * - `exportJson` — the indicator's definition and all its observations.
 * - `exportSdmxCsv` — SDMX-CSV 2.0 of one or all indicators (see `SDMX` below).
 *
 * The CSV files are written by the CSV module (`csvRow`: RFC 4180, CRLF, no BOM — these are
 * machine formats). Each checks what it needs first (so a route can answer 404 before streaming)
 * and resolves to an async iterable; the CSV module's `toByteStream` turns one into a web stream.
 *
 * @example
 *   const chunks = await exportOpenSdgCsv(db, york.id, 'housing.temporary-accommodation');
 *   return new Response(toByteStream(chunks), { headers: { 'content-type': 'text/csv; charset=utf-8' } });
 */
import type { Db } from '../../db/database.ts';
import { findCitySlug } from '../../cities/index.ts';
import { DomainError } from '../../errors.ts';
import { parseGroupKey } from '../group-key.ts';
import { parseExtras, toIndicator, type Indicator } from '../indicator-model.ts';
import { dimensionId, disambiguate, valueCode } from './sdmx-ids.ts';
import type { IndicatorRow, ObservationRow } from '../indicators.tables.ts';
import { csvRow } from '../../csv/index.ts';
import * as repository from './export.repository.ts';

const PAGE_ROWS = 5000;

/** Every observation of an indicator, in key order, a page at a time. */
async function* observationPages(db: Db, cityId: string, indicatorId: string): AsyncGenerator<ObservationRow[]> {
	let after: { period: string; groupKey: string } | null = null;
	for (;;) {
		const page = await repository.observationPage(db, cityId, indicatorId, after, PAGE_ROWS);
		if (page.length === 0) return;
		yield page;
		if (page.length < PAGE_ROWS) return;
		const last = page[page.length - 1]!;
		after = { period: last.period, groupKey: last.group_key };
	}
}

async function liveIndicator(db: Db, cityId: string, code: string): Promise<IndicatorRow> {
	const row = await repository.findLiveIndicator(db, cityId, code);
	if (!row) throw new DomainError('indicator_not_found', `No indicator "${code}"`, { code });
	return row;
}

/** The values of a stored key (a key not written by the services reads as no group). */
function groupOf(key: string): Record<string, string> {
	try {
		return parseGroupKey(key);
	} catch {
		return {};
	}
}

function valueText(value: number | null): string {
	return value === null ? '' : String(Number(value));
}

/** The value as published when the observation kept its text (`8.0`) and it still reads as the stored number. */
function publishedValue(value: number | null, extras: Record<string, string>): string {
	const text = extras.Value;
	return value !== null && text !== undefined && Number(text) === Number(value) ? text : valueText(value);
}

/** Open SDG columns an import keeps in `extras` but writes in columns of their own here. */
const OWN_COLUMNS = new Set(['Value', 'Units', 'Series']);

/**
 * The Open SDG data file of one indicator (see the module comment): `Year`, the dimensions,
 * `Units`, `Series` (when some observation has one), the Open SDG columns the imported files had
 * (`GeoCode`, `COMMENT_OBS`, … as written), `Value` (as published: `8.0` stays `8.0`), and
 * `Status` when some observation is provisional (not for a `site`: there Value is last and GeoCode
 * just before it). A unit or series other than the indicator's own
 * (the key's `Units=` / `Series=`) goes back into its column.
 *
 * @throws DomainError indicator_not_found
 */
export async function exportOpenSdgCsv(db: Db, cityId: string, indicatorCode: string, options: { site?: boolean } = {}): Promise<AsyncIterable<string>> {
	const row = await liveIndicator(db, cityId, indicatorCode);
	const indicator = toIndicator(row);
	const dimensions = Object.keys(indicator.dimensions);
	// An Open SDG site's build wants Value last and GeoCode just before it (open-sdg-site.ts).
	const withStatus = !options.site && (await repository.hasProvisional(db, cityId, row.id));
	// A first pass over the extras names the columns (a kept column appears in any order of rows).
	const kept = new Set<string>();
	let withSeries = indicator.seriesText !== null;
	for await (const page of observationPages(db, cityId, row.id)) {
		for (const observation of page) {
			if (observation.group_key.includes('Series=')) withSeries = true;
			if (observation.extras === null) continue;
			for (const name of Object.keys(parseExtras(observation.extras))) {
				if (name === 'Series') withSeries = true;
				else if (!OWN_COLUMNS.has(name)) kept.add(name);
			}
		}
	}
	const extraColumns = [...kept].sort((a, b) => (options.site ? Number(a === 'GeoCode') - Number(b === 'GeoCode') : 0) || (a < b ? -1 : a > b ? 1 : 0));
	const units = indicator.unitText ?? indicator.unit;
	return (async function* () {
		yield csvRow(['Year', ...dimensions, 'Units', ...(withSeries ? ['Series'] : []), ...extraColumns, 'Value', ...(withStatus ? ['Status'] : [])]);
		for await (const page of observationPages(db, cityId, row.id)) {
			let chunk = '';
			for (const observation of page) {
				const group = groupOf(observation.group_key);
				const extras = parseExtras(observation.extras);
				chunk += csvRow([
					observation.period,
					...dimensions.map((dimension) => group[dimension] ?? ''),
					group.Units ?? extras.Units ?? units,
					...(withSeries ? [group.Series ?? extras.Series ?? indicator.seriesText ?? ''] : []),
					...extraColumns.map((name) => extras[name] ?? ''),
					publishedValue(observation.value, extras),
					...(withStatus ? [observation.status] : [])
				]);
			}
			yield chunk;
		}
	})();
}

/**
 * One indicator as JSON: `{ "city": slug, "indicator": {definition}, "observations": [{ period, group,
 * groupKey, value, status, source, note, updatedAt }, …] }`, streamed.
 *
 * @throws DomainError indicator_not_found
 */
export async function exportJson(db: Db, cityId: string, indicatorCode: string): Promise<AsyncIterable<string>> {
	const row = await liveIndicator(db, cityId, indicatorCode);
	const slug = await findCitySlug(db, cityId);
	const { cityId: _city, ...definition } = toIndicator(row);
	return (async function* () {
		yield `{"city":${JSON.stringify(slug ?? null)},"indicator":${JSON.stringify(definition)},"observations":[`;
		let first = true;
		for await (const page of observationPages(db, cityId, row.id)) {
			let chunk = '';
			for (const observation of page) {
				chunk += (first ? '\n' : ',\n') + JSON.stringify({
					period: observation.period,
					group: groupOf(observation.group_key),
					groupKey: observation.group_key,
					value: observation.value === null ? null : Number(observation.value),
					status: observation.status,
					source: observation.source,
					note: observation.note,
					extras: parseExtras(observation.extras),
					updatedAt: observation.updated_at
				});
				first = false;
			}
			yield chunk;
		}
		yield '\n]}\n';
	})();
}

/**
 * SDMX-CSV 2.0 as this platform writes it. Columns: `STRUCTURE,STRUCTURE_ID,ACTION`, the
 * dimensions `REF_AREA` (the city's slug), `INDICATOR` (`indicatorId`), `TIME_PERIOD` (the ISO
 * period), then one column per disaggregation dimension (`dimensionId`; the cell is the value's
 * code, `valueCode`; `_T` = total, `_Z` = not applicable to this indicator), then `SERIES` and
 * `UNITS` when some observation is of a series or unit other than its indicator's own (the text as
 * published; see import-formats.ts), then `OBS_VALUE` (empty when missing) and the attributes
 * `UNIT_MEASURE` (the unit code in upper case, the ISO currency, or the published unit) and
 * `OBS_STATUS` (`A` final, `P` provisional, `M` missing). The names of everything, in their
 * languages, are in the structure file `exportSdmxStructure` writes (sdmx-structure.ts).
 */
export const SDMX = {
	structure: 'dataflow',
	agency: 'RIGHTSCITY',
	dataflow: 'DF_HRC_INDICATORS',
	dataStructure: 'DSD_HRC_INDICATORS',
	version: '1.0',
	structureId: 'RIGHTSCITY:DF_HRC_INDICATORS(1.0)',
	action: 'I',
	total: '_T',
	notApplicable: '_Z',
	missing: ''
} as const;

/** An indicator code as an SDMX code: `.` as `_`, a namespace's `:` as `__` (`sdg:1.2.1` → `sdg__1_2_1`; codes hold no `_`, so no two meet). */
export function indicatorId(code: string): string {
	return code.replace(':', '__').replace(/\./g, '_');
}

/** What an SDMX export holds: its indicators, the ids of their dimensions and values, and whether series or units columns are needed. */
export interface SdmxPlan {
	slug: string;
	indicators: Indicator[];
	/** Dimension name → component id, over all the indicators (collision-free). */
	dimensionIds: Map<string, string>;
	/** Component ids in column order. */
	columns: string[];
	/** Per dimension name, value → code (collision-free within the dimension). */
	valueCodes: Map<string, Map<string, string>>;
	series: boolean;
	units: boolean;
}

/** @throws DomainError indicator_not_found · city_not_found */
export async function sdmxPlan(db: Db, cityId: string, indicatorCode?: string): Promise<SdmxPlan> {
	const slug = await findCitySlug(db, cityId);
	if (slug === undefined) throw new DomainError('city_not_found', 'No such city');
	const rows = indicatorCode === undefined ? await repository.listLiveIndicators(db, cityId) : [await liveIndicator(db, cityId, indicatorCode)];
	const indicators = rows.map(toIndicator);
	const dimensionIds = disambiguate(
		indicators.flatMap((indicator) => Object.keys(indicator.dimensions)),
		dimensionId
	);
	const valueCodes = new Map<string, Map<string, string>>();
	for (const indicator of indicators) {
		for (const [name, values] of Object.entries(indicator.dimensions)) {
			const known = valueCodes.get(name);
			valueCodes.set(name, disambiguate([...(known?.keys() ?? []), ...values], valueCode));
		}
	}
	const ids = indicators.map((indicator) => indicator.id);
	return {
		slug,
		indicators,
		dimensionIds,
		columns: [...new Set(dimensionIds.values())].sort(),
		valueCodes,
		series: indicators.some((indicator) => indicator.seriesText !== null) || (await repository.hasKeyPart(db, cityId, ids, 'Series')),
		units: await repository.hasKeyPart(db, cityId, ids, 'Units')
	};
}

/**
 * SDMX-CSV 2.0 of one indicator, or of every live indicator of the city (see `SDMX`).
 *
 * @throws DomainError indicator_not_found · city_not_found
 */
export async function exportSdmxCsv(db: Db, cityId: string, indicatorCode?: string): Promise<AsyncIterable<string>> {
	const plan = await sdmxPlan(db, cityId, indicatorCode);
	const { columns } = plan;
	return (async function* () {
		yield csvRow(['STRUCTURE', 'STRUCTURE_ID', 'ACTION', 'REF_AREA', 'INDICATOR', 'TIME_PERIOD', ...columns, ...(plan.series ? ['SERIES'] : []), ...(plan.units ? ['UNITS'] : []), 'OBS_VALUE', 'UNIT_MEASURE', 'OBS_STATUS']);
		for (const indicator of plan.indicators) {
			const prefix = [SDMX.structure, SDMX.structureId, SDMX.action, plan.slug, indicatorId(indicator.code)];
			const unit = indicator.unit === 'currency' && indicator.currency ? indicator.currency : indicator.unit.toUpperCase();
			const dimensionOf = new Map(Object.keys(indicator.dimensions).map((dimension) => [plan.dimensionIds.get(dimension)!, dimension]));
			for await (const page of observationPages(db, cityId, indicator.id)) {
				let chunk = '';
				for (const observation of page) {
					const group = groupOf(observation.group_key);
					const missing = observation.value === null;
					chunk += csvRow([
						...prefix,
						observation.period,
						...columns.map((column) => {
							const dimension = dimensionOf.get(column);
							if (dimension === undefined) return SDMX.notApplicable;
							const value = group[dimension];
							return value === undefined ? SDMX.total : (plan.valueCodes.get(dimension)?.get(value) ?? valueCode(value));
						}),
						...(plan.series ? [group.Series ?? indicator.seriesText ?? SDMX.notApplicable] : []),
						...(plan.units ? [group.Units ?? SDMX.notApplicable] : []),
						missing ? SDMX.missing : String(Number(observation.value)),
						group.Units ?? unit,
						missing ? 'M' : observation.status === 'provisional' ? 'P' : 'A'
					]);
				}
				yield chunk;
			}
		}
	})();
}
