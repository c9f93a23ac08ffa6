/**
 * The network indicator library as data: real-world indicators (York Human Rights City reports,
 * Gwangju's human rights indicators, the OHCHR housing indicators) that any city can adopt, so
 * shared indicators stay comparable. `libraryRows()` gives the rows the migration seeds; each
 * entry's `note` (why it is or is not confirmed) stays in the JSON file, not in the table.
 */
import library from './data/indicator-library.json' with { type: 'json' };
import type { Dimensions, IndicatorDirection, IndicatorLibraryTable, IndicatorType, IndicatorUnit } from './indicators.tables.ts';
import type { LocalizedText } from '../../i18n/localized-text.ts';

export interface LibraryData {
	code: string;
	title: LocalizedText;
	description: LocalizedText;
	type: IndicatorType;
	right_code: string | null;
	attribute: string | null;
	sdg_targets: string[];
	principles: string[];
	unit: IndicatorUnit;
	direction: IndicatorDirection;
	dimensions: Dimensions;
	source: string;
	methodology: LocalizedText;
	comparability: LocalizedText;
	confirmed: boolean;
	note: string;
}

/** The library entries in the data file, in their order. */
export function libraryData(): LibraryData[] {
	return library.entries as unknown as LibraryData[];
}

/** The rows of `indicator_library`, positions in file order. */
export function libraryRows(): IndicatorLibraryTable[] {
	return libraryData().map((entry, index) => ({
		code: entry.code,
		title: JSON.stringify(entry.title),
		description: JSON.stringify(entry.description),
		type: entry.type,
		right_code: entry.right_code,
		attribute: entry.attribute,
		sdg_targets: JSON.stringify(entry.sdg_targets),
		principles: JSON.stringify(entry.principles),
		unit: entry.unit,
		direction: entry.direction,
		dimensions: JSON.stringify(entry.dimensions),
		source: entry.source,
		methodology: JSON.stringify(entry.methodology),
		comparability: JSON.stringify(entry.comparability),
		confirmed: entry.confirmed ? 1 : 0,
		position: index + 1
	}));
}
