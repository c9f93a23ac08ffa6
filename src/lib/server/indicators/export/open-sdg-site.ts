/**
 * A whole city as an Open SDG data folder (issue 11 §6), the layout of open-sdg-data-starter that
 * sdg-build (2.x) reads with `open_sdg_check` / `open_sdg_build`:
 *
 * - `data/indicator_<id>.csv` per live indicator: the Open SDG export (`exportOpenSdgCsv`) with
 *   `Year` first, `Value` last and `GeoCode` just before it, UTF-8 without BOM, `\n` line ends;
 * - `indicator-config/<id>.yml`: `indicator_number`, `indicator_name`, `graph_title`,
 *   `graph_type: line`, `reporting_status` (complete with data, else notstarted),
 *   `data_non_statistical: false`, and `standalone: true` for an indicator that is not an SDG one
 *   (its id is then used as is);
 * - `meta/<id>.yml`: the indicator's description, methodology and source where written;
 * - `config_data.yml` (languages, the three inputs) and `metadata_schema.yml` (Prose format).
 *
 * Ids: `sdg:1.2.1` → `1-2-1`; any other code its dots as dashes (`housing-temporary-accommodation`),
 * `rc-<code>` when that has no dash (sdg-build reads only `*-*` names).
 */
import type { Db } from '../../db/database.ts';
import { fileStem } from '../import/import-cells.ts';
import { toIndicator, type Indicator } from '../indicator-model.ts';
import { exportOpenSdgCsv } from './export.service.ts';
import * as repository from './export.repository.ts';

export interface SiteFile {
	/** Path inside the folder, `/`-separated. */
	path: string;
	chunks: AsyncIterable<string>;
}

/** The id of an indicator in an Open SDG site (see the module comment). */
export function openSdgId(code: string): string {
	const stem = fileStem(code);
	return stem.includes('-') ? stem : `rc-${stem}`;
}

/** A YAML scalar: JSON strings are valid YAML double-quoted scalars. */
const yaml = (value: string | number | boolean) => JSON.stringify(value);

async function* text(value: string): AsyncIterable<string> {
	yield value;
}

async function* unixLines(chunks: AsyncIterable<string>): AsyncIterable<string> {
	for await (const chunk of chunks) yield chunk.replaceAll('\r\n', '\n');
}

function firstText(texts: Record<string, string | undefined>, languages: string[]): string | undefined {
	for (const language of languages) if (texts[language]) return texts[language];
	return Object.values(texts).find((value) => value);
}

function configOf(indicator: Indicator, id: string, hasData: boolean, languages: string[]): string {
	const sdg = /^sdg:/.test(indicator.code);
	const name = firstText(indicator.title, languages) ?? indicator.code;
	return [
		`indicator_number: ${yaml(sdg ? indicator.code.slice(4) : id)}`,
		`indicator_name: ${yaml(name)}`,
		`graph_title: ${yaml(name)}`,
		'graph_type: line',
		`reporting_status: ${hasData ? 'complete' : 'notstarted'}`,
		'data_non_statistical: false',
		'published: true',
		...(sdg ? [] : ['standalone: true']),
		''
	].join('\n');
}

function metaOf(indicator: Indicator, languages: string[]): string {
	const lines: string[] = [];
	const description = firstText(indicator.description, languages);
	const methodology = firstText(indicator.methodology, languages);
	if (description) lines.push(`STAT_CONC_DEF: ${yaml(description)}`);
	if (methodology) lines.push(`COMPILING_ORG_METHOD: ${yaml(methodology)}`);
	if (indicator.source) lines.push(`SOURCE_ORGANISATION_1: ${yaml(indicator.source)}`);
	return lines.length === 0 ? '{}\n' : `${lines.join('\n')}\n`;
}

const SCHEMA = `- name: reporting_status
  field:
    element: select
    label: Reporting status
    options:
      - name: Complete
        value: complete
      - name: In progress
        value: inprogress
      - name: Exploring data sources
        value: notstarted
`;

/**
 * The files of the city's Open SDG data folder, one after another (a writer puts each at its
 * path). `languages` are the site's, the first the default (the indicator names are taken in it).
 *
 * @throws DomainError city_not_found
 */
export async function openSdgSiteFiles(db: Db, cityId: string, languages: string[] = ['en']): Promise<AsyncIterable<SiteFile>> {
	const indicators = (await repository.listLiveIndicators(db, cityId)).map(toIndicator);
	return (async function* () {
		for (const indicator of indicators) {
			const id = openSdgId(indicator.code);
			const hasData = (await repository.observationPage(db, cityId, indicator.id, null, 1)).length > 0;
			yield { path: `data/indicator_${id}.csv`, chunks: unixLines(await exportOpenSdgCsv(db, cityId, indicator.code, { site: true })) };
			yield { path: `indicator-config/${id}.yml`, chunks: text(configOf(indicator, id, hasData, languages)) };
			yield { path: `meta/${id}.yml`, chunks: text(metaOf(indicator, languages)) };
		}
		yield {
			path: 'config_data.yml',
			chunks: text(
				[
					`languages: [${languages.join(', ')}]`,
					'schema_file: metadata_schema.yml',
					"src_dir: ''",
					'inputs:',
					'  - class: InputCsvData',
					'    path_pattern: data/*-*.csv',
					'  - class: InputYamlMeta',
					'    path_pattern: indicator-config/*-*.yml',
					'    git: false',
					'  - class: InputYamlMeta',
					'    path_pattern: meta/*-*.yml',
					'    git: false',
					''
				].join('\n')
			)
		};
		yield { path: 'metadata_schema.yml', chunks: text(SCHEMA) };
	})();
}
