/**
 * Starting from the file (issue 11 §2): the definition of a new indicator read from an Open SDG
 * data file, to be shown for confirmation before anything is saved (`import-indicators --define`
 * and the admin's "new indicator from a file" step), then created through `createIndicator` like
 * any other.
 *
 * - Code from the file name: `indicator_1-2-1.csv` → `sdg:1.2.1` (an SDG indicator number), any
 *   other name its stem in lower case (`indicator_housing-temporary-accommodation.csv` →
 *   `housing-temporary-accommodation`).
 * - Dimensions: every column that is not one of Open SDG's own (`OPEN_SDG_COLUMNS`), with its
 *   values in the order the file first uses them.
 * - Unit: the file's most frequent `Units` text becomes the indicator's unit text, and its unit the
 *   platform unit that text names (`unitMatches`: `Porcentaje` → percent), else `index` (a number
 *   without rules) for the person confirming to choose. Likewise the most frequent `Series` becomes
 *   the headline series.
 */
import { readCsvSync, CsvError } from '../../csv/index.ts';
import type { Dimensions, IndicatorUnit } from '../indicators.tables.ts';
import { formatDimensionsText, INDICATOR_CODE_PATTERN, INDICATOR_UNITS, MAX_DIMENSION_VALUES, OPEN_SDG_COLUMNS } from '../indicators.schema.ts';
import { headerName } from './import-formats.ts';
import { unitMatches } from './import-cells.ts';

const NOT_DIMENSIONS = new Set(OPEN_SDG_COLUMNS.map((name) => name.toLowerCase()));

export interface IndicatorProposal {
	/** The file the proposal was read from. */
	file: string;
	code: string;
	unit: IndicatorUnit;
	/** True when `unit` was recognised from the file's unit text (else it is a default to confirm). */
	unitRecognised: boolean;
	unitText: string | null;
	seriesText: string | null;
	dimensions: Dimensions;
	/** Every distinct Units and Series text of the file (more than one: the others stay series of their own). */
	units: string[];
	series: string[];
	/** Data rows read. */
	rows: number;
}

export type ProposalProblem = 'no_code' | 'not_open_sdg' | 'unreadable' | 'too_many_values';

/**
 * The indicator code a file name proposes, or null when the name proposes none.
 *
 * @example codeFromFileName('data/indicator_1-2-1.csv') // 'sdg:1.2.1'
 */
export function codeFromFileName(fileName: string): string | null {
	const stem = fileName
		.replace(/^.*[\\/]/, '')
		.replace(/\.csv$/i, '')
		.replace(/^indicator_/i, '')
		.toLowerCase();
	if (/^(?:[1-9]|1[0-7])(?:-[0-9a-z]{1,2}){2,3}$/.test(stem)) return `sdg:${stem.replace(/-/g, '.')}`;
	return INDICATOR_CODE_PATTERN.test(stem) ? stem : null;
}

function mostFrequent(counts: Map<string, number>): string | null {
	let best: string | null = null;
	let bestCount = 0;
	for (const [text, count] of counts) {
		if (count > bestCount) {
			best = text;
			bestCount = count;
		}
	}
	return best;
}

/** The proposal a whole Open SDG file (in memory) makes, or the problem that stops it. */
export function proposeIndicator(fileName: string, content: Uint8Array | string): { ok: true; proposal: IndicatorProposal } | { ok: false; problem: ProposalProblem; detail?: string } {
	const code = codeFromFileName(fileName);
	if (code === null) return { ok: false, problem: 'no_code' };
	let header: string[] | undefined;
	const dimensionValues: { name: string; index: number; values: Set<string> }[] = [];
	const units = new Map<string, number>();
	const series = new Map<string, number>();
	let iUnits = -1;
	let iSeries = -1;
	let rows = 0;
	try {
		for (const { fields } of readCsvSync(content)) {
			if (header === undefined) {
				header = fields.map((field) => field.trim());
				const names = header.map(headerName);
				if (!names.includes('year') || !names.includes('value')) return { ok: false, problem: 'not_open_sdg' };
				iUnits = names.indexOf('units');
				iSeries = names.indexOf('series');
				header.forEach((name, index) => {
					if (!NOT_DIMENSIONS.has(headerName(name)) && name !== '') dimensionValues.push({ name, index, values: new Set() });
				});
				continue;
			}
			if (fields.every((field) => field.trim() === '')) continue;
			rows += 1;
			for (const dimension of dimensionValues) {
				const cell = fields[dimension.index]?.trim() ?? '';
				if (cell === '') continue;
				dimension.values.add(cell);
				if (dimension.values.size > MAX_DIMENSION_VALUES) return { ok: false, problem: 'too_many_values', detail: dimension.name };
			}
			for (const [index, counts] of [
				[iUnits, units],
				[iSeries, series]
			] as const) {
				const cell = index >= 0 ? (fields[index]?.trim() ?? '') : '';
				if (cell !== '') counts.set(cell, (counts.get(cell) ?? 0) + 1);
			}
		}
	} catch (error) {
		if (error instanceof CsvError) return { ok: false, problem: 'unreadable', detail: error.message };
		throw error;
	}
	if (header === undefined) return { ok: false, problem: 'not_open_sdg' };
	const unitText = mostFrequent(units);
	const recognised = unitText === null ? undefined : INDICATOR_UNITS.find((unit) => unit !== 'currency' && unitMatches(unit, unitText, null));
	return {
		ok: true,
		proposal: {
			file: fileName,
			code,
			unit: recognised ?? 'index',
			unitRecognised: recognised !== undefined,
			// A text that only repeats the unit's code says nothing of its own.
			unitText: unitText !== null && unitText.toLowerCase() !== recognised ? unitText : null,
			seriesText: mostFrequent(series),
			dimensions: Object.fromEntries(dimensionValues.filter((dimension) => dimension.values.size > 0).map((dimension) => [dimension.name, [...dimension.values]])),
			units: [...units.keys()],
			series: [...series.keys()],
			rows
		}
	};
}

/** The definition form of a proposal (what `createIndicator` takes), with the choices the person confirmed. */
export function proposalForm(proposal: IndicatorProposal, choices: { title?: string; unit?: IndicatorUnit; direction?: string; dataLanguage?: string | null } = {}): Record<string, string> {
	return {
		code: proposal.code,
		title: choices.title ?? proposal.code,
		type: 'outcome',
		unit: choices.unit ?? proposal.unit,
		direction: choices.direction ?? 'higher_is_better',
		dimensions: formatDimensionsText(proposal.dimensions),
		unitText: proposal.unitText ?? '',
		seriesText: proposal.seriesText ?? '',
		dataLanguage: choices.dataLanguage ?? ''
	};
}
